import { loadSmCrypto } from '../libraries.js';
import type { Sm2KeyPair } from './certificates.js';

/** What the platform stores next to an issued PDF. */
export interface Sm2Record {
  /** SM3 digest of the whole PDF file, hex. */
  sm3: string;
  /** SM2 signature (r‖s, hex) over the 32 digest bytes, with the standard Z value (user id 1234567812345678). */
  sm2Signature: string;
  sm2PublicKey: string;
}

/** SM3 digest of bytes, as hex. */
export async function sm3Hex(bytes: Uint8Array): Promise<string> {
  const { sm3 } = await loadSmCrypto();
  return sm3(bytes);
}

/**
 * Computes the SM3 digest of the final (signed) PDF and signs it with the seal's SM2 key.
 * The result is stored by the platform; {@link verifyPdf} compares a file against it.
 */
export async function sm2SignDigest(pdfBytes: Uint8Array, sm2Keys: Sm2KeyPair): Promise<Sm2Record> {
  const { sm2 } = await loadSmCrypto();
  const digest = await sm3Hex(pdfBytes);
  const sm2Signature = sm2.doSignature(hexToBytes(digest), sm2Keys.privateKey, { hash: true, publicKey: sm2Keys.publicKey });
  return { sm3: digest, sm2Signature, sm2PublicKey: sm2Keys.publicKey };
}

/** Checks an SM2 signature made by {@link sm2SignDigest} over a hex SM3 digest. */
export async function verifySm2Digest(record: Sm2Record): Promise<boolean> {
  if (!/^[0-9a-f]{64}$/i.test(record.sm3)) return false;
  const { sm2 } = await loadSmCrypto();
  try {
    return sm2.doVerifySignature(hexToBytes(record.sm3), record.sm2Signature, record.sm2PublicKey, { hash: true });
  } catch {
    return false;
  }
}

function hexToBytes(hex: string): Uint8Array {
  return new Uint8Array(Buffer.from(hex, 'hex'));
}
