import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { documentId, type Capability } from '@xlgl/schema';
import { requires } from '../../trpc.js';
import { describeDocument } from '../../services/describe.js';
import { deleteDraft, listStudioDocuments, readVersion, versionHistory, type StudioKind } from '../../services/studio/drafts.js';
import { saveStudioDraft } from '../../services/studio/publish.js';

/**
 * The procedures every studio designer router (flows, forms) has alike: the paged list, one stored
 * version, the version history, saving and discarding the draft. Spread into the kind's router.
 */
export function studioDraftProcedures<K extends StudioKind>(options: { kind: K; capability: Capability }) {
  const { kind } = options;
  const edit = requires(options.capability);
  return {
    list: edit
      .input(
        z.object({
          search: z.string().trim().max(100).optional(),
          page: z.number().int().min(1).default(1),
          pageSize: z.number().int().min(1).max(100).default(20),
        }),
      )
      .query(({ ctx, input }) =>
        listStudioDocuments(ctx.db, { kind, search: input.search || undefined, page: input.page, pageSize: input.pageSize }),
      ),

    version: edit
      .input(z.object({ id: documentId, version: z.number().int().min(1).max(2_147_483_647, { message: '版本号过大' }) }))
      .query(async ({ ctx, input }) => {
        const document = await readVersion(ctx.db, { kind, id: input.id, version: input.version });
        if (!document) throw new TRPCError({ code: 'NOT_FOUND', message: `${describeDocument(kind, input.id)}没有第${input.version}版` });
        return document;
      }),

    history: edit.input(z.object({ id: documentId })).query(({ ctx, input }) => versionHistory(ctx.db, kind, input.id)),

    /** Saves the working copy; validated by the kind's schema (a flow's soundness is checked by its `review`). */
    saveDraft: edit
      .input(
        z.object({ document: z.record(z.string(), z.unknown(), { message: `${kind === 'flow' ? '流程' : '表单'}必须是一个JSON对象` }) }),
      )
      .mutation(({ ctx, input }) => saveStudioDraft(ctx.db, { kind, document: input.document, actor: ctx.user!.id, now: ctx.now() })),

    discardDraft: edit
      .input(z.object({ id: documentId }))
      .mutation(async ({ ctx, input }) => ({ discarded: await deleteDraft(ctx.db, kind, input.id) })),
  };
}
