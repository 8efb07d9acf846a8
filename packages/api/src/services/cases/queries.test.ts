import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { and, eq, getTableColumns, sql, type SQL } from 'drizzle-orm';
import { cases, caseTasks } from '@xlgl/db';
import type { CaseState } from '@xlgl/engine';
import { createTestApp, enterpriseCase, testDatabaseKinds, type TestApp, type TestClient } from '../../testing/index.js';
import { handlerKey, mayView } from './access.js';
import { inbox } from './queries.js';
import { loadActor, type DeskActor } from './runtime.js';

const metadataDir = fileURLToPath(new URL('../../../../../metadata', import.meta.url));

/** Copies of the waiting case: more than the 2,000 a centre the box used to read. */
const copies = 2_400;

describe.each(testDatabaseKinds())('待补正 box on %s', (kind) => {
  let app: TestApp;
  let window: TestClient;
  let window2: TestClient;
  let approver: TestClient;
  const clock = new Date('2026-06-01T02:00:00Z');

  beforeAll(async () => {
    app = await createTestApp({ kind, metadataDir });
    app.setNow(clock);
    [window, window2, approver] = await Promise.all([app.signIn('lg.window'), app.signIn('lg.window2'), app.signIn('lg.approver')]);
  }, 240_000);
  afterAll(async () => {
    await app?.close();
  });

  /** Every row of the box, page by page (larger pages than the API allows, to keep the test quick). */
  async function wholeBox(actor: DeskActor, capabilities: readonly string[], pageSize: number) {
    const read = (page: number) => inbox(app.db, { actor, capabilities, now: clock, input: { box: 'supplements', page, pageSize } });
    const first = await read(1);
    const rows = [...first.rows];
    for (let page = 2; (page - 1) * pageSize < first.total; page += 1) rows.push(...(await read(page)).rows);
    return { total: first.total, rows };
  }

  /** The box as the former in-memory code built it, over every paused case of the centre (no cap). */
  async function expectedBox(actor: DeskActor, capabilities: readonly string[]) {
    const paused = await app.db
      .select({ caseId: cases.id, state: cases.state, regionCode: cases.regionCode, escalatedTo: cases.escalatedTo, acceptedBy: cases.acceptedBy, handlers: cases.handlers, acceptedAt: cases.acceptedAt })
      .from(cases)
      .where(and(eq(cases.status, 'running'), eq(cases.paused, true), eq(cases.regionCode, actor.regionCode)));
    const handled = new Set((await app.db.selectDistinct({ caseId: caseTasks.caseId }).from(caseTasks).where(eq(caseTasks.handledBy, actor.userId))).map((row) => row.caseId));
    return paused
      .flatMap((row) => {
        const state = row.state as unknown as CaseState;
        const open = state.tasks.flatMap((task) => {
          const pause = state.pauses.find((entry) => entry.id === task.pausedBy && entry.kind === 'supplement' && entry.to === undefined);
          return pause ? [{ task, pause }] : [];
        });
        if (open.length === 0) return [];
        if (!mayView({ actor, capabilities, row, openTasks: state.tasks, handledByActor: handled.has(row.caseId) })) return [];
        return [{ caseId: row.caseId, taskId: open[0]!.task.id, taskLabel: `${open.map(({ task }) => task.label).join('、')}（待补正）`, openedAt: Date.parse(open[0]!.pause.fromAt), acceptedAt: row.acceptedAt.getTime() }];
      })
      .sort((a, b) => a.openedAt - b.openedAt || a.acceptedAt - b.acceptedAt || (a.caseId < b.caseId ? -1 : 1));
  }

  it('counts and pages every waiting case in SQL (past 2,000 a centre), exactly the cases each window may view', async () => {
    const accepted = await window.api.desk.accept({ ...enterpriseCase });
    const detail = await approver.api.desk.case({ caseId: accepted.caseId });
    const supplement = detail.actions.find((entry) => entry.type === 'supplement' && !entry.disabledReason)!;
    await approver.api.desk.act({ caseId: accepted.caseId, expectedVersion: detail.case.version, action: { type: 'supplement', taskId: supplement.taskId!, reason: '章程须全体股东签字', materialIds: ['m-articles'] } });

    const [windowMe, window2Me] = await Promise.all([window.api.auth.me(), window2.api.auth.me()]);
    const [windowActor, window2Actor] = await Promise.all([loadActor(app.db, windowMe!.id), loadActor(app.db, window2Me!.id)]);
    const state = (await app.db.select({ state: cases.state }).from(cases).where(eq(cases.id, accepted.caseId)))[0]!.state as unknown as CaseState;
    const { assignee: _assignee, ...windowTask } = state.tasks[0]!;
    // A slot of the windows' unit held by the second window (P3 mode one): the first may not view it.
    const heldSlot = { [handlerKey(windowActor.unitId, windowTask)]: window2Me!.id };

    // Copies of the waiting case, accepted one second apart, in five kinds: accepted by the window
    // (sixteen in twenty); accepted by someone else at the approver's step; at a step for any window,
    // slot free; the same with the slot held; stopped for a special procedure, not for supplements.
    const overrides: Record<string, SQL> = {
      id: sql`gen_random_uuid()::text`,
      number: sql`original.number || '-' || copy`,
      accepted_at: sql`original.accepted_at + copy * interval '1 second'`,
      accepted_by: sql`case when copy % 20 < 16 then original.accepted_by else 'user-nobody' end`,
      handlers: sql`case when copy % 20 = 18 then ${JSON.stringify(heldSlot)}::jsonb when copy % 20 < 16 then original.handlers else '{}'::jsonb end`,
      state: sql`case when copy % 20 in (17, 18) then original.state #- '{tasks,0,assignee}' when copy % 20 = 19 then jsonb_set(original.state, '{pauses,0,kind}', '"suspend"') else original.state end`,
    };
    const columns = Object.values(getTableColumns(cases)).map((column) => column.name);
    await app.db.execute(sql`
      insert into cases (${sql.join(columns.map((name) => sql.identifier(name)), sql`, `)})
      select ${sql.join(columns.map((name) => overrides[name] ?? sql`original.${sql.identifier(name)}`), sql`, `)}
      from cases as original, generate_series(1, ${copies}) as copy
      where original.id = ${accepted.caseId}`);

    const capabilities = { window: windowMe!.capabilities, window2: window2Me!.capabilities };
    const [expected, expected2] = await Promise.all([expectedBox(windowActor, capabilities.window), expectedBox(window2Actor, capabilities.window2)]);
    // 1 + 1,920 accepted by the window + 120 at a window step with the slot free.
    expect(expected).toHaveLength(2_041);
    // 120 with the slot free + 120 whose slot the second window holds.
    expect(expected2).toHaveLength(240);

    const box = await wholeBox(windowActor, capabilities.window, 1_000);
    expect(box.total).toBe(expected.length);
    expect(box.rows.map((row) => row.caseId)).toEqual(expected.map((row) => row.caseId));
    expect(box.rows[0]).toMatchObject({ caseId: accepted.caseId, taskId: supplement.taskId, taskLabel: '审核登记（待补正）', paused: true });
    expect(new Set(box.rows.map((row) => row.taskLabel))).toEqual(new Set(expected.map((row) => row.taskLabel)));
    const box2 = await wholeBox(window2Actor, capabilities.window2, 100);
    expect(box2.total).toBe(expected2.length);
    expect(box2.rows.map((row) => row.caseId)).toEqual(expected2.map((row) => row.caseId));

    // Through the API: pages of the same list; the last page holds the rest; a page past the end is
    // empty but keeps the total.
    expect((await window.api.desk.inbox({ box: 'supplements', page: 7, pageSize: 100 })).rows.map((row) => row.caseId)).toEqual(expected.slice(600, 700).map((row) => row.caseId));
    const last = await window.api.desk.inbox({ box: 'supplements', page: 21, pageSize: 100 });
    expect({ total: last.total, rows: last.rows.length, lastCaseId: last.rows.at(-1)?.caseId }).toEqual({ total: 2_041, rows: 41, lastCaseId: expected.at(-1)!.caseId });
    expect(await window.api.desk.inbox({ box: 'supplements', page: 22, pageSize: 100 })).toEqual({ total: 2_041, rows: [] });
    // Filters apply before counting: search by number, and the time-status colour.
    const searched = await window.api.desk.inbox({ box: 'supplements', search: `${accepted.number}-12`, pageSize: 100 });
    expect(searched.total).toBe(await countByNumber(`${accepted.number}-12`, expected));
    expect(searched.total).toBeGreaterThan(0);
    for (const status of ['green', 'yellow', 'red'] as const) {
      expect((await window.api.desk.inbox({ box: 'supplements', status, pageSize: 1 })).total).toBe(box.rows.filter((row) => row.timeStatus === status).length);
    }

    // P3 mode two (own-stage): a held slot no longer hides a case from a colleague who may act on the
    // step; holding a case in a department no longer shows it either.
    const admin = await app.signIn('admin');
    const centre = await admin.api.admin.documents.get({ kind: 'organization', id: windowActor.centreId });
    await admin.api.admin.documents.save({ document: { ...centre, centre: { ...(centre as { centre: object }).centre, permissionMode: 'own-stage' } }, mode: 'update' });
    const [stageActor, stageActor2] = await Promise.all([loadActor(app.db, windowMe!.id), loadActor(app.db, window2Me!.id)]);
    expect(stageActor.centre?.permissionMode).toBe('own-stage');
    const [stageExpected, stageExpected2] = await Promise.all([expectedBox(stageActor, capabilities.window), expectedBox(stageActor2, capabilities.window2)]);
    expect(stageExpected).toHaveLength(2_161);
    expect(stageExpected2).toHaveLength(240);
    const stageBox = await wholeBox(stageActor, capabilities.window, 1_000);
    expect(stageBox.total).toBe(stageExpected.length);
    expect(stageBox.rows.map((row) => row.caseId)).toEqual(stageExpected.map((row) => row.caseId));
    expect((await wholeBox(stageActor2, capabilities.window2, 1_000)).rows.map((row) => row.caseId)).toEqual(stageExpected2.map((row) => row.caseId));
  }, 240_000);

  /** How many of the expected rows have a case number containing `text`. */
  async function countByNumber(text: string, expected: Array<{ caseId: string }>) {
    const ids = new Set(expected.map((row) => row.caseId));
    const numbers = await app.db.select({ id: cases.id, number: cases.number }).from(cases).where(sql`${cases.number} like ${`%${text}%`}`);
    return numbers.filter((row) => ids.has(row.id)).length;
  }
});
