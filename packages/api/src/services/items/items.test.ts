import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ItemDocument } from '@xlgl/schema';
import { readDocument, rowsOf } from '@xlgl/db';
import { createTestApp, newItem, testDatabaseKinds, type TestApp, type TestClient } from '../../testing/index.js';
import { ensureImportedItems } from './imported.js';

const shippedMetadata = fileURLToPath(new URL('../../../../../metadata', import.meta.url));

async function errorOf(
  promise: Promise<unknown>,
): Promise<{ code?: string; message: string; issues?: { path: (string | number)[]; message: string }[] }> {
  try {
    await promise;
  } catch (error) {
    const shaped = error as { code?: string; message: string; cause?: { issues?: { path: (string | number)[]; message: string }[] } };
    return { code: shaped.code, message: shaped.message, issues: shaped.cause?.issues };
  }
  throw new Error('expected the call to fail');
}

/** Both steps of the shipped review flow (审改办初审 → 分管负责人复审), as the engine offers them to the reviewer. */
async function approveThrough(reviewer: TestClient, id: string, comment?: string) {
  const first = await reviewer.api.studio.items.review.approve({ id, comment: comment ? `初审：${comment}` : undefined });
  expect(first).toMatchObject({ status: 'submitted', concluded: false, nextSteps: ['分管负责人复审'] });
  const last = await reviewer.api.studio.items.review.approve({ id, comment });
  expect(last.concluded).toBe(true);
  return { ...last, announcement: last.announcement!, version: last.version! };
}

