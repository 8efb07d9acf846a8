import { fieldsRead, type FlowDocument, type FormDocument, type ItemDocument, type ReportDocument } from '@xlgl/schema';
import { readAllDocuments, type Db } from '@xlgl/db';

type TemplateLike = { id: string; kind: string; name: string; formId?: string; itemId?: string; elements: Array<{ binding?: { source: string; fieldId?: string } }> };

/**
 * What outside a form reads each of its fields, in plain words (`流程“…”的条件“…”`, `证照模板“…”`,
 * `报表“…”`): conditions of flows bound to the form, template elements bound to its fields (templates
 * of the form or of items that use the form) and report measures over its fields. Removing or retyping
 * such a field is refused until the user has seen this list.
 */
export async function formFieldDependents(db: Db, form: Pick<FormDocument, 'id'>): Promise<Record<string, string[]>> {
  const rows = await readAllDocuments(db, ['flow', 'item', 'certificate-template', 'document-template', 'report']);
  const documents = rows.map((row) => row.body);
  const out: Record<string, string[]> = {};
  const add = (fieldId: string, what: string) => {
    const list = (out[fieldId] ??= []);
    if (!list.includes(what)) list.push(what);
  };

  const items = documents.filter((doc) => doc.kind === 'item') as unknown as ItemDocument[];
  const itemsOfForm = items.filter((item) => item.formId === form.id);
  const linkedTemplates = new Set<string>();
  for (const item of itemsOfForm) {
    if (item.result.certificateTemplateId) linkedTemplates.add(`certificate-template/${item.result.certificateTemplateId}`);
    for (const id of item.documentTemplateIds) linkedTemplates.add(`document-template/${id}`);
  }
  const itemIds = new Set(itemsOfForm.map((item) => item.id));
  const flowIds = new Set(itemsOfForm.flatMap((item) => (item.flowId ? [item.flowId] : [])));

  for (const doc of documents) {
    if (doc.kind === 'flow') {
      const flow = doc as unknown as FlowDocument;
      if (flow.formId !== form.id && !flowIds.has(flow.id)) continue;
      const labels = new Map(flow.nodes.map((node) => [node.id, node.label]));
      for (const edge of flow.edges) {
        if (!edge.condition) continue;
        const where = edge.label ? `“${edge.label}”` : `“${labels.get(edge.source) ?? edge.source}”→“${labels.get(edge.target) ?? edge.target}”`;
        for (const fieldId of fieldsRead(edge.condition)) add(fieldId, `流程“${flow.name}”的条件${where}`);
      }
    } else if (doc.kind === 'certificate-template' || doc.kind === 'document-template') {
      const template = doc as unknown as TemplateLike;
      const related = template.formId === form.id || (template.itemId && itemIds.has(template.itemId)) || linkedTemplates.has(`${template.kind}/${template.id}`);
      if (!related) continue;
      const label = template.kind === 'certificate-template' ? '证照模板' : '文书模板';
      for (const element of template.elements) {
        if (element.binding?.source === 'form' && element.binding.fieldId) add(element.binding.fieldId, `${label}“${template.name}”`);
      }
    } else if (doc.kind === 'report') {
      const report = doc as unknown as ReportDocument;
      if (report.formId !== form.id) continue;
      for (const measure of report.measures) if (measure.fieldId) add(measure.fieldId, `报表“${report.name}”`);
    }
  }
  return out;
}
