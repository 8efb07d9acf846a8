import { fileURLToPath } from 'node:url';
import { TRPCError } from '@trpc/server';
import type { Db } from '@xlgl/db';
import { csrfCookieName } from '../auth/cookies.js';
import { createContext } from '../context.js';
import { appRouter } from '../routers/app.js';
import { createCallerFactory, type ProcedureMeta } from '../trpc.js';
import type { TestApp, TestClient } from '../testing/index.js';

/** The shipped metadata: the real roles, demo accounts, items and flows. */
export const shippedMetadataDir = fileURLToPath(new URL('../../../../metadata', import.meta.url));

export type ProcedureInfo = {
  path: string;
  type: 'query' | 'mutation' | 'subscription';
  access: ProcedureMeta['access'];
  inputs: unknown[];
};

/** Every procedure of the app router, with its declared access and its zod input parsers. */
export function listProcedures(): ProcedureInfo[] {
  const procedures = appRouter._def.procedures as unknown as Record<
    string,
    { _def: { type: ProcedureInfo['type']; meta?: ProcedureMeta; inputs: unknown[] } }
  >;
  return Object.entries(procedures).map(([path, procedure]) => ({
    path,
    type: procedure._def.type,
    access: procedure._def.meta?.access,
    inputs: procedure._def.inputs,
  }));
}

export type CallOutcome = { ok: true; value: unknown } | { ok: false; code: string; message: string; internal: boolean; error: unknown };

const createCaller = createCallerFactory(appRouter);

/** Calls a procedure by its dotted path; a subscription's stream is closed at once. */
async function invoke(caller: unknown, path: string, input: unknown): Promise<unknown> {
  const fn = path.split('.').reduce<any>((node, key) => node?.[key], caller);
  if (typeof fn !== 'function') throw new Error(`procedure ${path} not found on the caller`);
  const value = await fn(input);
  if (value && typeof value === 'object' && Symbol.asyncIterator in value) {
    await (value as AsyncIterable<unknown>)[Symbol.asyncIterator]().return?.(undefined);
  }
  return value;
}

function outcomeOf(error: unknown): CallOutcome {
  if (error instanceof TRPCError)
    return { ok: false, code: error.code, message: error.message, internal: error.code === 'INTERNAL_SERVER_ERROR', error };
  return { ok: false, code: 'THROWN', message: error instanceof Error ? error.message : String(error), internal: true, error };
}

/** A caller for `client`'s cookies on `db` (the app's database or a transaction). */
async function callerFor(app: TestApp, client: TestClient | null, db: Db) {
  const cookies = client ? Object.fromEntries(client.cookies) : {};
  const context = await createContext({
    db,
    databaseKind: app.kind,
    request: {
      ip: client?.options.ip ?? '10.9.9.9',
      userAgent: 'security-test',
      cookies,
      csrfHeader: cookies[csrfCookieName] ?? null,
      secure: false,
    },
    appendSetCookie: () => {},
  });
  return createCaller(context);
}

/** Calls a procedure as `client` (null: anonymous, no cookies) for real. */
export async function call(app: TestApp, client: TestClient | null, request: { path: string; input: unknown }): Promise<CallOutcome> {
  const { path, input } = request;
  try {
    return { ok: true, value: await invoke(await callerFor(app, client, app.db), path, input) };
  } catch (error) {
    return outcomeOf(error);
  }
}

class Rollback extends Error {}

/**
 * Calls a procedure inside a transaction that is always rolled back: the answer is real, the effects
 * vanish, so the permission matrix can call every mutation as every role on the same data.
 */
export async function callRolledBack(
  app: TestApp,
  client: TestClient | null,
  request: { path: string; input: unknown },
): Promise<CallOutcome> {
  const { path, input } = request;
  let outcome: CallOutcome | undefined;
  try {
    await app.db.transaction(async (tx) => {
      try {
        outcome = { ok: true, value: await invoke(await callerFor(app, client, tx as unknown as Db), path, input) };
      } catch (error) {
        outcome = outcomeOf(error);
      }
      throw new Rollback();
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
  return outcome!;
}

/** The access guard's own refusals (as opposed to a refusal by the procedure's business rules). */
export function isGuardRefusal(outcome: CallOutcome): boolean {
  if (outcome.ok) return false;
  if (outcome.code === 'UNAUTHORIZED' && outcome.message === '请先登录') return true;
  return outcome.code === 'FORBIDDEN' && /^没有权限：此操作需要“.+”权限$/.test(outcome.message);
}
