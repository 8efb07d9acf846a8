import { randomUUID } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { and, desc, eq, inArray, or } from 'drizzle-orm';
import { z } from 'zod';
import { applicantMaterials, caseMaterialFiles, cases, caseTasks, storedFiles, type Db } from '@xlgl/db';
import type { Task } from '@xlgl/engine';
import type { ItemDocument } from '@xlgl/schema';
import { mayView } from '../cases/access.js';
import type { DeskActor } from '../cases/runtime.js';
import { acceptedTypesText, cleanFileName, detectMaterialType } from './detect.js';
import { fileHashPattern, localMaterialStore, type MaterialStore } from './storage.js';

/** The upload limit in bytes: `UPLOAD_MAX_MB` (default 20 MB). */
export function uploadLimitBytes(): number {
  const configured = Number(process.env.UPLOAD_MAX_MB);
  const megabytes = Number.isFinite(configured) && configured > 0 ? configured : 20;
  return Math.floor(megabytes * 1024 * 1024);
}

export function megabytesText(bytes: number): string {
  const value = bytes / 1024 / 1024;
  return `${Number.isInteger(value) ? value : value.toFixed(1)}MB`;
}

/** A refused upload: HTTP status and the Chinese message shown to the window. */
export class MaterialUploadError extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    message: string,
  ) {
    super(message);
  }
}

export function tooLargeMessage(limit: number): string {
  return `文件超过大小限制：单个材料文件不能超过${megabytesText(limit)}，请压缩或拆分后重新上传`;
}

export type StoredMaterialFile = { fileId: string; name: string; size: number; mimeType: string };

/**
 * Receives one uploaded file: refuses it (writing nothing) when it is empty, too large or not one of
 * the accepted types by its magic bytes; otherwise stores it once by its hash and records the stored
 * file (the first original name is kept; a later upload of the same bytes adds nothing).
 */
export async function receiveMaterialFile(
  db: Db,
  input: { bytes: Uint8Array; originalName: string; userId: string; now: Date; limitBytes?: number; store?: MaterialStore },
): Promise<StoredMaterialFile> {
  const limit = input.limitBytes ?? uploadLimitBytes();
  if (input.bytes.byteLength === 0) throw new MaterialUploadError(400, '文件为空，请重新选择');
  if (input.bytes.byteLength > limit) throw new MaterialUploadError(413, tooLargeMessage(limit));
  const type = detectMaterialType(input.bytes);
  if (!type) throw new MaterialUploadError(415, `文件类型不被接受：只接受${acceptedTypesText}文件（按文件内容识别，与扩展名无关）`);
  const name = cleanFileName(input.originalName);
  const store = input.store ?? localMaterialStore();
  const { hash, size } = await store.put(input.bytes);
  await db.insert(storedFiles).values({ hash, size, mimeType: type.mimeType, originalName: name, createdBy: input.userId, createdAt: input.now }).onConflictDoNothing();
  // The same bytes received before keep their first name (and the person who first received them).
  const [stored] = await db.select({ originalName: storedFiles.originalName }).from(storedFiles).where(eq(storedFiles.hash, hash));
  return { fileId: hash, name: stored?.originalName ?? name, size, mimeType: type.mimeType };
}

/** The reuse key of a material across items: its name without whitespace and with unified punctuation. */
export function materialCategory(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[，,、;；]/g, '、')
    .replace(/[（(]/g, '(')
    .replace(/[）)]/g, ')');
}

/** The item materials named by a 补正告知 (ids checked against the item; order of the item kept). */
export function requestedMaterials(item: ItemDocument, materialIds: readonly string[]): Array<{ id: string; name: string }> {
  const unknown = materialIds.filter((id) => !item.materials.some((material) => material.id === id));
  if (unknown.length > 0) throw new TRPCError({ code: 'BAD_REQUEST', message: `事项“${item.name}”没有材料：${unknown.join('、')}` });
  return item.materials.filter((material) => materialIds.includes(material.id)).map((material) => ({ id: material.id, name: material.name }));
}

