import { fileURLToPath } from 'node:url';
import { readFile } from 'node:fs/promises';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flowDocument, type FlowDocument } from '@xlgl/schema';
import { itemReviews, writeDocument } from '@xlgl/db';
import { createTestApp, newItem, refusal, testDatabaseKinds, type TestApp, type TestClient } from '../../testing/index.js';
import { itemReviewFlowProblems } from './review.js';

const shippedMetadata = fileURLToPath(new URL('../../../../../metadata', import.meta.url));
const shipped = async <T>(path: string): Promise<T> => JSON.parse(await readFile(`${shippedMetadata}/${path}.json`, 'utf8')) as T;

describe('which flows can review items', () => {
  it('accepts the shipped review flow and refuses steps an item review cannot have', async () => {
    const flow = flowDocument.parse(await shipped('flows/flow-item-review'));
    expect(itemReviewFlowProblems(flow)).toEqual([]);
    const desk = flowDocument.parse(await shipped('flows/flow-tax-invoice'));
    expect(itemReviewFlowProblems(desk)).toContain('环节“受理”的办理动作“补正告知”不能用于事项审核');
    const rejecting = { ...flow, nodes: flow.nodes.map((node) => (node.type === 'end' ? { ...node, settings: { outcome: 'rejected' } } : node)) };
    expect(itemReviewFlowProblems(rejecting as FlowDocument)).toContain('结束节点“赋码发布”应为“准予”：退回申请人由环节的“退回修改”完成');
  });
});

