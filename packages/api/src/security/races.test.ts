import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { eq } from 'drizzle-orm';
import { caseHistory, caseTasks, readDocument, type Db } from '@xlgl/db';
import type { FormDocument, ItemDocument } from '@xlgl/schema';
import { allocateCaseNumber } from '../services/cases/case-number.js';
import { conflictMessage } from '../services/cases/case-service.js';
import { allocateItemCodes } from '../services/items/coding.js';
import { runDoctor } from '../services/doctor/index.js';
import { createTestApp, enterpriseCase, exampleValues, testDatabaseKinds, type TestApp, type TestClient } from '../testing/index.js';
import { shippedMetadataDir } from './harness.js';

/** Concurrent attempts on one task (P3: optimistic locking on the case version). */
const attemptsOnOneTask = 100;

const { applicant: enterpriseApplicant, formValues: enterpriseForm, materials: allMaterials } = enterpriseCase;


/** Acts on the caller's first open action of `type`, refreshing and retrying on a version conflict. */
async function actWithRetry(client: TestClient, caseId: string, type = 'approve'): Promise<number> {
  for (let attempt = 1; ; attempt += 1) {
    const detail = await client.api.desk.case({ caseId });
    const action = detail.actions.find((entry) => entry.type === type && !entry.disabledReason);
    if (!action) throw new Error(`no ${type} action for this user`);
    try {
      await client.api.desk.act({ caseId, expectedVersion: detail.case.version, action: { type: 'approve', taskId: action.taskId! } });
      return attempt;
    } catch (error) {
      if (!(error instanceof TRPCError) || error.code !== 'CONFLICT' || attempt > 50) throw error;
    }
  }
}

describe.each(testDatabaseKinds())('races on %s', (kind) => {
  let app: TestApp;
  let window: TestClient;

  beforeAll(async () => {
    app = await createTestApp({ kind, metadataDir: shippedMetadataDir });
    window = await app.signIn('lg.window');
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  it(`${attemptsOnOneTask} concurrent attempts on one task: one success, the others a clear conflict, one history entry`, async () => {
    const accepted = await window.api.desk.accept({
      itemId: 'item-enterprise-registration',
      applicant: enterpriseApplicant,
      formValues: enterpriseForm,
      materials: allMaterials,
      decision: 'accept',
    });
    const approvers = await Promise.all(Array.from({ length: 5 }, () => app.signIn('lg.approver')));
    const detail = await approvers[0]!.api.desk.case({ caseId: accepted.caseId });
    const taskId = detail.actions.find((action) => action.type === 'approve')!.taskId!;
    const historyBefore = (await app.db.select().from(caseHistory).where(eq(caseHistory.caseId, accepted.caseId))).length;

    const results = await Promise.allSettled(
      Array.from({ length: attemptsOnOneTask }, (_, index) =>
        approvers[index % approvers.length]!.api.desk.act({
          caseId: accepted.caseId,
          expectedVersion: detail.case.version,
          action: { type: 'approve', taskId, comment: `并发${index}` },
        }),
      ),
    );
    const failures = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected');
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect(failures).toHaveLength(attemptsOnOneTask - 1);
    for (const failure of failures) {
      expect(failure.reason).toBeInstanceOf(TRPCError);
      expect({ code: failure.reason.code, message: failure.reason.message }).toEqual({
        code: 'CONFLICT',
        message: expect.stringMatching(new RegExp(`^${conflictMessage}`)),
      });
    }
    const history = await app.db.select().from(caseHistory).where(eq(caseHistory.caseId, accepted.caseId));
    const approvals = history.filter(
      (row) => row.action === 'approve' && row.nodeId === detail.tasks.find((task) => task.id === taskId)?.nodeId,
    );
    expect(approvals).toHaveLength(1);
    expect(approvals[0]!.opinion ?? approvals[0]!.message).toMatch(/并发\d+|审核/);
    // The winner's transition is whole: the version moved by one and history grew by that one action only.
    const after = await approvers[0]!.api.desk.case({ caseId: accepted.caseId });
    expect(after.case.version).toBe(detail.case.version + 1);
    expect(history.length - historyBefore).toBeGreaterThanOrEqual(1);
    expect((await runDoctor(app.db)).violations).toEqual([]);
  }, 120_000);

  it('five parallel branches completed at the same moment join exactly once', async () => {
    const window2 = await app.signIn('lg.window2');
    const acceptance = await window2.api.desk.acceptance({ itemId: 'item-business-startup' });
    const materials = acceptance.item.materials.map((material) => ({ materialId: material.id, provided: true }));
    const accepted = await window2.api.desk.accept({
      itemId: 'item-business-startup',
      applicant: enterpriseApplicant,
      formValues: exampleValues(acceptance.form as unknown as FormDocument, (await window.api.desk.rendererServices()).dictionaries),
      materials,
      decision: 'accept',
    });
    const accounts = ['lg.approver', 'lg.gaj.approver', 'lg.swj.approver', 'lg.rsj.approver', 'lg.gjj.approver'];
    const handlers = await Promise.all(accounts.map((account) => app.signIn(account)));
    const attempts = await Promise.all(handlers.map((handler) => actWithRetry(handler, accepted.caseId)));
    // They really collided: at least one branch had to retry after a conflict (on PostgreSQL; PGlite serialises).
    if (kind === 'postgres') expect(Math.max(...attempts)).toBeGreaterThan(1);
    const open = await app.db.select().from(caseTasks).where(eq(caseTasks.caseId, accepted.caseId));
    const lead = open.filter((task) => task.status === 'open');
    expect(lead.map((task) => task.nodeLabel)).toEqual(['牵头部门汇总']);
    expect(open.filter((task) => task.nodeLabel === '牵头部门汇总')).toHaveLength(1);
    const joined = await handlers[0]!.api.desk.case({ caseId: accepted.caseId });
    expect(joined.tasks.map((task) => task.label)).toEqual(['牵头部门汇总']);
    expect((await runDoctor(app.db)).violations).toEqual([]);
  }, 120_000);

  it('concurrent case-number and item-code allocations never collide', async () => {
    const numbers = await Promise.all(
      Array.from({ length: 40 }, () => app.db.transaction(async (tx) => allocateCaseNumber(tx as unknown as Db, '152500', new Date()))),
    );
    expect(new Set(numbers).size).toBe(40);

    const windows = await Promise.all(Array.from({ length: 3 }, () => app.signIn('lg.window')));
    const accepted = await Promise.all(
      Array.from({ length: 9 }, (_, index) =>
        windows[index % windows.length]!.api.desk.accept({
          itemId: 'item-enterprise-registration',
          applicant: enterpriseApplicant,
          formValues: enterpriseForm,
          materials: allMaterials,
          decision: 'accept',
        }),
      ),
    );
    expect(new Set(accepted.map((entry) => entry.number)).size).toBe(9);

    const item = (await readDocument(app.db, 'item', 'item-enterprise-registration'))!.body as unknown as ItemDocument;
    const codes = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        app.db.transaction(async (tx) =>
          allocateItemCodes(tx as unknown as Db, { ...item, id: `item-race-${index}` }, { actor: 'test', now: new Date() }),
        ),
      ),
    );
    const all = codes.flatMap((entry) => [entry.basic, entry.implementation, ...entry.handling]);
    expect(new Set(all).size).toBe(all.length);
    expect(new Set(codes.map((entry) => entry.basic)).size).toBe(20);
  }, 120_000);
});
