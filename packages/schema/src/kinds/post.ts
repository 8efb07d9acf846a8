import { z } from 'zod';
import { documentBase, type DocumentReference } from '../document.js';
import { documentId } from '../ids.js';
import { label, optionalText } from '../common.js';

/** A post (岗位) within an organisation, e.g. 食品经营许可审核岗; flow steps may assign to posts. */
export const postDocument = documentBase('post').extend({
  schemaVersion: z.literal(1),
  name: label('岗位名称', 50),
  organizationId: documentId,
  description: optionalText(500),
});
export type PostDocument = z.infer<typeof postDocument>;

export function postReferences(doc: PostDocument): DocumentReference[] {
  return [{ path: ['organizationId'], kind: 'organization', id: doc.organizationId }];
}
