import { TRPCError } from '@trpc/server';
import { and, asc, count, desc, eq, inArray, like, lt, sql, type SQL } from 'drizzle-orm';
import { caseHistory, cases, caseTasks, certificates, databaseKey, feeBills, keyProjectBundleMembers, keyProjectBundles, keyProjects, metadataDocuments, metadataGeneration, metadataHeads, supervisionCaseFacts, supervisionCards, supervisionUrges, type Db } from '@xlgl/db';
import { localDateOf, type CaseState } from '@xlgl/engine';
import type { FlowDocument, ItemDocument } from '@xlgl/schema';
import { workingCalendar } from '../cases/runtime.js';
import { documentVersion } from './document-version.js';
import { inScope, regionPrefix, scopeCondition, type SupervisionScope } from './scope.js';
import { urgesOfCase } from './urges.js';
import { keyBundles, milestoneDeviations } from './key-projects.js';

export const boardStatuses = { running: '在办', concluded: '已办结', overdue: '超期在办', paused: '暂停计时' } as const;
export type BoardFilter = {
  /** Region code to narrow to (must lie in the scope); with `regionLevel`, its level below. */
  regionCode?: string;
  regionLevel?: 'league' | 'banner' | 'township' | 'village';
  departmentId?: string;
  itemId?: string;
  status?: keyof typeof boardStatuses;
  card?: 'none' | 'yellow' | 'red';
  keyProject?: boolean;
  search?: string;
  page: number;
  pageSize: number;
};

const levelLength = { league: 6, banner: 6, township: 9, village: 12 } as const;

/** Name of a key-project bundle holding the case (first by name), else null. */
const bundleName = sql`(select min(${keyProjectBundles.name}) from ${keyProjectBundleMembers} inner join ${keyProjectBundles} on ${keyProjectBundles.id} = ${keyProjectBundleMembers.bundleId} where ${keyProjectBundleMembers.caseId} = ${cases.id})`;

/** The supervision board: every case in the supervisor's scope with its time status and card. */
export async function boardCases(db: Db, options: { scope: SupervisionScope; now: Date; filter: BoardFilter }) {
  const { scope, filter } = options;
  const today = localDateOf(options.now);
  const where: SQL[] = [scopeCondition(scope, cases.regionCode)];
  if (filter.regionCode) {
    if (!inScope(scope, filter.regionCode)) throw new TRPCError({ code: 'FORBIDDEN', message: `区划${filter.regionCode}不在您的监察范围内` });
    where.push(like(cases.regionCode, `${regionPrefix(filter.regionCode)}%`));
  }
  if (filter.regionLevel === 'league') where.push(sql`${cases.regionCode} like '____00'`);
  else if (filter.regionLevel === 'banner') where.push(sql`length(${cases.regionCode}) = 6 and ${cases.regionCode} not like '____00'`);
  else if (filter.regionLevel) where.push(sql`length(${cases.regionCode}) = ${levelLength[filter.regionLevel]}`);
  if (filter.departmentId) where.push(eq(cases.departmentId, filter.departmentId));
  if (filter.itemId) where.push(eq(cases.itemId, filter.itemId));
  if (filter.status === 'running') where.push(eq(cases.status, 'running'));
  if (filter.status === 'concluded') where.push(eq(cases.status, 'concluded'));
  if (filter.status === 'paused') where.push(and(eq(cases.status, 'running'), eq(cases.paused, true))!);
  if (filter.status === 'overdue') where.push(and(eq(cases.status, 'running'), lt(cases.dueDate, today))!);
  if (filter.card === 'none') where.push(sql`coalesce(${supervisionCaseFacts.card}, 'none') = 'none'`);
  else if (filter.card) where.push(eq(supervisionCaseFacts.card, filter.card));
  if (filter.keyProject) where.push(sql`(${keyProjects.caseId} is not null or ${bundleName} is not null)`);
  if (filter.search?.trim()) {
    const text = `%${filter.search.trim()}%`;
    where.push(sql`(${cases.number} like ${text} or ${cases.applicantName} like ${text} or ${cases.itemName} like ${text})`);
  }
  const condition = and(...where);
  const base = db
    .select({
      id: cases.id,
      number: cases.number,
      itemId: cases.itemId,
      itemName: cases.itemName,
      departmentId: cases.departmentId,
      regionCode: cases.regionCode,
      applicantName: cases.applicantName,
      status: cases.status,
      outcome: cases.outcome,
      paused: cases.paused,
      currentNodes: cases.currentNodes,
      acceptedAt: cases.acceptedAt,
      dueDate: cases.dueDate,
      yellowDate: cases.yellowDate,
      redDate: cases.redDate,
      completedAt: cases.completedAt,
      card: sql<string>`coalesce(${supervisionCaseFacts.card}, 'none')`,
      cardCount: sql<number>`coalesce(${supervisionCaseFacts.cardCount}, 0)::int`,
      keyProject: sql<boolean>`${keyProjects.caseId} is not null`,
      /** The key-project bundle (联办重点项目) the case belongs to, if any. */
      bundleName: sql<string | null>`${bundleName}`,
    })
    .from(cases)
    .leftJoin(supervisionCaseFacts, eq(supervisionCaseFacts.caseId, cases.id))
    .leftJoin(keyProjects, eq(keyProjects.caseId, cases.id))
    .where(condition);
  const rows = await base.orderBy(desc(cases.acceptedAt)).limit(filter.pageSize).offset((filter.page - 1) * filter.pageSize);
  const [total] = await db
    .select({ n: count() })
    .from(cases)
    .leftJoin(supervisionCaseFacts, eq(supervisionCaseFacts.caseId, cases.id))
    .leftJoin(keyProjects, eq(keyProjects.caseId, cases.id))
    .where(condition);
  const names = await nameMaps(db);
  return {
    total: Number(total?.n ?? 0),
    rows: rows.map((row) => ({
      ...row,
      departmentName: names.organizations.get(row.departmentId) ?? row.departmentId,
      regionName: names.regions.get(row.regionCode) ?? row.regionCode,
      acceptedAt: row.acceptedAt.toISOString(),
      completedAt: row.completedAt?.toISOString() ?? null,
      timeStatus: row.status !== 'running' ? 'none' : row.redDate && row.redDate <= today ? 'red' : row.yellowDate && row.yellowDate <= today ? 'yellow' : 'green',
    })),
  };
}

