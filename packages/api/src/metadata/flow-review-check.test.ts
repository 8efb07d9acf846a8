import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { nodeTypeSchemas, type FlowNodeType } from '@xlgl/schema';
import { checkMetadata, checkMetadataFiles, formatProblem } from './check.js';
import { flowReviewCheck } from './flow-review-check.js';

const shippedMetadata = fileURLToPath(new URL('../../../../metadata', import.meta.url));

const node = (id: string, type: FlowNodeType, settings: Record<string, unknown> = {}) => ({
  id,
  type,
  label: { start: '开始', end: '办结' }[type as string] ?? id,
  position: { x: 0, y: 0 },
  settings: nodeTypeSchemas[type].settings.parse(settings) as Record<string, unknown>,
});
const step = (id: string) =>
  node(id, 'task', { assignee: { by: 'role', roleIds: ['role-window'], postIds: [], departmentIds: [], userIds: [], scope: 'same-centre' }, timeLimitDays: 1 });
const edge = (source: string, target: string) => ({ id: `e-${source}-${target}`, source, target });

function flowFile(name: string, edges: Array<ReturnType<typeof edge>>, nodes = [node('start', 'start'), step('accept'), step('review'), node('end', 'end')]) {
  return { file: `flows/${name}.json`, json: { kind: 'flow', id: name, version: 1, schemaVersion: 1, name, nodes, edges } };
}

describe('flow review in the metadata check', () => {
  it('passes a sound flow', async () => {
    const result = await checkMetadataFiles([flowFile('flow-sound', [edge('start', 'accept'), edge('accept', 'review'), edge('review', 'end')])], {
      checks: [flowReviewCheck],
    });
    expect(result.problems.filter((problem) => problem.severity === 'error')).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('fails an unsound flow, naming the rule and the node at its JSON path', async () => {
    // "review" has no way out: a dead end.
    const result = await checkMetadataFiles([flowFile('flow-dead-end', [edge('start', 'accept'), edge('accept', 'review')])], { checks: [flowReviewCheck] });
    expect(result.ok).toBe(false);
    const lines = result.problems.filter((problem) => problem.severity === 'error').map(formatProblem);
    expect(lines).toContain('flows/flow-dead-end.json: $.nodes[2]: 节点“review”是死胡同：没有出口，无法到达结束（规则 flow.can-reach-end，节点 review）');
    expect(lines.every((line) => /（规则 flow\.[a-z-]+(，(节点|连线) [a-z0-9_.-]+)?(；路径：.*)?）$/.test(line))).toBe(true);
  });

  it('passes the shipped flows and fails a shipped flow whose parallel block is closed by an exclusive merge', async () => {
    expect((await checkMetadata(shippedMetadata)).problems.filter((problem) => problem.severity === 'error')).toEqual([]);
    const root = await mkdtemp(join(tmpdir(), 'xlgl-flow-check-'));
    try {
      await cp(shippedMetadata, root, { recursive: true });
      const file = join(root, 'flows/flow-business-startup.json');
      const flow = JSON.parse(await readFile(file, 'utf8'));
      const join_ = flow.nodes.find((entry: { type: string }) => entry.type === 'parallel-join');
      expect(join_).toBeDefined();
      join_.type = 'merge';
      join_.settings = {};
      await writeFile(file, JSON.stringify(flow, null, 2));
      const result = await checkMetadata(root);
      expect(result.ok).toBe(false);
      const lines = result.problems.filter((problem) => problem.severity === 'error').map((problem) => formatProblem({ ...problem, file: relative(root, problem.file) }));
      const index = flow.nodes.indexOf(join_);
      // The node in words follows the JSON path when the message does not name it.
      const at = `flows/flow-business-startup.json: $.nodes[${index}]`;
      expect(lines.some((line) => (line.startsWith(`${at}: `) || line.startsWith(`${at}（节点“${join_.label}”）: `)) && line.includes(`节点 ${join_.id}`) && /规则 flow\.[a-z-]+/.test(line))).toBe(true);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('checks a folder of flows alone in the context of the shipped configuration, for the kinds it lacks', async () => {
    const { readMetadataFolder } = await import('./folder.js');
    const contextFiles = await readMetadataFolder(shippedMetadata);
    const sound = flowFile('flow-standalone-sound', [edge('start', 'accept'), edge('accept', 'review'), edge('review', 'end')]);
    const unsound = flowFile('flow-standalone-unsound', [edge('start', 'accept'), edge('accept', 'review')]);
    const passing = await checkMetadataFiles([sound], { contextFiles });
    expect(passing.problems.filter((problem) => problem.severity === 'error')).toEqual([]);
    expect(passing.documents.map((entry) => entry.document.id)).toEqual(['flow-standalone-sound']);
    const failing = await checkMetadataFiles([unsound], { contextFiles });
    const lines = failing.problems.filter((problem) => problem.severity === 'error').map(formatProblem);
    expect(lines.some((line) => line.includes('规则 flow.can-reach-end') && line.includes('节点 review'))).toBe(true);
    expect(failing.problems.every((problem) => problem.file === 'flows/flow-standalone-unsound.json')).toBe(true);
    // Without context the role the steps name does not exist.
    const alone = await checkMetadataFiles([sound]);
    expect(alone.problems.map(formatProblem)).toContain('flows/flow-standalone-sound.json: $.nodes[1].settings.assignee.roleIds[0]（节点“accept”的办理人的角色第1项）: 引用的角色“role-window”不存在');
  });
});
