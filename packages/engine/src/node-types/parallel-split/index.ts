import { nodeSettings } from '@xlgl/schema';
import type { EngineNodeType } from '../definition.js';
import type { Problem } from '../../review/types.js';

/** 并联开始: one token per outgoing edge, each in its own branch frame; joined exactly once. */
export const parallelSplitNode: EngineNodeType<'parallel-split'> = {
  type: 'parallel-split',
  category: 'gateway',
  returnable: false,
  countsTime: false,
  offeredActions: () => [],
  enter(exec, node, token) {
    const settings = nodeSettings(node);
    const out = exec.graph.out(node.id);
    const instanceId = exec.id('s');
    exec.state.splits.push({ id: instanceId, nodeId: node.id, branchCount: out.length, frames: token.frames });
    exec.journal?.createdSplitIds.push(instanceId);
    exec.removeToken(token.id);
    const lead = settings.leadDepartmentId ? `，牵头部门：${settings.leadDepartmentId}` : '';
    exec.history({ action: 'parallel-start', stage: '承办', nodeId: node.id, nodeLabel: node.label, message: `并联办理开始，共${out.length}个部门${lead}` });
    for (const edge of out) exec.enterNode(edge.target, [...token.frames, { splitInstanceId: instanceId, splitNodeId: node.id, edgeId: edge.id }]);
  },
  review: [
    // Rule 9: departments and exactly one lead department.
    (node, scope) => {
      const settings = nodeSettings(node);
      const problems: Problem[] = [];
      const out = scope.graph.out(node.id);
      const outIds = new Set(out.map((edge) => edge.id));
      if (settings.branches.length === 0) {
        problems.push({ ruleId: 'flow.parallel-departments', severity: 'error', nodeId: node.id, message: `并联“${node.label}”没有设置参与部门` });
      }
      for (const edge of out) {
        if (!settings.branches.some((branch) => branch.edgeId === edge.id) && settings.branches.length > 0) {
          problems.push({
            ruleId: 'flow.parallel-departments',
            severity: 'error',
            nodeId: node.id,
            edgeId: edge.id,
            message: `并联“${node.label}”通往“${scope.graph.label(edge.target)}”的分支没有指定办理部门`,
          });
        }
      }
      for (const branch of settings.branches) {
        if (!outIds.has(branch.edgeId)) {
          problems.push({ ruleId: 'flow.parallel-departments', severity: 'error', nodeId: node.id, message: `并联“${node.label}”的部门设置引用了不存在的分支连线“${branch.edgeId}”` });
        }
      }
      const departments = new Set(settings.branches.map((branch) => branch.departmentId));
      if (!settings.leadDepartmentId) {
        problems.push({ ruleId: 'flow.parallel-lead', severity: 'error', nodeId: node.id, message: `并联“${node.label}”必须指定一个牵头部门` });
      } else if (!departments.has(settings.leadDepartmentId)) {
        problems.push({ ruleId: 'flow.parallel-lead', severity: 'error', nodeId: node.id, message: `并联“${node.label}”的牵头部门“${settings.leadDepartmentId}”不在参与部门之中` });
      }
      const organizations = scope.context.organizations;
      if (organizations) {
        for (const id of departments) {
          if (!organizations.some((org) => org.id === id)) {
            problems.push({ ruleId: 'flow.parallel-departments', severity: 'error', nodeId: node.id, message: `并联“${node.label}”的参与部门“${id}”不存在` });
          }
        }
      }
      return problems;
    },
    // Rule 5: closed by a parallel join in the same block.
    (node, scope) => {
      const join = scope.blocks.ipdom.get(node.id);
      const joinNode = join ? scope.graph.nodes.get(join) : undefined;
      if (joinNode?.type === 'parallel-join') return [];
      if (joinNode?.type === 'merge') {
        return [
          {
            ruleId: 'flow.and-split-xor-join',
            severity: 'error',
            nodeId: node.id,
            message: `并联“${node.label}”的分支汇合到条件汇合“${joinNode.label}”，后续环节会被重复激活；应使用并联汇合`,
          },
        ];
      }
      return [{ ruleId: 'flow.parallel-unclosed', severity: 'error', nodeId: node.id, message: `并联“${node.label}”的各分支没有在同一个并联汇合处汇合` }];
    },
  ],
};
