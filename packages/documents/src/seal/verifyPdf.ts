import { createHash, verify as verifySignature, X509Certificate } from 'node:crypto';
import type forge from 'node-forge';
import { loadForge } from '../libraries.js';
import type { PlatformCa } from './certificates.js';
import { sm3Hex, verifySm2Digest, type Sm2Record } from './sm2Signature.js';

export type VerificationStatus = 'valid' | 'altered' | 'unsigned';

export type VerificationCheck =
  | 'signature-present'
  | 'byte-range'
  | 'cms-structure'
  | 'cms-digest'
  | 'cms-signature'
  | 'cms-unsigned-parts'
  | 'certificate-chain'
  | 'certificate-validity'
  | 'sm3-digest'
  | 'sm2-signature';

export interface VerificationDetail {
  check: VerificationCheck;
  ok: boolean;
  /** Chinese, shown on the public verification page. */
  message: string;
}

export interface SignerInfo {
  commonName: string;
  organizationalUnit: string | null;
  organization: string | null;
  serialNumber: string;
  issuer: string;
  validFrom: string;
  validTo: string;
}

export interface VerificationResult {
  status: VerificationStatus;
  signer: SignerInfo | null;
  signedAt: Date | null;
  details: VerificationDetail[];
}

export interface VerifyPdfOptions {
  ca: Pick<PlatformCa, 'certificatePem'>;
  /** What the platform stored when it issued the document (see {@link sm2SignDigest}). */
  recorded?: Sm2Record;
}

const byteRangePattern = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g;

/** The /ByteRange of the (first) signature, or null for an unsigned PDF. Placeholders do not count. */
export function findSignatureByteRange(pdf: Uint8Array): [number, number, number, number] | null {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  byteRangePattern.lastIndex = 0;
  const match = byteRangePattern.exec(text);
  if (!match) return null;
  return [Number(match[1]), Number(match[2]), Number(match[3]), Number(match[4])];
}

function countSignatures(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/ByteRange\s*\[/g)?.length ?? 0;
}

/**
 * Verifies an issued PDF: the CMS signature over its /ByteRange (digest, RSA signature, certificate
 * issued by the platform CA and valid at signing time), that the byte range covers the whole file
 * and the unsigned gap holds nothing but the signature, and — when given — the SM3 digest of the
 * whole file and the SM2 signature the platform recorded. Any changed byte gives `altered`.
 * Revocation is not checked here: the certificate library holds the certificate's status.
 */
