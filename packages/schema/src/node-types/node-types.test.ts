import { describe, expect, it } from 'vitest';
import { flowDocument, flowNodeTypes, flowReferences, nodeSettings, nodeTypeSchemas } from '../index.js';

const base = { kind: 'flow', id: 'flow-x', schemaVersion: 1, name: '测试', edges: [] };

describe('flow node types', () => {
  it('declares every node type once, with a Chinese label and a settings schema', () => {
    expect(Object.keys(nodeTypeSchemas).sort()).toEqual([...flowNodeTypes].sort());
    for (const type of flowNodeTypes) {
      expect(nodeTypeSchemas[type].type).toBe(type);
      expect(nodeTypeSchemas[type].label).toMatch(/[\u4e00-\u9fa5]/);
      // Every type accepts empty settings; the flow review insists on what a sound flow needs.
      expect(nodeTypeSchemas[type].settings.safeParse({}).success).toBe(true);
    }
  });

  it('validates settings per node type in the document (superRefine)', () => {
    const result = flowDocument.safeParse({
      ...base,
      nodes: [
        { id: 'a', type: 'task', label: '审查', settings: { timeLimitDays: 1.5, actions: ['fly'] } },
        { id: 'b', type: 'countersign', label: '会签', settings: { completion: { rule: 'most' } } },
        { id: 'a', type: 'end', label: '结束', settings: { outcome: 'maybe' } },
      ],
    });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['nodes.0.settings.timeLimitDays', '节点“审查”的设置有误：时限必须是整数个工作日'],
      ['nodes.0.settings.actions.0', '节点“审查”的设置有误：未知的办理动作'],
      ['nodes.1.settings.completion.rule', '节点“会签”的设置有误：会签规则应为全部同意、任一同意或按比例'],
      ['nodes.2.id', '节点标识“a”重复'],
      ['nodes.2.settings.outcome', '节点“结束”的设置有误：结束类型应为准予、不予或撤回'],
    ]);
  });

  it('gives typed settings with defaults', () => {
    const doc = flowDocument.parse({ ...base, nodes: [{ id: 'a', type: 'task', label: '审查' }] });
    const node = doc.nodes[0]! as typeof doc.nodes[number] & { type: 'task' };
    expect(nodeSettings(node)).toEqual({ actions: ['approve', 'reject', 'return', 'transfer'], returnTargets: [], fieldPermissions: {} });
  });

  it('lists references to roles, posts, organisations, users, form and certificate templates', () => {
    const rule = (extra: object) => ({ by: 'role', roleIds: [], postIds: [], departmentIds: [], userIds: [], ...extra });
    const doc = flowDocument.parse({
      ...base,
      formId: 'form-a',
      nodes: [
        { id: 't', type: 'task', label: '审查', settings: { assignee: rule({ roleIds: ['role-approver'], postIds: ['post-x'], departmentIds: ['org-d'] }) } },
        { id: 'c', type: 'countersign', label: '会签', settings: { signers: [{ key: 'k', assignee: rule({ by: 'users', userIds: ['lg.leader'] }) }] } },
        { id: 'p', type: 'parallel-split', label: '并联', settings: { branches: [{ edgeId: 'e1', departmentId: 'org-a' }], leadDepartmentId: 'org-a' } },
        { id: 'u', type: 'escalate', label: '上报', settings: { targetOrganizationId: 'org-lg-centre' } },
        { id: 'g', type: 'print-gate', label: '制证', settings: { certificateTemplateId: 'cert-a' } },
      ],
    });
    expect(flowReferences(doc).map((ref) => `${ref.kind}:${ref.id}@${ref.path.join('.')}`)).toEqual([
      'form:form-a@formId',
      'role:role-approver@nodes.0.settings.assignee.roleIds.0',
      'post:post-x@nodes.0.settings.assignee.postIds.0',
      'organization:org-d@nodes.0.settings.assignee.departmentIds.0',
      'user:lg.leader@nodes.1.settings.signers.0.assignee.userIds.0',
      'organization:org-a@nodes.2.settings.branches.0.departmentId',
      'organization:org-a@nodes.2.settings.leadDepartmentId',
      'organization:org-lg-centre@nodes.3.settings.targetOrganizationId',
      'certificate-template:cert-a@nodes.4.settings.certificateTemplateId',
    ]);
  });
});
