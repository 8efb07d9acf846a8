import { TRPCError } from '@trpc/server';
import { canHandleTask, type Task } from '@xlgl/engine';
import type { PermissionMode } from '@xlgl/schema';
import type { DeskActor } from './runtime.js';

/** The permission mode (P3) the actor works under: their own centre's setting. */
export function permissionModeOf(actor: DeskActor): PermissionMode {
  return actor.centre?.permissionMode ?? 'own-case';
}

export type CaseAccessRow = {
  regionCode: string;
  escalatedTo: string | null;
  acceptedBy: string;
  handlers: Record<string, string>;
};

/** A superior (部门负责人): sees every case of their centre and those escalated to it, acts on none as superior. */
export function isSuperior(capabilities: readonly string[]): boolean {
  return capabilities.includes('desk.lead');
}

/**
 * The handler slot of a task in P3 mode one: people of one department who share the same assignee
 * pool (same post/role/department/users rule) compete for a case; the first to act holds it. A step of
 * another pool in the same department (e.g. the leader's decision) has its own slot.
 */
export function handlerKey(unitId: string, task: Task): string {
  const rule = task.assignee;
  const ids = rule ? [...rule.postIds, ...rule.roleIds, ...rule.departmentIds, ...rule.userIds].sort().join(',') : 'role-window';
  return `${unitId}|${rule?.by ?? 'role'}:${ids}`;
}

/**
 * P3 check before an action on a task. Mode one (own-case): the first person of a department to act
 * on a case becomes its handler there; colleagues (and superiors) cannot act on it until a superior
 * reassigns it. Mode two (own-stage): whoever the stage's assignee rule names acts on that stage only.
 */
export function assertMayAct(options: { actor: DeskActor; row: CaseAccessRow; task: Task }): void {
  const { actor, row, task } = options;
  if (!canHandleTask(task, actor)) {
    throw new TRPCError({ code: 'FORBIDDEN', message: `您不是待办“${task.label}”的办理人，不能办理（上级可查看办件，但不能代为办理）` });
  }
  if (permissionModeOf(actor) === 'own-case' && !task.assignedUserId) {
    const handler = row.handlers[handlerKey(actor.unitId, task)];
    if (handler && handler !== actor.userId) {
      throw new TRPCError({ code: 'FORBIDDEN', message: `该办件在“${actor.unitName}”已由其他经办人办理（权限模式一：只能办理本人经办的办件），如需接手请由部门负责人改派` });
    }
  }
}

/** Whether the actor may view a case, given the tasks they hold or held on it. */
export function mayView(options: { actor: DeskActor; capabilities: readonly string[]; row: CaseAccessRow; openTasks: Task[]; handledByActor: boolean }): boolean {
  const { actor, row } = options;
  if (isSuperior(options.capabilities) && (row.regionCode === actor.regionCode || row.escalatedTo === actor.regionCode)) return true;
  if (row.acceptedBy === actor.userId || options.handledByActor) return true;
  if (permissionModeOf(actor) === 'own-case' && Object.values(row.handlers).includes(actor.userId)) return true;
  return options.openTasks.some((task) => {
    if (!canHandleTask(task, actor)) return false;
    if (permissionModeOf(actor) !== 'own-case' || task.assignedUserId) return true;
    const handler = row.handlers[handlerKey(actor.unitId, task)];
    return !handler || handler === actor.userId;
  });
}
