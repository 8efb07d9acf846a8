import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { certificateTemplateDocument, documentTemplateDocument } from '@xlgl/schema';
import type { TemplateData, TemplateDocument } from '../resolveBindings.js';

/** Shipped templates (metadata/) double as fixtures. */
export const metadataDir = join(import.meta.dirname, '../../../../metadata');

export function loadTemplate(kind: 'certificate-templates' | 'document-templates', id: string): TemplateDocument {
  const raw = JSON.parse(readFileSync(join(metadataDir, kind, `${id}.json`), 'utf8'));
  return kind === 'certificate-templates' ? certificateTemplateDocument.parse(raw) : documentTemplateDocument.parse(raw);
}

export function listTemplates(kind: 'certificate-templates' | 'document-templates'): string[] {
  return readdirSync(join(metadataDir, kind))
    .filter((file) => file.endsWith('.json'))
    .map((file) => file.slice(0, -'.json'.length));
}

/** A food-business case as the desk would pass it (display-ready values). */
export const foodBusinessCase: TemplateData = {
  form: {
    f_applicant_name: '锡林浩特市草原印象餐饮有限公司',
    f_credit_code: '91152502MA0N8XYZ3K',
    f_legal_rep: '巴特尔',
    f_address: '内蒙古自治区锡林郭勒盟锡林浩特市希日塔拉街道额尔敦路28号',
    f_premises: '锡林浩特市额尔敦路28号一层',
    f_business_form: '餐饮服务经营者（中型餐馆）',
    f_business_scope: ['热食类食品制售', '冷食类食品制售', '自制饮品制售（不含自酿酒）', '预包装食品（含冷藏冷冻食品）销售'],
  },
  case: {
    caseNumber: 'XL2026112700017',
    itemName: '食品经营许可（新办）',
    applicantName: '锡林浩特市草原印象餐饮有限公司',
    applicantIdNumber: '91152502MA0N8XYZ3K',
    acceptedAt: '2026-11-20T02:15:00Z',
    completedAt: '2026-11-27T08:00:00Z',
    departmentName: '锡林郭勒盟市场监督管理局',
    centreName: '锡林郭勒盟政务服务中心',
    queryPassword: '738214',
    certificateNumber: 'JY11525020001234',
    validFrom: '2026-11-27',
    validUntil: '2031-11-26',
    feeTotal: 1234.5,
  },
};
