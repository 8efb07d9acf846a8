// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { flowDocument } from '@xlgl/schema';
import { copySelection, parseClipboard, pasteClipboard, serializeClipboard } from './clipboard.js';
import { sampleFlow } from './fixtures.js';

describe('copy and paste', () => {
  it('copies the selected nodes with the edges between them only', () => {
    const clip = copySelection(sampleFlow, ['n-split', 'n-review-a', 'n-review-b'])!;
    expect(clip.nodes.map((node) => node.id)).toEqual(['n-split', 'n-review-a', 'n-review-b']);
    expect(clip.edges.map((edge) => edge.id).sort()).toEqual(['e-split-a', 'e-split-b']);
    expect(copySelection(sampleFlow, [])).toBeUndefined();
  });

  it('pastes with fresh ids, offset positions and remapped references, and stays a valid document', () => {
    const clip = copySelection(sampleFlow, ['n-split', 'n-review-a', 'n-review-b'])!;
    const { doc, nodeIds, edgeIds } = pasteClipboard(sampleFlow, clip, { x: 32, y: 32 });
    expect(doc.nodes).toHaveLength(sampleFlow.nodes.length + 3);
    expect(doc.edges).toHaveLength(sampleFlow.edges.length + 2);
    for (const id of [...nodeIds, ...edgeIds]) expect(sampleFlow.nodes.some((node) => node.id === id) || sampleFlow.edges.some((edge) => edge.id === id)).toBe(false);

    const split = doc.nodes.find((node) => node.id === nodeIds[0])!;
    expect(split.position).toEqual({ x: 420 + 32, y: 158 + 32 });
    // Branches follow the copied edges; the branch whose edge was not copied (公安) is dropped.
    const branches = split.settings.branches as Array<{ edgeId: string; departmentId: string }>;
    expect(branches.map((branch) => branch.departmentId)).toEqual(['org-lg-scjgj', 'org-lg-wjw']);
    expect(branches.every((branch) => edgeIds.includes(branch.edgeId))).toBe(true);
    // A return target outside the copy that still exists is kept.
    const reviewA = doc.nodes.find((node) => node.id === nodeIds[1])!;
    expect(reviewA.settings.returnTargets).toEqual(['n-accept']);
    // Edges connect the new nodes.
    const pastedEdges = doc.edges.filter((edge) => edgeIds.includes(edge.id));
    expect(pastedEdges.every((edge) => nodeIds.includes(edge.source) && nodeIds.includes(edge.target))).toBe(true);
    expect(flowDocument.safeParse(doc).success).toBe(true);
  });

  it('does not share objects with the source document', () => {
    const clip = copySelection(sampleFlow, ['n-accept'])!;
    (clip.nodes[0].settings.actions as string[]).push('escalate');
    expect(sampleFlow.nodes.find((node) => node.id === 'n-accept')!.settings.actions).not.toContain('escalate');
  });

  it('round-trips through the system clipboard text and rejects foreign text', () => {
    const clip = copySelection(sampleFlow, ['n-accept'])!;
    expect(parseClipboard(serializeClipboard(clip))).toEqual(clip);
    expect(parseClipboard('hello')).toBeUndefined();
    expect(parseClipboard('{"nodes":[],"edges":[]}')).toBeUndefined();
  });
});
