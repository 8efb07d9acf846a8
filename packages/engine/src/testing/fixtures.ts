import { flowDocument, type AssigneeRule, type FlowDocument, type FlowNodeType } from '@xlgl/schema';
import type { Actor } from '../assignee/assignee.js';
import { createWorkingCalendar } from '../calendar/index.js';

/** Test harness: compact flow construction, actors at the league and 锡林浩特市 centres, a calendar. */
export type NodeSpec = readonly [id: string, type: FlowNodeType, settings?: Record<string, unknown>, label?: string];
export type EdgeSpec = readonly [source: string, target: string, extra?: { id?: string; condition?: unknown; isDefault?: boolean; label?: string }];

export function buildFlow(spec: { id?: string; version?: number; nodes: readonly NodeSpec[]; edges: readonly EdgeSpec[]; unchecked?: boolean }): FlowDocument {
  const raw = {
    kind: 'flow',
    id: spec.id ?? 'flow-test',
    version: spec.version ?? 1,
    schemaVersion: 1,
    name: '测试流程',
    nodes: spec.nodes.map(([id, type, settings, label], index) => ({ id, type, label: label ?? id, position: { x: index * 100, y: 0 }, settings: settings ?? {} })),
    edges: spec.edges.map(([source, target, extra], index) => ({ id: extra?.id ?? `e${index}-${source}-${target}`, source, target, ...extra })),
  };
  // `unchecked` builds documents the schema would refuse, to test the review's own settings check.
  return spec.unchecked ? (raw as FlowDocument) : flowDocument.parse(raw);
}

/** Edges along a chain of node ids. */
export function chain(...ids: string[]): EdgeSpec[] {
  return ids.slice(1).map((id, index) => [ids[index]!, id] as EdgeSpec);
}

export function role(roleId: string, scope: AssigneeRule['scope'] = 'same-centre'): AssigneeRule {
  return { by: 'role', roleIds: [roleId], postIds: [], departmentIds: [], userIds: [], scope };
}

export function department(departmentId: string, roleId?: string): AssigneeRule {
  return { by: 'department', roleIds: roleId ? [roleId] : [], postIds: [], departmentIds: [departmentId], userIds: [], scope: 'same-centre' };
}

export function step(assignee: AssigneeRule, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { assignee, timeLimitDays: 2, actions: ['approve', 'reject', 'return', 'transfer', 'supplement', 'suspend', 'escalate', 'withdraw'], ...extra };
}

export const xlWindow: Actor = { userId: 'xl.window', roleIds: ['role-window'], organizationIds: ['org-xl-win-zhsl', 'org-xl-centre'], regionCode: '152502' };
export const xlApprover: Actor = { userId: 'xl.approver', roleIds: ['role-approver'], organizationIds: ['org-xl-scjgj', 'org-xl-centre'], regionCode: '152502' };
export const xlApprover2: Actor = { userId: 'xl.approver2', roleIds: ['role-approver'], organizationIds: ['org-xl-scjgj', 'org-xl-centre'], regionCode: '152502' };
export const xlLeader: Actor = { userId: 'xl.leader', roleIds: ['role-leader'], organizationIds: ['org-xl-scjgj', 'org-xl-centre'], regionCode: '152502' };
export const lgApprover: Actor = { userId: 'lg.approver', roleIds: ['role-approver'], organizationIds: ['org-lg-scjgj', 'org-lg-centre'], regionCode: '152500' };
export const lgWindow: Actor = { userId: 'lg.window', roleIds: ['role-window'], organizationIds: ['org-lg-win-zhsl', 'org-lg-centre'], regionCode: '152500' };

export const calendar = createWorkingCalendar();
/** Monday 2026-06-01, 09:00 in China. */
export const monday = '2026-06-01T01:00:00.000Z';

/** An instant `days` calendar days after `monday`. */
export function later(days: number): string {
  return new Date(new Date(monday).getTime() + days * 86_400_000).toISOString();
}
