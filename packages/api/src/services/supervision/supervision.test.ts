import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { cases, caseTimers, readDocument, smsOutbox, supervisionCards, supervisionCaseFacts, writeDocument } from '@xlgl/db';
import { localDateOf } from '@xlgl/engine';
import { workingCalendar } from '../cases/runtime.js';
import { createTestApp, enterpriseCase, refusal, testDatabaseKinds, type TestApp, type TestClient } from '../../testing/index.js';
import { handleCaseTimer, sweepDueTimers } from './monitor.js';
import { keyBundles } from './key-projects.js';
import { scanNewActivity } from './scan.js';
import { inScope, regionPrefix, scopeOf } from './scope.js';
import { escapeCell, reportToExcel, runReport, compileReport } from '../reports/index.js';
import { assertTestEnvironment } from '../../routers/supervision/index.js';
import { reportDimensions, reportMeasures } from '@xlgl/schema';

const metadataDir = fileURLToPath(new URL('../../../../../metadata', import.meta.url));

const { applicant: enterpriseApplicant, formValues: enterpriseForm, materials: allMaterials } = enterpriseCase;

describe('supervision scope', () => {
  it('a league covers its banners; a banner only itself and below', () => {
    expect(regionPrefix('152500')).toBe('1525');
    expect(regionPrefix('152502')).toBe('152502');
    expect(inScope(scopeOf('152500'), '152502200')).toBe(true);
    expect(inScope(scopeOf('152502'), '152502200')).toBe(true);
    expect(inScope(scopeOf('152502'), '152500')).toBe(false);
    expect(inScope(scopeOf('152502'), '152531')).toBe(false);
  });
  it('Excel cells that start a formula are escaped', () => {
    expect(['=1+1', '+86', '-2', '@SUM(A1)', '正常', '1=1'].map(escapeCell)).toEqual(["'=1+1", "'+86", "'-2", "'@SUM(A1)", '正常', '1=1']);
  });
  it('the test clock is refused outside NODE_ENV=test', () => {
    const saved = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      expect(() => assertTestEnvironment()).toThrow('测试时钟仅在测试环境（NODE_ENV=test）可用，生产环境已禁用');
    } finally {
      process.env.NODE_ENV = saved;
    }
  });
});