describe.each(testDatabaseKinds())('item catalogue on %s', (kind) => {
  let app: TestApp;
  let config: TestClient;
  let reviewer: TestClient;
  beforeAll(async () => {
    app = await createTestApp({ kind, metadataDir: shippedMetadata });
    [config, reviewer] = await Promise.all([app.signIn('lg.config'), app.signIn('lg.review')]);
  }, 180_000);
  afterAll(async () => {
    await app?.close();
  });

  it('codes the shipped items on first use and shows them as published in the catalogue', async () => {
    const catalogue = await config.api.studio.items.catalogue({ page: 1, pageSize: 100 });
    expect(catalogue.total).toBe(17);
    for (const row of catalogue.rows) {
      expect(row.codes?.basic).toMatch(/^\d{9}(\d{3}|00Y)$/);
      expect(row.codes?.basic.slice(0, 2)).toBe(row.category);
      // 000: handled as one; 00Y: the parent of sub-items, each with its own segment 001, 002 …
      const subs = row.codes?.subItems ?? [];
      expect(row.codes?.basic.slice(-3)).toBe(subs.length > 0 ? '00Y' : '000');
      expect(subs.map((sub) => sub.basic)).toEqual(subs.map((_, index) => `${row.codes!.basic.slice(0, 9)}${String(index + 1).padStart(3, '0')}`));
      expect(row.codes?.implementation).toMatch(/^[0-9A-Z]{27}$/);
      expect(row.codes?.implementation.startsWith(row.codes.basic)).toBe(true);
    }
    expect(new Set(catalogue.rows.map((row) => row.codes?.basic)).size).toBe(17);
    // Two shipped items declare sub-items (公共场所卫生许可, 道路货物运输经营许可).
    const hygiene = catalogue.rows.find((row) => row.id === 'item-public-place-hygiene')!;
    expect(hygiene.codes?.subItems.map((sub) => `${sub.name} ${sub.basic.slice(-3)}`)).toEqual([
      '公共场所卫生许可（新办） 001',
      '公共场所卫生许可（变更） 002',
      '公共场所卫生许可（延续） 003',
      '公共场所卫生许可（注销） 004',
    ]);
    expect(hygiene.codes?.subItems[0]!.implementation.startsWith(hygiene.codes.subItems[0]!.basic)).toBe(true);
    expect(catalogue.rows.find((row) => row.id === 'item-road-freight')!.codes?.subItems).toHaveLength(3);
    // Idempotent: nothing left to do the second time; the list shows them as published.
    expect(await ensureImportedItems(app.db)).toBe(0);
    const list = await config.api.studio.items.list({ page: 1, pageSize: 100 });
    expect(list.rows.every((row) => row.status === 'published' && row.basicCode)).toBe(true);
    // One department keeps one catalogue code across its items.
    const samr = catalogue.rows.filter((row) => row.departmentId === 'org-lg-scjgj').map((row) => row.codes!.basic.slice(2, 5));
    expect(samr.length).toBeGreaterThan(1);
    expect(new Set(samr).size).toBe(1);
  });

  it('runs draft → submitted → returned → submitted → approved → coded → published, audited', async () => {
    const draft = await newItem('item-test-lifecycle', '测试食品小作坊登记');
    const invalid = { ...draft, timeLimit: { ...draft.timeLimit, statutory: 5, promised: 8 } };
    const refused = await errorOf(config.api.studio.items.create({ document: invalid }));
    expect(refused.code).toBe('BAD_REQUEST');
    // The machine path places the message on its field; `where` names the place in words.
    expect(refused.issues).toContainEqual({ path: ['timeLimit', 'promised'], message: '承诺办结时限不能超过法定办结时限', where: '承诺办结时限' });

    expect(await config.api.studio.items.create({ document: draft })).toMatchObject({ status: 'draft', revision: 1 });
    // Not in force yet: no head, not in the catalogue.
    expect(await readDocument(app.db, 'item', draft.id)).toBeNull();
    expect((await errorOf(reviewer.api.studio.items.review.approve({ id: draft.id }))).message).toBe('当前状态不能执行“审核通过”');

    await config.api.studio.items.save({ document: { ...draft, conditions: `${draft.conditions}（测试）` } });
    expect(await config.api.studio.items.submit({ id: draft.id })).toMatchObject({ status: 'submitted' });
    expect((await errorOf(config.api.studio.items.save({ document: draft }))).message).toContain('已提交审核，请先撤回再修改');
    expect((await reviewer.api.studio.items.review.inbox()).map((row) => row.id)).toContain(draft.id);

    expect((await errorOf(reviewer.api.studio.items.review.return({ id: draft.id, comment: '' }))).message).toContain('请填写退回原因');
    expect(await reviewer.api.studio.items.review.return({ id: draft.id, comment: '申请材料缺少经营场所证明' })).toMatchObject({
      status: 'returned',
    });
    await config.api.studio.items.save({ document: { ...draft, name: '测试食品小作坊登记（修订）' } });
    await config.api.studio.items.submit({ id: draft.id });

    const approved = await approveThrough(reviewer, draft.id, '同意');
    expect(approved.status).toBe('published');
    expect(approved.codes?.basic).toMatch(/^01\d{7}000$/);
    expect(approved.announcement.title).toBe('关于新增“测试食品小作坊登记（修订）”政务服务事项的公告');
    expect(approved.announcement.body).toContain(approved.codes!.basic);

    const head = await readDocument(app.db, 'item', draft.id);
    expect(head).toMatchObject({ version: approved.version, status: 'published' });
    expect((head!.body as ItemDocument).codes).toEqual(approved.codes);
    const catalogue = await config.api.studio.items.catalogue({ search: approved.codes!.basic, page: 1, pageSize: 10 });
    expect(catalogue.rows.map((row) => row.id)).toEqual([draft.id]);

    const detail = await config.api.studio.items.get({ id: draft.id });
    expect(detail.events.map((event) => `${event.action}:${event.toStatus}`)).toEqual([
      'create:draft',
      'save:draft',
      'submit:submitted',
      'return:returned',
      'save:returned',
      'submit:submitted',
      'reviewStep:submitted',
      'approve:approved',
      'code:coded',
      'publish:published',
    ]);
    expect(detail.events.find((event) => event.action === 'reviewStep')).toMatchObject({
      comment: '初审：同意',
      actor: 'user-lg-review',
      detail: expect.objectContaining({ step: '审改办初审' }),
    });
    expect(detail.events.find((event) => event.action === 'approve')).toMatchObject({ detail: expect.objectContaining({ step: '分管负责人复审' }) });
    expect(detail.events.find((event) => event.action === 'return')).toMatchObject({
      comment: '申请材料缺少经营场所证明',
      actor: 'user-lg-review',
      detail: expect.objectContaining({ step: '审改办初审', engineAction: 'reject' }),
    });
    const audit = rowsOf<{ action: string; actor: string }>(
      await app.db.execute(sql`select action, actor from audit_log where target = ${`item/${draft.id}`} order by seq`),
    );
    expect(audit.map((row) => `${row.actor} ${row.action}`)).toEqual([
      'user-lg-config item.create',
      'user-lg-config item.save',
      'user-lg-config item.submit',
      'user-lg-review item.return',
      'user-lg-config item.save',
      'user-lg-config item.submit',
      'user-lg-review item.reviewStep',
      'user-lg-review item.approve',
    ]);
  });

  it('a change request keeps the published version in force until approved, then switches heads and keeps codes', async () => {
    const id = 'item-test-lifecycle';
    const published = (await readDocument(app.db, 'item', id))!;
    const before = published.body as ItemDocument;
    await config.api.studio.items.requestChange({ id });
    expect((await errorOf(config.api.studio.items.requestChange({ id }))).message).toContain('已有未完成的修订');
    expect((await errorOf(config.api.studio.items.submit({ id }))).message).toBe('变更内容与已发布版本相同，无需提交审核');

    const changed: ItemDocument = {
      ...before,
      conditions: '申请人应当具有与经营的食品品种、数量相适应的经营场所（变更后）',
      materials: [
        ...before.materials.filter((material) => material.id !== before.materials[0]!.id),
        {
          id: 'm-new-commitment',
          name: '食品安全承诺书',
          copies: 1,
          form: 'original',
          medium: 'both',
          required: true,
          source: 'applicant',
        },
      ],
      timeLimit: { ...before.timeLimit, promised: 3 },
      codes: { basic: '999999999999', implementation: '9'.repeat(27), handling: [], subItems: [] },
    };
    changed.materials[0] = { ...changed.materials[0]!, copies: 2 };
    await config.api.studio.items.save({ document: changed });
    // The head still names the published version while the change is open.
    expect((await readDocument(app.db, 'item', id))!.version).toBe(published.version);

    const diff = await reviewer.api.studio.items.diff({ id, from: published.version, to: 'draft' });
    const lines = diff.entries.map((entry) => `${entry.kind} ${entry.label}`);
    expect(lines).toEqual(
      expect.arrayContaining([
        'changed 受理条件',
        `removed 申请材料 › ${before.materials[0]!.name}`,
        'added 申请材料 › 食品安全承诺书',
        `changed 申请材料 › ${before.materials[1]!.name} › 份数`,
        'changed 办结时限 › 承诺办结时限',
      ]),
    );
    // Codes cannot be edited through a change.
    expect(lines.some((line) => line.includes('编码'))).toBe(false);

    await config.api.studio.items.submit({ id });
    const approved = await approveThrough(reviewer, id);
    expect(approved.version).toBe(published.version + 1);
    expect(approved.codes).toEqual(before.codes);
    expect(approved.announcement.title).toBe(`关于变更“${before.name}”政务服务事项的公告`);
    expect(approved.announcement.body).toContain('申请材料（新增1项、删除1项、修改1处）');

    const head = (await readDocument(app.db, 'item', id))!;
    expect(head.version).toBe(approved.version);
    expect((head.body as ItemDocument).timeLimit.promised).toBe(3);
    const versions = await config.api.studio.items.versions({ id });
    expect(versions.map((row) => `${row.version}:${row.status}`)).toEqual([
      `${approved.version}:published`,
      `${published.version}:superseded`,
    ]);
    const old = await config.api.studio.items.version({ id, version: published.version });
    expect(old.timeLimit.promised).toBe(before.timeLimit.promised);
    const between = await config.api.studio.items.diff({ id, from: published.version, to: approved.version });
    expect(between.entries.length).toBe(diff.entries.length);
  });

  it('abolishes with reason and date through review; the catalogue drops the item, history stays', async () => {
    const id = 'item-test-lifecycle';
    expect((await errorOf(config.api.studio.items.requestAbolish({ id, reason: '', effectiveDate: '2026-12-01' }))).message).toContain(
      '请填写废止原因',
    );
    await config.api.studio.items.requestAbolish({ id, reason: '该事项已并入食品经营许可', effectiveDate: '2026-12-01' });
    const result = await approveThrough(reviewer, id);
    expect(result.status).toBe('abolished');
    expect(result.announcement.body).toContain('因该事项已并入食品经营许可，自2026-12-01起废止');
    expect((await readDocument(app.db, 'item', id))!.status).toBe('abolished');
    expect((await config.api.studio.items.catalogue({ search: '测试食品', page: 1, pageSize: 10 })).total).toBe(0);
    expect((await errorOf(config.api.studio.items.requestChange({ id }))).message).toBe('当前状态不能执行“申请变更”');
    const announcements = await config.api.studio.items.announcements.list({ itemId: id, page: 1, pageSize: 10 });
    expect(announcements.rows.map((row) => row.type)).toEqual(['abolished', 'changed', 'added']);
    const stats = await config.api.studio.items.statistics();
    const year = stats.byYear.at(-1)!;
    expect(year.abolished).toBeGreaterThanOrEqual(1);
    expect(year.changed).toBeGreaterThanOrEqual(1);
    expect(stats.total).toBe((await config.api.studio.items.catalogue({ page: 1, pageSize: 200 })).total);
  });

  it('enforces department scope, levels, grants and review rights (denials)', async () => {
    const [window, banner, bannerReviewer] = await Promise.all([app.signIn('lg.window'), app.signIn('xl.config'), app.signIn('xl.review')]);
    const item = await newItem('item-test-permissions');
    expect((await errorOf(window.api.studio.items.create({ document: item }))).code).toBe('FORBIDDEN');
    expect((await errorOf(banner.api.studio.items.create({ document: item }))).message).toBe('没有权限：只能编制本部门的事项');
    const leagueLevel = {
      ...item,
      id: 'item-test-banner-league',
      departmentId: 'org-xl-scjgj',
      regionCode: '152502',
      level: 'league' as const,
    };
    expect((await errorOf(banner.api.studio.items.create({ document: leagueLevel }))).message).toBe(
      '没有权限：旗县（市）级用户不能修改盟级事项，须经盟级授权',
    );
    expect((await errorOf(config.api.studio.items.requestChange({ id: 'item-xl-individual-business' }))).message).toBe(
      '没有权限：只能编制本部门的事项',
    );
    expect((await errorOf(banner.api.studio.items.requestChange({ id: 'item-food-business' }))).message).toBe(
      '没有权限：只能编制本部门的事项',
    );
    expect((await errorOf(config.api.studio.items.review.approve({ id: 'item-food-business' }))).code).toBe('FORBIDDEN');

    await config.api.studio.items.create({ document: item });
    await config.api.studio.items.submit({ id: item.id });
    expect((await errorOf(bannerReviewer.api.studio.items.review.approve({ id: item.id }))).message).toBe(
      '没有权限：该事项不在您所在审改部门的审核范围内',
    );
    expect((await bannerReviewer.api.studio.items.review.inbox()).map((row) => row.id)).not.toContain(item.id);
    expect((await errorOf(banner.api.studio.items.review.approve({ id: item.id }))).code).toBe('FORBIDDEN');

    // The league grants 锡林浩特市市场监管局 the right to change one league item.
    expect(
      (await errorOf(bannerReviewer.api.studio.items.grants.grant({ id: 'item-food-business', organizationId: 'org-xl-scjgj' }))).message,
    ).toContain('只有盟级审改部门');
    await reviewer.api.studio.items.grants.grant({ id: 'item-food-business', organizationId: 'org-xl-scjgj' });
    expect(await banner.api.studio.items.requestChange({ id: 'item-food-business' })).toMatchObject({ status: 'draft' });
    await banner.api.studio.items.discard({ id: 'item-food-business' });
    await reviewer.api.studio.items.grants.revoke({ id: 'item-food-business', organizationId: 'org-xl-scjgj' });
    expect((await errorOf(banner.api.studio.items.requestChange({ id: 'item-food-business' }))).code).toBe('FORBIDDEN');
    // Banner items of the banner's own department stay editable.
    expect(await banner.api.studio.items.requestChange({ id: 'item-xl-individual-business' })).toMatchObject({ status: 'draft' });
  });

  it('withdraws a submission; announcement templates are editable by reviewers and used for the next announcement', async () => {
    const item = await newItem('item-test-template', '模板测试事项');
    await config.api.studio.items.create({ document: item });
    await config.api.studio.items.submit({ id: item.id });
    expect(await config.api.studio.items.withdraw({ id: item.id })).toMatchObject({ status: 'draft' });
    expect((await errorOf(config.api.studio.items.withdraw({ id: item.id }))).message).toBe('当前状态不能执行“撤回”');
    await config.api.studio.items.submit({ id: item.id });

    expect(
      (await errorOf(config.api.studio.items.announcements.saveTemplate({ type: 'added', title: '新增{{事项名称}}', body: '正文' }))).code,
    ).toBe('FORBIDDEN');
    expect(
      (await errorOf(reviewer.api.studio.items.announcements.saveTemplate({ type: 'added', title: '新增{{事项名}}', body: '正文' })))
        .message,
    ).toBe('模板中有未知的占位符：{{事项名}}');
    await reviewer.api.studio.items.announcements.saveTemplate({
      type: 'added',
      title: '【新增】{{事项名称}}',
      body: '{{实施部门}}：{{基本编码}}，{{发布日期}}起施行。',
    });
    const approved = await approveThrough(reviewer, item.id);
    expect(approved.announcement.title).toBe('【新增】模板测试事项');
    expect(approved.announcement.body).toMatch(
      new RegExp(`^锡林郭勒盟市场监督管理局：${approved.codes!.basic}，\\d{4}年\\d{1,2}月\\d{1,2}日起施行。$`),
    );
    const templates = await config.api.studio.items.announcements.templates();
    expect(templates.templates.find((template) => template.type === 'added')).toMatchObject({
      title: '【新增】{{事项名称}}',
      updatedBy: 'user-lg-review',
    });
  });

  it('codes sub-items 001, 002 … under a 00Y parent; a change codes new sub-items next and never reuses a removed one', async () => {
    const base = await newItem('item-test-subitems', '测试分项许可');
    const withSubs: ItemDocument = {
      ...base,
      subItems: [
        { id: 'sub-new', name: '测试分项许可（新办）', kind: 'new' },
        { id: 'sub-change', name: '测试分项许可（变更）', kind: 'change' },
      ],
    };
    const duplicate = { ...withSubs, subItems: [...withSubs.subItems, { id: 'sub-x', name: '测试分项许可（新办）', kind: 'other' as const }] };
    expect((await errorOf(config.api.studio.items.create({ document: duplicate }))).issues).toContainEqual({
      path: ['subItems', 2, 'name'],
      message: '办理项名称“测试分项许可（新办）”重复',
      where: '办理项“测试分项许可（新办）”的名称',
    });
    await config.api.studio.items.create({ document: withSubs });
    await config.api.studio.items.submit({ id: withSubs.id });
    const approved = await approveThrough(reviewer, withSubs.id);
    const codes = approved.codes!;
    expect(codes.basic).toMatch(/^01\d{7}00Y$/);
    const prefix = codes.basic.slice(0, 9);
    expect(codes.subItems.map((sub) => [sub.subItemId, sub.basic])).toEqual([
      ['sub-new', `${prefix}001`],
      ['sub-change', `${prefix}002`],
    ]);
    expect(codes.subItems[0]!.implementation).toMatch(new RegExp(`^${prefix}001152500000000101$`));
    expect(codes.subItems[0]!.handling).toEqual([`${codes.subItems[0]!.implementation}01`]);

    // A change removes 变更 and adds 注销 and 延续: the new ones get 003 and 004; 002 stays taken.
    await config.api.studio.items.requestChange({ id: withSubs.id });
    const published = (await readDocument(app.db, 'item', withSubs.id))!.body as ItemDocument;
    await config.api.studio.items.save({
      document: {
        ...published,
        subItems: [
          published.subItems[0]!,
          { id: 'sub-cancel', name: '测试分项许可（注销）', kind: 'cancel' },
          { id: 'sub-renew', name: '测试分项许可（延续）', kind: 'renew' },
        ],
      },
    });
    const diff = await reviewer.api.studio.items.diff({ id: withSubs.id, from: approved.version, to: 'draft' });
    expect(diff.entries.map((entry) => `${entry.kind} ${entry.label}`)).toEqual(
      expect.arrayContaining(['removed 办理项 › 测试分项许可（变更）', 'added 办理项 › 测试分项许可（注销）']),
    );
    await config.api.studio.items.submit({ id: withSubs.id });
    const changed = await approveThrough(reviewer, withSubs.id);
    expect(changed.codes!.basic).toBe(codes.basic);
    expect(changed.codes!.subItems.map((sub) => sub.basic.slice(-3))).toEqual(['001', '003', '004']);
    // The database refuses a reused segment and a reused code outright.
    await expect(
      app.db.execute(
        sql`insert into item_sub_item_codes (item_id, sub_item_id, segment, basic, implementation, assigned_by) values (${withSubs.id}, 'sub-again', 2, 'X', 'Y', 'test')`,
      ),
    ).rejects.toThrow();
    await expect(
      app.db.execute(sql`insert into item_codes (code, kind, item_id, assigned_by) values (${`${prefix}002`}, 'sub-basic', 'item-other', 'test')`),
    ).rejects.toThrow();
  });

  it('gives 20 concurrent approvals 20 distinct codes, each recorded once', async () => {
    const ids = Array.from({ length: 20 }, (_, index) => `item-test-concurrent-${String(index).padStart(2, '0')}`);
    for (const id of ids) {
      const document = await newItem(id, `并发测试事项${id.slice(-2)}`);
      // Half of them with two sub-items each: their segments are coded in the same concurrent approvals.
      const odd = Number(id.slice(-2)) % 2 === 1;
      const subItems = odd ? [{ id: 'sub-a', name: `并发测试事项${id.slice(-2)}（新办）`, kind: 'new' as const }, { id: 'sub-b', name: `并发测试事项${id.slice(-2)}（注销）`, kind: 'cancel' as const }] : [];
      await config.api.studio.items.create({ document: { ...document, subItems } });
      await config.api.studio.items.submit({ id });
    }
    // 初审 one by one is not the point: all twenty reach 复审, then the last approvals (coding) run at once.
    await Promise.all(ids.map((id) => reviewer.api.studio.items.review.approve({ id })));
    const results = await Promise.all(ids.map((id) => reviewer.api.studio.items.review.approve({ id })));
    const basics = results.map((result) => result.codes!.basic);
    expect(new Set(basics).size).toBe(20);
    expect(new Set(results.map((result) => result.codes!.implementation)).size).toBe(20);
    const sequences = basics.map((code) => Number(code.slice(5, 9))).sort((a, b) => a - b);
    expect(new Set(sequences).size).toBe(20);
    const [stored] = rowsOf<{ count: number; distinct: number }>(
      await app.db.execute(
        sql`select count(*)::int as count, count(distinct code)::int as distinct from item_codes where item_id like 'item-test-concurrent-%'`,
      ),
    );
    // 20 × (basic, implementation, handling) + 10 × 2 sub-items × (basic, implementation, handling).
    expect(stored).toEqual({ count: 120, distinct: 120 });
    const subCodes = results.flatMap((result) => result.codes!.subItems.map((sub) => sub.basic));
    expect(subCodes).toHaveLength(20);
    expect(new Set(subCodes).size).toBe(20);
    // The database refuses a reused code outright.
    await expect(
      app.db.execute(sql`insert into item_codes (code, kind, item_id, assigned_by) values (${basics[0]!}, 'basic', 'item-other', 'test')`),
    ).rejects.toThrow();
  });
});
