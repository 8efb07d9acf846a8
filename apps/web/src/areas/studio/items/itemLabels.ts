import {
  caseTypes,
  handlingAreas,
  implementerNatures,
  itemCategories,
  itemStatuses,
  powerSources,
  regionLevelLabels,
  serviceObjects,
  type ItemStatus,
} from '@xlgl/schema';

/** Colours of the status tags. */
export const statusColors: Record<ItemStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  returned: 'error',
  approved: 'cyan',
  coded: 'cyan',
  published: 'success',
  superseded: 'default',
  abolished: 'warning',
};

export function statusLabel(status: string): string {
  return (itemStatuses as Record<string, string>)[status] ?? status;
}

export const changeTypeLabels: Record<string, string> = { create: '新增', change: '变更', abolish: '废止', import: '导入' };

export const materialFormLabels: Record<string, string> = { original: '原件', copy: '复印件', 'original-and-copy': '原件和复印件' };
export const materialMediumLabels: Record<string, string> = { paper: '纸质', electronic: '电子', both: '纸质或电子' };
export const materialSourceLabels: Record<string, string> = {
  applicant: '申请人自备',
  government: '政府部门核发',
  intermediary: '中介机构出具',
  other: '其他',
};
export const resultTypeLabels: Record<string, string> = { certificate: '证照', document: '批文/文书', none: '无' };
export const handlingFormLabels: Record<string, string> = { window: '窗口办理', online: '网上办理', both: '窗口或网上办理' };

export const eventActionLabels: Record<string, string> = {
  create: '新建草稿',
  save: '保存',
  submit: '提交审核',
  withdraw: '撤回',
  return: '退回修改',
  approve: '审核通过',
  code: '赋码',
  publish: '发布',
  requestChange: '申请变更',
  requestAbolish: '申请废止',
  abolish: '废止',
  discard: '放弃草稿',
  import: '导入',
  reviewStep: '审核环节办理',
};

const enumLabels: Record<string, Record<string, string>> = {
  category: itemCategories,
  caseType: caseTypes,
  level: regionLevelLabels,
  powerSource: powerSources,
  implementerNature: implementerNatures,
  handlingArea: handlingAreas,
  serviceObjects,
  form: materialFormLabels,
  medium: materialMediumLabels,
  source: materialSourceLabels,
  handlingForm: handlingFormLabels,
  type: resultTypeLabels,
  unit: { 'working-day': '工作日' },
};

/** A stored value as text for the diff and history screens (enum codes as their Chinese names). */
export function formatItemValue(value: unknown, key?: string): string {
  if (value === undefined || value === null || value === '') return '（空）';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (key === 'amountFen' && typeof value === 'number') return `${(value / 100).toFixed(2)}元`;
  if ((key === 'statutory' || key === 'promised') && typeof value === 'number') return `${value}个工作日`;
  const labels = key ? enumLabels[key] : undefined;
  if (Array.isArray(value)) return value.length === 0 ? '（无）' : value.map((entry) => formatItemValue(entry, key)).join('、');
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if ('name' in record || 'title' in record) {
      const parts = Object.entries(record)
        .filter(([entryKey]) => entryKey !== 'id' && entryKey !== 'name' && entryKey !== 'title')
        .map(([entryKey, entry]) => formatItemValue(entry, entryKey));
      return `${String(record.name ?? record.title)}${parts.length ? `（${parts.join('，')}）` : ''}`;
    }
    return Object.entries(record)
      .map(([entryKey, entry]) => formatItemValue(entry, entryKey))
      .join('，');
  }
  if (labels && typeof value === 'string') return labels[value] ?? value;
  return String(value);
}
