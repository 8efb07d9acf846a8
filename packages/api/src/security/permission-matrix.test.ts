import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { readDocument, rowsOf, writeDocument } from '@xlgl/db';
import { runDoctor } from '../services/doctor/index.js';
import { createTestApp, enterpriseCase, testDatabaseKinds, type TestApp, type TestClient } from '../testing/index.js';
import { call, callRolledBack, isGuardRefusal, listProcedures, shippedMetadataDir } from './harness.js';
import {
  leagueSetBannerItemId,
  matrixAccounts,
  matrixRoles,
  permissionMatrix,
  scopeScenarios,
  type MatrixEntry,
  type MatrixRole,
} from './permission-matrix.js';

const { applicant: enterpriseApplicant, formValues: enterpriseForm, materials: allMaterials } = enterpriseCase;

function allows(entry: MatrixEntry, role: MatrixRole | 'anonymous'): boolean {
  if (entry.allow === 'anyone') return true;
  if (entry.allow === 'signed-in') return role !== 'anonymous';
  return role !== 'anonymous' && entry.allow.includes(role);
}

/** Figures for docs/reliability.md (printed once per run). */
export const matrixFigures = { procedures: 0, roles: matrixRoles.length + 1, checks: 0, scopeScenarios: scopeScenarios.length };

describe('permission matrix declaration', () => {
  it('names every procedure of the router exactly once, and nothing else', () => {
    const paths = listProcedures().map((procedure) => procedure.path);
    const missing = paths.filter((path) => !(path in permissionMatrix));
    const stale = Object.keys(permissionMatrix).filter((path) => !paths.includes(path));
    // A new procedure must be added to packages/api/src/security/permission-matrix.ts.
    expect({ missing, stale }).toEqual({ missing: [], stale: [] });
  });
});

