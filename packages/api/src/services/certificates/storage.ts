import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { isAbsolute, join, resolve } from 'node:path';

/** The repository root (packages/api/src/services/certificates → five levels up). */
const repositoryRoot = fileURLToPath(new URL('../../../../../', import.meta.url));

/** The data directory: `DATA_DIR` (relative to the repository root) or `./data`, as the server uses. */
export function dataDir(): string {
  const configured = process.env.DATA_DIR || 'data';
  return isAbsolute(configured) ? configured : resolve(repositoryRoot, configured);
}

/** Files addressed by the sha256 of their content (PDFs, template background scans, images). */
export interface FileStore {
  /** Stores the bytes (idempotent) and returns their sha256 hex. */
  put(bytes: Uint8Array): Promise<{ sha256: string; size: number }>;
  /** The bytes stored under `sha256`, or null. */
  get(sha256: string): Promise<Uint8Array | null>;
}

const hashPattern = /^[0-9a-f]{64}$/;

/** A content-addressed store on disk: `<dir>/ab/abcdef…` (default `<data>/files`). */
export function diskFileStore(dir: string = join(dataDir(), 'files')): FileStore {
  const pathOf = (sha256: string) => {
    if (!hashPattern.test(sha256)) throw new Error(`文件标识不合法：${sha256}`);
    return join(dir, sha256.slice(0, 2), sha256);
  };
  return {
    async put(bytes) {
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const path = pathOf(sha256);
      if (!existsSync(path)) {
        await mkdir(join(dir, sha256.slice(0, 2)), { recursive: true });
        // Write then rename, so a reader never sees half a file.
        const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
        await writeFile(temporary, bytes);
        await rename(temporary, path);
      }
      return { sha256, size: bytes.byteLength };
    },
    async get(sha256) {
      try {
        return new Uint8Array(await readFile(pathOf(sha256)));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
  };
}

let cachedKey: { source: string; key: Buffer } | null = null;

/**
 * The master key that encrypts seal and CA private keys at rest: `XLGL_MASTER_KEY` (32 bytes, base64),
 * else `<data>/master.key`, generated on first use with permissions 0600. Back the key file up
 * separately from the database: without it the stored keys cannot be decrypted.
 */
export function masterKey(): Buffer {
  const fromEnv = process.env.XLGL_MASTER_KEY;
  const source = fromEnv ? 'env' : join(dataDir(), 'master.key');
  if (cachedKey?.source === source) return cachedKey.key;
  let key: Buffer;
  if (fromEnv) {
    key = Buffer.from(fromEnv, 'base64');
    if (key.length !== 32) throw new Error('XLGL_MASTER_KEY 应为 32 字节密钥的 base64 编码');
  } else if (existsSync(source)) {
    key = Buffer.from(readFileSync(source, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new Error(`主密钥文件 ${source} 内容不合法（应为 32 字节密钥的 base64 编码）`);
  } else {
    mkdirSync(dataDir(), { recursive: true });
    key = randomBytes(32);
    writeFileSync(source, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    chmodSync(source, 0o600);
  }
  cachedKey = { source, key };
  return key;
}
