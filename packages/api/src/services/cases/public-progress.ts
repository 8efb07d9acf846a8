import { TRPCError } from '@trpc/server';
import { asc, eq } from 'drizzle-orm';
import { caseHistory, cases, type Db } from '@xlgl/db';
import type { CaseState } from '@xlgl/engine';
import { z } from 'zod';
import { verifyPassword } from '../../auth/passwords.js';
import { chinaToday, timeStatus } from './queries.js';
import { readDocumentVersion, type FlowDocument } from './runtime.js';
import { deliveryOf } from './delivery.js';

/**
 * 办件进度查询 (public, no sign-in): the applicant gives the case number and the query password
 * printed on the acceptance notice. Only applicant-safe facts are returned: no staff names or phones,
 * no internal opinions (only reasons addressed to the applicant: 补正告知, 不予受理, 不予许可, 办结),
 * no applicant identity numbers, and a flow diagram without assignee rules or conditions.
 */
export const progressLookupInput = z.object({
  number: z.string().trim().min(1, { message: '请填写办件编号' }).max(40, { message: '办件编号过长' }).regex(/^[0-9A-Za-z-]+$/, { message: '办件编号只含数字和字母' }),
  password: z.string().trim().regex(/^\d{6}$/, { message: '查询密码应为6位数字' }),
});
export type ProgressLookupInput = z.infer<typeof progressLookupInput>;

/** Same message for an unknown number and a wrong password: the page never reveals whether a case exists. */
export const progressRefusal = '办件编号或查询密码不正确，请核对受理通知书上的编号和查询密码';
export const progressRateLimited = '查询过于频繁，请稍后再试（同一网络15分钟内最多查错10次）';

/** Limits: failed lookups per client address and per case number in a sliding window; all lookups per address per minute. */
export const progressLimits = { failuresPerIp: 10, failuresPerNumber: 10, failureWindowMs: 15 * 60_000, lookupsPerIpPerMinute: 30 } as const;

type Attempts = { failuresByIp: Map<string, number[]>; failuresByNumber: Map<string, number[]>; lookupsByIp: Map<string, number[]> };
const attemptsByDb = new WeakMap<Db, Attempts>();

function recent(map: Map<string, number[]>, key: string, since: number): number[] {
  const kept = (map.get(key) ?? []).filter((at) => at > since);
  if (kept.length > 0) map.set(key, kept);
  else map.delete(key);
  return kept;
}

function note(map: Map<string, number[]>, key: string, at: number): void {
  map.set(key, [...(map.get(key) ?? []), at]);
}

/** Actions whose reason is addressed to the applicant (shown); every other opinion stays internal. */
const applicantFacingActions = new Set(['supplement-start', 'reject', 'refuse', 'cancel', 'conclude']);

const statusTexts: Record<string, string> = { approved: '已办结（准予）', rejected: '已办结（不予许可）', refused: '不予受理', withdrawn: '已撤回' };

function publicFlow(flow: FlowDocument) {
  return {
    ...flow,
    description: undefined,
    nodes: flow.nodes.map((node) => ({ id: node.id, type: node.type, label: node.label, position: node.position, settings: node.type === 'end' ? { outcome: (node.settings as { outcome?: string } | undefined)?.outcome } : {} })),
    edges: flow.edges.map((edge) => ({ id: edge.id, source: edge.source, target: edge.target, ...(edge.label ? { label: edge.label } : {}) })),
  };
}

