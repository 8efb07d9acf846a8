import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DatabaseHandle } from '@xlgl/db';
import { inTransaction } from './database.js';
import { metadataDir } from './transitions.js';

const shipped = (kind: string, id: string) =>
  JSON.parse(readFileSync(join(metadataDir, kind, `${id}.json`), 'utf8')) as Record<string, unknown> & {
    nodes?: Array<Record<string, unknown>>;
  };

/** A generated form of `count` fields (five sections, the common field types, labels 字段001…). */
export function generatedForm(id: string, count: number) {
  const types = ['text', 'textarea', 'number', 'money', 'date', 'select', 'switch', 'mobile', 'email', 'id-number'] as const;
  const perSection = Math.ceil(count / 5);
  const sections = Array.from({ length: 5 }, (_, section) => ({
    id: `s_${section + 1}`,
    title: `第${section + 1}部分`,
    columns: 2,
    fields: Array.from({ length: Math.min(perSection, count - section * perSection) }, (_, index) => {
      const number = section * perSection + index + 1;
      const type = types[number % types.length]!;
      return {
        id: `fb_${String(number).padStart(3, '0')}`,
        type,
        label: `字段${String(number).padStart(3, '0')}`,
        required: number % 4 === 0,
        span: type === 'textarea' ? 24 : 12,
        settings:
          type === 'select'
            ? {
                options: [
                  { value: '1', label: '选项一' },
                  { value: '2', label: '选项二' },
                ],
                display: 'select',
              }
            : {},
      };
    }),
  }));
  return {
    kind: 'form',
    id,
    version: 1,
    schemaVersion: 1,
    rules: [],
    name: `性能测试表单（${count}个字段）`,
    departmentId: 'org-lg-scjgj',
    sections,
  };
}

/** A generated flow of `count` nodes: start, a grid of task steps in one chain, end. */
export function generatedFlow(id: string, count: number) {
  const template = shipped('flows', 'flow-enterprise-registration');
  const register = template.nodes!.find((node) => node.id === 'register')!;
  const nodes: Array<Record<string, unknown>> = [{ id: 'start', type: 'start', label: '申请', position: { x: 0, y: 0 }, settings: {} }];
  for (let index = 1; index < count - 1; index += 1) {
    nodes.push({
      ...register,
      id: `n${index}`,
      label: `环节${index}`,
      position: { x: 220 * (index % 14), y: 140 * Math.floor(index / 14) + 140 },
      settings: { ...(register.settings as object), returnTargets: [] },
    });
  }
  nodes.push({
    id: 'end',
    type: 'end',
    label: '办结',
    position: { x: 0, y: 140 * Math.ceil(count / 14) + 280 },
    settings: { outcome: 'approved' },
  });
  const edges = nodes.slice(1).map((node, index) => ({ id: `e${index + 1}`, source: nodes[index]!.id, target: node.id }));
  return { ...template, id, name: `性能测试流程（${count}个节点）`, nodes, edges };
}

/** Stores the generated form, an item using it and the generated flow as documents in force. */
export async function seedScreens(handle: DatabaseHandle): Promise<{ itemId: string; flowId: string }> {
  const form = generatedForm('form-bench-100', 100);
  const item = {
    ...shipped('items', 'item-enterprise-registration'),
    id: 'item-bench-form100',
    name: '性能测试事项（100个字段）',
    formId: form.id,
    materials: [],
  };
  const flow = generatedFlow('flow-bench-200', 200);
  await inTransaction(handle, async (run) => {
    for (const [kind, body] of [
      ['form', form],
      ['item', item],
      ['flow', flow],
    ] as const) {
      await run(
        `insert into metadata_documents (kind, id, version, status, body, checksum, created_by) values ($1, $2, 1, 'published', ($3::text)::jsonb, md5($3::text), 'bench') on conflict do nothing`,
        [kind, body.id, JSON.stringify(body)],
      );
      await run(`insert into metadata_heads (kind, id, version, updated_by) values ($1, $2, 1, 'bench') on conflict do nothing`, [
        kind,
        body.id,
      ]);
    }
  });
  return { itemId: item.id as string, flowId: flow.id as string };
}
