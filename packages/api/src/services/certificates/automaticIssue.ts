import { and, asc, eq, lt } from 'drizzle-orm';
import { certificateAutoIssues, certificates, cases, getFormRecord, openFormTable, type Db } from '@xlgl/db';
import { choiceOptions, type DictionaryEntry, type FormDocument, type ItemDocument } from '@xlgl/schema';
import { dictionaries } from '../cases/runtime.js';
import { chinaDateOf } from './chinaDate.js';
import { issueCertificate } from './issueCertificate.js';
import type { FileStore } from './storage.js';

/** Attempts before an automatic issue is given up (status `failed`, shown in the audit log and the case). */
export const automaticIssueMaxAttempts = 5;

/**
 * Inside the completion transaction: when the item's result is a certificate with a bound template,
 * records the durable request to issue it (one per case: a second call is a no-op). Returns whether
 * a request exists, so the caller can start the worker after the commit.
 */
export async function requestAutomaticCertificate(
  tx: Db,
  input: { caseId: string; item: Pick<ItemDocument, 'id' | 'result'>; itemVersion: number; actor: string; now: Date },
): Promise<boolean> {
  const result = input.item.result;
  if (result.type !== 'certificate' || !result.certificateTemplateId) return false;
  await tx
    .insert(certificateAutoIssues)
    .values({
      caseId: input.caseId,
      itemId: input.item.id,
      itemVersion: input.itemVersion,
      templateId: result.certificateTemplateId,
      status: 'pending',
      requestedBy: input.actor,
      requestedAt: input.now,
      updatedAt: input.now,
    })
    .onConflictDoNothing();
  return true;
}

type FormField = FormDocument['sections'][number]['fields'][number];

/** A stored form value as a certificate prints it: option labels instead of codes, money in yuan. */
function displayValue(field: FormField, value: unknown, dictionaryEntries: Record<string, DictionaryEntry[]>): unknown {
  if (value === undefined || value === null) return value;
  const settings = (field as { settings?: Record<string, unknown> }).settings ?? {};
  switch (field.type) {
    case 'select':
    case 'multi-select': {
      const options = choiceOptions(field as never, { dictionaries: dictionaryEntries }) ?? [];
      const label = (code: unknown) => options.find((option) => option.value === code)?.label ?? code;
      return Array.isArray(value) ? value.map(label) : label(value);
    }
    case 'switch':
      return value === true ? ((settings.trueLabel as string | undefined) ?? '是') : value === false ? ((settings.falseLabel as string | undefined) ?? '否') : value;
    case 'money':
      return typeof value === 'number' ? value / 100 : value;
    default:
      return value;
  }
}

/** The case's form record, display-ready, for the certificate's form bindings. */
export async function caseFormValues(db: Db, caseRow: { formId: string | null; formRecordId: string | null }): Promise<Record<string, unknown>> {
  if (!caseRow.formId || !caseRow.formRecordId) return {};
  const handle = await openFormTable(db, caseRow.formId);
  const record = await getFormRecord(db, handle, caseRow.formRecordId);
  if (!record) return {};
  const entries = await dictionaries(db);
  const values: Record<string, unknown> = {};
  for (const section of handle.form.sections) {
    for (const field of section.fields) {
      if (field.id in record.values) values[field.id] = displayValue(field, record.values[field.id], entries);
    }
  }
  return values;
}

export type AutomaticIssueOutcome = { caseId: string; status: 'issued' | 'skipped' | 'pending' | 'failed'; certificateId?: string; error?: string };

/**
 * Works the pending requests (all, or one case's): each in its own transaction that locks the request
 * row (`for update skip locked`, so two workers never take the same case), skips a case that already
 * has a certificate from the same template (issued by hand before completion), and otherwise issues
 * it like the manual path — number by the rule, holder = applicant, validity from the completion date,
 * the department's seal, CMS signature, SM3/SM2 record, PDF by hash — then marks the request. The
 * certificate and the mark commit together, so a crash in between leaves the request pending and
 * never a second certificate. A failure (e.g. no seal yet) is recorded and retried later.
 */