/** Looks a case up for its applicant; refuses (without telling whether the case exists) on a wrong password. */
export async function lookupProgress(db: Db, options: { input: ProgressLookupInput; ip: string; now: Date }) {
  const { input, ip, now } = options;
  const at = now.getTime();
  let attempts = attemptsByDb.get(db);
  if (!attempts) attemptsByDb.set(db, (attempts = { failuresByIp: new Map(), failuresByNumber: new Map(), lookupsByIp: new Map() }));
  const failureSince = at - progressLimits.failureWindowMs;
  const number = input.number.toUpperCase();
  if (
    recent(attempts.failuresByIp, ip, failureSince).length >= progressLimits.failuresPerIp ||
    recent(attempts.failuresByNumber, number, failureSince).length >= progressLimits.failuresPerNumber ||
    recent(attempts.lookupsByIp, ip, at - 60_000).length >= progressLimits.lookupsPerIpPerMinute
  ) {
    throw new TRPCError({ code: 'TOO_MANY_REQUESTS', message: progressRateLimited });
  }
  note(attempts.lookupsByIp, ip, at);
  const [row] = await db.select().from(cases).where(eq(cases.number, number));
  // An unknown number costs the same scrypt time as a wrong password.
  const valid = await verifyPassword(input.password, row?.queryPasswordHash);
  if (!row || !valid) {
    note(attempts.failuresByIp, ip, at);
    note(attempts.failuresByNumber, number, at);
    // Not UNAUTHORIZED: the web app reads that as a lost session (a signed-in visitor would be signed out).
    throw new TRPCError({ code: 'BAD_REQUEST', message: progressRefusal });
  }
  const state = row.state as unknown as CaseState;
  const flow = await readDocumentVersion<FlowDocument>(db, 'flow', row.flowId, row.flowVersion);
  const history = await db.select().from(caseHistory).where(eq(caseHistory.caseId, row.id)).orderBy(asc(caseHistory.at), asc(caseHistory.id));
  const nodes: Record<string, { status: 'done' | 'current'; actors: Array<{ name: string; at: string }> }> = {};
  for (const entry of history) {
    if (!entry.nodeId) continue;
    const node = (nodes[entry.nodeId] ??= { status: 'done', actors: [] });
    if (entry.handlerId) node.actors.push({ name: entry.departmentName ?? entry.officeName ?? '经办部门', at: new Date(entry.at.getTime() + 8 * 3_600_000).toISOString().slice(0, 16) });
  }
  for (const task of state.tasks) nodes[task.nodeId] = { actors: nodes[task.nodeId]?.actors ?? [], status: 'current' };
  if (row.status === 'concluded') for (const node of flow.nodes) if (node.type === 'end' && history.some((entry) => entry.action === 'conclude')) nodes[node.id] = { status: 'done', actors: [] };
  const running = row.status === 'running';
  // A result returned from the centre that handled the case: the accepting window delivers it (送达).
  const delivery = deliveryOf(row.result);
  const concludedText = statusTexts[row.outcome ?? ''] ?? '已办结';
  const status = running ? (row.paused ? '暂停计时（补正或特别程序）' : '办理中') : !delivery ? concludedText : delivery.status === 'delivered' ? `${concludedText}，已送达` : `${concludedText}，结果已下发至受理窗口，待送达`;
  return {
    number: row.number,
    itemName: row.itemName,
    applicantName: row.applicantName,
    status,
    running,
    currentSteps: running ? [...new Set(state.tasks.map((task) => task.label))] : [],
    acceptedAt: row.acceptedAt.toISOString(),
    promisedDays: row.timeLimitDays,
    dueDate: running ? row.dueDate : null,
    completedAt: row.completedAt?.toISOString() ?? null,
    delivery: delivery ? (delivery.status === 'delivered' ? { status: delivery.status, method: delivery.methodLabel, deliveredOn: delivery.deliveredOn } : { status: delivery.status, method: null, deliveredOn: null }) : null,
    timeStatus: running ? timeStatus({ yellowDate: row.yellowDate, redDate: row.redDate }, chinaToday(now)) : ('none' as const),
    flow: publicFlow(flow),
    progress: { nodes },
    history: history.map((entry) => ({
      at: entry.at.toISOString(),
      step: entry.step ?? entry.stage ?? '办件',
      stepStatus: entry.stepStatus,
      department: entry.departmentName ?? entry.officeName ?? null,
      opinion: applicantFacingActions.has(entry.action) ? (entry.opinion ?? null) : null,
    })),
  };
}
