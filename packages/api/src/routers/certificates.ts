import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { documentId, type OrganizationDocument } from '@xlgl/schema';
import { readDocument } from '@xlgl/db';
import { assertActsForDepartment } from '../services/certificates/authorisation.js';
import { recordPrintOnCase } from '../services/certificates/deskPrintGate.js';
import {
  createDepartmentSeal,
  holderValidCertificates,
  issueCertificate,
  issuingDepartmentOf,
  listCertificates,
  listPrints,
  listSeals,
  readCertificate,
  recordPrint,
  revokeCertificate,
  setWindowPrintOffset,
  windowPrintOffset,
  diskFileStore,
  certificateStatus,
  printGate,
} from '../services/certificates/index.js';
import { readPublishedTemplate, templateKinds } from '../services/templates/templates.js';
import { actsForDepartment } from '../services/certificates/authorisation.js';
import { caseCertificates, issueCaseCertificate, retryAutomaticIssue } from '../services/certificates/caseCertificates.js';
import { caseDetail, loadActor } from '../services/cases/index.js';
import type { Context } from '../context.js';
import { requires, router, signedInProcedure } from '../trpc.js';

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: '日期格式应为 YYYY-MM-DD' });
const reason = z.string().trim().max(500, { message: '原因不能超过500字' });

/** The window a user prints at: the given one, else the user's own organisation when it is a window. */
async function printingWindow(ctx: { db: Parameters<typeof readDocument>[0]; user: { organizationId: string } | null }, windowId?: string): Promise<string> {
  const id = windowId ?? ctx.user!.organizationId;
  const organization = (await readDocument(ctx.db, 'organization', id))?.body as unknown as OrganizationDocument | undefined;
  if (organization?.type !== 'window') throw new TRPCError({ code: 'BAD_REQUEST', message: '请选择打印所在的窗口（当前账号不属于窗口）' });
  return id;
}

/** The case screen's access rule (P3): only who may open the case sees or issues its certificates. */
async function assertMayViewCase(ctx: Context, caseId: string): Promise<void> {
  await caseDetail(ctx.db, { actor: await loadActor(ctx.db, ctx.user!.id), capabilities: ctx.user!.capabilities, now: ctx.now(), caseId });
}

const caseIdInput = z.string().uuid({ message: '办件标识不正确' });

