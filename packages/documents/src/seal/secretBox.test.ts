import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decryptSecret, encryptSecret } from './secretBox.js';

describe('encryptSecret / decryptSecret', () => {
  const masterKey = randomBytes(32);

  it('round-trips a private key, with a fresh IV each time', () => {
    const secret = '-----BEGIN PRIVATE KEY-----\nMIIE…印章私钥…\n-----END PRIVATE KEY-----\n';
    const first = encryptSecret(secret, masterKey, 'seal-lg-scjgj');
    const second = encryptSecret(secret, masterKey, 'seal-lg-scjgj');
    expect(first).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(first).not.toBe(second);
    expect(first).not.toContain('PRIVATE');
    expect(decryptSecret(first, masterKey, 'seal-lg-scjgj')).toBe(secret);
    expect(decryptSecret(second, masterKey.toString('base64'), 'seal-lg-scjgj')).toBe(secret);
  });

  it('refuses a wrong key, other associated data or a changed ciphertext', () => {
    const sealed = encryptSecret('secret', masterKey, 'seal-a');
    expect(() => decryptSecret(sealed, randomBytes(32), 'seal-a')).toThrowErrorMatchingInlineSnapshot(`[Error: 解密失败：主密钥错误或密文已被篡改]`);
    expect(() => decryptSecret(sealed, masterKey, 'seal-b')).toThrow('解密失败');
    expect(() => decryptSecret(sealed, masterKey)).toThrow('解密失败');
    const parts = sealed.split('.');
    const ciphertext = Buffer.from(parts[3], 'base64url');
    ciphertext[0] ^= 1;
    expect(() => decryptSecret([...parts.slice(0, 3), ciphertext.toString('base64url')].join('.'), masterKey, 'seal-a')).toThrow('解密失败');
    expect(() => decryptSecret('v2.a.b.c', masterKey)).toThrowErrorMatchingInlineSnapshot(`[Error: 密文格式无效（应为 v1.<iv>.<tag>.<密文>）]`);
  });

  it('requires a 256-bit master key', () => {
    expect(() => encryptSecret('x', randomBytes(16))).toThrowErrorMatchingInlineSnapshot(`[Error: 主密钥必须为 32 字节（AES-256），当前为 16 字节]`);
  });
});