export async function issueAutomaticCertificates(db: Db, options: { caseId?: string; now?: Date; files?: FileStore } = {}): Promise<AutomaticIssueOutcome[]> {
  const pending = await db
    .select({ caseId: certificateAutoIssues.caseId })
    .from(certificateAutoIssues)
    .where(and(eq(certificateAutoIssues.status, 'pending'), lt(certificateAutoIssues.attempts, automaticIssueMaxAttempts), options.caseId ? eq(certificateAutoIssues.caseId, options.caseId) : undefined))
    .orderBy(asc(certificateAutoIssues.requestedAt))
    .limit(100);
  const outcomes: AutomaticIssueOutcome[] = [];
  for (const { caseId } of pending) {
    const outcome = await issueOne(db, caseId, options);
    if (outcome) outcomes.push(outcome);
  }
  return outcomes;
}

async function issueOne(db: Db, caseId: string, options: { now?: Date; files?: FileStore }): Promise<AutomaticIssueOutcome | null> {
  return db.transaction(async (tx) => {
    const [request] = await tx
      .select()
      .from(certificateAutoIssues)
      .where(and(eq(certificateAutoIssues.caseId, caseId), eq(certificateAutoIssues.status, 'pending')))
      .for('update', { skipLocked: true });
    if (!request) return null; // done meanwhile, or another worker holds it
    const now = options.now ?? new Date();
    const [existing] = await tx
      .select({ id: certificates.id })
      .from(certificates)
      .where(and(eq(certificates.caseId, caseId), eq(certificates.templateId, request.templateId)));
    if (existing) {
      await tx.update(certificateAutoIssues).set({ status: 'skipped', certificateId: existing.id, updatedAt: now }).where(eq(certificateAutoIssues.caseId, caseId));
      return { caseId, status: 'skipped' as const, certificateId: existing.id };
    }
    try {
      const issued = await tx.transaction(async (savepoint) => {
        const [caseRow] = await savepoint.select({ formId: cases.formId, formRecordId: cases.formRecordId }).from(cases).where(eq(cases.id, caseId));
        const form = caseRow ? await caseFormValues(savepoint, caseRow) : {};
        return issueCertificate(savepoint, {
          templateId: request.templateId,
          caseId,
          data: { form },
          validFrom: chinaDateOf(request.requestedAt),
          actor: request.requestedBy,
          now,
          files: options.files,
        });
      });
      await tx.update(certificateAutoIssues).set({ status: 'issued', certificateId: issued.certificate.id, attempts: request.attempts + 1, lastError: null, updatedAt: now }).where(eq(certificateAutoIssues.caseId, caseId));
      return { caseId, status: 'issued' as const, certificateId: issued.certificate.id };
    } catch (error) {
      const attempts = request.attempts + 1;
      const status = attempts >= automaticIssueMaxAttempts ? ('failed' as const) : ('pending' as const);
      const message = (error as Error).message.slice(0, 1000);
      await tx.update(certificateAutoIssues).set({ status, attempts, lastError: message, updatedAt: now }).where(eq(certificateAutoIssues.caseId, caseId));
      return { caseId, status, error: message };
    }
  });
}

/** After the completion commit: issues the case's certificate in the background (errors are recorded on the request). */
export function startAutomaticCertificate(db: Db, caseId: string, now: Date): Promise<AutomaticIssueOutcome[]> {
  const running = issueAutomaticCertificates(db, { caseId, now }).catch((error: unknown) => {
    console.error(`证照自动签发失败（办件 ${caseId}）：${(error as Error).message}`);
    return [];
  });
  inFlight.add(running);
  void running.finally(() => inFlight.delete(running));
  return running;
}

const inFlight = new Set<Promise<unknown>>();

/** Waits for background issues started by this process (tests, graceful shutdown). */
export async function automaticCertificatesSettled(): Promise<void> {
  while (inFlight.size > 0) await Promise.all([...inFlight]);
}

/** A case's automatic issue request, if any (shown on the case screen). */
export async function automaticIssueOf(db: Db, caseId: string) {
  const [row] = await db.select().from(certificateAutoIssues).where(eq(certificateAutoIssues.caseId, caseId));
  return row ?? null;
}
