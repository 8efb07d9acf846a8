import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { certificates } from '@xlgl/db';
import type { CertificateTemplateDocument } from '@xlgl/schema';
import { createTestApp, refusal, testDatabaseKinds, type TestApp, type TestClient } from '../../testing/index.js';
import { listLines, prepareTemplate } from './prepareTemplate.js';

const metadataDir = fileURLToPath(new URL('../../../../../metadata', import.meta.url));

/** Raw bytes plus every inflated stream of a PDF, to search for actions and scripts. */
function pdfSource(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const parts = [raw];
  for (const match of raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    try {
      parts.push(inflateSync(Buffer.from(match[1]!, 'latin1')).toString('latin1'));
    } catch {
      // not Flate
    }
  }
  return parts.join('\n');
}
const pdfText = (pdf: Buffer) => execFileSync('pdftotext', ['-raw', '-', '-'], { input: pdf }).toString('utf8').replace(/\s+/g, '');
const hostileValues = [
  "'); DROP TABLE certificates; --",
  '<script>alert(1)</script><img src=x onerror=alert(2)>',
  ') Tj ET endobj 9 0 obj << /S /JavaScript /JS (app.alert(1)) >> endobj \\ (',
  '甲\u0000乙\u202e丙\u200f丁\r\n戊',
  '锡林郭勒'.repeat(250),
];

describe('prepareTemplate', () => {
  it('turns list elements into numbered lines and points each QR code at its target', () => {
    expect(listLines(['营业执照复印件', { label: '平面布局图' }, ''])).toBe('1. 营业执照复印件\n2. 平面布局图');
    const prepared = prepareTemplate(
      {
        kind: 'document-template',
        elements: [
          { id: 'list', type: 'list', binding: { source: 'case', key: 'supplementItems' } },
          { id: 'progress', type: 'qr', binding: { source: 'case', key: 'caseNumber' } },
          { id: 'verify', type: 'qr', qrTarget: 'verify' },
        ],
      } as unknown as Parameters<typeof prepareTemplate>[0],
      { case: { supplementItems: ['申请书'] } },
      { verifyUrl: 'https://v', progressUrl: 'https://p' },
    );
    expect(prepared.elements.map((element) => [element.type, element.text, element.binding])).toEqual([
      ['text', '1. 申请书', undefined],
      ['qr', 'https://p', undefined],
      ['qr', 'https://v', undefined],
    ]);
  });
});

