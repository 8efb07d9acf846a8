import { createHash, randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { dataDir } from '../certificates/storage.js';

/**
 * Where material files live. Files are addressed only by the SHA-256 of their content: no part of any
 * path comes from a user (names, ids, extensions), so no input can reach outside the folder. There is
 * deliberately no delete: a file once received stays (the case record points at it).
 */
export interface MaterialStore {
  /** Stores the bytes once (idempotent) and returns their SHA-256 (hex) and size. */
  put(bytes: Uint8Array): Promise<{ hash: string; size: number }>;
  /** The bytes stored under `hash`, or null. */
  get(hash: string): Promise<Uint8Array | null>;
  exists(hash: string): Promise<boolean>;
}

export const fileHashPattern = /^[0-9a-f]{64}$/;

/** The files folder: `<DATA_DIR>/files` (default `./data/files`), shared with the certificate PDFs. */
export function materialFilesDir(): string {
  return join(dataDir(), 'files');
}

export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A local folder: `<dir>/ab/abcdef…` (sharded by the first two hex digits), written as temp file + rename. */
export function localMaterialStore(dir: string = materialFilesDir()): MaterialStore {
  const pathOf = (hash: string) => {
    if (!fileHashPattern.test(hash)) throw new Error(`文件标识不合法：${hash.slice(0, 80)}`);
    return join(dir, hash.slice(0, 2), hash);
  };
  const exists = async (hash: string) => {
    try {
      await access(pathOf(hash), constants.F_OK);
      return true;
    } catch {
      return false;
    }
  };
  return {
    async put(bytes) {
      const hash = sha256Of(bytes);
      if (!(await exists(hash))) {
        const path = pathOf(hash);
        await mkdir(join(dir, hash.slice(0, 2)), { recursive: true });
        // Write then rename: a reader never sees half a file, and two writers of the same content
        // both end with the same complete file.
        const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
        try {
          await writeFile(temporary, bytes, { flag: 'wx' });
          await rename(temporary, path);
        } catch (error) {
          await rm(temporary, { force: true });
          throw error;
        }
      }
      return { hash, size: bytes.byteLength };
    },
    async get(hash) {
      if (!fileHashPattern.test(hash)) return null;
      try {
        return new Uint8Array(await readFile(pathOf(hash)));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    exists: (hash) => (fileHashPattern.test(hash) ? exists(hash) : Promise.resolve(false)),
  };
}