/** Names of organisations, regions, items and users (small sets; read once per request). */
type NameMaps = { organizations: Map<string, string>; regions: Map<string, string>; items: Map<string, string>; users: Map<string, string> };
const nameMapCache = new WeakMap<object, { maps: NameMaps; generation: number; at: number }>();
const nameMapTtlMs = 10_000;

/**
 * Names of organisations, regions (by code), items and users, for lists and drill-through pages.
 * Reused until a document is written through this process (`metadataGeneration`) and for at most
 * ten seconds (another server's change): at league scale reading them took longer than the page of
 * cases they label.
 */
export async function nameMaps(db: Db): Promise<NameMaps> {
  const key = databaseKey(db);
  const generation = metadataGeneration(db);
  const hit = nameMapCache.get(key);
  if (hit && hit.generation === generation && Date.now() - hit.at < nameMapTtlMs) return hit.maps;
  const maps = await readNameMaps(db);
  nameMapCache.set(key, { maps, generation, at: Date.now() });
  return maps;
}

async function readNameMaps(db: Db): Promise<NameMaps> {
  // Only the keys and names leave the database (item documents are large; a league has thousands).
  const documents = await db
    .select({ kind: metadataHeads.kind, id: metadataHeads.id, code: sql<string | null>`${metadataDocuments.body} ->> 'code'`, name: sql<string | null>`${metadataDocuments.body} ->> 'name'` })
    .from(metadataHeads)
    .innerJoin(metadataDocuments, and(eq(metadataDocuments.kind, metadataHeads.kind), eq(metadataDocuments.id, metadataHeads.id), eq(metadataDocuments.version, metadataHeads.version)))
    .where(inArray(metadataHeads.kind, ['organization', 'region', 'item', 'user']));
  const of = (kind: string, key: 'id' | 'code' = 'id') => new Map(documents.filter((row) => row.kind === kind).map((row) => [String(row[key]), String(row.name)]));
  return { organizations: of('organization'), regions: of('region', 'code'), items: of('item'), users: of('user') };
}

/**
 * One case for supervision (R3.4): content, applicant, acceptance and why, every step with handler,
 * times and opinion as text; the flow diagram's progress; fees, certificate, cards, urges, key project.
 */