describe.each(testDatabaseKinds())('studio templates on %s', (kind) => {
  let app: TestApp;
  let dataDir: string;
  let config: TestClient;
  const previousDataDir = process.env.DATA_DIR;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'xlgl-tpl-'));
    process.env.DATA_DIR = dataDir;
    app = await createTestApp({ kind, metadataDir });
    config = await app.signIn('lg.config');
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
    process.env.DATA_DIR = previousDataDir;
  });

  it('drafts, previews and publishes a new version; invalid drafts are refused at publication', async () => {
    const { published, version } = await config.api.templates.get({ kind: 'certificate-template', id: 'cert-food-business' });
    expect(version).toBe(1);
    const changed = { ...(published as CertificateTemplateDocument), name: '食品经营许可证（新版）' };
    await config.api.templates.saveDraft({ kind: 'certificate-template', document: changed });
    const list = await config.api.templates.list({ kind: 'certificate-template' });
    expect(list.find((row) => row.id === 'cert-food-business')).toMatchObject({ version: 1, hasDraft: true });

    const preview = await config.api.templates.preview({ kind: 'certificate-template', document: changed, variant: 'copy' });
    expect(Buffer.from(preview.base64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');

    expect(await config.api.templates.publish({ kind: 'certificate-template', id: 'cert-food-business' })).toEqual({ version: 2 });
    expect((await config.api.templates.get({ kind: 'certificate-template', id: 'cert-food-business' })).draft).toBeNull();

    const broken = { ...changed, numberRule: 'JY{regionCode}', elements: [...changed.elements, { ...changed.elements[0]!, text: '' }] };
    await config.api.templates.saveDraft({ kind: 'certificate-template', document: broken });
    expect(await refusal(config.api.templates.publish({ kind: 'certificate-template', id: 'cert-food-business' }))).toEqual({
      code: 'BAD_REQUEST',
      message: '模板校验未通过：元素标识“title”重复；文字元素“title”没有内容；编号规则必须含流水号 {seq:n}，否则编号会重复',
    });
  });

  it('offers the bound form fields and case keys for binding; only designers may save', async () => {
    const bindings = await config.api.templates.bindings({ formId: 'form-food-business' });
    expect(bindings.formFields.map((field) => field.id)).toContain('f_applicant_name');
    expect(bindings.caseKeys).toContainEqual({ key: 'supplementItems', label: '补正材料清单' });
    const window = await app.signIn('lg.window');
    expect(await refusal(window.api.templates.list({ kind: 'document-template' }))).toMatchObject({ code: 'FORBIDDEN' });
    const reviewer = await app.signIn('lg.review');
    expect(await refusal(reviewer.api.templates.saveDraft({ kind: 'document-template', document: {} }))).toEqual({ code: 'FORBIDDEN', message: '没有权限：此操作需要“设计证照与文书模板”权限' });
  });

  it('renders every shipped template with sample data (list elements and QR targets included)', async () => {
    for (const templateKind of ['certificate-template', 'document-template'] as const) {
      for (const row of await config.api.templates.list({ kind: templateKind })) {
        const { published } = await config.api.templates.get({ kind: templateKind, id: row.id });
        const preview = await config.api.templates.preview({ kind: templateKind, document: published });
        expect(preview.base64.length, row.id).toBeGreaterThan(1000);
      }
    }
  });

  it('hostile fixed text and bound values print as inert literal text through the preview and the issuing path (#10)', async () => {
    app.setNow(new Date(Date.now() + 60_000));
    const { published } = await config.api.templates.get({ kind: 'certificate-template', id: 'cert-food-business' });
    const base = published as CertificateTemplateDocument;
    const textElement = base.elements.find((element) => element.type === 'text')!;
    const hostileTemplate = {
      ...base,
      name: hostileValues[2]!.slice(0, 100),
      elements: [...base.elements, ...hostileValues.map((text, index) => ({ ...textElement, id: `hostile-${index}`, text, y: 200 + index * 8, height: 8, width: 180, x: 15, fontSize: 6 }))],
    };
    const preview = Buffer.from((await config.api.templates.preview({ kind: 'certificate-template', document: hostileTemplate })).base64, 'base64');
    const previewText = pdfText(preview);
    for (const value of ["');DROPTABLEcertificates;--", '<script>alert(1)</script>', '/S/JavaScript/JS(app.alert(1))>>endobj', '甲乙丙丁戊']) expect(previewText).toContain(value);
    for (const forbidden of ['/JavaScript', '/JS ', '/OpenAction', '/Launch', '/URI', 'alert(']) expect(pdfSource(preview), forbidden).not.toContain(forbidden);

    // Bound values through the issuing path (signed PDF in the library).
    await config.api.certificates.seals.create({ organizationId: 'org-lg-scjgj' });
    const window = await app.signIn('lg.window');
    const holder = { name: hostileValues[1]!, idNumber: '91152502MA0N8XYZ3K' };
    const issued = await window.api.certificates.issue({ templateId: 'cert-food-business', holder, data: { form: { f_applicant_name: hostileValues[0], f_legal_rep: hostileValues[2], f_premises: hostileValues[3], f_business_form: hostileValues[4] } } });
    const pdf = Buffer.from(issued.base64, 'base64');
    const text = pdfText(pdf);
    for (const value of ["');DROPTABLEcertificates;--", ')TjETendobj90obj<</S/JavaScript/JS(app.alert(1))>>endobj\\(', '甲乙丙丁戊']) expect(text).toContain(value);
    for (const forbidden of ['/JavaScript', '/JS ', '/OpenAction', '/Launch', '/URI', 'alert(']) expect(pdfSource(pdf), forbidden).not.toContain(forbidden);
    expect(pdf.toString('latin1').match(/trailer/g)).toHaveLength(1);
    const [row] = await app.db.select().from(certificates).where(eq(certificates.id, issued.certificate.id));
    expect(row!.holderName).toBe(hostileValues[1]);

    // An emoji is refused with the element and code point; nothing is stored.
    const before = (await app.db.select().from(certificates)).length;
    expect(await refusal(window.api.certificates.issue({ templateId: 'cert-food-business', holder: { name: '草原😀印象', idNumber: '91152502MA0N8XYZ3K' }, data: { form: { f_applicant_name: '草原😀印象' } } }))).toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('含字体不支持的字符：「😀」U+1F600'),
    });
    expect((await app.db.select().from(certificates)).length).toBe(before);
  }, 120_000);
});
