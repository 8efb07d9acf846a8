import type { FlowDocument } from '@xlgl/schema';
import type { FlowDesignerContext } from './types.js';

/**
 * A small directory and a sound flow with a parallel block, a condition and both gates — used by
 * the tests and for trying the designer by hand.
 */
export const sampleContext: FlowDesignerContext = {
  formFields: [
    { id: 'f_applicant_name', type: 'text', label: '经营者名称' },
    {
      id: 'f_business_form',
      type: 'select',
      label: '主体业态',
      options: [
        { value: 'shop', label: '食品销售经营者' },
        { value: 'restaurant', label: '餐饮服务经营者' },
        { value: 'canteen', label: '单位食堂' },
      ],
    },
    { id: 'f_premises_area', type: 'number', label: '经营场所面积' },
    { id: 'f_registered_capital', type: 'money', label: '注册资本' },
    { id: 'f_online_sales', type: 'switch', label: '是否从事网络经营' },
    { id: 'f_apply_date', type: 'date', label: '申请日期' },
    { id: 'f_mat_layout', type: 'material', label: '经营布局文件' },
  ],
  roles: [
    { id: 'role-window', name: '窗口人员' },
    { id: 'role-approver', name: '审批人员' },
    { id: 'role-leader', name: '部门负责人' },
  ],
  posts: [{ id: 'post-lg-scjgj-review', name: '食品经营许可审核岗', organizationId: 'org-lg-scjgj' }],
  organizations: [
    { id: 'org-lg-centre', name: '锡林郭勒盟政务服务中心', type: 'centre', regionCode: '152500' },
    { id: 'org-lg-scjgj', name: '锡林郭勒盟市场监督管理局', type: 'department', regionCode: '152500', parentId: 'org-lg-centre' },
    { id: 'org-lg-wjw', name: '锡林郭勒盟卫生健康委员会', type: 'department', regionCode: '152500', parentId: 'org-lg-centre' },
    { id: 'org-lg-gaj', name: '锡林郭勒盟公安局', type: 'department', regionCode: '152500', parentId: 'org-lg-centre' },
    { id: 'org-lg-win-zhsl', name: '综合受理窗口', type: 'window', regionCode: '152500', parentId: 'org-lg-centre' },
    { id: 'org-xl-centre', name: '锡林浩特市政务服务中心', type: 'centre', regionCode: '152502', parentId: 'org-lg-centre' },
  ],
  users: [
    { id: 'user-lg-window', name: '乌兰', account: 'lg.window', organizationId: 'org-lg-win-zhsl', roleIds: ['role-window'] },
    { id: 'user-lg-approver', name: '巴特尔', account: 'lg.approver', organizationId: 'org-lg-scjgj', roleIds: ['role-approver'] },
    { id: 'user-lg-leader', name: '其其格', account: 'lg.leader', organizationId: 'org-lg-scjgj', roleIds: ['role-leader'] },
    { id: 'user-lg-wjw', name: '张明', account: 'lg.wjw', organizationId: 'org-lg-wjw', roleIds: ['role-approver'] },
    { id: 'user-lg-gaj', name: '李强', account: 'lg.gaj', organizationId: 'org-lg-gaj', roleIds: ['role-approver'] },
  ],
  item: {
    name: '食品经营许可',
    regionCode: '152500',
    timeLimit: { statutory: 20, promised: 15 },
    charges: true,
    fees: [{ id: 'fee-license', name: '工本费' }],
    result: { type: 'certificate' },
  },
  certificateTemplates: [{ id: 'ct-food-business', name: '食品经营许可证' }],
};

const role = (roleIds: string[], departmentIds: string[] = []) => ({ by: 'role' as const, roleIds, postIds: [], departmentIds, userIds: [], scope: 'same-centre' as const });
const human = (extra: Record<string, unknown>) => ({ actions: ['approve', 'reject', 'return', 'transfer'], returnTargets: [], fieldPermissions: {}, ...extra });