export async function boardCaseDetail(db: Db, options: { scope: SupervisionScope; now: Date; caseId: string }) {
  const [row] = await db.select().from(cases).where(eq(cases.id, options.caseId));
  if (!row) throw new TRPCError({ code: 'NOT_FOUND', message: '办件不存在' });
  if (!inScope(options.scope, row.regionCode)) throw new TRPCError({ code: 'FORBIDDEN', message: `办件${row.number}不在您的监察范围内` });
  const state = row.state as unknown as CaseState;
  const flow = await documentVersion<FlowDocument>(db, { kind: 'flow', id: row.flowId, version: row.flowVersion });
  const item = await documentVersion<ItemDocument>(db, { kind: 'item', id: row.itemId, version: row.itemVersion });
  const names = await nameMaps(db);
  const history = await db.select().from(caseHistory).where(eq(caseHistory.caseId, row.id)).orderBy(asc(caseHistory.at), asc(caseHistory.id));
  const tasks = await db.select().from(caseTasks).where(eq(caseTasks.caseId, row.id)).orderBy(asc(caseTasks.openedAt));
  const cards = await db.select().from(supervisionCards).where(eq(supervisionCards.caseId, row.id)).orderBy(asc(supervisionCards.createdAt));
  const [bill] = await db.select().from(feeBills).where(eq(feeBills.caseId, row.id));
  const [project] = await db.select().from(keyProjects).where(eq(keyProjects.caseId, row.id));
  const issued = await db
    .select({ number: certificates.number, name: certificates.name, status: certificates.status, issuedAt: certificates.issuedAt, validUntil: certificates.validUntil })
    .from(certificates)
    .where(eq(certificates.caseId, row.id));
  const calendar = await workingCalendar(db);
  const today = localDateOf(options.now);
  // Progress on the diagram: done nodes with who acted when, current nodes with days used.
  const nodes: Record<string, { status: 'done' | 'current'; actors?: Array<{ name: string; at: string }>; usedDays?: number; limitDays?: number }> = {};
  for (const entry of history) {
    if (!entry.nodeId) continue;
    const node = (nodes[entry.nodeId] ??= { status: 'done', actors: [] });
    node.actors!.push({ name: entry.handlerName ?? (entry.handlerId ? (names.users.get(entry.handlerId) ?? entry.handlerId) : '系统'), at: entry.at.toISOString() });
  }
  const startNode = flow.nodes.find((node) => node.type === 'start');
  if (startNode) nodes[startNode.id] ??= { status: 'done', actors: [{ name: row.applicantName, at: row.acceptedAt.toISOString() }] };
  for (const task of state.tasks) {
    const used = (() => {
      try {
        return Math.max(0, calendar.workingDaysBetween(task.openedDate, today));
      } catch {
        return undefined;
      }
    })();
    nodes[task.nodeId] = { ...(nodes[task.nodeId] ?? {}), status: 'current', usedDays: used, limitDays: task.timeLimitDays };
  }
  if (row.status === 'concluded') {
    const end = flow.nodes.find((node) => node.type === 'end');
    if (end) nodes[end.id] = { status: 'done', actors: [{ name: '办结', at: (row.completedAt ?? row.updatedAt).toISOString() }] };
  }
  const refusal = history.find((entry) => entry.stage === '不予受理');
  return {
    case: {
      id: row.id,
      number: row.number,
      itemName: row.itemName,
      itemCode: row.itemCode,
      summary: row.summary,
      departmentName: names.organizations.get(row.departmentId) ?? row.departmentId,
      regionName: names.regions.get(row.regionCode) ?? row.regionCode,
      applicant: { kind: row.applicantKind, name: row.applicantName, idType: row.applicantIdType, idNumber: maskId(row.applicantIdNumber), contactName: row.contactName, contactPhone: row.contactPhone },
      accepted: refusal ? { accepted: false, reason: refusal.opinion } : { accepted: row.outcome !== 'refused', reason: null },
      acceptedBy: names.users.get(row.acceptedBy) ?? row.acceptedBy,
      acceptedAt: row.acceptedAt.toISOString(),
      status: row.status,
      outcome: row.outcome,
      paused: row.paused,
      pausedIntervals: row.pausedIntervals,
      timeLimitDays: row.timeLimitDays,
      dueDate: row.dueDate,
      yellowDate: row.yellowDate,
      redDate: row.redDate,
      completedAt: row.completedAt?.toISOString() ?? null,
      currentNodes: row.currentNodes,
      feeStatus: row.feeStatus,
      result: row.result,
      promisedDays: item.timeLimit?.promised ?? null,
      statutoryDays: item.timeLimit?.statutory ?? null,
      /** The yellow thresholds the case runs under (the item's own, else the centre's; fixed at acceptance). */
      thresholds: state.thresholds ?? null,
      thresholdsFromItem: Boolean(item.supervision && (item.supervision.yellowRatio !== undefined || item.supervision.yellowDaysBefore !== undefined)),
    },
    flow,
    progress: { nodes },
    steps: history.map((entry) => ({
      id: entry.id,
      at: entry.at.toISOString(),
      stage: entry.stage,
      step: entry.step,
      stepStatus: entry.stepStatus,
      handlerName: entry.handlerName ?? (entry.handlerId ? (names.users.get(entry.handlerId) ?? entry.handlerId) : null),
      departmentName: entry.departmentName,
      officeName: entry.officeName,
      opinion: entry.opinion,
      message: entry.message,
    })),
    tasks: tasks.map((task) => ({ id: task.id, label: task.nodeLabel, status: task.status, openedAt: task.openedAt.toISOString(), closedAt: task.closedAt?.toISOString() ?? null, dueDate: task.dueDate, handledBy: task.handledBy ? (names.users.get(task.handledBy) ?? task.handledBy) : null })),
    cards: cards.map((card) => ({ id: card.id, color: card.color, ruleId: card.ruleId, reason: card.reason, stepLabel: card.stepLabel, createdAt: card.createdAt.toISOString() })),
    certificates: issued.map((entry) => ({ ...entry, issuedAt: entry.issuedAt.toISOString() })),
    bill: bill ? { totalFen: bill.totalFen, status: bill.status, lines: bill.lines, waiverStatus: bill.waiverStatus } : null,
    urges: await urgesOfCase(db, row.id),
    keyProject: project ? { name: project.name, milestones: milestoneDeviations(project.milestones, history, today) } : null,
    keyBundles: await keyBundles(db, { scope: options.scope, now: options.now, caseId: row.id }),
  };
}

