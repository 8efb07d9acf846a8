import type { FieldType, fieldTypeRegistry } from '@xlgl/schema';

/** How a settings property is edited when its zod shape alone does not say enough. */
export type SettingWidget = 'options' | 'fen' | 'date' | 'date-limit' | 'field-ref' | 'region-code' | 'extensions' | 'material';

export type SettingLook = {
  label: string;
  help?: string;
  widget?: SettingWidget;
  enumLabels?: Record<string, string>;
  /** For `field-ref`: the field types that can receive the value. */
  refTypes?: FieldType[];
};

type SettingKeys<T extends FieldType> = Extract<keyof NonNullable<(typeof fieldTypeRegistry)[T]['settings']['_zod']['input']>, string>;

/**
 * Chinese labels for every settings property of every field type. Keyed by the settings schemas'
 * own input types, so a property added to a type without a label here is a compile error.
 */
export const settingLooks: { [T in FieldType]: Record<SettingKeys<T>, SettingLook> } = {
  text: { maxLength: { label: '最多字数' }, minLength: { label: '最少字数' }, placeholder: { label: '占位提示' } },
  textarea: { maxLength: { label: '最多字数' }, rows: { label: '显示行数' }, placeholder: { label: '占位提示' } },
  number: {
    decimals: { label: '小数位数' },
    min: { label: '最小值' },
    max: { label: '最大值' },
    unit: { label: '单位', help: '如：人、平方米' },
  },
  money: { minFen: { label: '最小金额（元）', widget: 'fen' }, maxFen: { label: '最大金额（元）', widget: 'fen' } },
  date: {
    min: { label: '最早日期', widget: 'date-limit', help: '选“今天”时，按填写当天计算' },
    max: { label: '最晚日期', widget: 'date-limit', help: '如出生日期选“今天”，即不能晚于今天' },
  },
  datetime: { precision: { label: '精度', enumLabels: { minute: '精确到分钟', second: '精确到秒' } } },
  'date-range': { maxDays: { label: '最长天数' } },
  select: {
    options: { label: '选项', widget: 'options' },
    display: { label: '显示方式', enumLabels: { select: '下拉框', radio: '单选按钮' } },
  },
  'multi-select': {
    options: { label: '选项', widget: 'options' },
    display: { label: '显示方式', enumLabels: { select: '下拉框', checkbox: '复选框' } },
    maxItems: { label: '最多选择几项' },
  },
  switch: { trueLabel: { label: '开启时显示' }, falseLabel: { label: '关闭时显示' } },
  'id-number': {
    sexField: {
      label: '自动填入性别到',
      widget: 'field-ref',
      help: '从身份证号码解析性别（单选字段填代码1/2，文本字段填男/女）',
      refTypes: ['select', 'text'],
    },
    birthDateField: { label: '自动填入出生日期到', widget: 'field-ref', help: '从身份证号码解析出生日期', refTypes: ['date', 'text'] },
  },
  'credit-code': {},
  mobile: {},
  email: {},
  region: {
    rootCode: { label: '可选范围', widget: 'region-code' },
    maxLevel: { label: '最深层级', enumLabels: { county: '旗县（市、区）', township: '苏木乡镇（街道）', village: '嘎查村（社区）' } },
  },
  address: { withRegion: { label: '包含行政区划' }, rootCode: { label: '可选范围', widget: 'region-code' } },
  material: {
    materialId: { label: '对应事项材料', widget: 'material', help: '申请人上传的文件归入该材料，可在其他办件中复用' },
    accept: { label: '允许的文件类型', widget: 'extensions' },
    maxSizeMb: { label: '单个文件上限（MB）' },
    maxFiles: { label: '最多文件数' },
  },
  'sub-table': { minRows: { label: '最少行数' }, maxRows: { label: '最多行数' }, addLabel: { label: '添加按钮文字' } },
  'person-lookup': { allowCreate: { label: '查不到时允许新增到自然人库' } },
  'enterprise-lookup': { allowCreate: { label: '查不到时允许新增到法人库' } },
  signature: { width: { label: '宽度（像素）' }, height: { label: '高度（像素）' } },
};
