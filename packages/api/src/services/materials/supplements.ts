import { randomUUID } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { and, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { caseMaterials, caseNotices, cases, type Db } from '@xlgl/db';
import type { CaseState, Pause } from '@xlgl/engine';
import { commitStep, conflictMessage, loadCaseHead } from '../cases/case-service.js';
import { readDocumentVersion, type DeskActor, type ItemDocument } from '../cases/runtime.js';
import { actorMayViewCase, materialFilesInput, recordCaseMaterialFiles } from './library.js';

/** 补正完成 at the window: the materials received (files and/or paper) for the task waiting for them. */
export const receiveSupplementInput = z.object({
  caseId: z.string().uuid({ message: '办件标识不正确' }),
  expectedVersion: z.number().int().min(1),
  taskId: z.string().min(1).max(100),
  materials: z
    .array(
      z.object({
        materialId: z.string().min(1).max(100),
        /** Uploads (by hash) or reuses from the applicant's library, as at acceptance. */
        files: materialFilesInput,
      }),
    )
    .min(1, { message: '请登记收到的补正材料' })
    .max(50),
  comment: z.string().max(2000).optional(),
});
export type ReceiveSupplementInput = z.infer<typeof receiveSupplementInput>;

/** A task waiting for supplements: who asked, why, since when, and which materials. */
export type PendingSupplement = {
  taskId: string;
  label: string;
  reason: string | null;
  since: string;
  requestedMaterials: Array<{ id: string; name: string }>;
};

function pendingOf(state: CaseState): Array<{ task: CaseState['tasks'][number]; pause: Pause }> {
  return state.tasks.flatMap((task) => {
    const pause = state.pauses.find((entry) => entry.id === task.pausedBy);
    return pause && pause.kind === 'supplement' && pause.to === undefined ? [{ task, pause }] : [];
  });
}

/** Who may receive supplements: a window of the accepting centre who may see the case. */
async function receiverRefusal(db: Db, options: { actor: DeskActor; capabilities: readonly string[]; caseId: string; regionCode: string }): Promise<string | null> {
  const { actor } = options;
  if (!actor.roleIds.includes('role-window') || !options.capabilities.includes('desk.accept') || actor.regionCode !== options.regionCode) return '只有受理该办件的政务服务中心窗口人员可以接收补正材料';
  if (!(await actorMayViewCase(db, options))) return '您不是该办件的经办人，不能接收其补正材料';
  return null;
}

/**
 * The case's open 补正 (tasks whose clock stopped for supplements) with the materials each notice
 * asked for, and whether the actor may record them as received. Read under the case access rule.
 */
export async function pendingSupplements(db: Db, options: { actor: DeskActor; capabilities: readonly string[]; caseId: string }) {
  if (!(await actorMayViewCase(db, options))) throw new TRPCError({ code: 'FORBIDDEN', message: '您不是该办件的经办人，无权查看' });
  const row = await loadCaseHead(db, options.caseId);
  const state = row.state as unknown as CaseState;
  const notices = await db
    .select({ data: caseNotices.data, createdAt: caseNotices.createdAt })
    .from(caseNotices)
    .where(and(eq(caseNotices.caseId, row.id), eq(caseNotices.kind, 'supplement')))
    .orderBy(desc(caseNotices.createdAt));
  const pending: PendingSupplement[] = pendingOf(state).map(({ task, pause }) => {
    const notice = notices.find((entry) => entry.data.supplementTaskId === task.id) ?? (notices.length > 0 && !notices[0]!.data.supplementTaskId ? notices[0] : undefined);
    return {
      taskId: task.id,
      label: task.label,
      reason: pause.reason ?? null,
      since: pause.fromAt,
      requestedMaterials: (notice?.data.supplementMaterials as PendingSupplement['requestedMaterials'] | undefined) ?? [],
    };
  });
  const refusal = pending.length > 0 ? await receiverRefusal(db, { ...options, regionCode: row.regionCode }) : null;
  return { version: row.version, pending, mayReceive: pending.length > 0 && !refusal, refusal };
}

/**
 * 补正完成: the window records the supplementary materials (new uploads join the applicant's library;
 * reuses must be the applicant's and still valid) and in the same transaction the task's clock
 * restarts (engine `supplement-received`), the process record names what arrived, and the handler
 * who asked is told. Every material the 补正告知书 asked for must be among those received.
 */
export async function receiveSupplement(db: Db, options: { actor: DeskActor; capabilities: readonly string[]; now: Date; input: ReceiveSupplementInput }) {
  const { actor, now, input } = options;
  const row = await loadCaseHead(db, input.caseId);
  if (row.version !== input.expectedVersion) throw new TRPCError({ code: 'CONFLICT', message: conflictMessage });
  const refusal = await receiverRefusal(db, { actor, capabilities: options.capabilities, caseId: row.id, regionCode: row.regionCode });
  if (refusal) throw new TRPCError({ code: 'FORBIDDEN', message: refusal });
  const state = row.state as unknown as CaseState;
  const waiting = pendingOf(state).find(({ task }) => task.id === input.taskId);
  if (!waiting) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: pendingOf(state).length === 0 ? '该办件当前没有等待补正的环节，不能登记补正材料' : '该环节不在补正中，请刷新后重试' });
  }
  const item = await readDocumentVersion<ItemDocument>(db, 'item', row.itemId, row.itemVersion);
  const { pending } = await pendingSupplements(db, { actor, capabilities: options.capabilities, caseId: row.id });
  const requested = pending.find((entry) => entry.taskId === input.taskId)?.requestedMaterials ?? [];
  const missing = requested.filter((material) => !input.materials.some((entry) => entry.materialId === material.id));
  if (missing.length > 0) throw new TRPCError({ code: 'BAD_REQUEST', message: `补正材料未收齐：还缺${missing.map((material) => `“${material.name}”`).join('、')}` });
  const names = new Map(item.materials.map((material) => [material.id, material]));
  for (const entry of input.materials) {
    const material = names.get(entry.materialId);
    if (!material) throw new TRPCError({ code: 'BAD_REQUEST', message: `事项“${item.name}”没有材料“${entry.materialId}”` });
    if (material.medium === 'electronic' && entry.files.length === 0) throw new TRPCError({ code: 'BAD_REQUEST', message: `材料“${material.name}”要求提交电子件，请上传文件或复用已有材料` });
  }
  const [applicant] = await db.select({ kind: cases.applicantKind, idNumber: cases.applicantIdNumber }).from(cases).where(eq(cases.id, row.id));
  const received = input.materials.map((entry) => `${names.get(entry.materialId)!.name}${entry.files.length > 0 ? `（电子件${entry.files.length}份）` : '（纸质）'}`).join('、');
  const comment = `收到补正材料：${received}${input.comment?.trim() ? `；${input.comment.trim()}` : ''}`;
  return commitStep(db, {
    row,
    actor,
    now,
    action: { type: 'supplement-received', taskId: input.taskId, comment, expectedVersion: input.expectedVersion },
    auditAction: 'case.supplement-received',
    extra: async (tx) => {
      await recordCaseMaterialFiles(tx, {
        caseId: row.id,
        item,
        applicant: applicant!,
        materials: input.materials.map((entry) => ({ materialId: entry.materialId, provided: true, files: entry.files })),
        decision: 'accept',
        actorId: actor.userId,
        now,
      });
      // The checklist as received: a material now handed in counts as provided.
      for (const entry of input.materials) {
        const updated = await tx
          .update(caseMaterials)
          .set({ provided: true, receivedAt: now })
          .where(and(eq(caseMaterials.caseId, row.id), eq(caseMaterials.materialId, entry.materialId)))
          .returning({ id: caseMaterials.id });
        if (updated.length === 0) {
          await tx.insert(caseMaterials).values({ id: randomUUID(), caseId: row.id, materialId: entry.materialId, name: names.get(entry.materialId)!.name, provided: true, applicantIdNumber: applicant!.idNumber, receivedAt: now });
        }
      }
    },
  });
}
