import { z } from 'zod';
import { documentId } from './ids.js';

/** Every kind of metadata document the platform knows. */
export const documentKinds = [
  'region',
  'organization',
  'post',
  'role',
  'user',
  'dictionary',
  'item',
  'form',
  'flow',
  'certificate-template',
  'document-template',
  'report',
] as const;
export type DocumentKind = (typeof documentKinds)[number];

export const documentKindLabels: Record<DocumentKind, string> = {
  region: '行政区划',
  organization: '组织机构',
  post: '岗位',
  role: '角色',
  user: '用户',
  dictionary: '数据字典',
  item: '政务服务事项',
  form: '表单',
  flow: '流程',
  'certificate-template': '证照模板',
  'document-template': '文书模板',
  report: '报表',
};

/**
 * The envelope every document carries: its kind, a stable id, the document's own version
 * (1, 2, … as it is published) and the schema version of its kind (for `up` migrations).
 */
export function documentBase<K extends DocumentKind>(kind: K) {
  return z.object({
    kind: z.literal(kind),
    id: documentId,
    version: z.number().int().min(1, { message: '版本号从1开始' }).max(2_147_483_647, { message: '版本号过大' }).default(1),
    schemaVersion: z.number().int().min(1),
  });
}

export type DocumentEnvelope = { kind: DocumentKind; id: string; version: number; schemaVersion: number };

/** A reference from one document to another, found at a JSON path. */
export type DocumentReference = { path: (string | number)[]; kind: DocumentKind; id: string };