export async function verifyPdf(pdfBytes: Uint8Array, options: VerifyPdfOptions): Promise<VerificationResult> {
  const pdf = Buffer.from(pdfBytes.buffer, pdfBytes.byteOffset, pdfBytes.byteLength);
  const details: VerificationDetail[] = [];
  const result = (signer: SignerInfo | null = null, signedAt: Date | null = null): VerificationResult => ({
    status: details.every((detail) => detail.ok) ? 'valid' : 'altered',
    signer,
    signedAt,
    details,
  });
  const recorded = options.recorded;
  const checkRecorded = async () => {
    if (!recorded) return;
    const digest = await sm3Hex(pdf);
    const same = digest.toLowerCase() === recorded.sm3.toLowerCase();
    details.push({
      check: 'sm3-digest',
      ok: same,
      message: same ? 'SM3 摘要与平台签发记录一致' : '文件 SM3 摘要与平台签发记录不一致，文件已被改动或不是签发的文件',
    });
    const sm2Valid = await verifySm2Digest(recorded);
    details.push({ check: 'sm2-signature', ok: sm2Valid, message: sm2Valid ? '平台记录的 SM2 签名有效' : '平台记录的 SM2 签名无效' });
  };

  const byteRange = findSignatureByteRange(pdf);
  if (!byteRange) {
    if (!recorded) {
      return { status: 'unsigned', signer: null, signedAt: null, details: [{ check: 'signature-present', ok: false, message: '文件未包含电子签章' }] };
    }
    // The platform issued this document signed: an unsigned file cannot be it.
    details.push({ check: 'signature-present', ok: false, message: '文件未包含电子签章，但平台记录该文件已签章' });
    await checkRecorded();
    return result();
  }
  details.push({ check: 'signature-present', ok: true, message: '文件包含电子签章' });
  const forge = await loadForge();

  const [start, firstLength, secondStart, secondLength] = byteRange;
  const gap = pdf.subarray(start + firstLength, secondStart);
  const gapText = gap.toString('latin1');
  const rangeProblems: string[] = [];
  if (countSignatures(pdf) !== 1) rangeProblems.push('文件包含多个签名或签名后追加了修改');
  if (start !== 0 || secondStart + secondLength !== pdf.length) rangeProblems.push('签名范围未覆盖整个文件（签名后文件被追加或截断）');
  if (!/^<[0-9a-fA-F]*>$/.test(gapText) || gapText.length % 2 !== 0) rangeProblems.push('签名值区域格式错误');
  details.push({
    check: 'byte-range',
    ok: rangeProblems.length === 0,
    message: rangeProblems.length === 0 ? '签名范围覆盖除签名值外的整个文件' : rangeProblems.join('；'),
  });
  if (rangeProblems.length > 0 && !/^<[0-9a-fA-F]*>$/.test(gapText)) {
    await checkRecorded();
    return result();
  }

  let parsed: ParsedCms;
  try {
    parsed = parseCms(forge, Buffer.from(gapText.slice(1, -1), 'hex'));
  } catch (error) {
    details.push({ check: 'cms-structure', ok: false, message: `签名数据无法解析：${(error as Error).message}` });
    await checkRecorded();
    return result();
  }
  details.push({ check: 'cms-structure', ok: true, message: '签名数据结构完整' });

  const signedBytes = Buffer.concat([pdf.subarray(start, start + firstLength), pdf.subarray(secondStart, secondStart + secondLength)]);
  const actualDigest = createHash('sha256').update(signedBytes).digest();
  const digestMatches = parsed.messageDigest !== null && actualDigest.equals(parsed.messageDigest);
  details.push({
    check: 'cms-digest',
    ok: digestMatches,
    message: digestMatches ? '文件内容摘要（SHA-256）与签名一致' : '文件内容与签名时不一致，文件已被篡改',
  });

  const signerCertificate = parsed.certificates.find((certificate) => sameSerial(certificate.serialNumber, parsed.signerSerial)) ?? null;
  let signatureValid = false;
  if (signerCertificate) {
    try {
      signatureValid = verifySignature('sha256', parsed.signedAttributes, signerCertificate.publicKey, parsed.signature);
    } catch {
      signatureValid = false;
    }
  }
  details.push({
    check: 'cms-signature',
    ok: signatureValid,
    message: !signerCertificate ? '签名中缺少签章人证书' : signatureValid ? '签章人签名有效' : '签章人签名无效',
  });

  const ca = new X509Certificate(options.ca.certificatePem);
  // Certificates, algorithm identifiers and versions inside the CMS are not covered by the signature;
  // rebuilding the blob from the authenticated parts and the trusted CA catches a change there too.
  const canonical = parsed.signerCertificateNode !== null && rebuildCms(forge, parsed, ca).equals(parsed.der);
  details.push({
    check: 'cms-unsigned-parts',
    ok: canonical,
    message: canonical ? '签名数据中未受签名保护的部分与平台签章格式一致' : '签名数据中未受签名保护的部分被改动，或不是本平台生成的签名',
  });

  const chained = signerCertificate !== null && signerCertificate.checkIssued(ca) && signerCertificate.verify(ca.publicKey);
  details.push({
    check: 'certificate-chain',
    ok: chained,
    message: chained ? '印章证书由本平台根证书签发' : '印章证书不是本平台根证书签发的',
  });

  if (signerCertificate) {
    const at = parsed.signingTime ?? new Date();
    const inValidity = at >= new Date(signerCertificate.validFrom) && at <= new Date(signerCertificate.validTo);
    details.push({
      check: 'certificate-validity',
      ok: inValidity,
      message: inValidity ? '签章时印章证书在有效期内' : '签章时印章证书不在有效期内',
    });
  }

  await checkRecorded();
  return result(signerCertificate ? describeSigner(signerCertificate) : null, parsed.signingTime);
}

