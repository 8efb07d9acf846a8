import { X509Certificate } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderTemplatePdf } from '../renderTemplatePdf.js';
import { foodBusinessCase, loadTemplate } from '../testing/fixtures.js';
import { pdfsig } from '../testing/poppler.js';
import { createPlatformCa, createSealKey, type PlatformCa, type SealKey } from './certificates.js';
import { signPdf } from './signPdf.js';
import { sm2SignDigest, verifySm2Digest } from './sm2Signature.js';
import { findSignatureByteRange, verifyPdf } from './verifyPdf.js';

describe('seals, signing and verification', () => {
  let ca: PlatformCa;
  let seal: SealKey;
  let unsigned: Uint8Array;
  let signed: Uint8Array;
  const signingTime = new Date();

  beforeAll(async () => {
    ca = await createPlatformCa();
    seal = await createSealKey({ departmentName: '锡林郭勒盟市场监督管理局', ca });
    const template = loadTemplate('certificate-templates', 'cert-food-business');
    unsigned = await renderTemplatePdf(template, foodBusinessCase, { variant: 'original', seal: { departmentName: seal.departmentName }, qrUrl: 'https://zwfw.xlgl.gov.cn/verify/JY1' });
    signed = await signPdf(unsigned, { sealCertificate: seal.certificatePem, sealPrivateKey: seal.privateKeyPem, ca, signingTime });
  });

  it('issues a CA and a department seal certificate chained to it', async () => {
    const root = new X509Certificate(ca.certificatePem);
    const sealCertificate = new X509Certificate(seal.certificatePem);
    expect(root.ca).toBe(true);
    expect(root.subject).toContain('CN=锡林郭勒盟政务服务平台电子印章根证书');
    expect(sealCertificate.ca).toBe(false);
    expect(sealCertificate.subject).toContain('CN=锡林郭勒盟市场监督管理局电子印章');
    expect(sealCertificate.checkIssued(root)).toBe(true);
    expect(sealCertificate.verify(root.publicKey)).toBe(true);
    expect(sealCertificate.keyUsage).toBeUndefined(); // keyUsage is only reported for extended key usage
    expect(seal.sm2.publicKey).toMatch(/^04[0-9a-f]{128}$/);
    await expect(createSealKey({ departmentName: '  ', ca })).rejects.toThrowErrorMatchingInlineSnapshot(`[Error: 印章所属部门名称不能为空]`);
    const other = await createPlatformCa();
    await expect(createSealKey({ departmentName: '某局', ca: { certificatePem: ca.certificatePem, privateKeyPem: other.privateKeyPem } })).rejects.toThrowErrorMatchingInlineSnapshot(`[Error: 根证书与根证书私钥不匹配]`);
  });

  it('signs a rendered certificate so that it verifies as valid', async () => {
    expect(findSignatureByteRange(unsigned)).toBeNull();
    const recorded = await sm2SignDigest(signed, seal.sm2);
    const result = await verifyPdf(signed, { ca, recorded });
    expect(result.details.filter((detail) => !detail.ok)).toEqual([]);
    expect(result.status).toBe('valid');
    expect(result.signer).toMatchObject({
      commonName: '锡林郭勒盟市场监督管理局电子印章',
      organizationalUnit: '锡林郭勒盟市场监督管理局',
      issuer: '锡林郭勒盟政务服务平台电子印章根证书',
    });
    expect(Math.abs(result.signedAt!.getTime() - signingTime.getTime())).toBeLessThan(1000);
    expect(result.details.map((detail) => detail.check)).toEqual([
      'signature-present',
      'byte-range',
      'cms-structure',
      'cms-digest',
      'cms-signature',
      'cms-unsigned-parts',
      'certificate-chain',
      'certificate-validity',
      'sm3-digest',
      'sm2-signature',
    ]);
  });

  it('produces a CMS signature poppler accepts', () => {
    const report = pdfsig(signed);
    expect(report).toContain('Signature Validation: Signature is Valid.');
    expect(report).toContain('Signer Certificate Common Name: 锡林郭勒盟市场监督管理局电子印章');
    expect(report).toContain('Total document signed');
  });

  it('reports altered for any changed byte, without and with the platform record', async () => {
    const recorded = await sm2SignDigest(signed, seal.sm2);
    const [, firstLength, secondStart] = findSignatureByteRange(signed)!;
    const positions = new Set<number>([0, 1, 100, firstLength - 1, firstLength, firstLength + 1, firstLength + 10, secondStart - 2, secondStart - 1, secondStart, signed.length - 1]);
    // Plus evenly spread positions over the whole file, including the signature's hex and zero padding.
    for (let step = 0; step < 40; step++) positions.add(Math.floor(((step + 0.5) / 40) * signed.length));
    for (const position of positions) {
      const tampered = Uint8Array.from(signed);
      tampered[position] ^= 0x01;
      expect((await verifyPdf(tampered, { ca })).status, `byte ${position}`).toBe('altered');
      const withRecord = await verifyPdf(tampered, { ca, recorded });
      expect(withRecord.status).toBe('altered');
      expect(withRecord.details.find((detail) => detail.check === 'sm3-digest')?.ok).toBe(false);
    }
  });

  it('reports altered when bytes are appended or the signer is not from the platform CA', async () => {
    const appended = new Uint8Array([...signed, ...Buffer.from('\n% appended\n')]);
    const result = await verifyPdf(appended, { ca });
    expect(result.status).toBe('altered');
    expect(result.details.find((detail) => !detail.ok)?.message).toBe('签名范围未覆盖整个文件（签名后文件被追加或截断）');
    const foreign = await verifyPdf(signed, { ca: await createPlatformCa() });
    expect(foreign.status).toBe('altered');
    expect(foreign.details.filter((detail) => !detail.ok).map((detail) => detail.message)).toEqual([
      '签名数据中未受签名保护的部分被改动，或不是本平台生成的签名',
      '印章证书不是本平台根证书签发的',
    ]);
  });

  it('reports unsigned PDFs, and refuses to sign twice', async () => {
    expect(await verifyPdf(unsigned, { ca })).toEqual({
      status: 'unsigned',
      signer: null,
      signedAt: null,
      details: [{ check: 'signature-present', ok: false, message: '文件未包含电子签章' }],
    });
    // A file the platform recorded as signed cannot come back unsigned.
    expect((await verifyPdf(unsigned, { ca, recorded: await sm2SignDigest(signed, seal.sm2) })).status).toBe('altered');
    await expect(signPdf(signed, { sealCertificate: seal.certificatePem, sealPrivateKey: seal.privateKeyPem, ca })).rejects.toThrowErrorMatchingInlineSnapshot(
      `[Error: 该 PDF 已有电子签章，不能再次签章]`,
    );
    const other = await createSealKey({ departmentName: '锡林浩特市市场监督管理局', ca });
    await expect(signPdf(unsigned, { sealCertificate: seal.certificatePem, sealPrivateKey: other.privateKeyPem, ca })).rejects.toThrowErrorMatchingInlineSnapshot(
      `[Error: 印章证书与印章私钥不匹配]`,
    );
  });

  it('records an SM3 digest with an SM2 signature that verifies, and fails for another key or digest', async () => {
    const record = await sm2SignDigest(signed, seal.sm2);
    expect(record.sm3).toMatch(/^[0-9a-f]{64}$/);
    expect(record.sm2PublicKey).toBe(seal.sm2.publicKey);
    expect(await verifySm2Digest(record)).toBe(true);
    const otherKey = (await createSealKey({ departmentName: '某局', ca })).sm2.publicKey;
    expect(await verifySm2Digest({ ...record, sm2PublicKey: otherKey })).toBe(false);
    const changedDigest = (record.sm3[0] === '0' ? '1' : '0') + record.sm3.slice(1);
    expect(await verifySm2Digest({ ...record, sm3: changedDigest })).toBe(false);
    const result = await verifyPdf(signed, { ca, recorded: { ...record, sm2Signature: record.sm2Signature.replace(/^./, (c) => (c === '0' ? '1' : '0')) } });
    expect(result.status).toBe('altered');
    expect(result.details.filter((detail) => !detail.ok).map((detail) => detail.check)).toEqual(['sm2-signature']);
  });
});
