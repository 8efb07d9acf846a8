import { engineNodeType } from '../node-types/registry.js';
import type { Problem, ReviewScope } from './types.js';

const holdsCases = (type: Parameters<typeof engineNodeType>[0]) => ['human', 'gate', 'pause'].includes(engineNodeType(type).category) || type === 'parallel-join';

/** Check 16: every node running cases may occupy in the old version maps to a node of the new one. */
export function checkMigration(scope: ReviewScope): Problem[] {
  const migration = scope.context.migration;
  if (!migration) return [];
  const { previous, mapping = {} } = migration;
  const oldNodes = new Map(previous.nodes.map((node) => [node.id, node]));
  const candidates = migration.activeNodeIds ?? previous.nodes.filter((node) => holdsCases(node.type)).map((node) => node.id);
  const problems: Problem[] = [];
  for (const oldId of new Set(candidates)) {
    const old = oldNodes.get(oldId);
    const oldLabel = old?.label ?? oldId;
    const explicit = mapping[oldId];
    const same = scope.graph.nodes.get(oldId);
    const targetId = explicit ?? (same && old && same.type === old.type ? oldId : undefined);
    if (!targetId) {
      problems.push({
        ruleId: 'flow.migration-mapping',
        severity: 'error',
        message: `运行中的办件可能停留在旧版本（第${previous.version}版）的“${oldLabel}”，新版本中没有对应节点，请在迁移映射中指定`,
      });
      continue;
    }
    const target = scope.graph.nodes.get(targetId);
    if (!target) {
      problems.push({ ruleId: 'flow.migration-mapping', severity: 'error', message: `旧版本“${oldLabel}”映射到的节点“${targetId}”在新版本中不存在` });
    } else if (!holdsCases(target.type)) {
      problems.push({
        ruleId: 'flow.migration-mapping',
        severity: 'error',
        nodeId: target.id,
        message: `旧版本“${oldLabel}”只能映射到办理环节，“${target.label}”不能停留办件`,
      });
    }
  }
  return problems;
}
