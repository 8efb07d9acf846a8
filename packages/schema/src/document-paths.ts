/**
 * Where in a metadata document a problem sits, in words a configurer reads: `sections.0.fields.3.
 * options.0.value` of a form becomes 字段“法定代表人”的选项第1项的值, `nodes.2.settings.
 * timeLimitDays` of a flow 节点“审核登记”的办理时限. Messages show the words; the machine path stays
 * on the issue (`path`) for tooling, logs and placing the message on a form field.
 */
import { itemFieldLabels } from './item-labels.js';

type Path = readonly (string | number)[];

/** A list of named things: what one entry is called, and which property names it. */
type ListNoun = { noun: string; nameKey?: string };

/** Lists that hold named (or numbered) entries, by property name. */
const lists: Record<string, ListNoun> = {
  sections: { noun: '分组', nameKey: 'title' },
  fields: { noun: '字段', nameKey: 'label' },
  options: { noun: '选项' },
  rules: { noun: '校验规则', nameKey: 'message' },
  nodes: { noun: '节点', nameKey: 'label' },
  edges: { noun: '连线', nameKey: 'label' },
  branches: { noun: '分支', nameKey: 'label' },
  signers: { noun: '会签人', nameKey: 'label' },
  elements: { noun: '元素' },
  materials: { noun: '申请材料', nameKey: 'name' },
  fees: { noun: '收费项目', nameKey: 'name' },
  legalBases: { noun: '设定依据', nameKey: 'title' },
  subItems: { noun: '办理项', nameKey: 'name' },
  specialProcedures: { noun: '特别程序', nameKey: 'name' },
};

/** Property names every kind shares. */
const commonKeys: Record<string, string> = {
  kind: '文档类型',
  schemaVersion: '架构版本',
  id: '标识',
  name: '名称',
  label: '名称',
  title: '名称',
  description: '说明',
  type: '类型',
  code: '编码',
  parentId: '上级',
  value: '值',
  roleIds: '角色',
  postIds: '岗位',
  departmentIds: '部门',
  userIds: '人员',
  organizationId: '所属机构',
  regionCode: '区划',
  capabilities: '权限',
  status: '状态',
};

/** Property names of one kind (they win over the shared ones). */
const kindKeys: Record<string, Record<string, string>> = {
  form: {
    type: '字段类型',
    required: '必填',
    readonly: '只读',
    placeholder: '占位提示',
    help: '填写说明',
    defaultValue: '默认值',
    visibleWhen: '显示条件',
    requiredWhen: '必填条件',
    computed: '计算公式',
    expression: '表达式',
    message: '校验提示',
    ownerDepartmentId: '填写部门',
    tab: '标签页',
    maxLength: '最大长度',
    minLength: '最小长度',
    min: '最小值',
    max: '最大值',
    decimals: '小数位数',
    minRows: '最少行数',
    maxRows: '最多行数',
    dictionaryId: '数据字典',
    columnName: '列名',
  },
  flow: {
    type: '节点类型',
    source: '起点',
    target: '终点',
    condition: '条件',
    isDefault: '默认分支',
    formId: '申请表单',
    timeLimitDays: '办理时限',
    assignee: '办理人',
    by: '办理人规则',
    scope: '办理人范围',
    actions: '办理动作',
    returnTargets: '可退回环节',
    fieldPermissions: '字段权限',
    completion: '会签规则',
    rule: '规则',
    outcome: '结束类型',
    leadDepartmentId: '牵头部门',
    departmentId: '部门',
    targetOrganizationId: '上报机构',
    certificateTemplateId: '证照模板',
    documentTemplateId: '文书模板',
  },
  item: itemFieldLabels,
  user: { account: '账号', organizationId: '所属部门', postIds: '岗位' },
  template: { fieldId: '表单字段', page: '纸张', width: '宽度', height: '高度' },
};

/** Keys that only group settings: the words skip them (节点“审查”的办理时限, not …的设置的办理时限). */
const transparentKeys = new Set(['settings', 'binding']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function keyLabel(kind: string | undefined, key: string): string {
  return (kind ? kindKeys[kind]?.[key] : undefined) ?? commonKeys[key] ?? key;
}

/**
 * The words for `path` in `document` (any metadata document, or part of one whose `kind` is given),
 * or '' for the whole document. Entries of named lists are named by their label (字段“法定代表人”),
 * else numbered from one (选项第1项); unknown keys are kept as they are.
 */
export function describeDocumentPath(document: unknown, path: Path, kind?: string): string {
  const documentKind = kind ?? (isRecord(document) && typeof document.kind === 'string' ? document.kind : undefined);
  const parts: string[] = [];
  let value: unknown = document;
  let key: string | undefined;
  for (const segment of path) {
    // A position in a list (also past the end of the data, as in a refusal of a malformed document).
    if (typeof segment === 'number' || (Array.isArray(value) && /^\d+$/.test(segment))) {
      const index = Number(segment);
      const entry: unknown = Array.isArray(value) ? value[index] : undefined;
      const list = key ? lists[key] : undefined;
      const label = list?.nameKey && isRecord(entry) ? entry[list.nameKey] : undefined;
      const name = typeof label === 'string' && label.trim() ? label.trim() : undefined;
      const what = list?.noun ?? (key ? keyLabel(documentKind, key) : '');
      if (key) parts.pop();
      // A field names itself: the group it sits in adds nothing (字段“法定代表人”, not 分组“基本信息”的字段“…”).
      if (key === 'fields' && parts.at(-1)?.startsWith(lists.sections!.noun)) parts.pop();
      parts.push(name ? `${what}“${name}”` : `${what}第${index + 1}项`);
      value = entry;
      key = undefined;
      continue;
    }
    const name = String(segment);
    value = isRecord(value) ? value[name] : undefined;
    key = name;
    if (transparentKeys.has(name)) continue;
    // Inside a list entry its name is just 名称 (办理项“…”的名称, not …的事项名称).
    const nested = parts.length > 0 && (name === 'name' || name === 'label' || name === 'title');
    const label = lists[name]?.noun ?? (nested ? commonKeys[name]! : keyLabel(documentKind, name));
    // A key that repeats its group's name stands for both (承诺办结时限, not 办结时限的承诺办结时限).
    const previous = parts.at(-1);
    if (previous && !previous.includes('“') && !previous.includes('第') && label.includes(previous)) parts.pop();
    parts.push(label);
  }
  return parts.join('的');
}

/** A problem with a document: the machine path, the message, and where it is in words. */
export type LocatedIssue = { path: (string | number)[]; message: string; where?: string };

/** Adds `where` (the path in words) to each issue. */
export function locateIssues(
  document: unknown,
  issues: readonly { path: (string | number)[]; message: string }[],
  kind?: string,
): LocatedIssue[] {
  return issues.map((issue) => {
    const where = describeDocumentPath(document, issue.path, kind);
    return where ? { ...issue, where } : { path: issue.path, message: issue.message };
  });
}

/**
 * One issue as a line of a message: `where：message`, or the message alone when it names the place
 * already (账号须以小写字母开头… needs no 账号 in front, 节点“审查”的设置有误：… no 节点“审查”的办理时限).
 */
export function issueText(issue: { message: string; where?: string }): string {
  if (!issue.where || issue.message.includes(issue.where)) return issue.message;
  const entity = /[^的“”]*“[^”]*”/.exec(issue.where)?.[0];
  if (entity && issue.message.includes(entity)) return issue.message;
  return `${issue.where}：${issue.message}`;
}
