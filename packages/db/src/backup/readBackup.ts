import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { backupFormat, BackupError, type BackupHeader, type BackupManifest } from './format.js';

/** One event of a backup file read front to back. */
export type BackupEvent =
  | { type: 'header'; header: BackupHeader }
  | { type: 'table'; name: string }
  | { type: 'row'; text: string }
  | { type: 'manifest'; manifest: BackupManifest };

/**
 * Reads a backup file line by line (streaming: memory stays flat however large the file). Refuses a
 * file that is not a backup, or that ends before its manifest (truncated copy).
 */
export async function* readBackupEvents(file: string): AsyncGenerator<BackupEvent> {
  const raw = createReadStream(file);
  const input = createGunzip();
  // pipe() does not forward errors: a missing or unreadable file must end the read, not hang it.
  raw.on('error', (error) => input.destroy(error));
  raw.pipe(input);
  const lines = createInterface({ input, crlfDelay: Infinity });
  let lineNumber = 0;
  let sawManifest = false;
  try {
    for await (const line of lines) {
      lineNumber += 1;
      if (line === '') continue;
      if (sawManifest) throw new BackupError(`备份文件在清单之后还有内容（第${lineNumber}行），文件可能被拼接或篡改`);
      if (line.startsWith('{')) {
        if (lineNumber === 1) throw new BackupError('不是本系统的备份文件：缺少文件头');
        yield { type: 'row', text: line };
        continue;
      }
      let marker: unknown;
      try {
        marker = JSON.parse(line);
      } catch {
        throw new BackupError(`备份文件第${lineNumber}行不是合法的JSON，文件可能已损坏`);
      }
      if (!Array.isArray(marker) || typeof marker[0] !== 'string') throw new BackupError(`备份文件第${lineNumber}行无法识别`);
      if (lineNumber === 1) {
        if (marker[0] !== backupFormat) throw new BackupError('不是本系统的备份文件：文件头不符');
        yield { type: 'header', header: marker[1] as BackupHeader };
      } else if (marker[0] === 'table' && typeof marker[1] === 'string') {
        yield { type: 'table', name: marker[1] };
      } else if (marker[0] === 'manifest') {
        sawManifest = true;
        yield { type: 'manifest', manifest: marker[1] as BackupManifest };
      } else {
        throw new BackupError(`备份文件第${lineNumber}行无法识别`);
      }
    }
  } catch (error) {
    if (error instanceof BackupError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new BackupError(`备份文件不存在：${file}`);
    if (code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR') throw new BackupError('备份文件已损坏：无法解压（不是完整的gzip文件）');
    throw error;
  }
  if (lineNumber === 0) throw new BackupError('备份文件为空');
  if (!sawManifest) throw new BackupError('备份文件不完整：缺少结尾的清单（文件可能被截断）');
}
