import type { EngineNodeType } from '../definition.js';

/** 并联汇合: waits for every branch of the split instance, then continues exactly once. */
export const parallelJoinNode: EngineNodeType<'parallel-join'> = {
  type: 'parallel-join',
  category: 'gateway',
  returnable: false,
  countsTime: false,
  offeredActions: () => [],
  enter(exec, node, token) {
    const frame = token.frames.at(-1);
    const instance = frame ? exec.state.splits.find((entry) => entry.id === frame.splitInstanceId) : undefined;
    if (!frame || !instance) {
      // Not inside a parallel block: a single incoming path passes; otherwise the token waits (deadlock, caught by review).
      if (exec.graph.in(node.id).length <= 1) exec.leave(token);
      return;
    }
    const arrived = exec.state.tokens.filter((entry) => entry.nodeId === node.id && entry.frames.at(-1)?.splitInstanceId === instance.id);
    if (arrived.length < instance.branchCount) {
      exec.history({ action: 'parallel-arrive', nodeId: node.id, nodeLabel: node.label, message: `并联分支已完成${arrived.length}/${instance.branchCount}` });
      return;
    }
    for (const entry of arrived) exec.removeToken(entry.id);
    exec.state.splits = exec.state.splits.filter((entry) => entry.id !== instance.id);
    if (exec.journal) exec.journal.joinFired = true;
    exec.history({ action: 'parallel-join', nodeId: node.id, nodeLabel: node.label, message: `并联各部门均已办理完毕（${instance.branchCount}个分支）` });
    for (const edge of exec.graph.out(node.id)) exec.enterNode(edge.target, instance.frames);
  },
  review: [
    (node, scope) => {
      if (scope.graph.in(node.id).length < 2) return [];
      const matched = [...scope.blocks.joinOfSplit.values()].includes(node.id);
      if (matched) return [];
      return [{ ruleId: 'flow.join-unmatched', severity: 'error', nodeId: node.id, message: `并联汇合“${node.label}”没有对应的并联开始，汇合将永远等待` }];
    },
  ],
};
