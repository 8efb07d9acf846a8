import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { count, eq } from 'drizzle-orm';
import { applicantMaterials, caseMaterialFiles, storedFiles } from '@xlgl/db';
import type { FormDocument } from '@xlgl/schema';
import { parseCookies } from '../../auth/cookies.js';
import { createTestApp, enterpriseCase, exampleValues, refusal, testDatabaseKinds, type TestApp, type TestClient } from '../../testing/index.js';
import { contentDisposition, detectMaterialType, cleanFileName, materialFileTypes } from './detect.js';
import { createMaterialFilesHandler, materialFilesPath } from './http.js';
import { localMaterialStore, sha256Of } from './storage.js';

const metadataDir = fileURLToPath(new URL('../../../../../metadata', import.meta.url));

const pngHeader = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** Distinct small files of the accepted types. */
function png(tag: string): Buffer {
  return Buffer.concat([Buffer.from(pngHeader), Buffer.from(`IHDR-${tag}-${Math.random()}`)]);
}
function pdf(tag: string): Buffer {
  return Buffer.from(`%PDF-1.7\n% ${tag} ${Math.random()}\n%%EOF\n`);
}

const { applicant: enterprise, formValues: enterpriseForm } = enterpriseCase;

describe('material file detection and names', () => {
  it('recognises types by content, not by name', () => {
    expect(detectMaterialType(pdf('a'))).toBe(materialFileTypes.pdf);
    expect(detectMaterialType(png('a'))).toBe(materialFileTypes.png);
    expect(detectMaterialType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2]))).toBe(materialFileTypes.jpeg);
    expect(detectMaterialType(Buffer.from('<html><script>alert(1)</script></html>'))).toBeNull();
    expect(detectMaterialType(Buffer.from('MZ\x90\x00 executable'))).toBeNull();
    // A zip that is not an OFD package is refused; one with OFD.xml at the root is accepted.
    const entry = (name: string) => Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, name.length, 0, 0, 0]), Buffer.from(name)]);
    expect(detectMaterialType(entry('word/document.xml'))).toBeNull();
    expect(detectMaterialType(Buffer.concat([entry('Doc_0/'), entry('OFD.xml')]))).toBe(materialFileTypes.ofd);
  });

  it('keeps the original name as harmless text and encodes it safely for download', () => {
    expect(cleanFileName('../../etc/passwd.pdf')).toBe('passwd.pdf');
    expect(cleanFileName('C:\\Users\\a\\营业执照.pdf')).toBe('营业执照.pdf');
    expect(cleanFileName('..')).toBe('未命名文件');
    expect(cleanFileName('a\u0000b\r\n\u202Efdp.exe')).toBe('abfdp.exe');
    const header = contentDisposition('inline', '章程 "最终"(1);.pdf', materialFileTypes.pdf);
    expect(header).toBe(`inline; filename="________1__.pdf"; filename*=UTF-8''%E7%AB%A0%E7%A8%8B%20%22%E6%9C%80%E7%BB%88%22%281%29%3B.pdf`);
    expect(header).not.toMatch(/[\r\n]/);
  });
});

