import { nodeSettings } from '@xlgl/schema';
import type { EngineNodeType } from '../definition.js';

/** 结果下发: the higher-level result returns to the accepting centre's window. */
export const handBackNode: EngineNodeType<'hand-back'> = {
  type: 'hand-back',
  category: 'automatic',
  returnable: false,
  countsTime: false,
  offeredActions: () => [],
  enter(exec, node, token) {
    const settings = nodeSettings(node);
    if (exec.state.escalation) {
      delete exec.state.escalation;
      if (exec.journal) exec.journal.escalationChanged = true;
    }
    exec.history({ action: 'hand-back', stage: '结果下发', nodeId: node.id, nodeLabel: node.label, message: `上级中心办理结果已下发至受理中心（${exec.state.regionCode}）` });
    exec.notify({ kind: 'roles', roleIds: settings.notifyRoleIds, regionCode: exec.state.regionCode }, '上级中心已下发办理结果，请及时送达申请人');
    exec.leave(token);
  },
  review: [
    (node, scope) => {
      const start = scope.graph.starts()[0];
      if (!start) return [];
      const escalations = new Set(scope.flow.nodes.filter((entry) => entry.type === 'escalate').map((entry) => entry.id));
      const path = scope.graph.shortestPath(start.id, new Set([node.id]), escalations);
      if (!path) return [];
      return [
        {
          ruleId: 'flow.hand-back-without-escalate',
          severity: 'error',
          nodeId: node.id,
          path: scope.path(path),
          message: `“${node.label}”之前存在没有经过“上报”的路径，结果下发无从谈起`,
        },
      ];
    },
  ],
};
