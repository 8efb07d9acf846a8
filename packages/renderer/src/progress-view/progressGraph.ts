import type { FlowDocument } from '@xlgl/schema';
import type { NodeProgressStatus } from './flowNodeLooks.js';

/** Who acted at a node and when (`at` is an ISO date-time). */
export type ProgressActor = { name: string; at: string };

export type NodeProgress = {
  status: NodeProgressStatus;
  actors?: ProgressActor[];
  /** Working days used so far at this node. */
  usedDays?: number;
  /** The node's limit in working days. */
  limitDays?: number;
};

/** Progress of a case through its flow version, keyed by node id. Absent nodes count as pending. */
export type FlowProgress = { nodes: Record<string, NodeProgress> };

/** An edge was taken when its source is done and its target was reached (done or current). */
export function isEdgeTaken(progress: FlowProgress, source: string, target: string): boolean {
  const from = progress.nodes[source]?.status;
  const to = progress.nodes[target]?.status;
  return from === 'done' && (to === 'done' || to === 'current');
}

/** `2026-05-12T10:30:00+08:00` → `05-12 10:30`; other strings are shown as given. */
export function formatActedAt(at: string): string {
  const match = /^\d{4}-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})/.exec(at);
  return match ? `${match[1]}-${match[2]} ${match[3]}:${match[4]}` : at;
}

/** `2/5 个工作日`, flagged as overdue when used exceeds the limit. */
export function timeUsage(progress: NodeProgress | undefined): { text: string; overdue: boolean } | undefined {
  if (!progress || progress.usedDays === undefined) return undefined;
  if (progress.limitDays === undefined) return { text: `已用${progress.usedDays}个工作日`, overdue: false };
  return { text: `${progress.usedDays}/${progress.limitDays}个工作日`, overdue: progress.usedDays > progress.limitDays };
}

/** Counts per status, for the legend. */
export function progressSummary(flow: FlowDocument, progress: FlowProgress): Record<NodeProgressStatus, number> {
  const counts: Record<NodeProgressStatus, number> = { done: 0, current: 0, pending: 0, skipped: 0 };
  for (const node of flow.nodes) counts[progress.nodes[node.id]?.status ?? 'pending'] += 1;
  return counts;
}
