import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { TRPCError } from '@trpc/server';
import { cases } from '@xlgl/db';
import type { FormDocument } from '@xlgl/schema';
import { createTestApp, exampleValues, testDatabaseKinds, type TestApp, type TestClient } from '../../testing/index.js';
import { acceptanceScope, isStrictlyBelow } from './acceptance-scope.js';

const metadataDir = fileURLToPath(new URL('../../../../../metadata', import.meta.url));

describe('acceptance scope (受理范围)', () => {
  it('offers own items, and higher items only as far as their area of general handling reaches', () => {
    expect(acceptanceScope({ regionCode: '152502', handlingArea: 'local' }, '152502')).toEqual({ kind: 'own' });
    expect(acceptanceScope({ regionCode: '152500', handlingArea: 'local' }, '152502')).toBeNull();
    expect(acceptanceScope({ regionCode: '152500', handlingArea: 'banner' }, '152502')).toBeNull();
    expect(acceptanceScope({ regionCode: '152500', handlingArea: 'league' }, '152502')).toEqual({ kind: 'general', owningRegionCode: '152500', area: 'league' });
    expect(acceptanceScope({ regionCode: '152500', handlingArea: 'league' }, '152502101')).toEqual({ kind: 'general', owningRegionCode: '152500', area: 'league' });
    expect(acceptanceScope({ regionCode: '152502', handlingArea: 'banner' }, '152502101')).toEqual({ kind: 'general', owningRegionCode: '152502', area: 'banner' });
    // A sibling centre's item is never offered (its owner is not a higher centre), nor a lower one's.
    expect(acceptanceScope({ regionCode: '152531', handlingArea: 'national' }, '152502')).toBeNull();
    expect(acceptanceScope({ regionCode: '152502', handlingArea: 'league' }, '152500')).toBeNull();
    expect(isStrictlyBelow('152502', '152500')).toBe(true);
    expect(isStrictlyBelow('152600', '152500')).toBe(false);
  });
});

describe.each(testDatabaseKinds())('通办: a banner window accepts a league item on %s', (kind) => {
  let app: TestApp;
  let xlWindow: TestClient;
  let lgWindow: TestClient;
  let gjjApprover: TestClient;
  beforeAll(async () => {
    app = await createTestApp({ kind, metadataDir });
    app.setNow(new Date('2026-06-01T02:00:00Z'));
    [xlWindow, lgWindow, gjjApprover] = await Promise.all([app.signIn('xl.window'), app.signIn('lg.window'), app.signIn('lg.gjj.approver')]);
  }, 180_000);
  afterAll(async () => {
    await app?.close();
  });

  it('lists league items of 全盟通办 for the banner window, never local league items or a sibling banner’s', async () => {
    const items = await xlWindow.api.desk.items({});
    const ids = items.map((item) => item.id);
    expect(ids).toContain('item-xl-grassland-occupation');
    expect(items.find((item) => item.id === 'item-housing-fund-registration')?.generalHandling).toEqual({ area: '全盟通办', owningRegionCode: '152500', owningRegionName: '锡林郭勒盟' });
    expect(ids).not.toContain('item-enterprise-registration');
    expect(ids).not.toContain('item-dl-food-business');
    // The league window does not see the banner's items.
    expect((await lgWindow.api.desk.items({})).map((item) => item.id)).not.toContain('item-xl-grassland-occupation');
    const refused = await xlWindow.api.desk.acceptance({ itemId: 'item-enterprise-registration' }).catch((error: TRPCError) => error);
    expect(refused).toBeInstanceOf(TRPCError);
    expect((refused as TRPCError).message).toContain('不在本中心的受理范围内');
  });

  it('accepts at the banner, is handled by the league department and stays visible to the accepting window', async () => {
    const acceptance = await xlWindow.api.desk.acceptance({ itemId: 'item-housing-fund-registration' });
    expect(acceptance.generalHandling?.owningRegionCode).toBe('152500');
    const formValues = exampleValues(acceptance.form as unknown as FormDocument, (await xlWindow.api.desk.rendererServices()).dictionaries);
    const materials = acceptance.item.materials.map((material) => ({ materialId: material.id, provided: true }));
    const accepted = await xlWindow.api.desk.accept({ itemId: 'item-housing-fund-registration', applicant: { kind: 'enterprise', creditCode: '91330102MA28NBU477', name: '锡林浩特市草原能源有限公司' }, formValues, materials, decision: 'accept' });
    expect(accepted.number).toMatch(/^152502260601\d{6}$/);
    const [row] = await app.db.select({ regionCode: cases.regionCode, escalatedTo: cases.escalatedTo }).from(cases).where(eq(cases.id, accepted.caseId));
    expect(row).toEqual({ regionCode: '152502', escalatedTo: '152500' });

    // The league housing-fund department has the next step; the league window is not asked to accept.
    const todo = await gjjApprover.api.desk.inbox({ box: 'todo' });
    expect(todo.rows.find((entry) => entry.caseId === accepted.caseId)?.taskLabel).toBe('缴存登记');
    expect((await lgWindow.api.desk.inbox({ box: 'todo' })).rows.some((entry) => entry.caseId === accepted.caseId)).toBe(false);
    const detail = await gjjApprover.api.desk.case({ caseId: accepted.caseId });
    expect(detail.history.map((entry) => entry.message).join('\n')).toContain('全盟通办事项：受理后转至事项所属的政务服务中心（152500）办理');
    const action = detail.actions.find((entry) => entry.type === 'approve' && !entry.disabledReason)!;
    await gjjApprover.api.desk.act({ caseId: accepted.caseId, expectedVersion: detail.case.version, action: { type: 'approve', taskId: action.taskId!, comment: '已登记' } });

    const after = await xlWindow.api.desk.case({ caseId: accepted.caseId });
    expect(after.case.status).toBe('concluded');
    expect(after.case.outcome).toBe('approved');
  });

  it('refuses a sibling banner’s item at acceptance with a clear message', async () => {
    const refused = await xlWindow.api.desk
      .accept({ itemId: 'item-dl-food-business', applicant: { kind: 'person', idNumber: '11010519491231002X', name: '王芳' }, formValues: {}, materials: [], decision: 'accept' })
      .catch((error: TRPCError) => error);
    expect(refused).toBeInstanceOf(TRPCError);
    expect((refused as TRPCError).code).toBe('FORBIDDEN');
    expect((refused as TRPCError).message).toContain('通办范围（本级办理）不含您所在的中心');
  });
});
