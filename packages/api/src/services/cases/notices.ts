import { randomUUID } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { eq } from 'drizzle-orm';
import { caseNotices, cases, feeBills, readAllDocuments, type Db } from '@xlgl/db';
import { verifyPassword } from '../../auth/passwords.js';
import { renderTemplatePdf, type TemplateDocument } from '@xlgl/documents';
import type { ItemDocument } from '@xlgl/schema';
import { readDocumentVersion, type DeskActor } from './runtime.js';

/** Notices a case produces (R3.8): 受理通知书, 不予受理通知书, 补正告知书, 办结通知书. */
export type NoticeKind = 'acceptance' | 'refusal' | 'supplement' | 'completion';
export const noticeKindLabels: Record<NoticeKind, string> = { acceptance: '受理通知书', refusal: '不予受理通知书', supplement: '补正告知书', completion: '办结通知书' };

type TemplateHead = { id: string; version: number; purpose?: string; itemId?: string; departmentId?: string };

/**
 * The template for a notice: the item's own variant, else the department's, else the unified one
 * (R3.8: one unified set plus per-department and per-item variants).
 */
export async function chooseNoticeTemplate(db: Db, kind: NoticeKind, item: ItemDocument): Promise<TemplateHead | null> {
  const templates = (await readAllDocuments(db, ['document-template'])).map((row) => ({ ...(row.body as TemplateHead), version: row.version }));
  const candidates = templates.filter((template) => template.purpose === kind);
  return (
    candidates.find((template) => template.itemId === item.id) ??
    candidates.find((template) => !template.itemId && template.departmentId === item.departmentId) ??
    candidates.find((template) => !template.itemId && !template.departmentId) ??
    null
  );
}

/** 补正材料清单: one line per material asked for, then the handler's requirements. */
export function supplementItems(materials: Array<{ name: string }>, reason: string | undefined): string[] {
  const lines = materials.map((material, index) => `${index + 1}. ${material.name}`);
  if (reason?.trim()) lines.push(materials.length > 0 ? `补正要求：${reason.trim()}` : reason.trim());
  return lines;
}

function chinaDateTime(now: Date): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/**
 * Records a notice with the data it is filled with (inside the transition's transaction). The PDF is
 * rendered on first download (`renderNotice`), keeping font work off the transition path.
 */
export async function recordNotice(
  tx: Db,
  options: {
    caseId: string;
    kind: NoticeKind;
    item: ItemDocument;
    actor: DeskActor;
    now: Date;
    number: string;
    applicantName: string;
    reason?: string;
    /** 补正告知书: the task whose clock stops and the materials asked for. */
    taskId?: string;
    requestedMaterials?: Array<{ id: string; name: string }>;
  },
): Promise<string> {
  const template = await chooseNoticeTemplate(tx, options.kind, options.item);
  const [bill] = options.kind === 'completion' ? await tx.select({ totalFen: feeBills.totalFen, status: feeBills.status }).from(feeBills).where(eq(feeBills.caseId, options.caseId)) : [];
  const data: Record<string, unknown> = {
    caseNumber: options.number,
    itemName: options.item.name,
    applicantName: options.applicantName,
    centreName: options.actor.centreName,
    departmentName: options.actor.unitName,
    issuedAt: options.now.toISOString(),
    acceptedAt: options.kind === 'acceptance' ? options.now.toISOString() : undefined,
    completedAt: options.kind === 'completion' ? options.now.toISOString() : undefined,
    refusalReason: options.kind === 'refusal' ? options.reason : undefined,
    supplementItems: options.kind === 'supplement' ? supplementItems(options.requestedMaterials ?? [], options.reason) : undefined,
    supplementMaterials: options.kind === 'supplement' ? (options.requestedMaterials ?? []).map((material) => ({ id: material.id, name: material.name })) : undefined,
    supplementTaskId: options.kind === 'supplement' ? options.taskId : undefined,
    feeTotal: bill ? (bill.status === 'waived' ? '已减免' : `${(bill.totalFen / 100).toFixed(2)}元`) : '不收费',
    issuedAtText: chinaDateTime(options.now),
  };
  const id = randomUUID();
  await tx.insert(caseNotices).values({
    id,
    caseId: options.caseId,
    kind: options.kind,
    templateId: template?.id ?? null,
    templateVersion: template?.version ?? null,
    data,
    error: template ? null : `没有用途为“${noticeKindLabels[options.kind]}”的文书模板`,
    createdAt: options.now,
    createdBy: options.actor.userId,
  });
  return id;
}

/**
 * The PDF of a notice, rendered from its template version on first request and kept. The acceptance
 * notice carries the query password, which is stored only as a hash: right after acceptance the
 * window passes it in (checked against the hash) and that copy is rendered but never stored.
 */
export async function renderNotice(db: Db, noticeId: string, extra: { queryPassword?: string } = {}): Promise<{ fileName: string; pdfBase64: string }> {
  const [notice] = await db.select().from(caseNotices).where(eq(caseNotices.id, noticeId));
  if (!notice) throw new TRPCError({ code: 'NOT_FOUND', message: '文书不存在' });
  const label = noticeKindLabels[notice.kind as NoticeKind] ?? notice.kind;
  const fileName = `${label}-${String(notice.data.caseNumber)}.pdf`;
  const withPassword = Boolean(extra.queryPassword);
  if (withPassword) {
    const [row] = await db.select({ hash: cases.queryPasswordHash }).from(cases).where(eq(cases.id, notice.caseId));
    if (!row || !(await verifyPassword(extra.queryPassword!, row.hash))) throw new TRPCError({ code: 'BAD_REQUEST', message: '查询密码不正确' });
  }
  if (notice.pdfBase64 && !withPassword) return { fileName, pdfBase64: notice.pdfBase64 };
  if (!notice.templateId || !notice.templateVersion) throw new TRPCError({ code: 'PRECONDITION_FAILED', message: notice.error ?? `${label}没有可用的模板` });
  const template = await readDocumentVersion<TemplateDocument>(db, 'document-template', notice.templateId, notice.templateVersion);
  const data = { ...notice.data, ...(withPassword ? { queryPassword: extra.queryPassword } : {}) };
  const bytes = await renderTemplatePdf(template, { case: data as never }, { variant: 'original', title: `${label} ${String(notice.data.caseNumber)}` });
  const pdfBase64 = Buffer.from(bytes).toString('base64');
  if (!withPassword) await db.update(caseNotices).set({ pdfBase64, error: null }).where(eq(caseNotices.id, noticeId));
  return { fileName, pdfBase64 };
}
