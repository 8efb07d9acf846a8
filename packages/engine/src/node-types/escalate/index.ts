import { nodeSettings } from '@xlgl/schema';
import { EngineError } from '../../errors.js';
import { higherRegionCode } from '../../assignee/assignee.js';
import type { EngineNodeType } from '../definition.js';
import type { Problem } from '../../review/types.js';

/** 上报: the case moves to the higher-level centre until a hand-back brings the result down. */
export const escalateNode: EngineNodeType<'escalate'> = {
  type: 'escalate',
  category: 'automatic',
  returnable: false,
  countsTime: false,
  offeredActions: () => [],
  enter(exec, node, token) {
    const settings = nodeSettings(node);
    const regionCode = higherRegionCode(exec.state.regionCode);
    if (!regionCode) throw new EngineError('no-higher-centre', `办件受理于最高一级中心（${exec.state.regionCode}），无法上报`);
    exec.state.escalation = { nodeId: node.id, regionCode, since: exec.now, ...(settings.targetOrganizationId ? { targetOrganizationId: settings.targetOrganizationId } : {}) };
    if (exec.journal) exec.journal.escalationChanged = true;
    exec.history({ action: 'escalate', stage: '上报', nodeId: node.id, nodeLabel: node.label, actorId: exec.actor?.userId, message: `办件上报至上级政务服务中心（${regionCode}）` });
    exec.notify({ kind: 'roles', roleIds: ['role-window'], regionCode }, `下级中心上报了一个办件，请及时办理`);
    exec.leave(token);
  },
  review: [
    // Rule 12: the target exists and is a higher-level centre.
    (node, scope) => {
      const settings = nodeSettings(node);
      const { organizations, item } = scope.context;
      const expected = item?.regionCode ? higherRegionCode(item.regionCode) : undefined;
      if (item?.regionCode && !expected) {
        return [{ ruleId: 'flow.escalate-target', severity: 'error', nodeId: node.id, message: `“${node.label}”：事项在最高一级中心办理，没有可上报的上级中心` }];
      }
      if (!organizations) return [];
      const problems: Problem[] = [];
      if (settings.targetOrganizationId) {
        const target = organizations.find((org) => org.id === settings.targetOrganizationId);
        if (!target) {
          problems.push({ ruleId: 'flow.escalate-target', severity: 'error', nodeId: node.id, message: `“${node.label}”的上报目标“${settings.targetOrganizationId}”不存在` });
        } else if (target.type !== 'centre') {
          problems.push({ ruleId: 'flow.escalate-target', severity: 'error', nodeId: node.id, message: `“${node.label}”的上报目标“${target.name}”不是政务服务中心` });
        } else if (expected && target.regionCode !== expected) {
          problems.push({
            ruleId: 'flow.escalate-target',
            severity: 'error',
            nodeId: node.id,
            message: `“${node.label}”的上报目标“${target.name}”不是受理中心（${item?.regionCode}）的上一级中心（${expected}）`,
          });
        }
      } else if (expected && !organizations.some((org) => org.type === 'centre' && org.regionCode === expected)) {
        problems.push({ ruleId: 'flow.escalate-target', severity: 'error', nodeId: node.id, message: `“${node.label}”：找不到上一级政务服务中心（区划${expected}）` });
      }
      return problems;
    },
    // Rule 12: every path on to a successful end brings the result back down.
    (node, scope) => {
      const { graph } = scope;
      const handBacks = new Set(scope.flow.nodes.filter((entry) => entry.type === 'hand-back').map((entry) => entry.id));
      const approvedEnds = new Set(
        graph.ends().filter((end) => (scope.settings(end) as { outcome?: string } | undefined)?.outcome === 'approved').map((end) => end.id),
      );
      const path = graph.shortestPath(node.id, approvedEnds, handBacks);
      if (!path) return [];
      return [
        {
          ruleId: 'flow.escalate-hand-back',
          severity: 'error',
          nodeId: node.id,
          path: scope.path(path),
          message: `“${node.label}”上报后，存在不经“结果下发”直接办结的路径：${path.map((id) => graph.label(id)).join(' → ')}`,
        },
      ];
    },
    // Steps between escalation and hand-back are handled at the higher centre.
    (node, scope) => {
      const { graph } = scope;
      const handBacks = scope.flow.nodes.filter((entry) => entry.type === 'hand-back').map((entry) => entry.id);
      const inside = graph.reachableFrom([node.id], new Set(handBacks));
      const beforeHandBack = graph.reachingTo(handBacks);
      const problems: Problem[] = [];
      for (const id of inside) {
        const step = graph.node(id);
        if (step.type !== 'task' || !beforeHandBack.has(id)) continue;
        const assignee = (scope.settings(step) as { assignee?: { scope: string } } | undefined)?.assignee;
        if (assignee && assignee.scope !== 'higher-centre' && (assignee as { by?: string }).by !== 'users') {
          problems.push({ ruleId: 'flow.escalate-scope', severity: 'warning', nodeId: id, message: `环节“${step.label}”位于上报之后、结果下发之前，但办理人规则仍在受理中心` });
        }
      }
      return problems;
    },
  ],
};
