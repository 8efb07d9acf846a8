import { z } from 'zod';
import type { ItemDocument } from '@xlgl/schema';
import type { Context } from '../../context.js';
import { requires, router } from '../../trpc.js';
import { loadActor, readCurrent } from '../../services/cases/index.js';
import { caseMaterialFilesOf, materialOffers, megabytesText, pendingSupplements, receiveSupplement, receiveSupplementInput, uploadLimitBytes } from '../../services/materials/index.js';
import { acceptedTypesText } from '../../services/materials/detect.js';

async function actorOf(ctx: Context) {
  return loadActor(ctx.db, ctx.user!.id);
}

const applicantKey = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^(\d{17}[\dX]|[0-9A-HJ-NPQRTUWXY]{18})$/, { message: '证件号码应为18位身份证号码或统一社会信用代码' });

/** 共享材料库 at the desk: reuse offers at acceptance, the case's files on the case screen. */
export const deskMaterialsRouter = router({
  /** Upload rules the window shows next to the file chooser. */
  limits: requires('desk.access').query(() => ({ maxBytes: uploadLimitBytes(), maxText: megabytesText(uploadLimitBytes()), types: acceptedTypesText, accept: '.pdf,.jpg,.jpeg,.png,.ofd' })),

  /** Per material of the item: the applicant's files on file that can be reused. */
  offers: requires('desk.accept')
    .input(z.object({ itemId: z.string().min(1).max(100), applicantIdNumber: applicantKey }))
    .query(async ({ ctx, input }) => {
      const item = await readCurrent<ItemDocument>(ctx.db, { kind: 'item', id: input.itemId, what: '事项' });
      return materialOffers(ctx.db, { item: item.body, applicantIdNumber: input.applicantIdNumber, now: ctx.now() });
    }),

  /** The case's material files (same access rule as the case screen). */
  ofCase: requires('desk.access')
    .input(z.object({ caseId: z.string().uuid({ message: '办件标识不正确' }) }))
    .query(async ({ ctx, input }) => caseMaterialFilesOf(ctx.db, { actor: await actorOf(ctx), capabilities: ctx.user!.capabilities, caseId: input.caseId })),

  /** 补正: the case's steps waiting for supplements, the materials asked for, and whether the user may receive them. */
  supplements: requires('desk.access')
    .input(z.object({ caseId: z.string().uuid({ message: '办件标识不正确' }) }))
    .query(async ({ ctx, input }) => pendingSupplements(ctx.db, { actor: await actorOf(ctx), capabilities: ctx.user!.capabilities, caseId: input.caseId })),

  /** 补正完成: the window records the supplementary materials and the clock restarts. */
  receiveSupplement: requires('desk.accept')
    .input(receiveSupplementInput)
    .mutation(async ({ ctx, input }) => receiveSupplement(ctx.db, { actor: await actorOf(ctx), capabilities: ctx.user!.capabilities, now: ctx.now(), input })),
});
