import { z } from 'zod';
import { documentBase, type DocumentReference } from '../document.js';
import { documentId } from '../ids.js';
import { label } from '../common.js';
import { expression } from '../expression.js';

// NOTE: node settings are refined per node type (packages/schema/src/node-types).
export const flowNodeTypes = [
  'start',
  'end',
  'task',
  'parallel-split',
  'parallel-join',
  'countersign',
  'condition',
  'merge',
  'fee-gate',
  'print-gate',
  'escalate',
  'hand-back',
  'supplement',
  'special-procedure',
] as const;
export type FlowNodeType = (typeof flowNodeTypes)[number];

export const flowNode = z.object({
  id: documentId,
  type: z.enum(flowNodeTypes),
  label: label('节点名称', 50),
  position: z.object({ x: z.number(), y: z.number() }),
  settings: z.record(z.string(), z.unknown()).default({}),
});
export type FlowNode = z.infer<typeof flowNode>;

export const flowEdge = z.object({
  id: documentId,
  source: documentId,
  target: documentId,
  label: z.string().max(50).optional(),
  condition: expression.optional(),
  isDefault: z.boolean().optional(),
});
export type FlowEdge = z.infer<typeof flowEdge>;

export const flowDocument = documentBase('flow').extend({
  schemaVersion: z.literal(1),
  name: label('流程名称', 100),
  formId: documentId.optional(),
  nodes: z.array(flowNode).min(1, { message: '流程至少要有一个节点' }),
  edges: z.array(flowEdge).default([]),
});
export type FlowDocument = z.infer<typeof flowDocument>;

export function flowReferences(doc: FlowDocument): DocumentReference[] {
  return doc.formId ? [{ path: ['formId'], kind: 'form', id: doc.formId }] : [];
}
