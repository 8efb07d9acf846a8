import { describe, expect, it } from 'vitest';
import { describeDocumentPath, issueText, locateIssues } from './document-paths.js';
import { parseDocument } from './registry.js';

const form = {
  kind: 'form',
  sections: [
    {
      title: '基本信息',
      fields: [
        { id: 'f_name', label: '企业名称' },
        { id: 'f_type', label: '企业类型', options: [{ value: 'llc', label: '有限责任公司' }] },
        { id: 'f_staff', label: '股东', type: 'sub-table', fields: [{ id: 'name', label: '姓名' }] },
        { id: 'f_legal_rep', label: '法定代表人', settings: { decimals: 9 }, options: [{ value: '', label: '' }] },
      ],
    },
  ],
  rules: [{ message: '注册资本须为正数' }],
};
const flow = {
  kind: 'flow',
  nodes: [
    { id: 'start', label: '开始' },
    { id: 'accept', label: '受理' },
    { id: 'review', label: '审核登记', settings: { timeLimitDays: 1.5, assignee: { by: 'role', roleIds: ['role-x'] }, actions: ['approve', 'fly'] } },
  ],
  edges: [{ id: 'e1', source: 'start', target: 'accept' }],
};

describe('describeDocumentPath', () => {
  it('names form fields by their label, options and rules by position or message', () => {
    expect(describeDocumentPath(form, ['sections', 0, 'fields', 3, 'options', 0, 'value'])).toBe('字段“法定代表人”的选项第1项的值');
    expect(describeDocumentPath(form, 'sections.0.fields.3.settings.decimals'.split('.'))).toBe('字段“法定代表人”的小数位数');
    expect(describeDocumentPath(form, ['sections', 0, 'fields', 2, 'fields', 0, 'id'])).toBe('字段“股东”的字段“姓名”的标识');
    expect(describeDocumentPath(form, ['sections', 0, 'title'])).toBe('分组“基本信息”的名称');
    expect(describeDocumentPath(form, ['rules', 0, 'expression'])).toBe('校验规则“注册资本须为正数”的表达式');
    expect(describeDocumentPath(form, ['sections', 0, 'fields', 9, 'type'])).toBe('字段第10项的字段类型');
  });

  it('names flow nodes and edges, skipping the settings level', () => {
    expect(describeDocumentPath(flow, ['nodes', 2, 'settings', 'timeLimitDays'])).toBe('节点“审核登记”的办理时限');
    expect(describeDocumentPath(flow, ['nodes', 2, 'settings', 'assignee', 'roleIds', 0])).toBe('节点“审核登记”的办理人的角色第1项');
    expect(describeDocumentPath(flow, ['nodes', 2, 'settings', 'actions', 1])).toBe('节点“审核登记”的办理动作第2项');
    expect(describeDocumentPath(flow, ['edges', 0, 'target'])).toBe('连线第1项的终点');
    expect(describeDocumentPath(flow, [])).toBe('');
  });

  it('uses the kind given for part of a document, and keeps unknown keys', () => {
    expect(describeDocumentPath({ timeLimitDays: 2 }, ['timeLimitDays'], 'flow')).toBe('办理时限');
    expect(describeDocumentPath({ kind: 'item', materials: [{ name: '公司章程' }] }, ['materials', 0, 'copies'])).toBe('申请材料“公司章程”的份数');
    expect(describeDocumentPath({ kind: 'user', roleIds: ['a', 'b'] }, ['roleIds', 1])).toBe('角色第2项');
    expect(describeDocumentPath({ kind: 'item' }, ['timeLimit', 'promised'])).toBe('承诺办结时限');
    expect(describeDocumentPath({ kind: 'user' }, ['somethingNew', 0])).toBe('somethingNew第1项');
  });
});

describe('locateIssues and issueText', () => {
  it('keep the machine path and put the words in front of the message, unless the message names the place', () => {
    const issues = locateIssues(flow, [
      { path: ['nodes', 2, 'settings', 'timeLimitDays'], message: '时限必须是整数个工作日' },
      { path: ['nodes', 2, 'settings', 'actions', 1], message: '节点“审核登记”的设置有误：未知的办理动作' },
      { path: [], message: '元数据文档必须是一个JSON对象' },
      { path: ['nodes'], message: '流程至少要有一个节点' },
    ]);
    expect(issues[0]).toEqual({ path: ['nodes', 2, 'settings', 'timeLimitDays'], message: '时限必须是整数个工作日', where: '节点“审核登记”的办理时限' });
    expect(issues.map(issueText)).toEqual(['节点“审核登记”的办理时限：时限必须是整数个工作日', '节点“审核登记”的设置有误：未知的办理动作', '元数据文档必须是一个JSON对象', '流程至少要有一个节点']);
  });

  it('describe every issue of a real refusal without a raw path', () => {
    const raw = { kind: 'flow', id: 'flow-x', schemaVersion: 1, name: '测试流程', nodes: [{ id: 'a', type: 'task', label: '审查', settings: { timeLimitDays: 1.5 } }], edges: [{ id: 'e', source: 'a' }] };
    const parsed = parseDocument(raw);
    expect(parsed.ok).toBe(false);
    const lines = locateIssues(raw, parsed.ok ? [] : parsed.issues).map(issueText);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).not.toMatch(/\b(nodes|edges|settings)\b|\.\d|\$\./);
  });
});