/** 受理 → 并联（市场监管牵头，卫健、公安） → 批准 → 收费 → 证照打印 → 办结; sound under the engine's review. */
export const sampleFlow: FlowDocument = {
  kind: 'flow',
  id: 'flow-sample-parallel',
  version: 1,
  schemaVersion: 1,
  name: '食品经营许可（并联）',
  formId: 'form-food-business',
  formVersion: 1,
  nodes: [
    { id: 'n-start', type: 'start', label: '申请', position: { x: 0, y: 160 }, settings: { fieldPermissions: {} } },
    { id: 'n-accept', type: 'task', label: '受理', position: { x: 180, y: 150 }, settings: human({ stage: 'accept', assignee: role(['role-window']), timeLimitDays: 1, actions: ['approve', 'reject', 'supplement'] }) },
    {
      id: 'n-split',
      type: 'parallel-split',
      label: '并联审批',
      position: { x: 420, y: 158 },
      settings: {
        branches: [
          { edgeId: 'e-split-a', departmentId: 'org-lg-scjgj' },
          { edgeId: 'e-split-b', departmentId: 'org-lg-wjw' },
          { edgeId: 'e-split-c', departmentId: 'org-lg-gaj' },
        ],
        leadDepartmentId: 'org-lg-scjgj',
      },
    },
    { id: 'n-review-a', type: 'task', label: '市场监管审查', position: { x: 620, y: 40 }, settings: human({ stage: 'undertake', assignee: role(['role-approver'], ['org-lg-scjgj']), timeLimitDays: 5, returnTargets: ['n-accept'] }) },
    { id: 'n-review-b', type: 'task', label: '卫健审查', position: { x: 620, y: 150 }, settings: human({ stage: 'undertake', assignee: role(['role-approver'], ['org-lg-wjw']), timeLimitDays: 5, returnTargets: ['n-accept'] }) },
    { id: 'n-review-c', type: 'task', label: '公安审查', position: { x: 620, y: 260 }, settings: human({ stage: 'undertake', assignee: role(['role-approver'], ['org-lg-gaj']), timeLimitDays: 5, returnTargets: ['n-accept'] }) },
    { id: 'n-join', type: 'parallel-join', label: '并联汇合', position: { x: 880, y: 158 }, settings: {} },
    { id: 'n-approve', type: 'task', label: '批准', position: { x: 1080, y: 150 }, settings: human({ stage: 'approve', assignee: role(['role-leader'], ['org-lg-scjgj']), timeLimitDays: 2, returnTargets: ['n-accept'] }) },
    { id: 'n-fee', type: 'fee-gate', label: '收费', position: { x: 1320, y: 154 }, settings: { feeIds: ['fee-license'], assignee: role(['role-window']), timeLimitDays: 1 } },
    { id: 'n-print', type: 'print-gate', label: '证照打印', position: { x: 1540, y: 154 }, settings: { certificateTemplateId: 'ct-food-business', assignee: role(['role-window']), timeLimitDays: 1 } },
    { id: 'n-end', type: 'end', label: '办结', position: { x: 1760, y: 160 }, settings: { outcome: 'approved' } },
  ],
  edges: [
    { id: 'e-start-accept', source: 'n-start', target: 'n-accept' },
    { id: 'e-accept-split', source: 'n-accept', target: 'n-split' },
    { id: 'e-split-a', source: 'n-split', target: 'n-review-a' },
    { id: 'e-split-b', source: 'n-split', target: 'n-review-b' },
    { id: 'e-split-c', source: 'n-split', target: 'n-review-c' },
    { id: 'e-a-join', source: 'n-review-a', target: 'n-join' },
    { id: 'e-b-join', source: 'n-review-b', target: 'n-join' },
    { id: 'e-c-join', source: 'n-review-c', target: 'n-join' },
    { id: 'e-join-approve', source: 'n-join', target: 'n-approve' },
    { id: 'e-approve-fee', source: 'n-approve', target: 'n-fee' },
    { id: 'e-fee-print', source: 'n-fee', target: 'n-print' },
    { id: 'e-print-end', source: 'n-print', target: 'n-end' },
  ],
};
