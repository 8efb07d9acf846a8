import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const format = 'v1';

function masterKeyBytes(masterKey: Uint8Array | string): Buffer {
  // A string key is base64 (the form an environment variable holds).
  const bytes = typeof masterKey === 'string' ? Buffer.from(masterKey, 'base64') : Buffer.from(masterKey);
  if (bytes.length !== 32) throw new Error(`主密钥必须为 32 字节（AES-256），当前为 ${bytes.length} 字节`);
  return bytes;
}

/**
 * Encrypts a secret (e.g. a seal's private key) for storage: AES-256-GCM with a random 96-bit IV.
 * `associatedData` (e.g. the seal id) is authenticated but not stored, so a ciphertext copied to
 * another record does not decrypt. Output: `v1.<iv>.<tag>.<ciphertext>` in base64url.
 */
export function encryptSecret(plaintext: string | Uint8Array, masterKey: Uint8Array | string, associatedData?: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', masterKeyBytes(masterKey), iv);
  if (associatedData !== undefined) cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const data = typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : Buffer.from(plaintext);
  const ciphertext = Buffer.concat([cipher.update(data), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [format, iv.toString('base64url'), tag.toString('base64url'), ciphertext.toString('base64url')].join('.');
}

/** Decrypts {@link encryptSecret} output to bytes; throws when the key, data or associated data differ. */
export function decryptSecretBytes(sealed: string, masterKey: Uint8Array | string, associatedData?: string): Uint8Array {
  const parts = sealed.split('.');
  if (parts.length !== 4 || parts[0] !== format) throw new Error('密文格式无效（应为 v1.<iv>.<tag>.<密文>）');
  const [, ivText, tagText, ciphertextText] = parts;
  const iv = Buffer.from(ivText, 'base64url');
  const tag = Buffer.from(tagText, 'base64url');
  if (iv.length !== 12 || tag.length !== 16) throw new Error('密文格式无效（IV 或认证标签长度错误）');
  const decipher = createDecipheriv('aes-256-gcm', masterKeyBytes(masterKey), iv);
  decipher.setAuthTag(tag);
  if (associatedData !== undefined) decipher.setAAD(Buffer.from(associatedData, 'utf8'));
  try {
    return new Uint8Array(Buffer.concat([decipher.update(Buffer.from(ciphertextText, 'base64url')), decipher.final()]));
  } catch {
    throw new Error('解密失败：主密钥错误或密文已被篡改');
  }
}

/** Decrypts {@link encryptSecret} output to a UTF-8 string. */
export function decryptSecret(sealed: string, masterKey: Uint8Array | string, associatedData?: string): string {
  return Buffer.from(decryptSecretBytes(sealed, masterKey, associatedData)).toString('utf8');
}