describe.each(testDatabaseKinds())('shared materials library on %s', (kind) => {
  let app: TestApp;
  let window: TestClient;
  let approver: TestClient;
  let stranger: TestClient;
  let server: Server;
  let base: string;
  let filesDir: string;
  const limitBytes = 64 * 1024;
  const clock = new Date('2026-06-01T02:00:00Z');

  beforeAll(async () => {
    app = await createTestApp({ kind, metadataDir });
    app.setNow(clock);
    filesDir = mkdtempSync(join(tmpdir(), 'xlgl-materials-'));
    const handler = createMaterialFilesHandler({
      db: app.db,
      databaseKind: app.kind,
      store: localMaterialStore(filesDir),
      limitBytes,
      now: () => new Date(clock),
      requestInfo: (req) => ({ ip: '10.0.0.9', userAgent: 'vitest', cookies: parseCookies(req.headers.cookie), csrfHeader: (req.headers['x-csrf-token'] as string | undefined) ?? null, secure: false }),
    });
    server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      handler(req, res, url)
        .then((handled) => {
          if (!handled) res.writeHead(404).end();
        })
        .catch((error: unknown) => {
          res.writeHead(500).end(String(error));
        });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    [window, approver, stranger] = await Promise.all([app.signIn('lg.window'), app.signIn('lg.approver'), app.signIn('xl.approver')]);
  }, 240_000);
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await app?.close();
    if (filesDir) rmSync(filesDir, { recursive: true, force: true });
  });

  const cookieHeader = (client: TestClient) => [...client.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  /** Posts a file as the web app does; `csrf: false` leaves out the CSRF header. */
  function upload(client: TestClient, file: { bytes: Buffer; name: string }, { csrf = true } = {}) {
    const { bytes, name } = file;
    return fetch(`${base}${materialFilesPath}`, {
      method: 'POST',
      headers: { cookie: cookieHeader(client), 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent(name), ...(!csrf ? {} : { 'x-csrf-token': client.cookies.get('xlgl_csrf')! }) },
      body: new Uint8Array(bytes),
    });
  }
  async function uploaded(client: TestClient, bytes: Buffer, name: string) {
    const response = await upload(client, { bytes, name });
    expect(response.status).toBe(201);
    return (await response.json()) as { fileId: string; name: string; size: number; mimeType: string };
  }
  const view = (client: TestClient, fileId: string) => fetch(`${base}${materialFilesPath}/${fileId}`, { headers: { cookie: cookieHeader(client) } });
  function filesOnDisk(): string[] {
    return readdirSync(filesDir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name));
  }
  const storedCount = async () => (await app.db.select({ n: count() }).from(storedFiles))[0]!.n;

  it('stores a file once by its hash, however often it is uploaded', async () => {
    const bytes = pdf('dedupe');
    const first = await uploaded(window, bytes, '公司章程.pdf');
    const second = await uploaded(window, bytes, '另一个名字.pdf');
    expect(first.fileId).toBe(sha256Of(bytes));
    expect(second).toEqual({ ...first, name: '公司章程.pdf' });
    expect(first).toMatchObject({ size: bytes.byteLength, mimeType: 'application/pdf' });
    expect(filesOnDisk().filter((path) => path.endsWith(first.fileId))).toEqual([join(filesDir, first.fileId.slice(0, 2), first.fileId)]);
    expect((await app.db.select().from(storedFiles).where(eq(storedFiles.hash, first.fileId))).length).toBe(1);
  });

  it('refuses too large and wrong-typed files, without CSRF or rights, and writes nothing', async () => {
    const before = { rows: await storedCount(), disk: filesOnDisk().length };
    const big = await upload(window, { bytes: Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(limitBytes)]), name: '大文件.pdf' });
    expect(big.status).toBe(413);
    expect(((await big.json()) as { error: { message: string } }).error.message).toBe('文件超过大小限制：单个材料文件不能超过0.1MB，请压缩或拆分后重新上传');
    const html = await upload(window, { bytes: Buffer.from('<html><script>alert(1)</script></html>'), name: '营业执照.pdf' });
    expect(html.status).toBe(415);
    expect(((await html.json()) as { error: { message: string } }).error.message).toContain('只接受PDF、JPEG、PNG、OFD文件');
    expect((await upload(window, { bytes: Buffer.alloc(0), name: 'empty.pdf' })).status).toBe(400);
    expect((await upload(window, { bytes: pdf('no-csrf'), name: 'a.pdf' }, { csrf: false })).status).toBe(403);
    expect((await upload(approver, { bytes: pdf('approver'), name: 'a.pdf' })).status).toBe(403);
    const anonymous = await fetch(`${base}${materialFilesPath}`, { method: 'POST', body: new Uint8Array(pdf('anon')) });
    expect(anonymous.status).toBe(401);
    expect({ rows: await storedCount(), disk: filesOnDisk().length }).toEqual(before);
  });

  it('treats path-like names as text and never leaves the files folder', async () => {
    const stored = await uploaded(window, png('traversal'), '../../../../tmp/evil.png');
    expect(stored.name).toBe('evil.png');
    expect(filesOnDisk().every((path) => path.startsWith(filesDir) && /\/[0-9a-f]{2}\/[0-9a-f]{64}$/.test(path))).toBe(true);
    for (const probe of ['..%2F..%2Fetc%2Fpasswd', '../../etc/passwd', 'x'.repeat(64), stored.fileId.toUpperCase()]) {
      const response = await fetch(`${base}${materialFilesPath}/${probe}`, { headers: { cookie: cookieHeader(window) } });
      expect(response.status).toBe(404);
    }
    const response = await view(window, stored.fileId);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-disposition')).toBe(`inline; filename="evil.png"; filename*=UTF-8''evil.png`);
  });

  it('offers the first case’s file in the second case of the same applicant, and to another department’s item', async () => {
    const articles = await uploaded(window, pdf('articles'), '公司章程（2026）.pdf');
    const materials = ['m-application', 'm-articles', 'm-id', 'm-officers', 'm-premises'].map((materialId) => ({ materialId, provided: true, files: materialId === 'm-articles' ? [{ fileId: articles.fileId }] : [] }));
    // A file nobody uploaded cannot be handed to a case; identical bytes received by another window can.
    const otherWindow = await app.signIn('lg.window2');
    const ghost = materials.map((entry) => (entry.materialId === 'm-articles' ? { ...entry, files: [{ fileId: 'f'.repeat(64) }] } : entry));
    expect(await refusal(window.api.desk.accept({ itemId: 'item-enterprise-registration', applicant: enterprise, formValues: enterpriseForm, materials: ghost, decision: 'accept' }))).toEqual({
      code: 'BAD_REQUEST',
      message: '材料“公司章程”：文件不存在，请重新上传',
    });
    expect((await app.db.select({ n: count() }).from(caseMaterialFiles))[0]!.n).toBe(0);
    const first = await window.api.desk.accept({ itemId: 'item-enterprise-registration', applicant: enterprise, formValues: enterpriseForm, materials, decision: 'accept' });

    // Same item, same applicant: the file is offered for 公司章程.
    const offers = await window.api.desk.materials.offers({ itemId: 'item-enterprise-registration', applicantIdNumber: enterprise.creditCode });
    expect(offers['m-articles']).toEqual([expect.objectContaining({ fileId: articles.fileId, fileName: '公司章程（2026）.pdf', match: 'same-material', sourceCaseId: first.caseId, sourceCaseNumber: first.number })]);
    expect(offers['m-premises']).toEqual([]);
    // Another applicant gets nothing.
    expect((await window.api.desk.materials.offers({ itemId: 'item-enterprise-registration', applicantIdNumber: '91150000MA0N7XRC36' }))['m-articles']).toEqual([]);

    // The second case reuses it with one reference; the library keeps one row per item material and file.
    const reuse = offers['m-articles']![0]!;
    const second = await window.api.desk.accept({
      itemId: 'item-enterprise-registration',
      applicant: enterprise,
      formValues: enterpriseForm,
      materials: materials.map((entry) => (entry.materialId === 'm-articles' ? { ...entry, files: [{ fileId: reuse.fileId, reusedFrom: reuse.applicantMaterialId }] } : entry)),
      decision: 'accept',
    });
    const secondFiles = await window.api.desk.materials.ofCase({ caseId: second.caseId });
    expect(secondFiles).toEqual([expect.objectContaining({ materialId: 'm-articles', fileId: articles.fileId, fileName: '公司章程（2026）.pdf', reusedFrom: reuse.applicantMaterialId, mimeType: 'application/pdf' })]);
    expect((await app.db.select().from(applicantMaterials).where(eq(applicantMaterials.fileHash, articles.fileId))).length).toBe(1);

    // A reuse of someone else's file is refused.
    const other = { ...enterprise, creditCode: '91150000MA0N7XRC36', name: '另一家公司' };
    expect(
      (
        await refusal(
          window.api.desk.accept({ itemId: 'item-enterprise-registration', applicant: other, formValues: enterpriseForm, materials: materials.map((entry) => (entry.materialId === 'm-articles' ? { ...entry, files: [{ fileId: reuse.fileId, reusedFrom: reuse.applicantMaterialId }] } : entry)), decision: 'accept' }),
        )
      ).message,
    ).toBe('材料“公司章程”：复用的文件不属于该申请人，请重新选择');

    // The 企业开办 window receives the licence for 公积金; 社保 (another department) is offered it by category.
    const housing = await otherWindow.api.desk.acceptance({ itemId: 'item-housing-fund-registration' });
    const dictionaries = (await otherWindow.api.desk.rendererServices()).dictionaries;
    const licence = await uploaded(otherWindow, png('licence'), '营业执照.png');
    const oldLicence = await uploaded(otherWindow, png('old-licence'), '旧营业执照.png');
    await otherWindow.api.desk.accept({
      itemId: 'item-housing-fund-registration',
      applicant: enterprise,
      formValues: exampleValues(housing.form as unknown as FormDocument, dictionaries),
      materials: housing.item.materials.map((material) => ({ materialId: material.id, provided: true, files: material.id === 'm-subject-proof' ? [{ fileId: licence.fileId, validUntil: '2030-12-31' }, { fileId: oldLicence.fileId }] : [] })),
      decision: 'accept',
    });
    const social = await otherWindow.api.desk.materials.offers({ itemId: 'item-social-insurance-registration', applicantIdNumber: enterprise.creditCode.toLowerCase() });
    expect(social['m-subject-proof']).toHaveLength(2);
    expect(social['m-subject-proof']).toEqual(expect.arrayContaining([
      expect.objectContaining({ fileId: oldLicence.fileId, match: 'same-category', validUntil: null, expired: false }),
      expect.objectContaining({ fileId: licence.fileId, match: 'same-category', fromItemId: 'item-housing-fund-registration', validUntil: '2030-12-31', expired: false }),
    ]));
    // (Expired files are offered marked 已过期 and refused on reuse: supplements.test.ts.)

    // The approver of the case's step opens the file; an unrelated approver of another centre cannot.
    const firstFiles = await approver.api.desk.materials.ofCase({ caseId: first.caseId });
    expect(firstFiles.map((file) => file.fileId)).toEqual([articles.fileId]);
    const opened = await view(approver, articles.fileId);
    expect(opened.status).toBe(200);
    expect(opened.headers.get('content-type')).toBe('application/pdf');
    expect(opened.headers.get('content-disposition')).toMatch(/^inline; filename="_____2026_\.pdf"; filename\*=UTF-8''%E5%85%AC/);
    expect(Buffer.from(await opened.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    expect(await refusal(stranger.api.desk.materials.ofCase({ caseId: first.caseId }))).toEqual({ code: 'FORBIDDEN', message: '您不是该办件的经办人，无权查看其材料' });
    const denied = await view(stranger, articles.fileId);
    expect(denied.status).toBe(403);
    expect(((await denied.json()) as { error: { message: string } }).error.message).toBe('无权查看该材料：您不是相关办件的经办人');
    expect((await fetch(`${base}${materialFilesPath}/${articles.fileId}`)).status).toBe(401);
  }, 120_000);
});