interface ParsedCms {
  der: Buffer;
  certificates: X509Certificate[];
  signerCertificateNode: forge.asn1.Asn1 | null;
  signedAttributesNode: forge.asn1.Asn1;
  signerSerial: string;
  signedAttributes: Buffer;
  messageDigest: Buffer | null;
  signingTime: Date | null;
  signature: Buffer;
}

type Forge = typeof forge;

/** DER length of the first element, so padding after the CMS blob can be checked separately. */
function derLength(bytes: Buffer): number {
  if (bytes.length < 2 || bytes[0] !== 0x30) throw new Error('不是 DER 编码的 CMS 结构');
  const first = bytes[1];
  if (first < 0x80) return 2 + first;
  const count = first & 0x7f;
  if (count === 0 || count > 4) throw new Error('CMS 长度字段无效');
  let length = 0;
  for (let index = 0; index < count; index++) length = length * 256 + bytes[2 + index];
  return 2 + count + length;
}

function parseCms(forge: Forge, contents: Buffer): ParsedCms {
  const { asn1 } = forge;
  const length = derLength(contents);
  if (length > contents.length) throw new Error('CMS 数据被截断');
  // The placeholder is zero-padded; anything else after the blob means the file was touched.
  if (contents.subarray(length).some((byte) => byte !== 0)) throw new Error('签名值之后存在非零填充');
  const root = asn1.fromDer(forge.util.createBuffer(contents.subarray(0, length).toString('binary')));
  const rootChildren = children(root);
  if (asn1.derToOid(rootChildren[0].value as string) !== forge.pki.oids.signedData) throw new Error('不是 SignedData');
  const signedData = children(children(rootChildren[1])[0]);
  const certificates: X509Certificate[] = [];
  const certificateNodes: forge.asn1.Asn1[] = [];
  let signerInfos: forge.asn1.Asn1 | undefined;
  for (const node of signedData.slice(3)) {
    if (node.tagClass === asn1.Class.CONTEXT_SPECIFIC && node.type === 0) {
      for (const certificate of children(node)) {
        certificateNodes.push(certificate);
        certificates.push(new X509Certificate(Buffer.from(asn1.toDer(certificate).getBytes(), 'binary')));
      }
    } else if (node.tagClass === asn1.Class.UNIVERSAL && node.type === asn1.Type.SET) {
      signerInfos = node;
    }
  }
  if (!signerInfos || children(signerInfos).length !== 1) throw new Error('应当恰好包含一个签名者');
  const signerInfo = children(children(signerInfos)[0]);
  const serialNode = children(signerInfo[1])[1];
  const signerSerial = forge.util.bytesToHex(serialNode.value as string);
  const digestAlgorithm = asn1.derToOid(children(signerInfo[2])[0].value as string);
  if (digestAlgorithm !== forge.pki.oids.sha256) throw new Error(`不支持的摘要算法 ${digestAlgorithm}`);
  const attributesNode = signerInfo[3];
  if (!(attributesNode.tagClass === asn1.Class.CONTEXT_SPECIFIC && attributesNode.type === 0)) throw new Error('缺少签名属性');
  // The signature covers the attributes DER-encoded as a SET, not with their [0] tag.
  const signedAttributes = Buffer.from(asn1.toDer(asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SET, true, children(attributesNode))).getBytes(), 'binary');
  let messageDigest: Buffer | null = null;
  let signingTime: Date | null = null;
  for (const attribute of children(attributesNode)) {
    const [typeNode, valuesNode] = children(attribute);
    const type = asn1.derToOid(typeNode.value as string);
    const value = children(valuesNode)[0];
    if (type === forge.pki.oids.messageDigest) messageDigest = Buffer.from(value.value as string, 'binary');
    if (type === forge.pki.oids.signingTime) {
      signingTime = value.type === asn1.Type.UTCTIME ? asn1.utcTimeToDate(value.value as string) : asn1.generalizedTimeToDate(value.value as string);
    }
  }
  const signatureNode = signerInfo[5];
  if (!signatureNode || signatureNode.type !== asn1.Type.OCTETSTRING) throw new Error('缺少签名值');
  const signerIndex = certificates.findIndex((certificate) => sameSerial(certificate.serialNumber, signerSerial));
  return {
    der: contents.subarray(0, length),
    certificates,
    signerCertificateNode: signerIndex >= 0 ? certificateNodes[signerIndex] : null,
    signedAttributesNode: attributesNode,
    signerSerial,
    signedAttributes,
    messageDigest,
    signingTime,
    signature: Buffer.from(signatureNode.value as string, 'binary'),
  };
}

