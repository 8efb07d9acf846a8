import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { documentId, type FormDocument } from '@xlgl/schema';
import { appendAudit, readDocument } from '@xlgl/db';
import { requires, router } from '../../trpc.js';
import { describeDocument } from '../../services/describe.js';
import { deleteDraft, listStudioDocuments, readDraft, readVersion, versionHistory } from '../../services/studio/drafts.js';
import { formFieldDependents } from '../../services/studio/formDependents.js';
import { formTableView, insertTrialRecord, listTrialRecords, publishFormDraft, reviewFormDraft } from '../../services/studio/forms.js';
import { saveStudioDraft } from '../../services/studio/publish.js';
import { formDesignerDirectory } from '../../services/studio/directory.js';

const edit = requires('studio.form.edit');

/** 表单设计: list, drafts, the planned database change, publication (version + table in one transaction). */
export const studioFormsRouter = router({
  list: edit
    .input(
      z.object({
        search: z.string().trim().max(100).optional(),
        page: z.number().int().min(1).default(1),
        pageSize: z.number().int().min(1).max(100).default(20),
      }),
    )
    .query(({ ctx, input }) => listStudioDocuments(ctx.db, { kind: 'form', search: input.search || undefined, page: input.page, pageSize: input.pageSize })),

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

  version: edit.input(z.object({ id: documentId, version: z.number().int().min(1).max(2_147_483_647, { message: '版本号过大' }) })).query(async ({ ctx, input }) => {
    const document = await readVersion(ctx.db, 'form', input.id, input.version);
    if (!document) throw new TRPCError({ code: 'NOT_FOUND', message: `${describeDocument('form', input.id)}没有第${input.version}版` });
    return document;
  }),

  history: edit.input(z.object({ id: documentId })).query(({ ctx, input }) => versionHistory(ctx.db, 'form', input.id)),

  saveDraft: edit
    .input(z.object({ document: z.record(z.string(), z.unknown(), { message: '表单必须是一个JSON对象' }) }))
    .mutation(({ ctx, input }) => saveStudioDraft(ctx.db, { kind: 'form', document: input.document, actor: ctx.user!.id, now: ctx.now() })),

  discardDraft: edit.input(z.object({ id: documentId })).mutation(async ({ ctx, input }) => ({ discarded: await deleteDraft(ctx.db, 'form', input.id) })),

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