describe.each(testDatabaseKinds())('electronic supervision on %s', (kind) => {
  let app: TestApp;
  let window: TestClient;
  let approver: TestClient;
  let superLeague: TestClient;
  let superBanner: TestClient;
  beforeAll(async () => {
    app = await createTestApp({ kind, metadataDir });
    app.setNow(new Date('2026-06-01T02:00:00Z'));
    [window, approver, superLeague, superBanner] = await Promise.all([app.signIn('lg.window'), app.signIn('lg.approver'), app.signIn('lg.super'), app.signIn('xl.super')]);
  }, 180_000);
  afterAll(async () => {
    await app?.close();
  });

  const accept = () => window.api.desk.accept({ itemId: 'item-enterprise-registration', applicant: enterpriseApplicant, formValues: enterpriseForm, materials: allMaterials, decision: 'accept' });
  const timersOf = (caseId: string) => app.db.select().from(caseTimers).where(eq(caseTimers.caseId, caseId));

  it('a due timer raises its card once, only when due; a stale token is ignored', async () => {
    const accepted = await accept();
    const timers = await timersOf(accepted.caseId);
    const red = timers.find((timer) => timer.timerId === 'case:red' && timer.status === 'scheduled')!;
    expect(red).toBeDefined();
    const job = { timerRowId: red.id, caseId: red.caseId, timerId: red.timerId, kind: 'red' as const, taskId: red.taskId, date: red.fireDate };
    expect(await handleCaseTimer(app.db, job, { now: new Date('2026-06-01T03:00:00Z') })).toBe(red.fireDate > '2026-06-01' ? 'early' : 'carded');
    // A job from before a reschedule carries another date: stale.
    expect(await handleCaseTimer(app.db, { ...job, date: '2026-05-01' }, { now: new Date('2026-12-01T00:00:00Z') })).toBe('stale');
    expect(await handleCaseTimer(app.db, job, { now: new Date('2026-12-01T00:00:00Z') })).toBe('carded');
    expect(await handleCaseTimer(app.db, job, { now: new Date('2026-12-01T00:00:00Z') })).toBe('stale');
    const cards = await app.db.select().from(supervisionCards).where(eq(supervisionCards.caseId, accepted.caseId));
    expect(cards.map((card) => [card.color, card.ruleId])).toEqual([['red', 'time.case.red']]);
    expect(cards[0]!.reason).toMatch(/^已超过承诺办结时限（\d+个工作日，应于\d{4}-\d{2}-\d{2}前办结）$/);
    // The league supervisor is notified and texted.
    expect(cards[0]!.notified).toContain('user-lg-super');
    const texts = await app.db.select().from(smsOutbox).where(eq(smsOutbox.ref, `card/${cards[0]!.id}`));
    expect(texts.map((text) => text.mobile)).toContain('13947900107');
    expect(texts.every((text) => text.status === 'pending' && text.body.startsWith('【红牌】企业设立登记'))).toBe(true);
  }, 60_000);

  it('the sweep cards every threshold crossed (also while the server was down) once; a closed task is not carded', async () => {
    const accepted = await accept();
    const result = await sweepDueTimers(app.db, { now: new Date('2027-03-01T00:00:00Z') });
    expect(result.handled.carded).toBeGreaterThanOrEqual(2);
    const cards = await app.db.select().from(supervisionCards).where(eq(supervisionCards.caseId, accepted.caseId));
    expect(new Set(cards.map((card) => card.ruleId))).toEqual(new Set(['time.case.yellow', 'time.case.red', 'time.step.yellow', 'time.step.red']));
    // Nothing scheduled in the past is left behind.
    const left = await app.db.select().from(caseTimers).where(and(eq(caseTimers.caseId, accepted.caseId), eq(caseTimers.status, 'scheduled')));
    expect(left).toEqual([]);
    // The yellow threshold urged the handler by rule (near-due urge) with an SMS.
    const urges = await approver.api.supervision.myUrges();
    expect(urges.some((urge) => urge.caseId === accepted.caseId && urge.origin === 'urge.near-due')).toBe(true);
    // Running again adds nothing.
    const again = await sweepDueTimers(app.db, { now: new Date('2027-03-01T00:00:00Z') });
    expect(again.handled.carded).toBe(0);
  }, 60_000);

  it('the sweep reads due timers in batches and passes over what stays scheduled', async () => {
    const [first, second] = [await accept(), await accept()];
    // The first case's clock is stopped behind the sweep's back: its timers stay scheduled as `paused`.
    await app.db.update(cases).set({ paused: true }).where(eq(cases.id, first.caseId));
    const result = await sweepDueTimers(app.db, { now: new Date('2027-04-01T00:00:00Z'), batch: 1 });
    expect(result.handled.paused).toBe(4);
    const secondCards = await app.db.select().from(supervisionCards).where(eq(supervisionCards.caseId, second.caseId));
    expect(new Set(secondCards.map((card) => card.ruleId))).toEqual(new Set(['time.case.yellow', 'time.case.red', 'time.step.yellow', 'time.step.red']));
    expect((await timersOf(first.caseId)).filter((timer) => timer.status === 'scheduled')).toHaveLength(4);
    expect((await timersOf(second.caseId)).filter((timer) => timer.status === 'scheduled')).toEqual([]);
  }, 60_000);

  it('per-item thresholds: an item with tighter thresholds gets its yellow card earlier than another item', async () => {
    // Two copies of the registration item with a 10-working-day promise: one on the centre's
    // defaults (90 % / one day before), one with its own supervision block (50 %, no days-before).
    const base = (await readDocument(app.db, 'item', 'item-enterprise-registration'))!.body;
    const copy = (id: string, extra: Record<string, unknown>) => ({ ...base, id, name: `${String(base.name)}（${id}）`, timeLimit: { statutory: 20, promised: 10, unit: 'working-day' }, ...extra });
    await app.db.transaction(async (tx) => {
      await writeDocument(tx, { kind: 'item', id: 'item-sup-default', body: copy('item-sup-default', {}), references: [], actor: 'test' });
      await writeDocument(tx, { kind: 'item', id: 'item-sup-tight', body: copy('item-sup-tight', { supervision: { yellowRatio: 0.5, yellowDaysBefore: 0 } }), references: [], actor: 'test' });
    });
    const start = (itemId: string) => window.api.desk.accept({ itemId, applicant: enterpriseApplicant, formValues: enterpriseForm, materials: allMaterials, decision: 'accept' });
    const normal = await start('item-sup-default');
    const tight = await start('item-sup-tight');
    const yellowOf = async (caseId: string) => (await timersOf(caseId)).find((timer) => timer.timerId === 'case:yellow')!.fireDate;
    const [normalYellow, tightYellow] = [await yellowOf(normal.caseId), await yellowOf(tight.caseId)];
    expect(tightYellow < normalYellow).toBe(true);
    const [normalRow] = await app.db.select().from(cases).where(eq(cases.id, normal.caseId));
    const [tightRow] = await app.db.select().from(cases).where(eq(cases.id, tight.caseId));
    expect(tightRow!.dueDate).toBe(normalRow!.dueDate);
    expect(tightRow!.yellowDate).toBe(tightYellow);
    expect((await superLeague.api.supervision.case({ caseId: tight.caseId })).case).toMatchObject({ thresholds: { yellowRatio: 0.5, yellowDaysBefore: 0 }, thresholdsFromItem: true });
    expect((await superLeague.api.supervision.case({ caseId: normal.caseId })).case).toMatchObject({ thresholds: { yellowRatio: 0.9, yellowDaysBefore: 1 }, thresholdsFromItem: false });
    // The controllable clock at the tight item's yellow date: only that case is carded yellow.
    await superLeague.api.supervision.fireDueTimers({ at: `${tightYellow}T01:00:00Z` });
    const caseCards = async (caseId: string) => (await app.db.select().from(supervisionCards).where(and(eq(supervisionCards.caseId, caseId), eq(supervisionCards.ruleId, 'time.case.yellow')))).length;
    expect(await caseCards(tight.caseId)).toBe(1);
    expect(await caseCards(normal.caseId)).toBe(0);
    await superLeague.api.supervision.fireDueTimers({ at: `${normalYellow}T01:00:00Z` });
    expect(await caseCards(normal.caseId)).toBe(1);
  }, 60_000);

  it('the incremental scan raises a declared rule from the process record (repeated returns), once', async () => {
    const accepted = await accept();
    for (let round = 0; round < 2; round += 1) {
      let detail = await approver.api.desk.case({ caseId: accepted.caseId });
      const back = detail.actions.find((action) => action.type === 'return')!;
      await approver.api.desk.act({ caseId: accepted.caseId, expectedVersion: detail.case.version, action: { type: 'return', taskId: back.taskId!, targetNodeId: 'accept', reason: `第${round + 1}次退回：经营范围表述不规范` } });
      detail = await window.api.desk.case({ caseId: accepted.caseId });
      const again = detail.actions.find((action) => action.type === 'approve')!;
      await window.api.desk.act({ caseId: accepted.caseId, expectedVersion: detail.case.version, action: { type: 'approve', taskId: again.taskId!, comment: '已更正' } });
    }
    await scanNewActivity(app.db, { now: new Date('2026-06-01T03:00:00Z') });
    const cards = await app.db.select().from(supervisionCards).where(eq(supervisionCards.caseId, accepted.caseId));
    expect(cards.map((card) => [card.ruleId, card.color, card.reason])).toEqual([['irregular.repeated-returns', 'yellow', '反复退回：办件已被退回2次（审核登记）']]);
    expect((await scanNewActivity(app.db, { now: new Date('2026-06-01T03:00:00Z') })).cards).toBe(0);
  }, 60_000);

  it('one scan cards every case of its batch that breaks a rule, each with its handlers and supervisors, and again none', async () => {
    const returnedTwice = async () => {
      const accepted = await accept();
      for (let round = 0; round < 2; round += 1) {
        let detail = await approver.api.desk.case({ caseId: accepted.caseId });
        const back = detail.actions.find((action) => action.type === 'return')!;
        await approver.api.desk.act({ caseId: accepted.caseId, expectedVersion: detail.case.version, action: { type: 'return', taskId: back.taskId!, targetNodeId: 'accept', reason: `第${round + 1}次退回：材料不齐全需补正` } });
        detail = await window.api.desk.case({ caseId: accepted.caseId });
        const again = detail.actions.find((action) => action.type === 'approve')!;
        await window.api.desk.act({ caseId: accepted.caseId, expectedVersion: detail.case.version, action: { type: 'approve', taskId: again.taskId!, comment: '已补正' } });
      }
      return accepted.caseId;
    };
    // Whatever earlier tests left is scanned first, so that the next scan's batch is these cases.
    await scanNewActivity(app.db, { now: new Date('2026-06-01T03:00:00Z') });
    const caseIds = [await returnedTwice(), await returnedTwice(), await returnedTwice()];
    const quiet = (await accept()).caseId;
    // One of them concluded a week later without the other steps' records (a second finding): the scan
    // keeps its working days in the facts row, next to its cards.
    const completedAt = new Date('2026-06-08T02:00:00Z');
    const [concluded] = await app.db.update(cases).set({ status: 'concluded', outcome: 'approved', completedAt }).where(eq(cases.id, caseIds[0]!)).returning();
    expect(await scanNewActivity(app.db, { now: new Date('2026-06-01T03:00:00Z') })).toEqual({ cases: 4, cards: 4 });
    const calendar = await workingCalendar(app.db);
    const [facts] = await app.db.select().from(supervisionCaseFacts).where(eq(supervisionCaseFacts.caseId, concluded!.id));
    expect(facts).toMatchObject({ cardCount: 2, workingDaysUsed: calendar.workingDaysBetween(localDateOf(concluded!.acceptedAt), localDateOf(completedAt), { pauses: [] }) });
    expect(facts!.workingDaysUsed).toBeGreaterThan(0);
    for (const caseId of caseIds) {
      const cards = (await app.db.select().from(supervisionCards).where(eq(supervisionCards.caseId, caseId))).filter((card) => card.ruleId === 'irregular.repeated-returns');
      expect(cards).toHaveLength(1);
      // The handler of the case (the window that accepted it) and the league's supervisors.
      expect(cards[0]!.notified).toEqual(expect.arrayContaining(['user-lg-super']));
      expect(cards[0]!.notified.length).toBeGreaterThan(1);
    }
    expect(await app.db.select().from(supervisionCards).where(eq(supervisionCards.caseId, quiet))).toEqual([]);
    // New records on carded cases: they are evaluated again, and find nothing new.
    for (const caseId of caseIds) {
      const detail = await approver.api.desk.case({ caseId });
      const back = detail.actions.find((action) => action.type === 'return')!;
      await approver.api.desk.act({ caseId, expectedVersion: detail.case.version, action: { type: 'return', taskId: back.taskId!, targetNodeId: 'accept', reason: '第三次退回：签字页缺失' } });
    }
    expect(await scanNewActivity(app.db, { now: new Date('2026-06-01T03:00:00Z') })).toEqual({ cases: 3, cards: 0 });
  }, 120_000);

  it('scopes: the league supervisor sees league cases; the banner supervisor does not', async () => {
    const accepted = await accept();
    const league = await superLeague.api.supervision.board({ search: accepted.number });
    expect(league.rows.map((row) => row.id)).toEqual([accepted.caseId]);
    const banner = await superBanner.api.supervision.board({ search: accepted.number });
    expect(banner.total).toBe(0);
    expect(await refusal(superBanner.api.supervision.case({ caseId: accepted.caseId }))).toEqual({ code: 'FORBIDDEN', message: `办件${accepted.number}不在您的监察范围内` });
    const detail = await superLeague.api.supervision.case({ caseId: accepted.caseId });
    expect(detail.steps.map((step) => step.stepStatus)).toEqual(['已申办（窗口登记）', '已受理']);
    expect(detail.progress.nodes).toBeDefined();
    // Reports honour the same scope.
    const byRegion = await superBanner.api.reports.run({ target: { definition: { source: 'cases', rows: ['region'], series: [], measures: [{ measure: 'count' }], chart: 'bar', filters: [], period: {} } } });
    expect(byRegion.rows.every((row) => row.keys[0]!.startsWith('152502'))).toBe(true);
    expect(await refusal(superBanner.api.reports.run({ target: { reportId: 'report-on-time-rate-by-banner' }, drill: { regionParent: '152500' } }))).toEqual({ code: 'FORBIDDEN', message: '区划152500不在您的数据范围内' });
  }, 60_000);

  it('urge: the supervisor sends, the handler gets it (SMS in the outbox) and answers', async () => {
    const accepted = await accept();
    const before = await superLeague.api.supervision.summary();
    const bannerBefore = await superBanner.api.supervision.summary();
    const sent = await superLeague.api.supervision.urge({ caseId: accepted.caseId, kind: 'urge', message: '请于今日内完成审核' });
    expect(sent.sent.map((entry) => entry.toUserId)).toContain('user-lg-approver');
    // The landing page's figures: one urge per recipient awaits an answer, counted in the league's scope only.
    const after = await superLeague.api.supervision.summary();
    expect(after.urgesOpen - before.urgesOpen).toBe(sent.sent.length);
    expect(after.urgesThisMonth - before.urgesThisMonth).toBe(sent.sent.length);
    expect(await superBanner.api.supervision.summary()).toEqual(bannerBefore);
    const mine = (await approver.api.supervision.myUrges()).find((urge) => urge.caseId === accepted.caseId && urge.origin === 'manual')!;
    expect(mine).toMatchObject({ kind: 'urge', status: 'sent', fromName: '刘桂芳', message: '请于今日内完成审核' });
    const [text] = await app.db.select().from(smsOutbox).where(eq(smsOutbox.ref, `urge/${mine.id}`));
    expect(text?.body).toBe(`【催办】企业设立登记（${accepted.number}）：请于今日内完成审核`);
    // The outbox is scoped like the board.
    expect((await superLeague.api.supervision.outbox({ search: accepted.number, pageSize: 200 })).rows.some((row) => row.ref === `urge/${mine.id}` && row.mobile === '139****0105')).toBe(true);
    expect((await superBanner.api.supervision.outbox({ search: accepted.number, pageSize: 200 })).rows.some((row) => row.ref === `urge/${mine.id}`)).toBe(false);
    // Searched by the case number, paged, with `%` matched literally.
    const found = await superLeague.api.supervision.outbox({ search: accepted.number, pageSize: 1 });
    expect(found.rows).toHaveLength(1);
    expect(found.total).toBeGreaterThanOrEqual(1);
    expect(found.rows[0]!.body).toContain(accepted.number);
    expect((await superLeague.api.supervision.outbox({ search: '%' })).total).toBe(0);
    expect(await refusal(window.api.supervision.respondUrge({ urgeId: mine.id, response: '好' }))).toEqual({ code: 'FORBIDDEN', message: '只能答复发给本人的催办督办' });
    await approver.api.supervision.respondUrge({ urgeId: mine.id, response: '已审核完毕' });
    expect((await superLeague.api.supervision.summary()).urgesOpen).toBe(after.urgesOpen - 1);
    const detail = await superLeague.api.supervision.case({ caseId: accepted.caseId });
    expect(detail.urges.find((urge) => urge.id === mine.id)).toMatchObject({ status: 'responded', response: '已审核完毕' });
    expect((await refusal(approver.api.supervision.urge({ caseId: accepted.caseId, kind: 'urge', message: 'x' }))).code).toBe('FORBIDDEN');
  }, 60_000);

  it('key project: planned milestones against the record', async () => {
    const accepted = await accept();
    await superLeague.api.supervision.markKeyProject({ caseId: accepted.caseId, name: '草原牧业重点项目', milestones: [{ name: '受理', match: '受理', plannedDate: '2026-05-30' }, { name: '批准', match: '批准', plannedDate: '2026-06-03' }] });
    const detail = await superLeague.api.supervision.case({ caseId: accepted.caseId });
    expect(detail.keyProject?.milestones.map((milestone) => [milestone.name, milestone.state, milestone.deviationDays])).toEqual([
      ['受理', 'done-late', 2],
      ['批准', 'pending', null],
    ]);
  }, 60_000);

  it('key project over a bundle: deviations from the member cases’ progress, on the board, the key-project screen and the case', async () => {
    const first = await accept();
    const second = await accept();
    const milestones = [
      { name: '全部受理', match: '受理', plannedDate: '2026-06-02' },
      { name: '全部审核登记', match: '审核登记', plannedDate: '2026-06-03' },
    ];
    expect(await refusal(superBanner.api.supervision.markKeyBundle({ name: '越权项目', caseIds: [first.caseId, second.caseId], milestones }))).toEqual({ code: 'FORBIDDEN', message: `办件${[first.number, second.number].sort().join('、')}不在您的监察范围内` });
    expect((await refusal(superLeague.api.supervision.markKeyBundle({ name: '单件', caseIds: [first.caseId], milestones }))).code).toBe('BAD_REQUEST');
    const { id } = await superLeague.api.supervision.markKeyBundle({ name: '草原牧业产业园联办项目', caseIds: [first.caseId, second.caseId], milestones });
    const bundleOf = async () => (await superLeague.api.supervision.keyProjects({})).bundles.find((bundle) => bundle.id === id)!;
    const bundle = await bundleOf();
    expect(bundle.members.map((member) => member.caseId).sort()).toEqual([first.caseId, second.caseId].sort());
    expect(bundle.milestones.map((milestone) => [milestone.name, milestone.state, milestone.reached, milestone.deviationDays])).toEqual([
      ['全部受理', 'done-on-time', 2, -1],
      ['全部审核登记', 'pending', 0, null],
    ]);
    const approve = async (client: TestClient, caseId: string) => {
      const detail = await client.api.desk.case({ caseId });
      const action = detail.actions.find((entry) => entry.type === 'approve')!;
      await client.api.desk.act({ caseId, expectedVersion: detail.case.version, action: { type: 'approve', taskId: action.taskId!, comment: '审核通过' } });
    };
    // One member moves on time; the other lags past the plan: the bundle's milestone is overdue and names the laggard.
    await approve(approver, first.caseId);
    const later = new Date('2026-06-05T02:00:00Z');
    const leagueScope = scopeOf('152500');
    const [overdue] = await keyBundles(app.db, { scope: leagueScope, now: later, caseId: second.caseId });
    expect(overdue!.milestones[1]).toMatchObject({ state: 'overdue', reached: 1, total: 2, waiting: [second.number], deviationDays: 2 });
    expect(overdue!.worstDeviationDays).toBe(2);
    try {
      // Four days on (a fresh session: the others would have expired on that clock) the laggard is approved.
      app.setNow(later);
      await approve(await app.signIn('lg.approver'), second.caseId);
    } finally {
      app.setNow(new Date('2026-06-01T02:00:00Z'));
    }
    const [done] = await keyBundles(app.db, { scope: leagueScope, now: later, caseId: second.caseId });
    expect(done!.milestones[1]).toMatchObject({ state: 'done-late', reached: 2, actualDate: '2026-06-05', deviationDays: 2, waiting: [] });
    // The board marks the members and the key-project filter finds them; the case screen lists the bundle.
    const board = await superLeague.api.supervision.board({ search: second.number, keyProject: true });
    expect(board.rows.map((row) => [row.id, row.bundleName])).toEqual([[second.caseId, '草原牧业产业园联办项目']]);
    expect((await superLeague.api.supervision.case({ caseId: first.caseId })).keyBundles.map((entry) => entry.name)).toEqual(['草原牧业产业园联办项目']);
    // A league bundle is not on the banner supervisor's screen; removal asks for the scope too.
    expect((await superBanner.api.supervision.keyProjects({})).bundles.some((entry) => entry.id === id)).toBe(false);
    expect((await refusal(superBanner.api.supervision.removeKeyBundle({ bundleId: id }))).code).toBe('FORBIDDEN');
    await superLeague.api.supervision.removeKeyBundle({ bundleId: id });
    expect(await bundleOf()).toBeUndefined();
  }, 120_000);

  it('report compiler: every dimension and measure of the cases source compiles to one query and runs', async () => {
    const scope = scopeOf('152500');
    const now = new Date('2026-06-01T02:00:00Z');
    const [{ n }] = (await app.db.select({ n: cases.id }).from(cases)).length ? [{ n: (await app.db.select({ id: cases.id }).from(cases)).length }] : [{ n: 0 }];
    const total = await runReport(app.db, { definition: { source: 'cases', rows: [], series: [], measures: [{ measure: 'count' }], filters: [], period: {} }, scope, now });
    expect(total.rows).toEqual([{ keys: [], labels: [], values: [n] }]);
    for (const dimension of Object.keys(reportDimensions) as Array<keyof typeof reportDimensions>) {
      const result = await runReport(app.db, { definition: { source: 'cases', rows: [dimension], series: [], measures: (Object.keys(reportMeasures) as Array<keyof typeof reportMeasures>).map((measure) => ({ measure })), filters: [], period: {} }, scope, now });
      expect(result.rows.reduce((sum, row) => sum + (row.values[0] ?? 0), 0)).toBe(n);
      expect(result.rows.every((row) => row.labels[0] && !row.labels[0].includes('undefined'))).toBe(true);
    }
    const region = await runReport(app.db, { definition: { source: 'cases', rows: ['region'], series: [], measures: [{ measure: 'count' }], filters: [], period: {} }, scope, now });
    expect(region.rows.map((row) => [row.keys[0], row.labels[0]])).toEqual([['152500', '锡林郭勒盟本级']]);
    const card = await runReport(app.db, { definition: { source: 'cases', rows: ['card'], series: [], measures: [{ measure: 'count' }], filters: [], period: {} }, scope, now });
    expect(card.rows.find((row) => row.keys[0] === 'red')?.values[0]).toBeGreaterThanOrEqual(2);
    const overdue = await runReport(app.db, { definition: { source: 'cases', rows: [], series: [], measures: [{ measure: 'overdueCount' }], filters: [], period: {} }, scope, now: new Date('2027-06-01T00:00:00Z') });
    expect(overdue.rows[0]!.values[0]).toBe(n);
    // Other sources compile too; unsupported combinations are refused in Chinese.
    for (const source of ['steps', 'fees', 'items', 'certificates'] as const) {
      const result = await runReport(app.db, { definition: { source, rows: ['department'], series: ['month'], measures: [{ measure: 'count' }], filters: [], period: {} }, scope, now });
      expect(Array.isArray(result.rows)).toBe(true);
    }
    expect(() => compileReport({ source: 'items', rows: [], series: [], measures: [{ measure: 'onTimeRate' }], filters: [], period: {} }, { scope, now })).toThrow('数据源“事项”不支持度量“按时办结率”');
    const items = await runReport(app.db, { definition: { source: 'items', rows: ['category'], series: [], measures: [{ measure: 'count' }], filters: [], period: {} }, scope, now });
    expect(items.rows.find((row) => row.keys[0] === '01')?.labels[0]).toBe('行政许可');
    // Drill-through: the cases behind the league's bar.
    const behind = await superLeague.api.reports.cases({ target: { definition: { source: 'cases', rows: ['region'], series: [], measures: [{ measure: 'count' }], chart: 'bar', filters: [], period: {} } }, drill: { picks: { region: '152500' } } });
    expect(behind.total).toBe(n);
    // Excel export: formula-looking labels escaped.
    const buffer = await reportToExcel({ ...region, rows: [{ keys: ['x'], labels: ['=HYPERLINK("http://evil")'], values: [1] }] }, { title: '测试' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as never);
    expect(workbook.worksheets[0]!.getCell('A3').value).toBe(`'=HYPERLINK("http://evil")`);
  }, 60_000);
});
