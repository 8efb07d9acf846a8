import { readAllDocuments, type Db } from '@xlgl/db';
import { canHandleTask, type CaseState, type Task } from '@xlgl/engine';
import type { UserDocument } from '@xlgl/schema';
import { loadActor, type DeskActor } from '../cases/runtime.js';
import { supervisingRegions } from './scope.js';

/** A person a warning or an urge goes to. */
export type Recipient = { userId: string; name: string; mobile: string | null };

export const supervisorRoleId = 'role-supervisor';

async function activeUsers(db: Db): Promise<UserDocument[]> {
  return (await readAllDocuments(db, ['user'])).map((row) => row.body as unknown as UserDocument).filter((user) => user.active !== false);
}

function recipientOf(user: UserDocument): Recipient {
  return { userId: user.id, name: user.name, mobile: user.mobile ?? null };
}

/** Supervisors (监察人员) at the case's region and above: a banner's case reaches banner and league supervisors. */
export async function supervisorsOf(db: Db, regionCode: string): Promise<Recipient[]> {
  const regions = new Set(supervisingRegions(regionCode));
  const out: Recipient[] = [];
  for (const user of await activeUsers(db)) {
    if (!user.roleIds.includes(supervisorRoleId)) continue;
    const actor = await loadActor(db, user.id);
    if (regions.has(actor.regionCode)) out.push(recipientOf(user));
  }
  return out;
}

type CaseHandlers = { handlers: Record<string, string>; acceptedBy: string; state: CaseState };

/**
 * Who is handling a task (or, without a task, the case): the named assignee, the department's
 * handler of record (P3 mode one), else everyone the task's assignee rule names.
 */
export async function handlersOf(db: Db, row: CaseHandlers, taskId: string | null): Promise<Recipient[]> {
  const tasks: Task[] = taskId ? row.state.tasks.filter((task) => task.id === taskId) : row.state.tasks;
  const users = await activeUsers(db);
  const byId = new Map(users.map((user) => [user.id, user]));
  const chosen = new Set<string>();
  for (const task of tasks) {
    if (task.assignedUserId) {
      chosen.add(task.assignedUserId);
      continue;
    }
    const candidates: DeskActor[] = [];
    for (const user of users) {
      if (!user.roleIds.some((role) => role !== supervisorRoleId)) continue;
      const actor = await loadActor(db, user.id);
      if (canHandleTask(task, actor)) candidates.push(actor);
    }
    // Mode one: the department's handler of record, when they are among the candidates.
    const ofRecord = candidates.filter((actor) => row.handlers[actor.unitId] === actor.userId);
    for (const actor of ofRecord.length > 0 ? ofRecord : candidates) chosen.add(actor.userId);
  }
  if (chosen.size === 0) chosen.add(row.acceptedBy);
  return [...chosen].map((id) => byId.get(id)).filter((user): user is UserDocument => !!user).map(recipientOf);
}