describe.each(testDatabaseKinds())('the publication review runs in the flow engine on %s', (kind) => {
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

  it('offers exactly the engine actions per step: 初审 → 复审, return to 初审, withdraw, stale versions refused', async () => {
    const item = await newItem('item-review-flow', '审核流程测试事项');
    await config.api.studio.items.create({ document: item });
    await config.api.studio.items.submit({ id: item.id });

    // The submitter sees where it is but has no action; the reviewer gets the step's actions.
    const seenBySubmitter = (await config.api.studio.items.review.detail({ id: item.id }))!;
    expect(seenBySubmitter.currentSteps.map((step) => step.label)).toEqual(['审改办初审']);
    expect(seenBySubmitter.actions).toEqual([]);
    const first = (await reviewer.api.studio.items.review.detail({ id: item.id }))!;
    expect(first).toMatchObject({ flowId: 'flow-item-review', flowName: '政务服务事项发布审核' });
    expect(first.actions.map((action) => action.type)).toEqual(['approve', 'reject']);
    expect((await reviewer.api.studio.items.review.inbox()).find((row) => row.id === item.id)?.step).toBe('审改办初审');

    const approveTask = first.actions.find((action) => action.type === 'approve')!.taskId;
    const passed = await reviewer.api.studio.items.review.act({
      id: item.id,
      expectedVersion: first.version,
      action: { type: 'approve', taskId: approveTask, comment: '材料齐全，提交复审' },
    });
    expect(passed).toMatchObject({ status: 'submitted', concluded: false, nextSteps: ['分管负责人复审'] });
    const stale = await refusal(
      reviewer.api.studio.items.review.act({ id: item.id, expectedVersion: first.version, action: { type: 'approve', taskId: approveTask } }),
    );
    expect(stale.code).toBe('CONFLICT');
    expect(stale.message).toContain('办件已被他人更新');

    const second = (await reviewer.api.studio.items.review.detail({ id: item.id }))!;
    expect(second.currentSteps.map((step) => step.label)).toEqual(['分管负责人复审']);
    expect(second.actions.map((action) => action.type).sort()).toEqual(['approve', 'reject', 'return', 'withdraw']);
    const back = second.actions.find((action) => action.type === 'return')!;
    expect(back.targets).toEqual([{ nodeId: 'initial-review', label: '审改办初审' }]);
    expect(
      (await refusal(reviewer.api.studio.items.review.act({ id: item.id, action: { type: 'return', taskId: back.taskId, targetNodeId: 'initial-review' } })))
        .message,
    ).toBe('请填写退回原因');
    await reviewer.api.studio.items.review.act({
      id: item.id,
      expectedVersion: second.version,
      action: { type: 'return', taskId: back.taskId, targetNodeId: 'initial-review', comment: '请初审核对收费依据' },
    });
    const again = (await reviewer.api.studio.items.review.detail({ id: item.id }))!;
    expect(again.currentSteps.map((step) => step.label)).toEqual(['审改办初审']);
    // The returned step goes back to the person who handled it.
    expect(again.currentSteps[0]!.assignedUserId).toBe('user-lg-review');

    await reviewer.api.studio.items.review.approve({ id: item.id, comment: '已核对' });
    const published = await reviewer.api.studio.items.review.approve({ id: item.id, comment: '同意发布' });
    expect(published).toMatchObject({ status: 'published', concluded: true });
    expect(published.codes?.basic).toMatch(/^01\d{7}000$/);
    expect(await reviewer.api.studio.items.review.detail({ id: item.id })).toBeNull();

    const detail = await config.api.studio.items.get({ id: item.id });
    const steps = detail.events.filter((event) => event.action === 'reviewStep' || event.action === 'approve');
    expect(steps.map((event) => [event.actor, (event.detail as { step?: string }).step, event.comment])).toEqual([
      ['user-lg-review', '审改办初审', '材料齐全，提交复审'],
      ['user-lg-review', '分管负责人复审', '请初审核对收费依据'],
      ['user-lg-review', '审改办初审', '已核对'],
      ['user-lg-review', '分管负责人复审', '同意发布'],
    ]);
    const [review] = await app.db.select().from(itemReviews).where(eq(itemReviews.itemId, item.id));
    expect(review).toMatchObject({ status: 'concluded', outcome: 'approved', flowId: 'flow-item-review' });
  });

  it('a withdrawal cancels the running review; the next submission starts a new one', async () => {
    const item = await newItem('item-review-withdraw', '撤回测试事项');
    await config.api.studio.items.create({ document: item });
    await config.api.studio.items.submit({ id: item.id });
    await config.api.studio.items.withdraw({ id: item.id });
    await config.api.studio.items.submit({ id: item.id });
    const rows = await app.db.select().from(itemReviews).where(eq(itemReviews.itemId, item.id)).orderBy(itemReviews.id);
    expect(rows.map((row) => `${row.status}:${row.outcome ?? ''}`)).toEqual(['concluded:withdrawn', 'running:']);
  });

  it('a submission from before engine-run reviews gets its review started when a reviewer opens it', async () => {
    const item = await newItem('item-review-upgrade', '升级前提交的事项');
    await config.api.studio.items.create({ document: item });
    await config.api.studio.items.submit({ id: item.id });
    await app.db.delete(itemReviews).where(eq(itemReviews.itemId, item.id));
    expect((await reviewer.api.studio.items.review.inbox()).find((row) => row.id === item.id)?.step).toBe('审改办初审');
    expect(await reviewer.api.studio.items.review.approve({ id: item.id })).toMatchObject({ concluded: false, nextSteps: ['分管负责人复审'] });
  });

  it('the review flow is a validated setting: refused flows, league only, and a new flow reviews the next submission', async () => {
    const banner = await app.signIn('xl.review');
    expect((await reviewer.api.studio.items.reviewFlow.get()).flowId).toBe('flow-item-review');
    expect((await refusal(reviewer.api.studio.items.reviewFlow.set({ flowId: 'flow-tax-invoice' }))).message).toContain(
      '不能用于事项审核',
    );
    expect((await refusal(reviewer.api.studio.items.reviewFlow.set({ flowId: 'flow-missing' }))).message).toContain('不存在或未发布');
    expect((await refusal(banner.api.studio.items.reviewFlow.set({ flowId: 'flow-item-review' }))).code).toBe('FORBIDDEN');
    expect((await refusal(config.api.studio.items.reviewFlow.set({ flowId: 'flow-item-review' }))).code).toBe('FORBIDDEN');

    // A one-step review (初审 only) configured by the league review office.
    const shippedFlow = await shipped<FlowDocument>('flows/flow-item-review');
    const single: FlowDocument = {
      ...shippedFlow,
      id: 'flow-item-review-single',
      name: '事项审核（一级）',
      nodes: shippedFlow.nodes.filter((node) => node.id !== 'final-review'),
      edges: [
        { id: 'e1', source: 'start', target: 'initial-review' },
        { id: 'e2', source: 'initial-review', target: 'end' },
      ],
    };
    await app.db.transaction((tx) => writeDocument(tx, { kind: 'flow', id: single.id, body: single as never, references: [], actor: 'test' }));
    // A review already running keeps its flow; the next submission uses the new one.
    const running = await newItem('item-review-running', '旧流程审核中事项');
    await config.api.studio.items.create({ document: running });
    await config.api.studio.items.submit({ id: running.id });
    expect(await reviewer.api.studio.items.reviewFlow.set({ flowId: single.id })).toMatchObject({ flowId: single.id, name: '事项审核（一级）' });
    try {
      const item = await newItem('item-review-single', '一级审核事项');
      await config.api.studio.items.create({ document: item });
      await config.api.studio.items.submit({ id: item.id });
      expect(await reviewer.api.studio.items.review.approve({ id: item.id })).toMatchObject({ status: 'published', concluded: true });
      expect(await reviewer.api.studio.items.review.approve({ id: running.id })).toMatchObject({ concluded: false, nextSteps: ['分管负责人复审'] });
      const [review] = await app.db
        .select()
        .from(itemReviews)
        .where(and(eq(itemReviews.itemId, item.id), eq(itemReviews.status, 'concluded')));
      expect(review?.flowId).toBe(single.id);
    } finally {
      await reviewer.api.studio.items.reviewFlow.set({ flowId: 'flow-item-review' });
    }
  });
});
