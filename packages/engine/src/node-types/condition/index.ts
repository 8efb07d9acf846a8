import { evaluate, fieldsRead } from '@xlgl/schema';
import { EngineError } from '../../errors.js';
import type { EngineNodeType } from '../definition.js';
import type { Problem } from '../../review/types.js';
import { checkExpressionTypes, valueTypeOfField } from './expression-types.js';

/** 条件分支 (exclusive): the first edge whose condition holds on the form data, else the default edge. */
export const conditionNode: EngineNodeType<'condition'> = {
  type: 'condition',
  category: 'gateway',
  returnable: false,
  countsTime: false,
  offeredActions: () => [],
  enter(exec, node, token) {
    const out = exec.graph.out(node.id);
    const chosen = out.find((edge) => !edge.isDefault && edge.condition && Boolean(evaluate(edge.condition, exec.state.data))) ?? out.find((edge) => edge.isDefault);
    if (!chosen) throw new EngineError('no-branch', `条件分支“${node.label}”没有满足条件的出口，也没有默认出口，请联系配置员修正流程`);
    exec.removeToken(token.id);
    exec.history({
      action: 'route',
      nodeId: node.id,
      nodeLabel: node.label,
      message: `条件判断：转到“${exec.graph.label(chosen.target)}”${chosen.label ? `（${chosen.label}）` : ''}`,
    });
    exec.enterNode(chosen.target, token.frames);
  },
  review: [
    // Rule 6: conditions on every edge, exactly one default, fields of the bound form with compatible types.
    (node, scope) => {
      const problems: Problem[] = [];
      const out = scope.graph.out(node.id);
      const defaults = out.filter((edge) => edge.isDefault);
      for (const edge of out) {
        if (!edge.isDefault && !edge.condition) {
          problems.push({
            ruleId: 'flow.condition-missing',
            severity: 'error',
            nodeId: node.id,
            edgeId: edge.id,
            message: `条件分支“${node.label}”通往“${scope.graph.label(edge.target)}”的连线没有设置条件`,
          });
        }
      }
      if (out.length > 0 && defaults.length !== 1) {
        problems.push({
          ruleId: 'flow.condition-default',
          severity: 'error',
          nodeId: node.id,
          message: `条件分支“${node.label}”必须恰好有一个默认出口（当前${defaults.length}个）`,
        });
      }
      const fields = scope.context.form?.fields;
      if (!fields) return problems;
      const types = new Map(fields.map((field) => [field.id, valueTypeOfField(field.type)]));
      for (const edge of out) {
        if (!edge.condition) continue;
        const unknown = [...fieldsRead(edge.condition)].filter((id) => !types.has(id));
        for (const id of unknown) {
          problems.push({
            ruleId: 'flow.condition-field-unknown',
            severity: 'error',
            nodeId: node.id,
            edgeId: edge.id,
            message: `条件分支“${node.label}”的条件引用了表单中不存在的字段“${id}”`,
          });
        }
        const typeProblems: string[] = [];
        checkExpressionTypes(edge.condition, (id) => types.get(id) ?? 'unknown', typeProblems);
        for (const text of typeProblems) {
          problems.push({ ruleId: 'flow.condition-type-mismatch', severity: 'error', nodeId: node.id, edgeId: edge.id, message: `条件分支“${node.label}”的条件类型不符：${text}` });
        }
      }
      return problems;
    },
    // Rule 5: an exclusive split closed by a parallel join deadlocks.
    (node, scope) => {
      const join = scope.blocks.ipdom.get(node.id);
      const joinNode = join ? scope.graph.nodes.get(join) : undefined;
      if (joinNode?.type !== 'parallel-join' || scope.graph.out(node.id).length < 2) return [];
      // A loop's exit condition also has the join as post-dominator; only exits that reach the join
      // without coming back through this condition count.
      const blocked = new Set([node.id]);
      const direct = scope.graph.out(node.id).filter((edge) => scope.graph.reachableFrom([edge.target], blocked).has(joinNode.id));
      if (direct.length < 2) return [];
      return [
        {
          ruleId: 'flow.xor-split-and-join',
          severity: 'error',
          nodeId: node.id,
          message: `条件分支“${node.label}”只走一条出口，却汇合到并联汇合“${joinNode.label}”，办件将永远等待（死锁）；应使用条件汇合`,
        },
      ];
    },
  ],
};