describe.each(testDatabaseKinds())('permission matrix through the real API on %s', (kind) => {
  let app: TestApp;
  const clients = new Map<MatrixRole, TestClient>();
  const signedIn = new Map<string, TestClient>();
  let caseId = '';
  let version = 0;
  let approveTaskId = '';

  beforeAll(async () => {
    app = await createTestApp({ kind, metadataDir: shippedMetadataDir });
    for (const role of matrixRoles) clients.set(role, await app.signIn(matrixAccounts[role]));
    const accepted = await clients.get('role-window')!.api.desk.accept({
      itemId: 'item-enterprise-registration',
      applicant: enterpriseApplicant,
      formValues: enterpriseForm,
      materials: allMaterials,
      decision: 'accept',
    });
    caseId = accepted.caseId;
    const detail = await clients.get('role-approver')!.api.desk.case({ caseId });
    version = detail.case.version;
    approveTaskId = detail.actions.find((action) => action.type === 'approve' && !action.disabledReason)!.taskId!;
    // A league-level item of 锡林浩特市市场监督管理局 (the scenarios on the level rule, P3).
    const banner = (await readDocument(app.db, 'item', 'item-xl-individual-business'))!.body;
    const { codes: _codes, ...body } = banner;
    await app.db.transaction((tx) =>
      writeDocument(tx, {
        kind: 'item',
        id: leagueSetBannerItemId,
        body: { ...body, id: leagueSetBannerItemId, name: '盟级设定、旗县实施的事项（权限矩阵）', level: 'league' },
        references: [],
        actor: 'test',
      }),
    );
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  it('every allow passes and every deny is refused, for every procedure × role (and anonymous)', async () => {
    const mismatches: string[] = [];
    let checks = 0;
    for (const procedure of listProcedures()) {
      const entry = permissionMatrix[procedure.path];
      if (!entry) continue; // reported by the declaration test
      for (const role of [...matrixRoles, 'anonymous'] as const) {
        const client = role === 'anonymous' ? null : clients.get(role)!;
        // `{}` is enough: the access guard runs before input validation.
        const outcome = await callRolledBack(app, client, { path: procedure.path, input: {} });
        checks += 1;
        const refused = isGuardRefusal(outcome);
        const expected = allows(entry, role);
        if (expected === refused) {
          mismatches.push(
            `${procedure.path} × ${role}: matrix says ${expected ? 'allow' : 'deny'}, API answered ${outcome.ok ? 'OK' : `${outcome.code} ${outcome.message}`}`,
          );
        }
        if (!outcome.ok && outcome.internal) mismatches.push(`${procedure.path} × ${role}: internal error ${outcome.message}`);
        if (!expected && !outcome.ok && role === 'anonymous') expect(outcome.code).toBe('UNAUTHORIZED');
      }
    }
    matrixFigures.procedures = listProcedures().length;
    matrixFigures.checks = checks;
    console.info(`permission matrix on ${kind}: ${matrixFigures.procedures} procedures × ${matrixFigures.roles} roles = ${checks} checks`);
    expect(mismatches).toEqual([]);
    expect(checks).toBeGreaterThanOrEqual(100 * 8);
  });

  it.each(scopeScenarios)('scope: $name ($procedure as $account → $expect)', async (scenario) => {
    const client = signedIn.get(scenario.account) ?? (await app.signIn(scenario.account));
    signedIn.set(scenario.account, client);
    const input =
      scenario.procedure === 'desk.case'
        ? { caseId }
        : scenario.procedure === 'desk.act'
          ? { caseId, expectedVersion: version, action: { type: 'approve', taskId: approveTaskId, comment: '同意' } }
          : scenario.procedure === 'desk.reassign'
            ? { caseId, expectedVersion: version, toUserId: 'user-lg-approver', reason: '工作调整' }
            : scenario.procedure === 'studio.items.requestChange'
              ? { id: leagueSetBannerItemId }
              : { box: 'todo' };
    let outcome;
    if (scenario.grantedItemId) {
      const league = signedIn.get('lg.review') ?? (await app.signIn('lg.review'));
      signedIn.set('lg.review', league);
      const organizationId = (await client.api.auth.me())!.organizationId;
      const granted = await call(app, league, { path: 'studio.items.grants.grant', input: { id: scenario.grantedItemId, organizationId } });
      expect(granted.ok ? 'granted' : granted.message).toBe('granted');
      try {
        outcome = await callRolledBack(app, client, { path: scenario.procedure, input });
      } finally {
        await call(app, league, { path: 'studio.items.grants.revoke', input: { id: scenario.grantedItemId, organizationId } });
      }
    } else {
      outcome = await callRolledBack(app, client, { path: scenario.procedure, input });
    }
    if (scenario.expect === 'allow') {
      expect(outcome.ok ? 'allowed' : `${outcome.code} ${outcome.message}`).toBe('allowed');
    } else {
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) {
        expect(['FORBIDDEN', 'NOT_FOUND']).toContain(outcome.code);
        expect(outcome.message).toMatch(scenario.denial ?? /[\u4e00-\u9fff]/);
      }
    }
  });

  describe('doctor on a database with cases', () => {
    it('finds no violation after real transitions', async () => {
      const report = await runDoctor(app.db);
      expect(report.violations).toEqual([]);
      expect(report.checks.find((check) => check.id === 'case-open-tasks')?.status).toBe('ok');
    });

    it('reports a lost task, a stale timer and a version jump, then nothing once repaired', async () => {
      const id = sql`${caseId}`;
      const [task] = rowsOf<{ task_id: string }>(
        await app.db.execute(sql`SELECT task_id FROM case_tasks WHERE case_id = ${id} AND status = 'open' LIMIT 1`),
      );
      const [number] = rowsOf<{ number: string }>(await app.db.execute(sql`SELECT number FROM cases WHERE id = ${id}`));
      await app.db.execute(sql`UPDATE case_tasks SET status = 'cancelled' WHERE case_id = ${id} AND task_id = ${task!.task_id}`);
      const timers = rowsOf<{ id: string }>(
        await app.db.execute(
          sql`UPDATE case_timers SET status = 'cancelled' WHERE case_id = ${id} AND kind = 'red' AND status IN ('scheduled', 'fired') RETURNING id`,
        ),
      );
      await app.db.execute(sql`UPDATE cases SET version = version + 5 WHERE id = ${id}`);
      try {
        const report = await runDoctor(app.db);
        expect(report.ok).toBe(false);
        expect(report.violations).toEqual(
          expect.arrayContaining([
            {
              check: 'case-open-tasks',
              message: `办件 ${number!.number} 处于办理中，流程状态中的待办 ${task!.task_id} 在待办表中不存在或已关闭`,
            },
            { check: 'case-timers', message: `办件 ${number!.number} 办理中且有办结时限，却没有红牌计时器` },
            {
              check: 'case-version',
              message: expect.stringMatching(
                new RegExp(`^办件 ${number!.number} 的版本号 ${version + 5} 与流程状态中的版本 ${version} 不一致$`),
              ),
            },
          ]),
        );
      } finally {
        await app.db.execute(sql`UPDATE case_tasks SET status = 'open' WHERE case_id = ${id} AND task_id = ${task!.task_id}`);
        for (const timer of timers) await app.db.execute(sql`UPDATE case_timers SET status = 'scheduled' WHERE id = ${timer.id}`);
        await app.db.execute(sql`UPDATE cases SET version = version - 5 WHERE id = ${id}`);
      }
      expect((await runDoctor(app.db)).violations).toEqual([]);
    });
  });
});
