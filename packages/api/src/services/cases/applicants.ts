import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { caseMaterials, enterprises, persons, type Db } from '@xlgl/db';
import { z } from 'zod';

/** The applicant as entered at the window; a person by resident ID, an enterprise by credit code. */
export const applicantInput = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('person'),
    idNumber: z.string().regex(/^\d{17}[\dX]$/, { message: '身份证号码应为18位' }),
    name: z.string().trim().min(1, { message: '请填写申请人姓名' }).max(50),
    sex: z.string().max(10).optional(),
    birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
    address: z.string().max(200).optional(),
    occupation: z.string().max(50).optional(),
    phone: z.string().regex(/^1[3-9]\d{9}$/, { message: '手机号码格式不正确' }).optional(),
  }),
  z.object({
    kind: z.literal('enterprise'),
    creditCode: z.string().regex(/^[0-9A-HJ-NPQRTUWXY]{18}$/, { message: '统一社会信用代码应为18位' }),
    name: z.string().trim().min(1, { message: '请填写单位名称' }).max(200),
    legalRepresentative: z.string().max(50).optional(),
    foundedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
    address: z.string().max(200).optional(),
    phone: z.string().max(30).optional(),
    businessScope: z.string().max(2000).optional(),
  }),
]);
export type ApplicantInput = z.infer<typeof applicantInput>;

/** GB 11643 check digit. */
export function isValidResidentId(value: string): boolean {
  if (!/^\d{17}[\dX]$/.test(value)) return false;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((total, weight, index) => total + weight * Number(value[index]), 0);
  return '10X98765432'[sum % 11] === value[17];
}

/** GB 32100 check character. */
export function isValidCreditCode(value: string): boolean {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(value)) return false;
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const sum = weights.reduce((total, weight, index) => total + weight * alphabet.indexOf(value[index]!), 0);
  return alphabet[(31 - (sum % 31)) % 31] === value[17];
}

/** Looks an applicant up in the natural-person or enterprise library. */
export async function lookupApplicant(db: Db, input: { kind: 'person' | 'enterprise'; key: string }) {
  if (input.kind === 'person') {
    const [row] = await db.select().from(persons).where(eq(persons.idNumber, input.key.toUpperCase()));
    return row ? { kind: 'person' as const, ...row } : null;
  }
  const [row] = await db.select().from(enterprises).where(eq(enterprises.creditCode, input.key.toUpperCase()));
  return row ? { kind: 'enterprise' as const, ...row } : null;
}

/** Adds the applicant to its library or updates what was entered (T6: kept once, reused later). */
export async function upsertApplicant(db: Db, applicant: ApplicantInput, now: Date): Promise<{ personId: string | null; enterpriseId: string | null; idType: string; idNumber: string }> {
  if (applicant.kind === 'person') {
    const values = { name: applicant.name, sex: applicant.sex ?? null, birthDate: applicant.birthDate ?? null, address: applicant.address ?? null, occupation: applicant.occupation ?? null, phone: applicant.phone ?? null, updatedAt: now };
    const [row] = await db
      .insert(persons)
      .values({ id: randomUUID(), idNumber: applicant.idNumber, ...values })
      .onConflictDoUpdate({ target: persons.idNumber, set: values })
      .returning({ id: persons.id });
    return { personId: row!.id, enterpriseId: null, idType: '居民身份证', idNumber: applicant.idNumber };
  }
  const values = { name: applicant.name, legalRepresentative: applicant.legalRepresentative ?? null, foundedOn: applicant.foundedOn ?? null, address: applicant.address ?? null, phone: applicant.phone ?? null, businessScope: applicant.businessScope ?? null, updatedAt: now };
  const [row] = await db
    .insert(enterprises)
    .values({ id: randomUUID(), creditCode: applicant.creditCode, ...values })
    .onConflictDoUpdate({ target: enterprises.creditCode, set: values })
    .returning({ id: enterprises.id });
  return { personId: null, enterpriseId: row!.id, idType: '统一社会信用代码', idNumber: applicant.creditCode };
}

/** Materials the applicant already provided in earlier cases, by material name (R9.3: upload once). */
export async function materialsOnFile(db: Db, idNumber: string) {
  const rows = await db
    .select({ name: caseMaterials.name, caseId: caseMaterials.caseId, fileRef: caseMaterials.fileRef, receivedAt: caseMaterials.receivedAt, provided: caseMaterials.provided })
    .from(caseMaterials)
    .where(eq(caseMaterials.applicantIdNumber, idNumber));
  const latest = new Map<string, { name: string; caseId: string; fileRef: string | null; receivedAt: Date }>();
  for (const row of rows) {
    if (!row.provided) continue;
    const seen = latest.get(row.name);
    if (!seen || seen.receivedAt < row.receivedAt) latest.set(row.name, row);
  }
  return [...latest.values()];
}
