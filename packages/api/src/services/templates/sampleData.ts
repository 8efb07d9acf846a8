import type { TemplateData } from '@xlgl/documents';
import type { FormDocument, TemplateCaseKey } from '@xlgl/schema';

type FormField = FormDocument['sections'][number]['fields'][number];

/** A plausible value for a field, so the preview shows real-looking text of the right length. */
function sampleValue(field: FormField): unknown {
  const settings = (field as { settings?: Record<string, unknown> }).settings ?? {};
  const options = settings.options as Array<{ label?: string; value?: string }> | undefined;
  switch (field.type) {
    case 'number':
      return 12;
    case 'money':
      return 1280.5;
    case 'date':
    case 'datetime':
      return '2026-11-27';
    case 'date-range':
      return '2026年11月27日至2031年11月26日';
    case 'select':
    case 'multi-select':
      return options?.[0]?.label ?? `${field.label}（示例）`;
    case 'switch':
      return (settings.trueLabel as string | undefined) ?? '是';
    case 'id-number':
      return '152501199001011234';
    case 'credit-code':
      return '91152502MA0N8XYZ3K';
    case 'mobile':
      return '13947900000';
    case 'email':
      return 'sample@example.cn';
    case 'region':
      return '锡林郭勒盟锡林浩特市';
    case 'address':
      return '内蒙古自治区锡林郭勒盟锡林浩特市额尔敦路28号';
    case 'person-lookup':
      return '巴特尔';
    case 'enterprise-lookup':
      return '锡林浩特市草原印象餐饮有限公司';
    case 'material':
    case 'sub-table':
    case 'signature':
      return `${field.label}（示例）`;
    default:
      return /名称|单位|经营者|企业/.test(field.label) ? '锡林浩特市草原印象餐饮有限公司' : /人|代表/.test(field.label) ? '巴特尔' : `${field.label}（示例）`;
  }
}

export const sampleCaseData: Record<TemplateCaseKey, unknown> = {
  caseNumber: 'XL2026112700017',
  itemName: '食品经营许可（新办）',
  itemCode: '11152500MB1234567X4000112101',
  applicantName: '锡林浩特市草原印象餐饮有限公司',
  applicantIdNumber: '91152502MA0N8XYZ3K',
  holderName: '锡林浩特市草原印象餐饮有限公司',
  acceptedAt: '2026-11-20T02:15:00Z',
  completedAt: '2026-11-27T08:00:00Z',
  issuedAt: '2026-11-27',
  departmentName: '锡林郭勒盟市场监督管理局',
  centreName: '锡林郭勒盟政务服务中心',
  queryPassword: '738214',
  certificateNumber: 'JY11525020001234',
  validFrom: '2026-11-27',
  validUntil: '2031-11-26',
  feeTotal: 1234.5,
  supplementItems: ['营业执照复印件（加盖公章）', '经营场所平面布局图（标注尺寸）', '食品安全管理制度文本'],
  refusalReason: '申请事项不属于本机关职权范围，请向所在旗县市场监督管理局申请。',
  decisionOpinion: '经审查，申请材料齐全，符合法定条件，准予许可。',
};

/** Sample data for a preview: every field of the bound form and every case key filled. */
export function sampleTemplateData(form: FormDocument | null, overrides: TemplateData = {}): TemplateData {
  const formValues: Record<string, unknown> = {};
  for (const section of form?.sections ?? []) for (const field of section.fields) formValues[field.id] = sampleValue(field);
  return { form: { ...formValues, ...overrides.form }, case: { ...sampleCaseData, ...overrides.case } };
}