function maskId(id: string): string {
  return id.length > 8 ? `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}` : id;
}

/** Counts for the board's header: cards by color this month, overdue running cases. */
export async function boardSummary(db: Db, options: { scope: SupervisionScope; now: Date }) {
  const today = localDateOf(options.now);
  const monthStart = new Date(`${today.slice(0, 7)}-01T00:00:00+08:00`);
  const cardRows = await db
    .select({ color: supervisionCards.color, n: count() })
    .from(supervisionCards)
    .where(and(scopeCondition(options.scope, supervisionCards.regionCode), sql`${supervisionCards.createdAt} >= ${monthStart.toISOString()}`))
    .groupBy(supervisionCards.color);
  const [overdue] = await db.select({ n: count() }).from(cases).where(and(scopeCondition(options.scope, cases.regionCode), eq(cases.status, 'running'), lt(cases.dueDate, today)));
  const [running] = await db.select({ n: count() }).from(cases).where(and(scopeCondition(options.scope, cases.regionCode), eq(cases.status, 'running')));
  // 催办督办 still waiting for the handler's answer (sent or read, not responded), and those sent this month.
  const [urges] = await db
    .select({
      open: sql<number>`count(*) filter (where ${supervisionUrges.status} <> 'responded')`.mapWith(Number),
      thisMonth: sql<number>`count(*) filter (where ${supervisionUrges.createdAt} >= ${monthStart.toISOString()})`.mapWith(Number),
    })
    .from(supervisionUrges)
    .where(scopeCondition(options.scope, supervisionUrges.regionCode));
  const byColor = Object.fromEntries(cardRows.map((row) => [row.color, Number(row.n)]));
  return {
    yellowThisMonth: byColor.yellow ?? 0,
    redThisMonth: byColor.red ?? 0,
    overdueRunning: Number(overdue?.n ?? 0),
    running: Number(running?.n ?? 0),
    urgesOpen: urges?.open ?? 0,
    urgesThisMonth: urges?.thisMonth ?? 0,
  };
}

