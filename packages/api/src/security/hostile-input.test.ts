import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { TRPCError } from '@trpc/server';
import { getErrorShape } from '@trpc/server/unstable-core-do-not-import';
import { capabilities } from '@xlgl/schema';
import { listPublicTables, rowsOf, type Db } from '@xlgl/db';
import { appRouter } from '../routers/app.js';
import { createTestApp, testDatabaseKinds, type TestApp, type TestClient } from '../testing/index.js';
import { call, listProcedures, type CallOutcome } from './harness.js';
import { hostileStrings, procedureInputArbitrary } from './zod-arbitrary.js';

/** Inputs per procedure: bounded so both databases finish well within a minute. */
const runsPerProcedure = Number(process.env.FUZZ_RUNS ?? 6);

/**
 * Findings of this test in code owned by other features, to be fixed there (then removed here): the
 * key is `<procedure> <code>`. Each is still reported on the console at every run.
 */
const knownFindings: Record<string, string> = {};
const cjk = /[\u3400-\u9fff]/;

async function rowCounts(db: Db): Promise<Map<string, number>> {
  const tables = await listPublicTables(db);
  const union = sql.join(
    tables.map((table) => sql`SELECT ${table}::text AS t, count(*)::int AS n FROM ${sql.identifier(table)}`),
    sql` UNION ALL `,
  );
  return new Map(rowsOf<{ t: string; n: number }>(await db.execute(union)).map((row) => [row.t, Number(row.n)]));
}

function changedTables(before: Map<string, number>, after: Map<string, number>, ignore: string[]): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  // A table created empty on first use (form-table bookkeeping) holds no written row.
  return [...names]
    .filter((name) => !ignore.includes(name) && (before.get(name) ?? 0) !== (after.get(name) ?? 0))
    .map((name) => `${name} ${before.get(name) ?? 0}→${after.get(name) ?? 0}`);
}

/** The message the client receives (the router's error formatter applied, as over HTTP). */
function clientMessage(outcome: Extract<CallOutcome, { ok: false }>, path: string, type: string): string {
  const error = outcome.error instanceof TRPCError ? outcome.error : new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: outcome.error });
  const shape = getErrorShape({ config: appRouter._def._config, error, type: type as 'query', path, input: undefined, ctx: undefined });
  return shape.message;
}

function preview(value: unknown): string {
  try {
    const text = JSON.stringify(value) ?? String(value);
    return text.length > 160 ? `${text.slice(0, 160)}…` : text;
  } catch {
    return String(value).slice(0, 160);
  }
}

/** Figures for docs/reliability.md. */
const figures = { procedures: 0, inputs: 0, rejected: 0 };