/**
 * The CMS exactly as {@link signPdf} writes it, built only from parts that are authenticated:
 * the signer certificate (signed by the CA), the trusted CA certificate, the signed attributes and
 * the signature value; everything else is a constant of the platform's profile.
 */
function rebuildCms(forge: Forge, parsed: ParsedCms, ca: X509Certificate): Buffer {
  const { asn1 } = forge;
  const { Class, Type } = asn1;
  const sequence = (...items: forge.asn1.Asn1[]) => asn1.create(Class.UNIVERSAL, Type.SEQUENCE, true, items);
  const set = (...items: forge.asn1.Asn1[]) => asn1.create(Class.UNIVERSAL, Type.SET, true, items);
  const oid = (value: string) => asn1.create(Class.UNIVERSAL, Type.OID, false, asn1.oidToDer(value).getBytes());
  const integer = (value: number) => asn1.create(Class.UNIVERSAL, Type.INTEGER, false, asn1.integerToDer(value).getBytes());
  const algorithm = (value: string) => sequence(oid(value), asn1.create(Class.UNIVERSAL, Type.NULL, false, ''));
  const signerCertificate = parsed.signerCertificateNode!;
  const tbs = children(children(signerCertificate)[0]);
  // tbsCertificate: [0] version, serialNumber, signature, issuer, …
  const [serialNode, issuerNode] = [tbs[1], tbs[3]];
  const caNode = asn1.fromDer(forge.util.createBuffer(ca.raw.toString('binary')));
  const signerInfo = sequence(
    integer(1),
    sequence(issuerNode, serialNode),
    algorithm(forge.pki.oids.sha256),
    asn1.create(Class.CONTEXT_SPECIFIC, 0, true, children(parsed.signedAttributesNode)),
    algorithm(forge.pki.oids.rsaEncryption),
    asn1.create(Class.UNIVERSAL, Type.OCTETSTRING, false, parsed.signature.toString('binary')),
  );
  const signedData = sequence(
    integer(1),
    set(algorithm(forge.pki.oids.sha256)),
    sequence(oid(forge.pki.oids.data)),
    asn1.create(Class.CONTEXT_SPECIFIC, 0, true, [signerCertificate, caNode]),
    set(signerInfo),
  );
  const contentInfo = sequence(oid(forge.pki.oids.signedData), asn1.create(Class.CONTEXT_SPECIFIC, 0, true, [signedData]));
  return Buffer.from(asn1.toDer(contentInfo).getBytes(), 'binary');
}

function children(node: forge.asn1.Asn1): forge.asn1.Asn1[] {
  if (!Array.isArray(node.value)) throw new Error('CMS 结构不完整');
  return node.value;
}

function sameSerial(left: string, right: string): boolean {
  const normalize = (serial: string) => serial.toLowerCase().replace(/^0+/, '');
  return normalize(left) === normalize(right);
}

function describeSigner(certificate: X509Certificate): SignerInfo {
  const field = (name: string, text: string) => text.split('\n').find((line) => line.startsWith(`${name}=`))?.slice(name.length + 1) ?? null;
  return {
    commonName: field('CN', certificate.subject) ?? '',
    organizationalUnit: field('OU', certificate.subject),
    organization: field('O', certificate.subject),
    serialNumber: certificate.serialNumber,
    issuer: field('CN', certificate.issuer) ?? certificate.issuer,
    validFrom: new Date(certificate.validFrom).toISOString(),
    validTo: new Date(certificate.validTo).toISOString(),
  };
}
