import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { createMaterialFilesHandler, localMaterialStore, type RequestInfo } from '@xlgl/api';
import type { DatabaseHandle } from '@xlgl/db';
import type { ServerConfig } from './config.js';

/**
 * The materials library over HTTP (`/files/materials`): upload with size and type limits, view and
 * download with the case access rules. Files live under `<DATA_DIR>/files`, addressed by SHA-256.
 * The limit is `UPLOAD_MAX_MB` (default 20).
 */
export function materialFilesRoute(handle: DatabaseHandle, config: ServerConfig, requestInfo: (req: IncomingMessage) => RequestInfo): (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean> {
  return createMaterialFilesHandler({ db: handle.db, databaseKind: handle.kind, requestInfo, store: localMaterialStore(join(config.dataDir, 'files')) });
}