describe.each(testDatabaseKinds())('hostile input on %s', (kind) => {
  let app: TestApp;
  let fuzzer: TestClient;

  beforeAll(async () => {
    app = await createTestApp({ kind });
    // A signed-in administrator holding every capability, so no procedure stops at the access guard.
    const admin = await app.signIn('admin');
    await admin.api.admin.documents.save({
      document: { kind: 'role', id: 'role-fuzz', schemaVersion: 1, name: '全部权限（测试）', capabilities: [...capabilities] },
    });
    await admin.api.admin.documents.save({
      document: {
        kind: 'user',
        id: 'fuzz.all',
        schemaVersion: 1,
        account: 'fuzz.all',
        name: '模糊测试',
        organizationId: 'org-lg-window',
        roleIds: ['role-fuzz'],
      },
    });
    await admin.api.admin.users.resetPassword({ userId: 'fuzz.all', password: 'Fuzz2026x' });
    fuzzer = await app.signIn('fuzz.all', 'Fuzz2026x');
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  it(`every procedure, ${runsPerProcedure} generated inputs each: no internal error, Chinese messages, nothing written on rejection`, async () => {
    // signOut ends the fuzzer's session, so it goes last.
    const procedures = listProcedures().sort((a, b) => Number(a.path === 'auth.signOut') - Number(b.path === 'auth.signOut'));
    const problems = new Map<string, string>();
    // Fixed by default so a failure is reproducible; FUZZ_SEED=random (or a number) explores further.
    const seed = process.env.FUZZ_SEED === 'random' ? Date.now() % 1_000_000 : Number(process.env.FUZZ_SEED ?? 20_261_127);
    let counts = await rowCounts(app.db);
    let inputs = 0;
    let rejected = 0;
    for (const procedure of procedures) {
      const samples = fc.sample(procedureInputArbitrary(procedure.inputs), { numRuns: runsPerProcedure, seed: seed + inputs });
      for (const input of samples) {
        inputs += 1;
        const outcome = await call(app, fuzzer, { path: procedure.path, input });
        const after = await rowCounts(app.db);
        if (!outcome.ok) {
          rejected += 1;
          const key = `${procedure.path} ${outcome.code}`;
          if (outcome.internal) {
            if (knownFindings[key]) console.warn(`known finding ${key}: ${knownFindings[key]}`);
            else problems.set(key, `${procedure.path}: ${outcome.code} ${outcome.message.slice(0, 200)} ← ${preview(input)}`);
          }
          const message = clientMessage(outcome, procedure.path, procedure.type);
          if (!cjk.test(message))
            problems.set(`${key} message`, `${procedure.path}: 非中文错误信息“${message.slice(0, 200)}” ← ${preview(input)}`);
          // A failed sign-in is recorded on purpose (rate limit); nothing else may be written.
          const changed = changedTables(counts, after, procedure.path === 'auth.signIn' ? ['sign_in_attempts'] : []);
          if (changed.length > 0)
            problems.set(`${key} write`, `${procedure.path}: 拒绝后仍写入了 ${changed.join('，')} ← ${preview(input)}`);
        }
        counts = after;
      }
    }
    figures.procedures = procedures.length;
    figures.inputs = inputs;
    figures.rejected = rejected;
    console.info(`hostile input on ${kind} (seed ${seed}): ${procedures.length} procedures, ${inputs} inputs, ${rejected} rejected`);
    expect([...problems.values()]).toEqual([]);
    expect(inputs).toBe(procedures.length * runsPerProcedure);
  });

  it('stores hostile metadata as text and gives it back unchanged; over-long labels are refused in Chinese', async () => {
    const admin = await app.signIn('admin');
    const label = "<script>alert('x')</script>'; DROP--";
    const description = `${hostileStrings.slice(0, 10).join(' | ')} ${'长'.repeat(200)}`.slice(0, 500);
    const post = { kind: 'post', id: 'post-hostile', schemaVersion: 1, name: label, description, organizationId: 'org-lg-centre' };
    await admin.api.admin.documents.save({ document: post });
    expect(await admin.api.admin.documents.get({ kind: 'post', id: 'post-hostile' })).toMatchObject({ name: label, description });
    const listed = await admin.api.admin.documents.list({ kind: 'post', search: "'; DROP", page: 1, pageSize: 10 });
    expect(listed.rows.map((row) => row.document.id)).toEqual(['post-hostile']);

    const dictionary = {
      kind: 'dictionary',
      id: 'dict-hostile',
      schemaVersion: 1,
      name: '<b>字典</b>',
      entries: hostileStrings.slice(0, 6).map((text, index) => ({ value: `v${index}`, label: text.slice(0, 100) || '空' })),
    };
    await admin.api.admin.documents.save({ document: dictionary });
    expect(await admin.api.admin.documents.get({ kind: 'dictionary', id: 'dict-hostile' })).toMatchObject({ entries: dictionary.entries });

    let refusal: TRPCError | undefined;
    try {
      await admin.api.admin.documents.save({ document: { ...post, id: 'post-long', name: `<script>${'长'.repeat(1000)}` } });
    } catch (error) {
      refusal = error as TRPCError;
    }
    expect(refusal?.code).toBe('BAD_REQUEST');
    expect(refusal?.message).toBe('文档校验未通过：岗位名称不能超过50个字符');
  });
});
