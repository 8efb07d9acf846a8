import type { AssigneeRule } from '@xlgl/schema';
import type { FlowDesignerContext } from '../types.js';

function names(ids: string[], list: Array<{ id: string; name: string }>): string {
  return ids.map((id) => list.find((entry) => entry.id === id)?.name ?? id).join('、');
}

/** `审批人员 · 上级中心` — a one-line rendering of an assignee rule. */
export function describeAssignee(rule: AssigneeRule | undefined, context: FlowDesignerContext): string | undefined {
  if (!rule) return undefined;
  const parts: string[] = [];
  if (rule.departmentIds.length) parts.push(names(rule.departmentIds, context.organizations));
  if (rule.roleIds.length) parts.push(names(rule.roleIds, context.roles));
  if (rule.postIds.length) parts.push(names(rule.postIds, context.posts));
  if (rule.by === 'users' && rule.userIds.length) parts.push(names(rule.userIds, context.users));
  if (rule.scope === 'higher-centre') parts.push('上级中心');
  return parts.length ? parts.join(' · ') : undefined;
}

/** Joins the parts that exist with `·`. */
export function summaryOf(...parts: Array<string | undefined | false>): string | undefined {
  const present = parts.filter((part): part is string => Boolean(part));
  return present.length ? present.join(' · ') : undefined;
}

export function daysText(days: number | undefined): string | undefined {
  return days === undefined ? undefined : `${days}个工作日`;
}
