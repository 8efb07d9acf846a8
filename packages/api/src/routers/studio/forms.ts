import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { documentId, type FormDocument } from '@xlgl/schema';
import { appendAudit, readDocument } from '@xlgl/db';
import { requires, router } from '../../trpc.js';
import { describeDocument } from '../../services/describe.js';
import { readDraft } from '../../services/studio/drafts.js';
import { formFieldDependents } from '../../services/studio/formDependents.js';
import { formTableView, insertTrialRecord, listTrialRecords, publishFormDraft, reviewFormDraft } from '../../services/studio/forms.js';
import { formDesignerDirectory } from '../../services/studio/directory.js';
import { studioDraftProcedures } from './draftProcedures.js';

const edit = requires('studio.form.edit');

/** 表单设计: list, drafts, the planned database change, publication (version + table in one transaction). */
export const studioFormsRouter = router({
  ...studioDraftProcedures({ kind: 'form', capability: 'studio.form.edit' }),

  /** Dictionaries, departments and the region tree for the designer. */
  context: edit.query(({ ctx }) => formDesignerDirectory(ctx.db)),

  get: edit.input(z.object({ id: documentId })).query(async ({ ctx, input }) => {
    const [published, draft] = await Promise.all([readDocument(ctx.db, 'form', input.id), readDraft(ctx.db, 'form', input.id)]);
    if (!published && !draft) throw new TRPCError({ code: 'NOT_FOUND', message: `${describeDocument('form', input.id)}不存在` });
    const form = (draft?.document ?? published?.body) as unknown as FormDocument;
    return {
      published: (published?.body as unknown as FormDocument | undefined) ?? null,
      publishedVersion: published?.version ?? null,
      draft,
      /** What outside the form reads each field (shown before removing or retyping it). */
      dependents: await formFieldDependents(ctx.db, form),
    };
  }),

  /** The planned database change (statements, risks, blockers with their dependents), rolled back. */
  review: edit.input(z.object({ id: documentId })).query(({ ctx, input }) => reviewFormDraft(ctx.db, input.id)),

  publish: edit.input(z.object({ id: documentId, confirmDependents: z.boolean().default(false) })).mutation(async ({ ctx, input }) => {
    const result = await publishFormDraft(ctx.db, { id: input.id, actor: ctx.user!.id, now: ctx.now(), confirmDependents: input.confirmDependents });
    await appendAudit(ctx.db, { actor: ctx.user!.id, action: 'studio.form.publish', target: `form/${input.id}`, detail: { version: result.version, table: result.table, failures: result.failures.length } }, ctx.now());
    return result;
  }),

  /** The created table's columns as the database has them, labelled with their fields. */
  table: edit.input(z.object({ id: documentId })).query(({ ctx, input }) => formTableView(ctx.db, input.id)),

  records: router({
    list: edit
      .input(z.object({ id: documentId, limit: z.number().int().min(1).max(200).default(50), offset: z.number().int().min(0).default(0) }))
      .query(({ ctx, input }) => listTrialRecords(ctx.db, input)),
    /** A trial record (试填) in the published table, validated like the desk's. */
    insert: edit
      .input(z.object({ id: documentId, values: z.record(z.string(), z.unknown()) }))
      .mutation(async ({ ctx, input }) => ({ recordId: await insertTrialRecord(ctx.db, { id: input.id, values: input.values, actor: ctx.user!.id }) })),
  }),
});
