import { TRPCError } from '@trpc/server';
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { documentId, type AnyDocument, type Capability } from '@xlgl/schema';
import { listDocuments, metadataDocuments, metadataHeads, readDocument, containsPattern } from '@xlgl/db';
import { removeDocument, saveDocument } from '../../services/documents.js';
import { describeDocument } from '../../services/describe.js';
import { assertCapability, requires, router } from '../../trpc.js';

/** The kinds administration maintains, and the capability that edits each (reading needs `admin.access`). */
export const adminKindCapabilities = {
  region: 'admin.org.edit',
  organization: 'admin.org.edit',
  post: 'admin.role.edit',
  role: 'admin.role.edit',
  user: 'admin.user.edit',
  dictionary: 'admin.role.edit',
} as const satisfies Record<string, Capability>;
export const adminKinds = Object.keys(adminKindCapabilities) as (keyof typeof adminKindCapabilities)[];
export type AdminKind = keyof typeof adminKindCapabilities;

const adminKind = z.enum(adminKinds as [AdminKind, ...AdminKind[]], { message: '不支持的文档类型' });

const body = sql`${metadataDocuments.body}`;

export const documentsRouter = router({
  list: requires('admin.access')
    .input(
      z.object({
        kind: adminKind,
        search: z.string().trim().max(100).optional(),
        page: z.number().int().min(1).default(1),
        pageSize: z.number().int().min(1).max(500).default(20),
        /** Organisations: parent organisation id; regions: parent region code. */
        parentId: z.string().max(64).optional(),
        /** Users and posts: their organisation. */
        organizationId: documentId.optional(),
      }),
    )
    .query(async ({ ctx, input }) => {
      const where: SQL[] = [];
      if (input.search) {
        const pattern = containsPattern(input.search);
        where.push(
          sql`(${metadataHeads.id} ilike ${pattern} or ${body}->>'name' ilike ${pattern} or ${body}->>'account' ilike ${pattern} or ${body}->>'code' ilike ${pattern})`,
        );
      }
      if (input.parentId) where.push(sql`${body}->>${input.kind === 'region' ? 'parentCode' : 'parentId'} = ${input.parentId}`);
      if (input.organizationId) where.push(sql`${body}->>'organizationId' = ${input.organizationId}`);
      const orderBy =
        input.kind === 'region'
          ? [sql`${body}->>'code'`]
          : input.kind === 'organization'
            ? [sql`coalesce((${body}->>'sort')::int, 0)`, sql`${body}->>'name'`]
            : [];
      const page = await listDocuments(ctx.db, {
        kind: input.kind,
        where,
        orderBy,
        limit: input.pageSize,
        offset: (input.page - 1) * input.pageSize,
      });
      return {
        rows: page.rows.map((row) => ({ document: row.body as unknown as AnyDocument, updatedAt: row.updatedAt.toISOString(), updatedBy: row.updatedBy })),
        total: page.total,
      };
    }),

  get: requires('admin.access')
    .input(z.object({ kind: adminKind, id: documentId }))
    .query(async ({ ctx, input }) => {
      const row = await readDocument(ctx.db, input.kind, input.id);
      if (!row) throw new TRPCError({ code: 'NOT_FOUND', message: `${describeDocument(input.kind, input.id)}不存在` });
      return row.body as unknown as AnyDocument;
    }),

  save: requires('admin.access')
    .input(
      z.object({
        document: z.record(z.string(), z.unknown(), { message: '文档必须是一个JSON对象' }),
        /** `create` refuses an existing id, `update` a missing one; omitted: either. */
        mode: z.enum(['create', 'update']).optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const kind = input.document.kind;
      if (typeof kind !== 'string' || !(kind in adminKindCapabilities)) {
        throw new TRPCError({ code: 'BAD_REQUEST', message: `系统管理不能保存“${String(kind)}”类型的文档` });
      }
      assertCapability(ctx, adminKindCapabilities[kind as AdminKind]);
      const saved = await saveDocument(ctx.db, input.document, { actor: ctx.user!.id, mode: input.mode, now: ctx.now() });
      return saved.document;
    }),

  remove: requires('admin.access')
    .input(z.object({ kind: adminKind, id: documentId }))
    .mutation(async ({ ctx, input }) => {
      assertCapability(ctx, adminKindCapabilities[input.kind]);
      if (input.kind === 'user' && input.id === ctx.user!.id) {
        throw new TRPCError({ code: 'BAD_REQUEST', message: '不能删除当前登录的用户' });
      }
      await removeDocument(ctx.db, { kind: input.kind, id: input.id, actor: ctx.user!.id, now: ctx.now() });
      return { ok: true as const };
    }),
});