/** Today as a China calendar date (YYYY-MM-DD): validity dates are inclusive China dates. */
function chinaToday(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

export type MaterialOffer = {
  applicantMaterialId: string;
  fileId: string;
  fileName: string;
  size: number;
  mimeType: string;
  fromItemId: string;
  fromMaterialName: string;
  sourceCaseId: string;
  sourceCaseNumber: string | null;
  validUntil: string | null;
  receivedAt: string;
  /** `same-material`: the same item material; `same-category`: a material of the same name in another item. */
  match: 'same-material' | 'same-category';
  /** 已过期: shown to the window but refused for reuse (the applicant must bring a current one). */
  expired: boolean;
};

/**
 * 复用已有材料: for each material of the item, the applicant's files on file that satisfy it — given
 * for the same item material before, or for a material of the same category in any item (another
 * department's too) — newest first, one offer per file; expired ones are marked (and refused if reused).
 */
export async function materialOffers(db: Db, input: { item: ItemDocument; applicantIdNumber: string; now: Date }): Promise<Record<string, MaterialOffer[]>> {
  const result: Record<string, MaterialOffer[]> = Object.fromEntries(input.item.materials.map((material) => [material.id, [] as MaterialOffer[]]));
  if (input.item.materials.length === 0) return result;
  const categories = [...new Set(input.item.materials.map((material) => materialCategory(material.name)))];
  const rows = await db
    .select({
      id: applicantMaterials.id,
      itemId: applicantMaterials.itemId,
      materialId: applicantMaterials.materialId,
      category: applicantMaterials.category,
      materialName: applicantMaterials.materialName,
      fileHash: applicantMaterials.fileHash,
      fileName: applicantMaterials.fileName,
      sourceCaseId: applicantMaterials.sourceCaseId,
      validUntil: applicantMaterials.validUntil,
      createdAt: applicantMaterials.createdAt,
      size: storedFiles.size,
      mimeType: storedFiles.mimeType,
      caseNumber: cases.number,
    })
    .from(applicantMaterials)
    .innerJoin(storedFiles, eq(storedFiles.hash, applicantMaterials.fileHash))
    .leftJoin(cases, eq(cases.id, applicantMaterials.sourceCaseId))
    .where(
      and(
        eq(applicantMaterials.applicantIdNumber, input.applicantIdNumber.toUpperCase()),
        or(and(eq(applicantMaterials.itemId, input.item.id), inArray(applicantMaterials.materialId, input.item.materials.map((material) => material.id))), inArray(applicantMaterials.category, categories)),
      ),
    )
    .orderBy(desc(applicantMaterials.createdAt), desc(applicantMaterials.id))
    .limit(500);
  const today = chinaToday(input.now);
  for (const material of input.item.materials) {
    const category = materialCategory(material.name);
    const seen = new Set<string>();
    for (const row of rows) {
      const same = row.itemId === input.item.id && row.materialId === material.id;
      if (!same && row.category !== category) continue;
      if (seen.has(row.fileHash)) continue;
      seen.add(row.fileHash);
      result[material.id]!.push({
        applicantMaterialId: row.id,
        fileId: row.fileHash,
        fileName: row.fileName,
        size: row.size,
        mimeType: row.mimeType,
        fromItemId: row.itemId,
        fromMaterialName: row.materialName,
        sourceCaseId: row.sourceCaseId,
        sourceCaseNumber: row.caseNumber ?? null,
        validUntil: row.validUntil,
        receivedAt: row.createdAt.toISOString(),
        match: same ? 'same-material' : 'same-category',
        expired: Boolean(row.validUntil && row.validUntil < today),
      });
    }
  }
  return result;
}

/** Files given for one material at acceptance: new uploads (by hash) or reuses of an applicant material. */
export const materialFilesInput = z
  .array(
    z.object({
      fileId: z.string().regex(fileHashPattern, { message: '文件标识不正确' }),
      reusedFrom: z.string().uuid({ message: '复用的材料标识不正确' }).optional(),
      /** Until when this file stays valid for reuse (e.g. a licence copy), China date, inclusive. */
      validUntil: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: '有效期格式应为YYYY-MM-DD' }).optional(),
    }),
  )
  .max(20, { message: '每项材料最多20个文件' })
  .default([]);
