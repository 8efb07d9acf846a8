import { TRPCError } from '@trpc/server';
import { and, eq, sql } from 'drizzle-orm';
import { renderTemplatePdf, type TemplateData, type TemplateDocument } from '@xlgl/documents';
import { documentKindLabels, type FormDocument, type OrganizationDocument } from '@xlgl/schema';
import { appendAudit, metadataDocuments, metadataHeads, readDocument, studioDrafts, type Db } from '@xlgl/db';
import { parseOrThrow, saveDocument } from '../documents.js';
import { describeDocument } from '../describe.js';
import { DocumentValidationError } from '../errors.js';
import { numberRuleProblems } from '../certificates/numberRule.js';
import { diskFileStore, type FileStore } from '../certificates/storage.js';
import { prepareTemplate } from './prepareTemplate.js';
import { sampleTemplateData } from './sampleData.js';

export type TemplateKind = 'certificate-template' | 'document-template';
export const templateKinds = ['certificate-template', 'document-template'] as const;

/** Parses a template of the given kind or throws a BAD_REQUEST listing every issue. */
export function parseTemplate(kind: TemplateKind, raw: unknown): TemplateDocument {
  const declared = raw && typeof raw === 'object' ? (raw as { kind?: unknown }).kind : undefined;
  if (declared !== kind) throw new TRPCError({ code: 'BAD_REQUEST', message: `这里只能保存${documentKindLabels[kind]}，收到的文档类型是“${String(declared)}”` });
  const document = parseOrThrow(raw) as TemplateDocument;
  const problems: { path: (string | number)[]; message: string }[] = [];
  const seen = new Set<string>();
  document.elements.forEach((element, index) => {
    if (seen.has(element.id)) problems.push({ path: ['elements', index, 'id'], message: `元素标识“${element.id}”重复` });
    seen.add(element.id);
    if ((element.type === 'field' || element.type === 'list') && !element.binding) problems.push({ path: ['elements', index, 'binding'], message: `元素“${element.id}”未绑定数据` });
    if (element.type === 'text' && !element.text?.trim()) problems.push({ path: ['elements', index, 'text'], message: `文字元素“${element.id}”没有内容` });
    if (element.type === 'image' && !element.imageHash) problems.push({ path: ['elements', index, 'imageHash'], message: `图片元素“${element.id}”未选择图片` });
  });
  if (document.kind === 'certificate-template') {
    for (const message of numberRuleProblems(document.numberRule)) problems.push({ path: ['numberRule'], message });
  }
  if (problems.length) {
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: `模板校验未通过：${problems.map((problem) => problem.message).join('；')}`,
      cause: new DocumentValidationError('模板校验未通过', problems),
    });
  }
  return document;
}

/** The version in force of a template, or NOT_FOUND. */
export async function readPublishedTemplate(db: Db, kind: TemplateKind, id: string): Promise<{ document: TemplateDocument; version: number }> {
  const row = await readDocument(db, kind, id);
  if (!row) throw new TRPCError({ code: 'NOT_FOUND', message: `${describeDocument(kind, id)}不存在或尚未发布` });
  return { document: row.body as unknown as TemplateDocument, version: row.version };
}

/** One published version (certificates keep the version they were issued with). */
export async function readTemplateVersion(db: Db, kind: TemplateKind, id: string, version: number): Promise<TemplateDocument> {
  const [row] = await db
    .select({ body: metadataDocuments.body })
    .from(metadataDocuments)
    .where(and(eq(metadataDocuments.kind, kind), eq(metadataDocuments.id, id), eq(metadataDocuments.version, version)));
  if (!row) throw new TRPCError({ code: 'NOT_FOUND', message: `${describeDocument(kind, id)}第 ${version} 版不存在` });
  return row.body as unknown as TemplateDocument;
}

export type TemplateListRow = { id: string; name: string; kind: TemplateKind; version: number | null; hasDraft: boolean; updatedAt: string; departmentId: string | null; formId: string | null; detail: string };

/** Published templates and drafts never published, with a flag for pending drafts. */
export async function listTemplates(db: Db, kind: TemplateKind): Promise<TemplateListRow[]> {
  const published = await db
    .select({ id: metadataHeads.id, version: metadataHeads.version, updatedAt: metadataHeads.updatedAt, body: metadataDocuments.body })
    .from(metadataHeads)
    .innerJoin(metadataDocuments, sql`${metadataDocuments.kind} = ${metadataHeads.kind} and ${metadataDocuments.id} = ${metadataHeads.id} and ${metadataDocuments.version} = ${metadataHeads.version}`)
    .where(eq(metadataHeads.kind, kind));
  const drafts = await db.select().from(studioDrafts).where(eq(studioDrafts.kind, kind));
  const draftIds = new Map(drafts.map((draft) => [draft.id, draft]));
  const detailOf = (body: Record<string, unknown>) =>
    kind === 'certificate-template' ? String(body.certificateName ?? '') : String(body.purpose ?? '');
  const rows: TemplateListRow[] = published.map((row) => ({
    id: row.id,
    name: String(row.body.name),
    kind,
    version: row.version,
    hasDraft: draftIds.has(row.id),
    updatedAt: (draftIds.get(row.id)?.updatedAt ?? row.updatedAt).toISOString(),
    departmentId: (row.body.departmentId as string | undefined) ?? null,
    formId: (row.body.formId as string | undefined) ?? null,
    detail: detailOf(row.body),
  }));
  const publishedIds = new Set(published.map((row) => row.id));
  for (const draft of drafts) {
    if (publishedIds.has(draft.id)) continue;
    rows.push({ id: draft.id, name: String(draft.body.name), kind, version: null, hasDraft: true, updatedAt: draft.updatedAt.toISOString(), departmentId: (draft.body.departmentId as string | undefined) ?? null, formId: (draft.body.formId as string | undefined) ?? null, detail: detailOf(draft.body) });
  }
  return rows.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}

