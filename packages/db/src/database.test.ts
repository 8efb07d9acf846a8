import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { appendAudit, verifyAuditChain } from './audit.js';
import { commitEarly, defaultPoolSize, openDatabase, type DatabaseHandle } from './database.js';
import { executeText } from './statements.js';
import { findReferencesTo, readDocument, removeDocument, writeDocument } from './documents.js';
import { startQueue } from './queue.js';
import { rowsOf } from './rows.js';
import { openTestDatabase, testDatabaseKinds } from './testing.js';

describe.each(testDatabaseKinds())('database on %s', (kind) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('creates the system tables by migration', async () => {
    const rows = rowsOf<{ name: string }>(
      await handle.db.execute(sql`select table_name as name from information_schema.tables where table_schema = 'public' order by 1`),
    );
    expect(rows.map((row) => row.name)).toEqual(
      expect.arrayContaining(['accounts', 'audit_log', 'calendar_overrides', 'metadata_documents', 'metadata_heads', 'sessions', 'sign_in_attempts']),
    );
  });

  it('compresses the case state with lz4 where the server has it (PGlite keeps pglz)', async () => {
    const [row] = rowsOf<{ method: string | null }>(
      await handle.db.execute(sql`select nullif(attcompression::text, '') as method from pg_attribute where attrelid = 'cases'::regclass and attname = 'state'`),
    );
    expect(row!.method).toBe(kind === 'postgres' ? 'l' : null);
  });

  it('normalises execute results and counts to numbers', async () => {
    const rows = rowsOf<{ n: number }>(await handle.db.execute(sql`select count(*)::int as n from metadata_heads`));
    expect(rows).toEqual([{ n: 0 }]);
  });

  it.runIf(kind === 'postgres')('ends a transaction its client left idle after a minute (no lock held forever)', async () => {
    const rows = rowsOf<{ value: string }>(await handle.db.execute(sql`select current_setting('idle_in_transaction_session_timeout') as value`));
    expect(rows).toEqual([{ value: '1min' }]);
  });

  it('transactions: commit, roll back on a failed statement (awaited or swallowed), savepoints roll back alone', async () => {
    const { db } = handle;
    await db.execute(sql`create table tx_probe (id int primary key)`);
    const uniqueViolation = (error: unknown) => ((error as { cause?: { code?: string } }).cause ?? (error as { code?: string })).code === '23505';
    const ids = async () => rowsOf<{ id: number }>(await db.execute(sql`select id from tx_probe order by id`)).map((row) => row.id);
    // The first statements go out together with BEGIN (on PostgreSQL); the transaction is still one.
    await db.transaction(async (tx) => {
      await Promise.all([tx.execute(sql`insert into tx_probe values (1)`), tx.execute(sql`insert into tx_probe values (2)`)]);
    });
    expect(await ids()).toEqual([1, 2]);
    await expect(
      db.transaction(async (tx) => {
        await tx.execute(sql`insert into tx_probe values (3)`);
        await tx.execute(sql`insert into tx_probe values (1)`);
      }),
    ).rejects.toSatisfy(uniqueViolation);
    expect(await ids()).toEqual([1, 2]);
    // A failure the body caught does not commit the statements before it (the server aborted them).
    await expect(
      db.transaction(async (tx) => {
        await tx.execute(sql`insert into tx_probe values (4)`);
        await tx.execute(sql`insert into tx_probe values (2)`).catch(() => undefined);
      }),
    ).rejects.toSatisfy((error) => kind === 'pglite' || uniqueViolation(error));
    expect(await ids()).toEqual([1, 2]);
    await db.transaction(async (tx) => {
      await tx.execute(sql`insert into tx_probe values (5)`);
      await expect(
        tx.transaction(async (inner) => {
          await inner.execute(sql`insert into tx_probe values (6)`);
          await inner.execute(sql`insert into tx_probe values (1)`);
        }),
      ).rejects.toSatisfy(uniqueViolation);
      await tx.transaction(async (inner) => {
        await inner.execute(sql`insert into tx_probe values (7)`);
      });
    });
    expect(await ids()).toEqual([1, 2, 5, 7]);
    // A body that throws rolls back what it wrote.
    await expect(
      db.transaction(async (tx) => {
        await tx.execute(sql`insert into tx_probe values (8)`);
        throw new Error('body failed');
      }),
    ).rejects.toThrow('body failed');
    expect(await ids()).toEqual([1, 2, 5, 7]);
    await db.execute(sql`drop table tx_probe`);
  });

  it('commitEarly: COMMIT goes out behind the statements sent; a failed statement still rolls all back', async () => {
    const { db } = handle;
    await db.execute(sql`create table tx_early (id int primary key)`);
    const ids = async () => rowsOf<{ id: number }>(await db.execute(sql`select id from tx_early order by id`)).map((row) => row.id);
    const early = await db.transaction(async (tx) => {
      const writes = [executeText(tx, 'insert into tx_early values ($1)', [1]), executeText(tx, 'insert into tx_early values ($1)', [2])];
      const committed = commitEarly(tx);
      await Promise.all(writes);
      return committed;
    });
    // PostgreSQL commits early; PGlite (no round trips to save) commits when the function returns.
    expect(early).toBe(kind === 'postgres');
    expect(await ids()).toEqual([1, 2]);
    await expect(
      db.transaction(async (tx) => {
        const writes = [executeText(tx, 'insert into tx_early values ($1)', [3]), executeText(tx, 'insert into tx_early values ($1)', [1])];
        commitEarly(tx);
        await Promise.all(writes);
      }),
    ).rejects.toThrow();
    expect(await ids()).toEqual([1, 2]);
    // A version-check style statement that raises keeps the early COMMIT from committing anything.
    await expect(
      db.transaction(async (tx) => {
        const check = executeText(tx, 'select 1 / (select count(*) from tx_early where id = $1)::int as ok', [99]);
        const write = executeText(tx, 'insert into tx_early values ($1)', [4]);
        commitEarly(tx);
        await Promise.all([check, write]);
      }),
    ).rejects.toThrow();
    expect(await ids()).toEqual([1, 2]);
    if (kind === 'postgres')
      await expect(
        db.transaction(async (tx) => {
          commitEarly(tx);
          await executeText(tx, 'insert into tx_early values ($1)', [5]);
        }),
      ).rejects.toThrow('事务已提交');
    await db.execute(sql`drop table tx_early`);
  });

  it.runIf(kind === 'postgres')('a transaction whose server connection ends fails with a connection error; the process and the pool go on', async () => {
    const { db } = handle;
    for (const pipelined of [false, true]) {
      const failure = await db
        .transaction(async (tx) => {
          const [row] = rowsOf<{ pid: number }>(await executeText(tx, 'select pg_backend_pid() as pid', []));
          // Ended from another pooled connection, as a server restart or an administrator would.
          await db.execute(sql`select pg_terminate_backend(${row!.pid})`);
          await new Promise((resolve) => setTimeout(resolve, 100));
          const more = pipelined ? [executeText(tx, 'select 1', []), executeText(tx, 'select 2', [])] : [];
          await Promise.all([...more, executeText(tx, 'select 3', [])]);
        })
        .then(
          () => undefined,
          (error: unknown) => error as { code?: string; cause?: { code?: string } },
        );
      expect(failure?.cause?.code ?? failure?.code).toMatch(/^CONNECTION_|ECONNRESET|EPIPE/);
      // The ended connection is not handed out again as if it were open.
      expect(rowsOf<{ v: number }>(await db.execute(sql`select 42 as v`))).toEqual([{ v: 42 }]);
      expect(rowsOf<{ v: number }>(await db.transaction((tx) => tx.execute(sql`select 43 as v`)))).toEqual([{ v: 43 }]);
    }
  });

  it('writes versions, skips unchanged content and tracks references', async () => {
    const { db } = handle;
    const first = await db.transaction((tx) =>
      writeDocument(tx, { kind: 'role', id: 'role-a', body: { kind: 'role', id: 'role-a', version: 1, name: '甲' }, references: [], actor: 'test' }),
    );
    expect(first).toMatchObject({ version: 1, changed: true, previousVersion: null });
    const same = await writeDocument(db, { kind: 'role', id: 'role-a', body: { kind: 'role', id: 'role-a', version: 7, name: '甲' }, references: [], actor: 'test' });
    expect(same).toMatchObject({ version: 1, changed: false });
    const second = await writeDocument(db, { kind: 'role', id: 'role-a', body: { kind: 'role', id: 'role-a', version: 1, name: '乙' }, references: [], actor: 'test' });
    expect(second).toMatchObject({ version: 2, changed: true, previousVersion: 1 });
    expect((await readDocument(db, 'role', 'role-a'))?.body).toMatchObject({ name: '乙', version: 2 });

    await writeDocument(db, {
      kind: 'user',
      id: 'u1',
      body: { kind: 'user', id: 'u1', roleIds: ['role-a'] },
      references: [{ path: ['roleIds', 0], kind: 'role', id: 'role-a' }],
      actor: 'test',
    });
    expect(await findReferencesTo(db, 'role', ['role-a'])).toEqual([{ fromKind: 'user', fromId: 'u1', path: ['roleIds', 0] }]);
    expect(await removeDocument(db, 'user', 'u1')).toBe(true);
    expect(await findReferencesTo(db, 'role', ['role-a'])).toEqual([]);
    expect(await readDocument(db, 'user', 'u1')).toBeNull();
  });

  it('keeps a hash chain in the audit log and detects tampering', async () => {
    const { db } = handle;
    await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        db.transaction((tx) => appendAudit(tx, { actor: 'test', action: 'test.append', target: `t/${index}`, detail: { index, nested: { b: 1, a: [1, 2] } } })),
      ),
    );
    const verified = await verifyAuditChain(db);
    expect(verified).toEqual({ ok: true, checked: 10, problems: [] });

    await expect(db.execute(sql`update audit_log set actor = 'mallory' where seq = 3`)).rejects.toThrow();
    await db.execute(sql`alter table audit_log disable trigger audit_log_append_only`);
    await db.execute(sql`update audit_log set actor = 'mallory' where seq = 3`);
    await db.execute(sql`delete from audit_log where seq = 6`);
    await db.execute(sql`alter table audit_log enable trigger audit_log_append_only`);
    const broken = await verifyAuditChain(db);
    expect(broken.ok).toBe(false);
    expect(broken.problems).toEqual([
      { seq: 3, message: '审计记录3的内容与其哈希不符（可能被篡改）' },
      { seq: 7, message: '审计记录缺失：序号6至6不存在（可能被删除）' },
      { seq: 7, message: '审计记录7的前序哈希与上一条记录不符' },
    ]);
  });

  it('starts pg-boss and runs a job', async () => {
    const boss = await startQueue(handle, { supervise: false, schedule: false });
    try {
      await boss.createQueue('test-queue');
      const id = await boss.send('test-queue', { hello: '世界' });
      expect(id).toBeTruthy();
      const jobs = await boss.fetch<{ hello: string }>('test-queue');
      expect(jobs.map((job) => job.data)).toEqual([{ hello: '世界' }]);
      await boss.complete('test-queue', jobs[0]!.id);
      const job = await boss.getJobById('test-queue', jobs[0]!.id);
      expect(job?.state).toBe('completed');
    } finally {
      await boss.stop({ graceful: false, wait: true });
    }
  });
});

describe('connection pool size', () => {
  it('defaults to twice the cores plus one, between 4 and 10', () => {
    expect([1, 2, 3, 4, 16].map((cores) => defaultPoolSize(cores))).toEqual([4, 5, 7, 9, 10]);
  });

  it.runIf(Boolean(process.env.TEST_DATABASE_URL))('opens PostgreSQL with the default or the given number of connections', async () => {
    const url = process.env.TEST_DATABASE_URL!;
    const defaulted = await openDatabase({ url });
    const given = await openDatabase({ url, maxConnections: 2 });
    try {
      expect(defaulted.sql!.options.max).toBe(defaultPoolSize());
      expect(given.sql!.options.max).toBe(2);
      // Two connections serve more concurrent queries than that, in turn.
      const backends = await Promise.all(Array.from({ length: 6 }, () => given.sql!`select pg_backend_pid() as pid, pg_sleep(0.05)`));
      expect(new Set(backends.map(([row]) => row!.pid)).size).toBe(2);
    } finally {
      await defaulted.close();
      await given.close();
    }
  });
});
