import { z } from 'zod';
import { documentId, fieldId } from '../ids.js';
import { workingDays } from '../common.js';

/**
 * Where the assignee sits relative to the case: the centre that accepted it, or the centre one
 * level up (a banner case escalated to the league centre).
 */
export const assigneeScopes = ['same-centre', 'higher-centre'] as const;
export type AssigneeScope = (typeof assigneeScopes)[number];
export const assigneeScopeLabels: Record<AssigneeScope, string> = { 'same-centre': '受理中心', 'higher-centre': '上级中心' };

export const assigneeKinds = ['role', 'post', 'department', 'users'] as const;
export type AssigneeKind = (typeof assigneeKinds)[number];
export const assigneeKindLabels: Record<AssigneeKind, string> = { role: '按角色', post: '按岗位', department: '按部门', users: '指定人员' };

/**
 * Who may handle a human step. `by` names the primary selector; the other lists narrow it
 * (e.g. by role within departments). Named users ignore the scope.
 */
export const assigneeRule = z.object({
  by: z.enum(assigneeKinds, { message: '办理人规则应为按角色、按岗位、按部门或指定人员' }),
  roleIds: z.array(documentId).default([]),
  postIds: z.array(documentId).default([]),
  departmentIds: z.array(documentId).default([]),
  userIds: z.array(documentId).default([]),
  scope: z.enum(assigneeScopes).default('same-centre'),
});
export type AssigneeRule = z.infer<typeof assigneeRule>;

/** Actions a handler may be offered at a human step. */
export const stepActions = ['approve', 'reject', 'return', 'transfer', 'supplement', 'suspend', 'escalate', 'withdraw'] as const;
export type StepAction = (typeof stepActions)[number];
export const stepActionLabels: Record<StepAction, string> = {
  approve: '通过',
  reject: '不予许可',
  return: '退回',
  transfer: '转办',
  supplement: '补正告知',
  suspend: '特别程序',
  escalate: '上报',
  withdraw: '撤回',
};

export const fieldPermissionValues = ['edit', 'read', 'hidden'] as const;
export type FieldPermission = (typeof fieldPermissionValues)[number];
/** Per-field permissions on the bound form: fieldId → edit / read / hidden (absent = read). */
export const fieldPermissions = z.record(fieldId, z.enum(fieldPermissionValues, { message: '字段权限应为编辑、只读或隐藏' })).default({});

/** Supervision stages (电子监察 process stages) a step reports as. */
export const supervisionStages = ['accept', 'undertake', 'review', 'approve', 'certify', 'deliver', 'conclude'] as const;
export type SupervisionStage = (typeof supervisionStages)[number];
export const supervisionStageLabels: Record<SupervisionStage, string> = {
  accept: '受理',
  undertake: '承办',
  review: '审核',
  approve: '批准',
  certify: '制证',
  deliver: '送达',
  conclude: '办结',
};

/** Settings shared by every step a person handles. All optional in shape; the flow review insists. */
export const humanStepSettings = z.object({
  stage: z.enum(supervisionStages).optional(),
  assignee: assigneeRule.optional(),
  /** Time limit of the step in working days. */
  timeLimitDays: workingDays.optional(),
  actions: z.array(z.enum(stepActions, { message: '未知的办理动作' })).default(['approve', 'reject', 'return', 'transfer']),
  /** Earlier human steps this step may return (退回) to. */
  returnTargets: z.array(documentId).default([]),
  fieldPermissions,
});
export type HumanStepSettings = z.infer<typeof humanStepSettings>;

/** A gate is a waiting point handled at the window; it refuses completion until its fact holds. */
export const gateSettings = z.object({
  assignee: assigneeRule.optional(),
  timeLimitDays: workingDays.optional(),
});