export type TemplateForEditing = { published: TemplateDocument | null; version: number | null; draft: TemplateDocument | null; draftUpdatedAt: string | null };

export async function readTemplateForEditing(db: Db, kind: TemplateKind, id: string): Promise<TemplateForEditing> {
  const head = await readDocument(db, kind, id);
  const [draft] = await db.select().from(studioDrafts).where(and(eq(studioDrafts.kind, kind), eq(studioDrafts.id, id)));
  if (!head && !draft) throw new TRPCError({ code: 'NOT_FOUND', message: `${describeDocument(kind, id)}不存在` });
  return {
    published: (head?.body as unknown as TemplateDocument | undefined) ?? null,
    version: head?.version ?? null,
    draft: (draft?.body as unknown as TemplateDocument | undefined) ?? null,
    draftUpdatedAt: draft?.updatedAt.toISOString() ?? null,
  };
}

/** Saves the working copy (validated by the kind's schema); publication happens separately. */
export async function saveTemplateDraft(db: Db, input: { kind: TemplateKind; document: unknown; actor: string; now: Date }): Promise<{ id: string; updatedAt: string }> {
  const document = parseOrThrow(input.document) as TemplateDocument;
  if (document.kind !== input.kind) throw new TRPCError({ code: 'BAD_REQUEST', message: `这里只能保存${documentKindLabels[input.kind]}` });
  const head = await readDocument(db, input.kind, document.id);
  const body = document as unknown as Record<string, unknown>;
  await db
    .insert(studioDrafts)
    .values({ kind: input.kind, id: document.id, body, baseVersion: head?.version ?? null, createdAt: input.now, updatedAt: input.now, updatedBy: input.actor })
    .onConflictDoUpdate({ target: [studioDrafts.kind, studioDrafts.id], set: { body, baseVersion: head?.version ?? null, updatedAt: input.now, updatedBy: input.actor } });
  return { id: document.id, updatedAt: input.now.toISOString() };
}

export async function discardTemplateDraft(db: Db, kind: TemplateKind, id: string): Promise<boolean> {
  const removed = await db.delete(studioDrafts).where(and(eq(studioDrafts.kind, kind), eq(studioDrafts.id, id))).returning({ id: studioDrafts.id });
  return removed.length > 0;
}

/**
 * Publishes the draft: full validation (schema, template rules, references, a trial render with sample
 * data so a template that cannot print is refused), a new immutable version, the draft removed.
 */
export async function publishTemplate(db: Db, input: { kind: TemplateKind; id: string; actor: string; now: Date; files?: FileStore }): Promise<{ version: number }> {
  const [draft] = await db.select().from(studioDrafts).where(and(eq(studioDrafts.kind, input.kind), eq(studioDrafts.id, input.id)));
  if (!draft) throw new TRPCError({ code: 'NOT_FOUND', message: `${describeDocument(input.kind, input.id)}没有草稿：请先保存草稿` });
  const document = parseTemplate(input.kind, draft.body);
  await renderPreview(db, { document, variant: 'original', files: input.files });
  const saved = await saveDocument(db, document, { actor: input.actor, now: input.now });
  await db.delete(studioDrafts).where(and(eq(studioDrafts.kind, input.kind), eq(studioDrafts.id, input.id)));
  await appendAudit(db, { actor: input.actor, action: 'template.publish', target: `${input.kind}/${input.id}`, detail: { version: saved.version } }, input.now);
  return { version: saved.version };
}

/** Images of a template's image elements, read from the file store. */
async function templateImages(document: TemplateDocument, files: FileStore): Promise<Record<string, Uint8Array>> {
  const images: Record<string, Uint8Array> = {};
  for (const element of document.elements) {
    if (element.type !== 'image' || !element.imageHash || images[element.imageHash]) continue;
    const bytes = await files.get(element.imageHash);
    if (bytes) images[element.imageHash] = bytes;
  }
  return images;
}

export async function boundFormOf(db: Db, document: Pick<TemplateDocument, 'formId'>): Promise<FormDocument | null> {
  if (!document.formId) return null;
  return ((await readDocument(db, 'form', document.formId))?.body as unknown as FormDocument | undefined) ?? null;
}

/**
 * The preview: the same renderer that prints, filled with sample data for every form field and case
 * key (overridable), the seal appearance of the template's department (drawn, not signed).
 */
export async function renderPreview(
  db: Db,
  input: { document: TemplateDocument; variant: 'original' | 'copy'; data?: TemplateData; offsetMm?: { x: number; y: number }; files?: FileStore },
): Promise<Uint8Array> {
  const files = input.files ?? diskFileStore();
  const form = await boundFormOf(db, input.document);
  const data = sampleTemplateData(form, input.data);
  const sealOrganization = input.document.elements.find((element) => element.type === 'seal')?.organizationId ?? input.document.departmentId;
  const organization = sealOrganization ? ((await readDocument(db, 'organization', sealOrganization))?.body as unknown as OrganizationDocument | undefined) : undefined;
  if (organization) data.case = { ...data.case, departmentName: organization.name, ...input.data?.case };
  const prepared = prepareTemplate(input.document, data, { verifyUrl: 'https://example.invalid/verify?id=sample', progressUrl: 'https://example.invalid/progress?number=sample' });
  try {
    return await renderTemplatePdf(prepared, data, {
      variant: input.variant,
      offsetMm: input.offsetMm,
      seal: { departmentName: organization?.name ?? '（未指定部门）', subtitle: '样章' },
      images: await templateImages(input.document, files),
    });
  } catch (error) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: `模板无法生成 PDF：${(error as Error).message}`, cause: error });
  }
}
