import { z } from 'zod';
import { documentBase, type DocumentReference } from '../document.js';
import { documentId } from '../ids.js';
import { label, mobile } from '../common.js';

export const userDocument = documentBase('user').extend({
  schemaVersion: z.literal(1),
  account: z
    .string()
    .regex(/^[a-z][a-z0-9_.-]{2,31}$/, { message: '账号须以小写字母开头，3–32位小写字母、数字、点、下划线或连字符' }),
  name: label('姓名', 30),
  organizationId: documentId,
  roleIds: z.array(documentId).min(1, { message: '用户至少要有一个角色' }),
  postIds: z.array(documentId).default([]),
  mobile: mobile.optional(),
  active: z.boolean().default(true),
  /** Demo accounts get the documented demo password on first import. */
  demo: z.boolean().optional(),
});
export type UserDocument = z.infer<typeof userDocument>;

export function userReferences(doc: UserDocument): DocumentReference[] {
  return [
    { path: ['organizationId'], kind: 'organization', id: doc.organizationId },
    ...doc.roleIds.map((id, index) => ({ path: ['roleIds', index], kind: 'role' as const, id })),
    ...doc.postIds.map((id, index) => ({ path: ['postIds', index], kind: 'post' as const, id })),
  ];
}