export type MaterialFilesInput = z.infer<typeof materialFilesInput>;

/**
 * Links the files of an acceptance to the new case (inside the acceptance transaction) and adds new
 * uploads to the applicant's library (not for 不予受理). A new upload must have been received by the
 * library (a hash nobody uploaded is refused); a reuse must belong to the same applicant and be still valid. Materials the item
 * wants only electronically need a file when marked as provided.
 */
export async function recordCaseMaterialFiles(
  tx: Db,
  input: {
    caseId: string;
    item: ItemDocument;
    applicant: { kind: string; idNumber: string };
    materials: Array<{ materialId: string; provided: boolean; files?: MaterialFilesInput }>;
    decision: 'accept' | 'refuse' | 'supplement';
    actorId: string;
    now: Date;
  },
): Promise<void> {
  const today = chinaToday(input.now);
  for (const entry of input.materials) {
    const material = input.item.materials.find((candidate) => candidate.id === entry.materialId);
    if (!material) throw new TRPCError({ code: 'BAD_REQUEST', message: `事项“${input.item.name}”没有材料“${entry.materialId}”` });
    const files = entry.files ?? [];
    if (entry.provided && material.medium === 'electronic' && files.length === 0) {
      throw new TRPCError({ code: 'BAD_REQUEST', message: `材料“${material.name}”要求提交电子件，请上传文件或复用已有材料` });
    }
    for (const file of files) {
      let fileName: string;
      let validUntil = file.validUntil ?? null;
      if (file.reusedFrom) {
        const [source] = await tx.select().from(applicantMaterials).where(eq(applicantMaterials.id, file.reusedFrom));
        if (!source || source.applicantIdNumber !== input.applicant.idNumber || source.fileHash !== file.fileId) {
          throw new TRPCError({ code: 'BAD_REQUEST', message: `材料“${material.name}”：复用的文件不属于该申请人，请重新选择` });
        }
        if (source.validUntil && source.validUntil < today) throw new TRPCError({ code: 'BAD_REQUEST', message: `材料“${material.name}”：复用的文件已于${source.validUntil}过期，请重新上传` });
        fileName = source.fileName;
        validUntil = validUntil ?? source.validUntil;
      } else {
        // Identical bytes received by two windows are one stored file: either may hand it to a case.
        const [stored] = await tx.select().from(storedFiles).where(eq(storedFiles.hash, file.fileId));
        if (!stored) throw new TRPCError({ code: 'BAD_REQUEST', message: `材料“${material.name}”：文件不存在，请重新上传` });
        fileName = stored.originalName;
        if (validUntil && validUntil < today) throw new TRPCError({ code: 'BAD_REQUEST', message: `材料“${material.name}”：“${fileName}”的有效期至${validUntil}，已过期，不能作为有效材料收取` });
      }
      await tx
        .insert(caseMaterialFiles)
        .values({ id: randomUUID(), caseId: input.caseId, itemId: input.item.id, materialId: material.id, materialName: material.name, fileHash: file.fileId, fileName, providedBy: input.actorId, reusedFrom: file.reusedFrom ?? null, createdAt: input.now })
        .onConflictDoNothing();
      if (input.decision !== 'refuse') {
        await tx
          .insert(applicantMaterials)
          .values({
            id: randomUUID(),
            applicantKind: input.applicant.kind,
            applicantIdNumber: input.applicant.idNumber,
            itemId: input.item.id,
            materialId: material.id,
            category: materialCategory(material.name),
            materialName: material.name,
            fileHash: file.fileId,
            fileName,
            sourceCaseId: input.caseId,
            validUntil,
            createdBy: input.actorId,
            createdAt: input.now,
          })
          .onConflictDoNothing();
      }
    }
  }
}

