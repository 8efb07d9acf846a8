import type { FlowDocument, FormDocument, ItemDocument, OrganizationDocument, UserDocument } from '@xlgl/schema';
import type { Actor, DirectoryUser } from '../assignee/assignee.js';
import type { ReviewContext } from './types.js';

/** The organisation and its ancestors, nearest first. */
function lineage(organizationId: string, organizations: ReadonlyMap<string, OrganizationDocument>): OrganizationDocument[] {
  const chain: OrganizationDocument[] = [];
  const seen = new Set<string>();
  for (let at = organizations.get(organizationId); at && !seen.has(at.id); at = at.parentId ? organizations.get(at.parentId) : undefined) {
    seen.add(at.id);
    chain.push(at);
  }
  return chain;
}

/**
 * The engine's view of a user: their organisation with its ancestors, and the region of the
 * centre they work at (the nearest centre above them). `userId` is the user document's id.
 */
export function actorFromDocuments(user: UserDocument, organizations: readonly OrganizationDocument[]): Actor {
  const byId = new Map(organizations.map((org) => [org.id, org]));
  const chain = lineage(user.organizationId, byId);
  const centre = chain.find((org) => org.type === 'centre') ?? chain.at(-1);
  return {
    userId: user.id,
    name: user.name,
    roleIds: user.roleIds,
    postIds: user.postIds,
    organizationIds: chain.length > 0 ? chain.map((org) => org.id) : [user.organizationId],
    regionCode: centre?.regionCode ?? '',
  };
}

/**
 * Builds the review context from metadata documents: the item (limits, fees, result), its bound
 * form's fields, the users and organisations. Used by the studio and `npm run metadata -- check`.
 */
export function reviewContextFromDocuments(input: {
  item?: ItemDocument;
  form?: FormDocument;
  users?: readonly UserDocument[];
  organizations?: readonly OrganizationDocument[];
  previous?: { flow: FlowDocument; activeNodeIds?: string[]; mapping?: Record<string, string> };
}): ReviewContext {
  const context: ReviewContext = {};
  const { item, form, users, organizations } = input;
  if (item) {
    context.item = {
      name: item.name,
      regionCode: item.regionCode,
      timeLimit: { statutory: item.timeLimit.statutory, promised: item.timeLimit.promised },
      charges: item.charges,
      // A result the window hands over (licence, certificate, written approval) is printed first.
      issuesCertificate: item.result.type !== 'none',
    };
  }
  if (form) {
    context.form = {
      fields: form.sections.flatMap((section) => section.fields.filter((field) => !field.removed).map((field) => ({ id: field.id, type: field.type, label: field.label }))),
    };
  }
  if (organizations) {
    context.organizations = organizations.map((org) => ({ id: org.id, name: org.name, type: org.type, regionCode: org.regionCode, ...(org.parentId ? { parentId: org.parentId } : {}) }));
  }
  if (users && organizations) {
    context.users = users.map((user): DirectoryUser => ({ ...actorFromDocuments(user, organizations), active: user.active }));
  }
  if (input.previous) {
    context.migration = { previous: input.previous.flow, activeNodeIds: input.previous.activeNodeIds, mapping: input.previous.mapping };
  }
  return context;
}
