import { randomUUID, X509Certificate } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { and, desc, eq } from 'drizzle-orm';
import { createPlatformCa, createSealKey, decryptSecret, encryptSecret, type PlatformCa, type SealKey } from '@xlgl/documents';
import type { OrganizationDocument } from '@xlgl/schema';
import { appendAudit, platformCa, readDocument, seals, type Db } from '@xlgl/db';
import { lockMetadata } from '../documents.js';
import { masterKey } from './storage.js';

const platformCaId = 'platform';

/** The platform CA's certificate (public), or null before the first seal is made. */
export async function readPlatformCaCertificate(db: Db): Promise<string | null> {
  const [row] = await db.select({ certificatePem: platformCa.certificatePem }).from(platformCa).where(eq(platformCa.id, platformCaId));
  return row?.certificatePem ?? null;
}

/** The platform CA with its decrypted key; created once (and stored encrypted) on first use. */
export async function ensurePlatformCa(db: Db, actor: string): Promise<PlatformCa> {
  const [row] = await db.select().from(platformCa).where(eq(platformCa.id, platformCaId));
  if (row) return { certificatePem: row.certificatePem, privateKeyPem: decryptSecret(row.encryptedPrivateKey, masterKey(), platformCaId) };
  const ca = await createPlatformCa();
  const inserted = await db
    .insert(platformCa)
    .values({ id: platformCaId, certificatePem: ca.certificatePem, encryptedPrivateKey: encryptSecret(ca.privateKeyPem, masterKey(), platformCaId), createdBy: actor })
    .onConflictDoNothing()
    .returning({ id: platformCa.id });
  // Another request made it first: use theirs.
  if (inserted.length === 0) return ensurePlatformCa(db, actor);
  await appendAudit(db, { actor, action: 'seal.ca-create', target: `platform-ca/${platformCaId}`, detail: {} });
  return ca;
}

export type SealSummary = {
  id: string;
  organizationId: string;
  name: string;
  subtitle: string | null;
  status: string;
  serialNumber: string;
  validUntil: string;
  createdAt: string;
  createdBy: string;
};

function summary(row: typeof seals.$inferSelect): SealSummary {
  return {
    id: row.id,
    organizationId: row.organizationId,
    name: row.name,
    subtitle: row.subtitle,
    status: row.status,
    serialNumber: new X509Certificate(row.certificatePem).serialNumber,
    validUntil: row.validUntil.toISOString(),
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy,
  };
}

export async function listSeals(db: Db): Promise<SealSummary[]> {
  const rows = await db.select().from(seals).orderBy(seals.organizationId, seals.status, desc(seals.createdAt)) // active before retired;
  return rows.map(summary);
}

/**
 * Generates a department's seal: a key pair and certificate under the platform CA (created on first
 * use), keys encrypted with the master key and bound to the seal id. The department's previous seal
 * is retired; certificates it signed stay verifiable.
 */
export async function createDepartmentSeal(db: Db, input: { organizationId: string; subtitle?: string; actor: string; now: Date }): Promise<SealSummary> {
  const organization = (await readDocument(db, 'organization', input.organizationId))?.body as unknown as OrganizationDocument | undefined;
  if (!organization) throw new TRPCError({ code: 'NOT_FOUND', message: `机构“${input.organizationId}”不存在` });
  if (organization.type === 'window') throw new TRPCError({ code: 'BAD_REQUEST', message: `“${organization.name}”是窗口，电子印章只能为部门或中心生成` });
  return db.transaction(async (tx) => {
    await lockMetadata(tx);
    const ca = await ensurePlatformCa(tx, input.actor);
    const key = await createSealKey({ departmentName: organization.name, ca });
    const id = `seal-${randomUUID()}`;
    const secret = JSON.stringify({ privateKeyPem: key.privateKeyPem, sm2PrivateKey: key.sm2.privateKey });
    await tx
      .update(seals)
      .set({ status: 'retired', retiredAt: input.now })
      .where(and(eq(seals.organizationId, organization.id), eq(seals.status, 'active')));
    const [row] = await tx
      .insert(seals)
      .values({
        id,
        organizationId: organization.id,
        name: organization.name,
        subtitle: input.subtitle?.trim() || null,
        status: 'active',
        certificatePem: key.certificatePem,
        publicKeyPem: key.publicKeyPem,
        sm2PublicKey: key.sm2.publicKey,
        encryptedKeys: encryptSecret(secret, masterKey(), id),
        validUntil: new Date(new X509Certificate(key.certificatePem).validTo),
        createdAt: input.now,
        createdBy: input.actor,
      })
      .returning();
    await appendAudit(tx, { actor: input.actor, action: 'seal.create', target: `seal/${id}`, detail: { organizationId: organization.id } }, input.now);
    return summary(row!);
  });
}

export type UsableSeal = { id: string; appearance: { departmentName: string; subtitle?: string; code?: string }; key: SealKey; ca: PlatformCa };

/** The active seal of a department with its decrypted keys, for signing only (never leaves the server). */
export async function loadSealForSigning(db: Db, organizationId: string, actor: string): Promise<UsableSeal> {
  const [row] = await db
    .select()
    .from(seals)
    .where(and(eq(seals.organizationId, organizationId), eq(seals.status, 'active')));
  if (!row) {
    const name = ((await readDocument(db, 'organization', organizationId))?.body as { name?: string } | undefined)?.name ?? organizationId;
    throw new TRPCError({ code: 'PRECONDITION_FAILED', message: `“${name}”尚未生成电子印章，请先在“电子印章”中为该部门生成印章` });
  }
  const ca = await ensurePlatformCa(db, actor);
  const secret = JSON.parse(decryptSecret(row.encryptedKeys, masterKey(), row.id)) as { privateKeyPem: string; sm2PrivateKey: string };
  const serial = new X509Certificate(row.certificatePem).serialNumber;
  return {
    id: row.id,
    appearance: { departmentName: row.name, ...(row.subtitle ? { subtitle: row.subtitle } : {}), code: serial.slice(-13) },
    key: {
      departmentName: row.name,
      certificatePem: row.certificatePem,
      privateKeyPem: secret.privateKeyPem,
      publicKeyPem: row.publicKeyPem,
      sm2: { publicKey: row.sm2PublicKey, privateKey: secret.sm2PrivateKey },
    },
    ca,
  };
}