export const certificatesRouter = router({
  /**
   * The case screen's certificate panel: the template bound to the case (print gate or item result),
   * the certificates issued for it with their print counts, the automatic issue and what the user may do.
   */
  forCase: requires('desk.access')
    .input(z.object({ caseId: caseIdInput }))
    .query(async ({ ctx, input }) => {
      await assertMayViewCase(ctx, input.caseId);
      const panel = await caseCertificates(ctx.db, input.caseId, ctx.now());
      const user = ctx.user!;
      const departmentId = panel.template?.departmentId ?? panel.certificates[0]?.issuerOrganizationId;
      const actsFor = departmentId ? await actsForDepartment(ctx.db, user, departmentId) : false;
      const organization = (await readDocument(ctx.db, 'organization', user.organizationId))?.body as unknown as OrganizationDocument | undefined;
      return {
        ...panel,
        mayIssue: user.capabilities.includes('desk.handle') && actsFor,
        mayPrint: user.capabilities.includes('desk.accept') && organization?.type === 'window',
      };
    }),

  /** 签发证照 from the case screen: the bound template filled with the case's data, the applicant as holder. */
  issueForCase: requires('desk.handle')
    .input(z.object({ caseId: caseIdInput, variant: z.enum(['original', 'copy']).default('original') }))
    .mutation(async ({ ctx, input }) => {
      await assertMayViewCase(ctx, input.caseId);
      const panel = await caseCertificates(ctx.db, input.caseId, ctx.now());
      if (panel.template?.departmentId) await assertActsForDepartment(ctx.db, ctx.user!, panel.template.departmentId, '使用该部门的电子印章签发证照');
      const issued = await issueCaseCertificate(ctx.db, { caseId: input.caseId, variant: input.variant, actor: ctx.user!.id, now: ctx.now() });
      return { certificate: issued.certificate, base64: base64(issued.pdf) };
    }),

  /** 重试: a failed automatic issue of the case's certificate, worked again now. */
  retryAutomatic: requires('desk.handle')
    .input(z.object({ caseId: caseIdInput }))
    .mutation(async ({ ctx, input }) => {
      await assertMayViewCase(ctx, input.caseId);
      const panel = await caseCertificates(ctx.db, input.caseId, ctx.now());
      if (panel.template?.departmentId) await assertActsForDepartment(ctx.db, ctx.user!, panel.template.departmentId, '重新签发该部门的证照');
      return retryAutomaticIssue(ctx.db, { caseId: input.caseId, now: ctx.now() });
    }),

  /** 证照库: search, filters, pagination. */
  list: requires('desk.access')
    .input(
      z.object({
        search: z.string().trim().max(100).optional(),
        status: z.enum(['valid', 'revoked', 'expired']).optional(),
        kind: z.enum(['certificate', 'approval']).optional(),
        issuerOrganizationId: documentId.optional(),
        templateId: documentId.optional(),
        issuedFrom: isoDate.optional(),
        issuedTo: isoDate.optional(),
        page: z.number().int().min(1).default(1),
        pageSize: z.number().int().min(1).max(200).default(20),
      }),
    )
    .query(({ ctx, input }) => listCertificates(ctx.db, input, ctx.now())),

  get: requires('desk.access')
    .input(z.object({ id: z.string().uuid() }))
    .query(async ({ ctx, input }) => {
      const row = await readCertificate(ctx.db, input.id);
      return { ...row, status: certificateStatus(row, ctx.now()), issuedAt: row.issuedAt.toISOString(), revokedAt: row.revokedAt?.toISOString() ?? null, prints: await listPrints(ctx.db, input.id), verifyToken: undefined };
    }),

  /** The signed PDF as issued (base64). */
  pdf: requires('desk.access')
    .input(z.object({ id: z.string().uuid() }))
    .query(async ({ ctx, input }) => {
      const row = await readCertificate(ctx.db, input.id);
      const bytes = await diskFileStore().get(row.pdfSha256);
      if (!bytes) throw new TRPCError({ code: 'NOT_FOUND', message: `证照“${row.number}”的文件缺失` });
      return { fileName: `${row.name}-${row.number}.pdf`, base64: base64(bytes) };
    }),

  /** A holder's certificates in force (T6). */
  holderValid: requires('desk.access')
    .input(z.object({ holderIdNumber: z.string().trim().min(1).max(40) }))
    .query(({ ctx, input }) => holderValidCertificates(ctx.db, input.holderIdNumber, ctx.now())),

  /** Issues a certificate from a published template with the department's seal; returns the signed PDF. */
  issue: requires('desk.handle')
    .input(
      z.object({
        templateId: documentId,
        templateKind: z.enum(templateKinds).default('certificate-template'),
        caseId: z.string().max(64).optional(),
        data: z.object({ form: z.record(z.string(), z.unknown()).optional(), case: z.record(z.string(), z.unknown()).optional() }).optional(),
        holder: z.object({ name: z.string().trim().min(1).max(200), idNumber: z.string().trim().min(1).max(40) }).optional(),
        validFrom: isoDate.optional(),
        validUntil: isoDate.optional(),
        variant: z.enum(['original', 'copy']).default('original'),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { document } = await readPublishedTemplate(ctx.db, input.templateKind, input.templateId);
      const departmentId = issuingDepartmentOf(document);
      if (departmentId) await assertActsForDepartment(ctx.db, ctx.user!, departmentId, '使用该部门的电子印章签发证照');
      const issued = await issueCertificate(ctx.db, { ...input, data: input.data as never, actor: ctx.user!.id, now: ctx.now() });
      if (!departmentId) await assertActsForDepartment(ctx.db, ctx.user!, issued.certificate.issuerOrganizationId, '使用该部门的电子印章签发证照');
      return { certificate: issued.certificate, base64: base64(issued.pdf) };
    }),

  /** Records a print (a reprint needs a reason) and returns the PDF to print at this window. */
  print: requires('desk.accept')
    .input(z.object({ certificateId: z.string().uuid(), windowId: documentId.optional(), reprintReason: reason.optional() }))
    .mutation(async ({ ctx, input }) => {
      const windowId = await printingWindow(ctx, input.windowId);
      const printed = await recordPrint(ctx.db, { certificateId: input.certificateId, windowId, reprintReason: input.reprintReason, actor: ctx.user!.id, now: ctx.now(), onPrinted: printGate.onPrinted ?? recordPrintOnCase });
      return { printId: printed.printId, reprint: printed.reprint, offset: printed.offset, base64: base64(printed.pdf) };
    }),

  /** 注销: revokes a certificate with a reason (department leaders of the issuing department). */
  revoke: requires('desk.lead')
    .input(z.object({ id: z.string().uuid(), reason }))
    .mutation(async ({ ctx, input }) => {
      const row = await readCertificate(ctx.db, input.id);
      await assertActsForDepartment(ctx.db, ctx.user!, row.issuerOrganizationId, '注销该部门签发的证照');
      return revokeCertificate(ctx.db, { id: input.id, reason: input.reason, actor: ctx.user!.id, now: ctx.now() });
    }),

  printOffset: requires('desk.access')
    .input(z.object({ windowId: documentId.optional() }))
    .query(async ({ ctx, input }) => {
      const windowId = await printingWindow(ctx, input.windowId);
      return { windowId, ...(await windowPrintOffset(ctx.db, windowId)) };
    }),

  /** Per-window printer calibration for overlay printing (套打). */
  setPrintOffset: requires('desk.accept')
    .input(z.object({ windowId: documentId.optional(), x: z.number().min(-30).max(30), y: z.number().min(-30).max(30) }))
    .mutation(async ({ ctx, input }) => {
      const windowId = await printingWindow(ctx, input.windowId);
      return { windowId, ...(await setWindowPrintOffset(ctx.db, { windowId, offset: { x: input.x, y: input.y }, actor: ctx.user!.id, now: ctx.now() })) };
    }),

  seals: router({
    list: signedInProcedure.query(({ ctx }) => listSeals(ctx.db)),
    /**
     * Generates a department's seal key. Administrators (维护区划与机构) for any department;
     * template designers for their own department only.
     */
    create: signedInProcedure
      .input(z.object({ organizationId: documentId, subtitle: z.string().trim().max(20).optional() }))
      .mutation(async ({ ctx, input }) => {
        const user = ctx.user!;
        const admin = user.capabilities.includes('admin.org.edit');
        const ownDepartment = user.capabilities.includes('studio.template.edit') && user.organizationId === input.organizationId;
        if (!admin && !ownDepartment) {
          throw new TRPCError({ code: 'FORBIDDEN', message: '没有权限：电子印章只能由系统管理员或本部门的模板设计人员生成' });
        }
        return createDepartmentSeal(ctx.db, { organizationId: input.organizationId, subtitle: input.subtitle, actor: user.id, now: ctx.now() });
      }),
  }),
});
