import { databaseKey, metadataGeneration, readAllDocuments, type Db } from '@xlgl/db';
import { canHandleTask, type CaseState, type Task } from '@xlgl/engine';
import type { UserDocument } from '@xlgl/schema';
import { loadActor, type DeskActor } from '../cases/runtime.js';
import { supervisingRegions } from './scope.js';

/** A person a warning or an urge goes to. */
export type Recipient = { userId: string; name: string; mobile: string | null };

export const supervisorRoleId = 'role-supervisor';

const usersCache = new WeakMap<object, { users: Promise<UserDocument[]>; generation: number; at: number }>();
const USERS_TTL_MS = 10_000;

/**
 * The active users, cached as `loadActor` caches a person: until metadata is written through this
 * process (`metadataGeneration`) and for at most ten seconds. A scan or sweep that cards hundreds of
 * cases reads them once, not twice a case.
 */
async function activeUsers(db: Db): Promise<UserDocument[]> {
  const key = databaseKey(db);
  const generation = metadataGeneration(db);
  const hit = usersCache.get(key);
  if (hit && hit.generation === generation && Date.now() - hit.at < USERS_TTL_MS) return hit.users;
  const users = readAllDocuments(db, ['user']).then((rows) => rows.map((row) => row.body as unknown as UserDocument).filter((user) => user.active !== false));
  const entry = { users, generation, at: Date.now() };
  usersCache.set(key, entry);
  users.catch(() => {
    if (usersCache.get(key) === entry) usersCache.delete(key);
  });
  return users;
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
