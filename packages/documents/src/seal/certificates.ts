import { createPrivateKey, generateKeyPairSync, randomBytes, X509Certificate } from 'node:crypto';
import type forge from 'node-forge';
import { loadForge, loadSmCrypto } from '../libraries.js';

/** The platform's own root CA (not a licensed electronic-certification service). */
export interface PlatformCa {
  certificatePem: string;
  privateKeyPem: string;
}

/** A department seal: RSA key + certificate (for the PDF's CMS signature) and an SM2 key pair. */
export interface SealKey {
  departmentName: string;
  certificatePem: string;
  privateKeyPem: string;
  publicKeyPem: string;
  sm2: Sm2KeyPair;
}

/** SM2 key pair as hex (public key uncompressed, 04‖x‖y). */
export interface Sm2KeyPair {
  publicKey: string;
  privateKey: string;
}

const platformName = '锡林郭勒盟政务服务平台';

type Forge = typeof forge;

/** Key generation runs natively in node:crypto; forge's JavaScript RSA takes seconds. */
function generateRsaKeyPair() {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return { privateKeyPem: privateKey, publicKeyPem: publicKey };
}

/** Chinese names are tagged UTF8String (forge encodes the value itself; the default PrintableString cannot hold them). */
function distinguishedName(forge: Forge, fields: { commonName: string; organizationName: string; organizationalUnitName?: string }) {
  const attributes: forge.pki.CertificateField[] = [
    { shortName: 'C', value: 'CN' },
    { shortName: 'O', value: fields.organizationName, valueTagClass: forge.asn1.Type.UTF8 as never },
  ];
  if (fields.organizationalUnitName) {
    attributes.push({ shortName: 'OU', value: fields.organizationalUnitName, valueTagClass: forge.asn1.Type.UTF8 as never });
  }
  attributes.push({ shortName: 'CN', value: fields.commonName, valueTagClass: forge.asn1.Type.UTF8 as never });
  return attributes;
}

/**
 * A random 16-byte certificate serial whose first byte is 0x40–0x7f: positive, and DER's minimal INTEGER
 * encoding needs no leading zero. (Only clearing the top bit left a first byte of 0x00 in 1 of 128 cases;
 * forge then encoded a padded INTEGER, which OpenSSL rejects as "illegal padding".)
 */
export function certificateSerialNumber(): string {
  const bytes = randomBytes(16);
  bytes[0] = 0x40 | (bytes[0]! & 0x3f);
  return bytes.toString('hex');
}

function validity(certificate: forge.pki.Certificate, years: number, from = new Date()) {
  // Back-date a little so a slightly slow clock elsewhere does not reject a fresh certificate.
  certificate.validity.notBefore = new Date(from.getTime() - 5 * 60 * 1000);
  const notAfter = new Date(from);
  notAfter.setFullYear(notAfter.getFullYear() + years);
  certificate.validity.notAfter = notAfter;
}

/**
 * Creates the platform's self-signed root CA (RSA 2048, SHA-256), valid 20 years by default.
 * The private key must be stored encrypted ({@link encryptSecret}).
 */
export async function createPlatformCa(options: { commonName?: string; validityYears?: number } = {}): Promise<PlatformCa> {
  const forge = await loadForge();
  const keys = generateRsaKeyPair();
  const privateKey = forge.pki.privateKeyFromPem(keys.privateKeyPem);
  const publicKey = forge.pki.publicKeyFromPem(keys.publicKeyPem);
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = publicKey;
  certificate.serialNumber = certificateSerialNumber();
  validity(certificate, options.validityYears ?? 20);
  const subject = distinguishedName(forge, { commonName: options.commonName ?? `${platformName}电子印章根证书`, organizationName: platformName });
  certificate.setSubject(subject);
  certificate.setIssuer(subject);
  certificate.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  certificate.sign(privateKey, forge.md.sha256.create());
  return { certificatePem: forge.pki.certificateToPem(certificate), privateKeyPem: keys.privateKeyPem };
}

/**
 * Issues a department seal: a fresh RSA 2048 key with a certificate signed by the platform CA
 * (digital signature + non-repudiation, valid 5 years by default), and an SM2 key pair for the
 * platform's SM3/SM2 record. Private keys must be stored encrypted.
 */
export async function createSealKey(options: { departmentName: string; ca: PlatformCa; validityYears?: number }): Promise<SealKey> {
  const departmentName = options.departmentName.trim();
  if (!departmentName) throw new Error('印章所属部门名称不能为空');
  const [forge, { sm2 }] = await Promise.all([loadForge(), loadSmCrypto()]);
  const caCertificate = forge.pki.certificateFromPem(options.ca.certificatePem);
  const caPrivateKey = forge.pki.privateKeyFromPem(options.ca.privateKeyPem);
  if (!new X509Certificate(options.ca.certificatePem).checkPrivateKey(createPrivateKey(options.ca.privateKeyPem))) {
    throw new Error('根证书与根证书私钥不匹配');
  }

  const keys = generateRsaKeyPair();
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = forge.pki.publicKeyFromPem(keys.publicKeyPem);
  certificate.serialNumber = certificateSerialNumber();
  validity(certificate, options.validityYears ?? 5);
  certificate.setSubject(distinguishedName(forge, { commonName: `${departmentName}电子印章`, organizationName: platformName, organizationalUnitName: departmentName }));
  // Parsed UTF8String values stay as UTF-8 bytes in forge; decode them or setIssuer encodes twice.
  certificate.setIssuer(
    caCertificate.subject.attributes.map((attribute) =>
      attribute.valueTagClass === (forge.asn1.Type.UTF8 as never) ? { ...attribute, value: forge.util.decodeUtf8(attribute.value as string) } : attribute,
    ),
  );
  certificate.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: caCertificate.generateSubjectKeyIdentifier().getBytes() },
  ]);
  certificate.sign(caPrivateKey, forge.md.sha256.create());
  const sm2Keys = sm2.generateKeyPairHex();
  return {
    departmentName,
    certificatePem: forge.pki.certificateToPem(certificate),
    privateKeyPem: keys.privateKeyPem,
    publicKeyPem: keys.publicKeyPem,
    sm2: { publicKey: sm2Keys.publicKey, privateKey: sm2Keys.privateKey },
  };
}
