import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DatabaseKind } from '@xlgl/db';
import { readDocument } from '@xlgl/db';
import type { FormDocument } from '@xlgl/schema';
import { dictionaries } from '../services/cases/runtime.js';
import { automaticCertificatesSettled } from '../services/certificates/automaticIssue.js';
import { createTestApp, type TestApp, type TestClient } from './create-test-app.js';
import { exampleValues } from './example-values.js';

const shippedMetadataDir = fileURLToPath(new URL('../../../../metadata', import.meta.url));

/** The enterprise applying for 食品经营许可 (item-food-business) in the certificate tests. */
export const foodBusinessApplicant = {
  kind: 'enterprise' as const,
  creditCode: '91330102MA28NBU477',
  name: '锡林郭勒草原印象餐饮有限公司',
  legalRepresentative: '巴特尔',
};

/** Every material of item-food-business, all provided. */
export const foodBusinessMaterials = ['m-application', 'm-subject-proof', 'm-layout', 'm-rules', 'm-id', 'm-power-of-attorney'].map((materialId) => ({ materialId, provided: true }));

export type CertificateTestApp = {
  app: TestApp;
  /** The scratch DATA_DIR the certificate PDFs and seal keys are written to. */
  dataDir: string;
  window: TestClient;
  approver: TestClient;
  leader: TestClient;
  admin: TestClient;
  /** Waits for automatic issues, closes the app, removes `dataDir` and restores DATA_DIR and XLGL_MASTER_KEY. */
  close: () => Promise<void>;
};

function restoreEnv(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

/**
 * A test app on the shipped metadata that can seal and store certificates: a scratch DATA_DIR (named
 * after `prefix`), a random XLGL_MASTER_KEY, the clock fixed at `now`, and the league window, approver,
 * leader and the administrator signed in.
 */
export async function createCertificateTestApp(options: { kind: DatabaseKind; prefix: string; now: Date }): Promise<CertificateTestApp> {
  const previous = { dataDir: process.env.DATA_DIR, key: process.env.XLGL_MASTER_KEY };
  const dataDir = mkdtempSync(join(tmpdir(), options.prefix));
  process.env.DATA_DIR = dataDir;
  process.env.XLGL_MASTER_KEY = randomBytes(32).toString('base64');
  let app: TestApp | undefined;
  const close = async () => {
    await automaticCertificatesSettled();
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
    restoreEnv('DATA_DIR', previous.dataDir);
    restoreEnv('XLGL_MASTER_KEY', previous.key);
  };
  try {
    app = await createTestApp({ kind: options.kind, metadataDir: shippedMetadataDir });
    app.setNow(options.now);
    const [window, approver, leader, admin] = await Promise.all([app.signIn('lg.window'), app.signIn('lg.approver'), app.signIn('lg.leader'), app.signIn('admin')]);
    return { app, dataDir, window, approver, leader, admin, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The window accepts a 食品经营许可 case with example form values for `foodBusinessApplicant`; returns its id. */
export async function acceptFoodBusinessCase(app: TestApp, window: TestClient): Promise<string> {
  const form = (await readDocument(app.db, 'form', 'form-food-business'))!.body as unknown as FormDocument;
  const values = exampleValues(form, await dictionaries(app.db));
  const { caseId } = await window.api.desk.accept({
    itemId: 'item-food-business',
    applicant: foodBusinessApplicant,
    formValues: { ...values, f_applicant_name: foodBusinessApplicant.name, f_credit_code: foodBusinessApplicant.creditCode, f_legal_rep: foodBusinessApplicant.legalRepresentative },
    materials: foodBusinessMaterials,
    decision: 'accept',
  });
  return caseId;
}
