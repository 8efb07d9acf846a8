import type { AssigneeRule } from '@xlgl/schema';

/**
 * A person as the engine sees them: the caller builds this from the user, their organisation
 * (with its ancestors) and the region of the centre they work at.
 */
export type Actor = {
  userId: string;
  name?: string;
  roleIds: string[];
  postIds?: string[];
  /** The user's organisation and all its ancestors (window → department → centre). */
  organizationIds: string[];
  /** Region code of the centre the user works at. */
  regionCode: string;
};

/** A directory entry for assignee resolution at publish time (rule 10). */
export type DirectoryUser = Actor & { active: boolean };

/** The region of the centre one level up: banner 152502 → league 152500. */
export function higherRegionCode(regionCode: string): string | undefined {
  if (regionCode.length > 6) return regionCode.slice(0, regionCode.length === 9 ? 6 : 9);
  if (regionCode.endsWith('0000')) return undefined;
  if (regionCode.endsWith('00')) return `${regionCode.slice(0, 2)}0000`;
  return `${regionCode.slice(0, 4)}00`;
}

/** The region where a step with this rule is handled, for a case accepted at `caseRegionCode`. */
export function assigneeRegionCode(rule: AssigneeRule | undefined, caseRegionCode: string): string {
  if (rule?.scope === 'higher-centre') return higherRegionCode(caseRegionCode) ?? caseRegionCode;
  return caseRegionCode;
}

const intersects = (a: readonly string[] | undefined, b: readonly string[]) => (a ?? []).some((x) => b.includes(x));

/** Whether `actor` is a candidate handler under `rule` for a step handled in `regionCode`. */
export function matchesAssignee(rule: AssigneeRule, actor: Actor, regionCode: string): boolean {
  if (rule.by === 'users') return rule.userIds.includes(actor.userId);
  if (actor.regionCode !== regionCode) return false;
  if (rule.roleIds.length > 0 && !intersects(actor.roleIds, rule.roleIds)) return false;
  if (rule.postIds.length > 0 && !intersects(actor.postIds, rule.postIds)) return false;
  if (rule.departmentIds.length > 0 && !intersects(actor.organizationIds, rule.departmentIds)) return false;
  if (rule.by === 'role') return rule.roleIds.length > 0;
  if (rule.by === 'post') return rule.postIds.length > 0;
  return rule.departmentIds.length > 0;
}

/** Whether the rule names anyone at all (its primary list is non-empty). */
export function isAssigneeRuleComplete(rule: AssigneeRule | undefined): rule is AssigneeRule {
  if (!rule) return false;
  const primary = { role: rule.roleIds, post: rule.postIds, department: rule.departmentIds, users: rule.userIds }[rule.by];
  return primary.length > 0;
}

/** Active users a rule resolves to for a case accepted at `caseRegionCode`. */
export function resolveAssignees(rule: AssigneeRule, users: readonly DirectoryUser[], caseRegionCode: string): DirectoryUser[] {
  const regionCode = assigneeRegionCode(rule, caseRegionCode);
  return users.filter((user) => user.active && matchesAssignee(rule, user, regionCode));
}

/** A short Chinese description of a rule, for messages. */
export function describeAssignee(rule: AssigneeRule): string {
  const scope = rule.scope === 'higher-centre' ? '上级中心' : '受理中心';
  switch (rule.by) {
    case 'users':
      return `指定人员（${rule.userIds.join('、') || '未指定'}）`;
    case 'role':
      return `${scope}角色（${rule.roleIds.join('、') || '未指定'}）`;
    case 'post':
      return `${scope}岗位（${rule.postIds.join('、') || '未指定'}）`;
    case 'department':
      return `${scope}部门（${rule.departmentIds.join('、') || '未指定'}）`;
  }
}
