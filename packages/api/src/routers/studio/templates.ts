import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { documentId, templateCaseKeyLabels, type FormDocument } from '@xlgl/schema';
import { readAllDocuments, readDocument } from '@xlgl/db';
import { diskFileStore, numberRuleTokens } from '../../services/certificates/index.js';
import {
  discardTemplateDraft,
  listTemplates,
  parseTemplate,
  publishTemplate,
  readTemplateForEditing,
  renderPreview,
  saveTemplateDraft,
  templateKinds,
} from '../../services/templates/templates.js';
import { requires, router } from '../../trpc.js';

const kind = z.enum(templateKinds, { message: '模板类型应为证照模板或文书模板' });
const maxImageBytes = 4 * 1024 * 1024;

/** 配置中心 → 证照与文书模板: drafts, publication, preview, images. */
export const studioTemplatesRouter = router({
  list: requires('studio.access')
    .input(z.object({ kind }))
    .query(({ ctx, input }) => listTemplates(ctx.db, input.kind)),

  get: requires('studio.access')
    .input(z.object({ kind, id: documentId }))
    .query(({ ctx, input }) => readTemplateForEditing(ctx.db, input.kind, input.id)),

  /** Departments (for the template's owner and seals) and forms (to bind), by name. */
  choices: requires('studio.access').query(async ({ ctx }) => {
    const documents = await readAllDocuments(ctx.db, ['organization', 'form']);
    const pick = (kind: string, filter: (body: Record<string, unknown>) => boolean = () => true) =>
      documents
        .filter((row) => row.kind === kind && filter(row.body))
        .map((row) => ({ id: row.id, name: String(row.body.name) }))
        .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
    return { departments: pick('organization', (body) => body.type !== 'window'), forms: pick('form') };
  }),

  /** What elements can bind to: the bound form's fields and the case keys, and the number rule tokens. */
  bindings: requires('studio.access')
    .input(z.object({ formId: documentId.optional() }))
    .query(async ({ ctx, input }) => {
      const form = input.formId ? ((await readDocument(ctx.db, 'form', input.formId))?.body as unknown as FormDocument | undefined) : undefined;
      return {
        formFields: (form?.sections ?? []).flatMap((section) => section.fields.map((field) => ({ id: field.id, label: field.label, type: field.type, section: section.title }))),
        caseKeys: Object.entries(templateCaseKeyLabels).map(([key, label]) => ({ key, label })),
        numberRuleTokens: Object.entries(numberRuleTokens).map(([token, label]) => ({ token, label })),
      };
    }),

  saveDraft: requires('studio.template.edit')
    .input(z.object({ kind, document: z.unknown() }))
    .mutation(({ ctx, input }) => saveTemplateDraft(ctx.db, { kind: input.kind, document: input.document, actor: ctx.user!.id, now: ctx.now() })),

  discardDraft: requires('studio.template.edit')
    .input(z.object({ kind, id: documentId }))
    .mutation(({ ctx, input }) => discardTemplateDraft(ctx.db, input.kind, input.id)),

  publish: requires('studio.template.edit')
    .input(z.object({ kind, id: documentId }))
    .mutation(({ ctx, input }) => publishTemplate(ctx.db, { kind: input.kind, id: input.id, actor: ctx.user!.id, now: ctx.now() })),

  /** The server's renderer with sample data: base64 PDF of the document as sent (unsaved edits included). */
  preview: requires('studio.access')
    .input(z.object({ kind, document: z.unknown(), variant: z.enum(['original', 'copy']).default('original'), offsetMm: z.object({ x: z.number().min(-30).max(30), y: z.number().min(-30).max(30) }).optional() }))
    .mutation(async ({ ctx, input }) => {
      const document = parseTemplate(input.kind, input.document);
      const pdf = await renderPreview(ctx.db, { document, variant: input.variant, offsetMm: input.offsetMm });
      return { base64: Buffer.from(pdf).toString('base64') };
    }),

  /** Stores an image (background scan or image element) by content hash. */
  uploadImage: requires('studio.template.edit')
    .input(z.object({ base64: z.string().max(Math.ceil((maxImageBytes * 4) / 3) + 4, { message: '图片不能超过 4 MB' }) }))
    .mutation(async ({ input }) => {
      const bytes = new Uint8Array(Buffer.from(input.base64, 'base64'));
      const png = bytes[0] === 0x89 && bytes[1] === 0x50;
      const jpeg = bytes[0] === 0xff && bytes[1] === 0xd8;
      if (!png && !jpeg) throw new TRPCError({ code: 'BAD_REQUEST', message: '只支持 PNG 或 JPEG 图片' });
      const stored = await diskFileStore().put(bytes);
      return { hash: stored.sha256, mimeType: png ? 'image/png' : 'image/jpeg' };
    }),

  image: requires('studio.access')
    .input(z.object({ hash: z.string().regex(/^[0-9a-f]{64}$/) }))
    .query(async ({ input }) => {
      const bytes = await diskFileStore().get(input.hash);
      if (!bytes) throw new TRPCError({ code: 'NOT_FOUND', message: '图片不存在' });
      const png = bytes[0] === 0x89;
      return { dataUrl: `data:${png ? 'image/png' : 'image/jpeg'};base64,${Buffer.from(bytes).toString('base64')}` };
    }),
});
