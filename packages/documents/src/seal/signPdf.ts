import type forge from 'node-forge';
import { loadForge, loadPdfLib, loadSignPdf } from '../libraries.js';
import type { PlatformCa } from './certificates.js';
import { findSignatureByteRange } from './verifyPdf.js';

export interface SignPdfOptions {
  sealCertificate: string;
  sealPrivateKey: string;
  /** The platform CA; its certificate is embedded in the signature so verifiers see the chain. */
  ca: Pick<PlatformCa, 'certificatePem'>;
  signingTime?: Date;
  /** Space reserved for the CMS blob, in bytes (two RSA 2048 certificates need about 2.5 kB). */
  signatureLength?: number;
}

/**
 * Builds a detached CMS SignedData (RSA, SHA-256, signed attributes: content type, signing time,
 * message digest) over the PDF bytes it is given, with the seal and CA certificates included.
 * A function of the loaded libraries: @signpdf's `Signer` base class is only there once it is loaded.
 */
function sealCmsSigner(libraries: { forge: typeof forge; Signer: Awaited<ReturnType<typeof loadSignPdf>>['Signer'] }, options: SignPdfOptions) {
  const { forge, Signer } = libraries;
  class SealCmsSigner extends Signer {
    override async sign(pdfBuffer: Buffer, signingTime?: Date): Promise<Buffer> {
      const certificate = forge.pki.certificateFromPem(options.sealCertificate);
      // forge keeps parsed UTF8String values as bytes and would encode them again in the SignerInfo's
      // issuerAndSerialNumber, so verifiers would not find the signer's certificate.
      certificate.issuer.attributes = certificate.issuer.attributes.map((attribute) =>
        attribute.valueTagClass === (forge.asn1.Type.UTF8 as never) ? { ...attribute, value: forge.util.decodeUtf8(attribute.value as string) } : attribute,
      );
      const caCertificate = forge.pki.certificateFromPem(options.ca.certificatePem);
      const privateKey = forge.pki.privateKeyFromPem(options.sealPrivateKey) as forge.pki.rsa.PrivateKey;
      const publicKey = certificate.publicKey as forge.pki.rsa.PublicKey;
      if (privateKey.n.compareTo(publicKey.n) !== 0) throw new Error('印章证书与印章私钥不匹配');

      const signedData = forge.pkcs7.createSignedData();
      signedData.content = forge.util.createBuffer(pdfBuffer.toString('binary'));
      signedData.addCertificate(certificate);
      signedData.addCertificate(caCertificate);
      signedData.addSigner({
        key: privateKey,
        certificate,
        digestAlgorithm: forge.pki.oids.sha256,
        authenticatedAttributes: [
          { type: forge.pki.oids.contentType, value: forge.pki.oids.data },
          { type: forge.pki.oids.signingTime, value: (signingTime ?? new Date()) as unknown as string },
          { type: forge.pki.oids.messageDigest },
        ],
      });
      signedData.sign({ detached: true });
      return Buffer.from(forge.asn1.toDer(signedData.toAsn1()).getBytes(), 'binary');
    }
  }
  return new SealCmsSigner();
}

/**
 * Signs a PDF with a department seal's certificate: adds a signature field and fills its /Contents
 * with a detached CMS signature over the whole file except that hex string (/ByteRange).
 * The PDF must not be signed already (rewriting it would break the earlier signature).
 */
export async function signPdf(pdf: Uint8Array, options: SignPdfOptions): Promise<Uint8Array> {
  if (findSignatureByteRange(pdf)) throw new Error('该 PDF 已有电子签章，不能再次签章');
  const signingTime = options.signingTime ?? new Date();
  const [{ PDFDocument }, forge, { pdflibAddPlaceholder, signpdf, Signer, SUBFILTER_ADOBE_PKCS7_DETACHED }] = await Promise.all([
    loadPdfLib(),
    loadForge(),
    loadSignPdf(),
  ]);
  const document = await PDFDocument.load(pdf);
  pdflibAddPlaceholder({
    pdfDoc: document,
    // PDF text strings written by the placeholder are Latin-1 only; the Chinese signer name is in the certificate.
    reason: 'Electronic seal of the issuing department',
    contactInfo: '',
    name: 'XLGL government service platform',
    location: 'Xilingol League, Inner Mongolia, CN',
    signingTime,
    signatureLength: options.signatureLength ?? 8192,
    subFilter: SUBFILTER_ADOBE_PKCS7_DETACHED,
    appName: '@xlgl/documents',
  });
  const withPlaceholder = Buffer.from(await document.save({ useObjectStreams: false }));
  const signed = await signpdf.sign(withPlaceholder, sealCmsSigner({ forge, Signer }, options), signingTime);
  return new Uint8Array(signed);
}
