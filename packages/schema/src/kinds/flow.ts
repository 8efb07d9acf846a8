import { z } from 'zod';
import { documentBase, type DocumentReference } from '../document.js';
import { documentId } from '../ids.js';
import { label, optionalText } from '../common.js';
import { expression } from '../expression.js';
import { flowNodeTypes, type FlowNodeType } from '../node-types/types.js';
import { nodeTypeSchemas, type NodeSettings } from '../node-types/index.js';

export { flowNodeTypes, type FlowNodeType };
export * from '../node-types/index.js';

/**
 * A node on the canvas. `settings` is shaped per node type (packages/schema/src/node-types);
 * the document's superRefine validates it, `nodeSettings` returns it parsed and typed.
 */
export const flowNode = z.object({
  id: documentId,
  type: z.enum(flowNodeTypes, { message: `未知的节点类型，应为：${flowNodeTypes.join('、')}` }),
  label: label('节点名称', 50),
  position: z.object({ x: z.number(), y: z.number() }).default({ x: 0, y: 0 }),
  settings: z.record(z.string(), z.unknown()).default({}),
});
export type FlowNode = z.infer<typeof flowNode>;

/** A sequence flow. Only edges leaving a condition node carry `condition` / `isDefault`. */
export const flowEdge = z.object({
  id: documentId,
  source: documentId,
  target: documentId,
  label: z.string().max(50).optional(),
  condition: expression.optional(),
  isDefault: z.boolean().optional(),
});
export type FlowEdge = z.infer<typeof flowEdge>;

export const flowDocument = documentBase('flow')
  .extend({
    schemaVersion: z.literal(1),
    name: label('流程名称', 100),
    description: optionalText(1000),
    /** The form whose fields the conditions and field permissions refer to. */
    formId: documentId.optional(),
    /** The form version the flow was designed against (conditions are checked against it). */
    formVersion: z.number().int().min(1).optional(),
    nodes: z.array(flowNode).min(1, { message: '流程至少要有一个节点' }),
    edges: z.array(flowEdge).default([]),
  })
  .superRefine((doc, ctx) => {
    const nodeIds = new Set<string>();
    doc.nodes.forEach((node, index) => {
      if (nodeIds.has(node.id)) ctx.addIssue({ code: 'custom', path: ['nodes', index, 'id'], message: `节点标识“${node.id}”重复` });
      nodeIds.add(node.id);
      const result = nodeTypeSchemas[node.type].settings.safeParse(node.settings);
      if (!result.success) {
        for (const issue of result.error.issues) {
          ctx.addIssue({
            code: 'custom',
            path: ['nodes', index, 'settings', ...(issue.path as (string | number)[])],
            message: `节点“${node.label}”的设置有误：${issue.message}`,
          });
        }
      }
    });
    const edgeIds = new Set<string>();
    doc.edges.forEach((edge, index) => {
      if (edgeIds.has(edge.id) || nodeIds.has(edge.id)) ctx.addIssue({ code: 'custom', path: ['edges', index, 'id'], message: `连线标识“${edge.id}”重复` });
      edgeIds.add(edge.id);
    });
  });
export type FlowDocument = z.infer<typeof flowDocument>;

const parsedSettings = new WeakMap<object, unknown>();

/**
 * The node's settings parsed by its type's schema (defaults applied). Throws a Chinese error when
 * they are invalid — documents that passed `flowDocument` never do.
 */
export function nodeSettings<T extends FlowNodeType>(node: FlowNode & { type: T }): NodeSettings<T> {
  const cached = parsedSettings.get(node.settings);
  if (cached) return cached as NodeSettings<T>;
  const result = nodeTypeSchemas[node.type].settings.safeParse(node.settings);
  if (!result.success) throw new Error(`节点“${node.label}”（${node.id}）的设置有误：${result.error.issues.map((issue) => issue.message).join('；')}`);
  parsedSettings.set(node.settings, result.data);
  return result.data as NodeSettings<T>;
}

/** Narrows a node to a type (for typed `nodeSettings`). */
export function isNodeOfType<T extends FlowNodeType>(node: FlowNode, type: T): node is FlowNode & { type: T } {
  return node.type === type;
}

/** References to roles, posts, organisations, users, the form and certificate templates. */
export function flowReferences(doc: FlowDocument): DocumentReference[] {
  const refs: DocumentReference[] = [];
  if (doc.formId) refs.push({ path: ['formId'], kind: 'form', id: doc.formId });
  doc.nodes.forEach((node, n) => {
    const result = nodeTypeSchemas[node.type].settings.safeParse(node.settings);
    if (!result.success) return;
    const settings = result.data as Record<string, unknown>;
    const base: (string | number)[] = ['nodes', n, 'settings'];
    const pushRule = (rule: unknown, path: (string | number)[]) => {
      if (!rule || typeof rule !== 'object') return;
      const r = rule as { roleIds: string[]; postIds: string[]; departmentIds: string[]; userIds: string[] };
      r.roleIds.forEach((id, i) => refs.push({ path: [...path, 'roleIds', i], kind: 'role', id }));
      r.postIds.forEach((id, i) => refs.push({ path: [...path, 'postIds', i], kind: 'post', id }));
      r.departmentIds.forEach((id, i) => refs.push({ path: [...path, 'departmentIds', i], kind: 'organization', id }));
      r.userIds.forEach((id, i) => refs.push({ path: [...path, 'userIds', i], kind: 'user', id }));
    };
    pushRule(settings.assignee, [...base, 'assignee']);
    if (node.type === 'countersign') {
      const signers = settings.signers as Array<{ assignee: unknown }>;
      signers.forEach((signer, i) => pushRule(signer.assignee, [...base, 'signers', i, 'assignee']));
    }
    if (node.type === 'parallel-split') {
      const s = settings as NodeSettings<'parallel-split'>;
      s.branches.forEach((branch, i) => refs.push({ path: [...base, 'branches', i, 'departmentId'], kind: 'organization', id: branch.departmentId }));
      if (s.leadDepartmentId) refs.push({ path: [...base, 'leadDepartmentId'], kind: 'organization', id: s.leadDepartmentId });
    }
    if (node.type === 'escalate') {
      const s = settings as NodeSettings<'escalate'>;
      if (s.targetOrganizationId) refs.push({ path: [...base, 'targetOrganizationId'], kind: 'organization', id: s.targetOrganizationId });
    }
    if (node.type === 'hand-back') {
      const s = settings as NodeSettings<'hand-back'>;
      s.notifyRoleIds.forEach((id, i) => refs.push({ path: [...base, 'notifyRoleIds', i], kind: 'role', id }));
    }
    if (node.type === 'print-gate') {
      const s = settings as NodeSettings<'print-gate'>;
      if (s.certificateTemplateId) refs.push({ path: [...base, 'certificateTemplateId'], kind: 'certificate-template', id: s.certificateTemplateId });
    }
  });
  return refs;
}
