import type { AssigneeRule, FlowNode } from '@xlgl/schema';
import { describeAssignee, isAssigneeRuleComplete, resolveAssignees } from '../assignee/assignee.js';
import { isEnclosingFrames } from '../model/blocks.js';
import type { NodeReviewRule, Problem, ReviewScope } from './types.js';

const humanTypes = new Set(['task', 'countersign']);

/** Rule 10: the assignee rule exists and resolves to at least one active user. */
export function checkAssignee(node: FlowNode, scope: ReviewScope, rule: AssigneeRule | undefined, who = ''): Problem[] {
  if (!isAssigneeRuleComplete(rule)) {
    return [{ ruleId: 'flow.assignee-missing', severity: 'error', nodeId: node.id, message: `环节“${node.label}”${who}没有设置办理人规则（角色、岗位、部门或指定人员）` }];
  }
  const { users, item } = scope.context;
  if (!users || !item?.regionCode) return [];
  if (resolveAssignees(rule, users, item.regionCode).length === 0) {
    return [
      {
        ruleId: 'flow.assignee-unresolved',
        severity: 'error',
        nodeId: node.id,
        message: `环节“${node.label}”${who}的办理人规则“${describeAssignee(rule)}”找不到任何在岗用户，发布后无人办理`,
      },
    ];
  }
  return [];
}

/** Rule 11 (per step): a time limit in working days. */
export function checkTimeLimit(node: FlowNode, limit: number | undefined, severity: 'error' | 'warning' = 'error'): Problem[] {
  if (limit !== undefined) return [];
  return [{ ruleId: 'flow.time-limit-missing', severity, nodeId: node.id, message: `环节“${node.label}”没有设置办理时限（工作日）` }];
}

/** Rule 8: returns target an earlier human step in the same or an enclosing block. */
export function checkReturnTargets(node: FlowNode, scope: ReviewScope, actions: readonly string[], targets: readonly string[]): Problem[] {
  const problems: Problem[] = [];
  const { graph, blocks } = scope;
  if (actions.includes('return') && targets.length === 0) {
    problems.push({ ruleId: 'flow.return-target', severity: 'warning', nodeId: node.id, message: `环节“${node.label}”允许退回，但没有指定可退回的环节` });
  }
  const start = graph.starts()[0];
  for (const targetId of targets) {
    const target = graph.nodes.get(targetId);
    if (!target) {
      problems.push({ ruleId: 'flow.return-target', severity: 'error', nodeId: node.id, message: `环节“${node.label}”的退回目标“${targetId}”不存在` });
      continue;
    }
    if (!humanTypes.has(target.type)) {
      problems.push({ ruleId: 'flow.return-target', severity: 'error', nodeId: node.id, message: `环节“${node.label}”只能退回到办理环节，“${target.label}”不是办理环节` });
      continue;
    }
    const earlier =
      target.id !== node.id &&
      graph.reachableFrom([target.id]).has(node.id) &&
      (start === undefined || graph.reachableFrom([start.id], new Set([node.id])).has(target.id));
    if (!earlier) {
      problems.push({ ruleId: 'flow.return-target', severity: 'error', nodeId: node.id, message: `环节“${node.label}”只能退回到它之前的环节，“${target.label}”不在它之前` });
      continue;
    }
    const own = blocks.frames.get(node.id) ?? [];
    const theirs = blocks.frames.get(target.id) ?? [];
    if (!isEnclosingFrames(theirs, own)) {
      problems.push({
        ruleId: 'flow.return-target',
        severity: 'error',
        nodeId: node.id,
        message: `环节“${node.label}”不能退回到“${target.label}”：退回不能跳入另一个并联分支或并联块的中间`,
      });
    }
  }
  return problems;
}

const clockStopWords = ['补正', '补齐', '听证', '检验', '检测', '检疫', '鉴定', '专家评审', '特别程序', '勘验'];

/** Rule 11: steps that in fact stop the clock should be modelled as 补正 / 特别程序 nodes. */
export const checkClockStopMarked: NodeReviewRule = (node) => {
  const word = clockStopWords.find((entry) => node.label.includes(entry));
  if (!word) return [];
  return [
    {
      ruleId: 'flow.clock-stop-unmarked',
      severity: 'warning',
      nodeId: node.id,
      message: `环节“${node.label}”看起来是“${word}”，其时间不应计入办理时限，请改用“补正”或“特别程序”节点`,
    },
  ];
};

/** Field permissions name fields of the bound form. */
export function checkFieldPermissions(node: FlowNode, scope: ReviewScope, permissions: Record<string, string> | undefined): Problem[] {
  const fields = scope.context.form?.fields;
  if (!fields || !permissions) return [];
  const known = new Set(fields.map((field) => field.id));
  return Object.keys(permissions)
    .filter((id) => !known.has(id))
    .map((id) => ({
      ruleId: 'flow.field-permission-unknown',
      severity: 'warning' as const,
      nodeId: node.id,
      message: `环节“${node.label}”为表单中不存在的字段“${id}”设置了权限`,
    }));
}
