import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { hasBlockingProblems, reviewFlow } from '@xlgl/engine';
import { documentId, type FlowDocument } from '@xlgl/schema';
import { appendAudit, readDocument, type Db } from '@xlgl/db';
import { requires, router } from '../../trpc.js';
import { describeDocument } from '../../services/describe.js';
import { lockMetadata } from '../../services/documents.js';
import { parseStudioDocument, readDraft, requireDraft } from '../../services/studio/drafts.js';
import { flowReviewSetting, publicationRefused, reviewStudioFlow, summarizeReview } from '../../services/studio/flowReview.js';
import { publishDraft } from '../../services/studio/publish.js';
import { flowDesignerDirectory } from '../../services/studio/directory.js';
import { studioDraftProcedures } from './draftProcedures.js';

const edit = requires('studio.flow.edit');
const mapping = z.record(documentId, documentId).optional();

/** 流程设计: list, drafts, review (flow-review.md rules 1–16) and publication of flows. */
export const studioFlowsRouter = router({
  ...studioDraftProcedures({ kind: 'flow', capability: 'studio.flow.edit' }),

  /** Directory data for the designer: roles, posts, organisations, users, items, published forms' fields. */
  context: edit.query(({ ctx }) => flowDesignerDirectory(ctx.db)),

  /** The version in force and the draft (either may be null, not both). */
  get: edit.input(z.object({ id: documentId })).query(async ({ ctx, input }) => {
    const [published, draft] = await Promise.all([readDocument(ctx.db, 'flow', input.id), readDraft(ctx.db, 'flow', input.id)]);
    if (!published && !draft) throw new TRPCError({ code: 'NOT_FOUND', message: `${describeDocument('flow', input.id)}不存在` });
    return { published: (published?.body as unknown as FlowDocument | undefined) ?? null, publishedVersion: published?.version ?? null, draft };
  }),

  /**
   * Reviews the draft (or, with `document`, an unsaved flow) against the metadata in force: the
   * bound form version, the item, users, organisations and — when a version is in force — the node
   * mapping for running cases (rule 16).
   */
  review: edit
    .input(
      z.object({
        id: documentId,
        document: z.record(z.string(), z.unknown()).optional(),
        itemId: documentId.optional(),
        mapping,
      }),
    )
    .query(async ({ ctx, input }) => {
      const flow = input.document ? parseStudioDocument('flow', input.document) : (await requireDraft(ctx.db, 'flow', input.id)).document;
      if (flow.id !== input.id) throw new TRPCError({ code: 'BAD_REQUEST', message: `流程标识“${flow.id}”与“${input.id}”不一致` });
      return (await reviewStudioFlow(ctx.db, flow, { itemId: input.itemId, mapping: input.mapping })).result;
    }),

  /**
   * Publishes the draft as a new immutable version (cases already running keep theirs). Refused
   * while the review finds errors; warnings come back with the new version.
   */
  publish: edit.input(z.object({ id: documentId, itemId: documentId.optional(), mapping })).mutation(async ({ ctx, input }) => {
    const actor = ctx.user!.id;
    const now = ctx.now();
    return ctx.db.transaction(async (tx) => {
      const runner = tx as unknown as Db;
      await lockMetadata(runner);
      const published = await publishDraft(runner, {
        kind: 'flow',
        id: input.id,
        actor,
        now,
        prepare: async (draft) => {
          // The flow is published against the form version in force now.
          const form = draft.formId ? await readDocument(runner, 'form', draft.formId) : null;
          if (draft.formId && !form) throw new TRPCError({ code: 'PRECONDITION_FAILED', message: `流程绑定的${describeDocument('form', draft.formId)}尚未发布，请先发布表单` });
          const flow: FlowDocument = form ? { ...draft, formVersion: form.version } : draft;
          const setting = await flowReviewSetting(runner, flow, { itemId: input.itemId, mapping: input.mapping });
          const problems = reviewFlow(flow, setting.context);
          if (hasBlockingProblems(problems)) throw publicationRefused(flow, problems);
          return { document: flow, extra: summarizeReview(problems, setting) };
        },
      });
      await appendAudit(
        runner,
        { actor, action: 'studio.flow.publish', target: `flow/${input.id}`, detail: { version: published.version, previousVersion: published.previousVersion, mapping: input.mapping ?? {} } },
        now,
      );
      return {
        version: published.version,
        previousVersion: published.previousVersion,
        warnings: published.extra.problems.filter((problem) => problem.severity === 'warning'),
        document: published.document,
      };
    });
  }),
});