/** Whether the actor may see a case (the case screen's rule from services/cases/access.ts). */
export async function actorMayViewCase(db: Db, input: { actor: DeskActor; capabilities: readonly string[]; caseId: string }): Promise<boolean> {
  const [row] = await db
    .select({ regionCode: cases.regionCode, escalatedTo: cases.escalatedTo, acceptedBy: cases.acceptedBy, handlers: cases.handlers, state: cases.state })
    .from(cases)
    .where(eq(cases.id, input.caseId));
  if (!row) return false;
  const handled = await db.select({ id: caseTasks.id }).from(caseTasks).where(and(eq(caseTasks.caseId, input.caseId), eq(caseTasks.handledBy, input.actor.userId))).limit(1);
  const openTasks = ((row.state as { tasks?: Task[] }).tasks ?? []) as Task[];
  return mayView({ actor: input.actor, capabilities: input.capabilities, row, openTasks, handledByActor: handled.length > 0 });
}

/** The case's material files (for the case screen), after the case access check. */
export async function caseMaterialFilesOf(db: Db, input: { actor: DeskActor; capabilities: readonly string[]; caseId: string }) {
  if (!(await actorMayViewCase(db, input))) throw new TRPCError({ code: 'FORBIDDEN', message: '您不是该办件的经办人，无权查看其材料' });
  const rows = await db
    .select({
      id: caseMaterialFiles.id,
      materialId: caseMaterialFiles.materialId,
      materialName: caseMaterialFiles.materialName,
      fileId: caseMaterialFiles.fileHash,
      fileName: caseMaterialFiles.fileName,
      reusedFrom: caseMaterialFiles.reusedFrom,
      createdAt: caseMaterialFiles.createdAt,
      size: storedFiles.size,
      mimeType: storedFiles.mimeType,
    })
    .from(caseMaterialFiles)
    .innerJoin(storedFiles, eq(storedFiles.hash, caseMaterialFiles.fileHash))
    .where(eq(caseMaterialFiles.caseId, input.caseId))
    .orderBy(caseMaterialFiles.createdAt, caseMaterialFiles.id);
  return rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() }));
}

/**
 * Who may read a stored file: the user who first received it; window staff for files in the applicant
 * library (the reuse offers they see) and for fresh uploads not yet part of any case (the same bytes
 * may have been received by a colleague first; the 256-bit hash is only known to who has the bytes);
 * and anyone who may see a case the file belongs to. Returns the stored row, or why it is refused.
 */
export async function authorizeFileRead(
  db: Db,
  input: { hash: string; userId: string; capabilities: readonly string[]; loadActor: () => Promise<DeskActor> },
): Promise<{ ok: true; file: typeof storedFiles.$inferSelect } | { ok: false; status: 403 | 404; message: string }> {
  if (!fileHashPattern.test(input.hash)) return { ok: false, status: 404, message: '文件不存在' };
  const [file] = await db.select().from(storedFiles).where(eq(storedFiles.hash, input.hash));
  if (!file) return { ok: false, status: 404, message: '文件不存在' };
  if (file.createdBy === input.userId) return { ok: true, file };
  const caseIds = await db.selectDistinct({ caseId: caseMaterialFiles.caseId }).from(caseMaterialFiles).where(eq(caseMaterialFiles.fileHash, input.hash)).limit(50);
  if (input.capabilities.includes('desk.accept')) {
    if (caseIds.length === 0) return { ok: true, file };
    const [onFile] = await db.select({ id: applicantMaterials.id }).from(applicantMaterials).where(eq(applicantMaterials.fileHash, input.hash)).limit(1);
    if (onFile) return { ok: true, file };
  }
  if (input.capabilities.includes('desk.access')) {
    if (caseIds.length > 0) {
      const actor = await input.loadActor();
      for (const { caseId } of caseIds) {
        if (await actorMayViewCase(db, { actor, capabilities: input.capabilities, caseId })) return { ok: true, file };
      }
    }
  }
  return { ok: false, status: 403, message: '无权查看该材料：您不是相关办件的经办人' };
}
