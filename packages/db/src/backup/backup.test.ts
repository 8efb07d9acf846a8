import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { fieldTypeShowcaseForm, formDocument } from '@xlgl/schema';
import { appendAudit } from '../audit.js';
import type { DatabaseHandle, DatabaseKind, Db } from '../database.js';
import { openFormTable, getFormRecord, insertFormRecord, publishFormTable } from '../form-tables/index.js';
import { rowsOf } from '../rows.js';
import { openTestDatabase, testDatabaseKinds } from '../testing.js';
import { signInAttempts } from '../schema/auth.js';
import { metadataDocuments } from '../schema/metadata.js';
import {
  backupFileName,
  BackupError,
  listBackupFiles,
  listPublicTables,
  pruneBackupFiles,
  restoreBackup,
  writeBackup,
  type BackupSidecar,
} from './index.js';

let formId = '';
const hostile = `'); DROP TABLE audit_log; -- <script>alert("x")</script> ${'长'.repeat(1000)} \\ \n\t 😀 "quoted"`;

/** Every table's rows as sorted `to_jsonb` texts: what "identical contents" means. */
async function contents(handle: DatabaseHandle): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  await handle.db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL TimeZone = 'UTC'`);
    for (const table of await listPublicTables(tx as unknown as Db)) {
      const rows = rowsOf<{ r: string }>(await tx.execute(sql`SELECT to_jsonb(t)::text AS r FROM ${sql.identifier(table)} t`));
      out[table] = rows.map((row) => row.r).sort();
    }
  });
  return out;
}

async function sequenceValue(handle: DatabaseHandle, name: string): Promise<string> {
  const [row] = rowsOf<{ v: string }>(await handle.db.execute(sql`SELECT last_value::text AS v FROM ${sql.identifier(name)}`));
  return row!.v;
}

async function fill(handle: DatabaseHandle): Promise<string> {
  const db = handle.db;
  await appendAudit(db, { actor: 'test', action: 'document.save', target: 'form/x', detail: { label: hostile } });
  await appendAudit(db, { actor: 'test', action: 'auth.signIn', target: 'user/admin' });
  // jsonb keeps numbers beyond JavaScript's precision: a round trip must not pass them through JS.
  await db.execute(sql`INSERT INTO metadata_documents (kind, id, version, body, checksum, created_by)
    VALUES ('dictionary', 'dict-big', 1, '{"n": 12345678901234567890123.5, "label": ${sql.raw(`"${'x'.repeat(10)}"`)}}'::jsonb, 'c', 'test')`);
  await db
    .insert(metadataDocuments)
    .values({ kind: 'dictionary', id: 'dict-hostile', version: 1, body: { label: hostile }, checksum: hostile, createdBy: hostile });
  // A case row: its insert trigger notes a roll-up change, which a restore must not note a second time.
  await db.execute(sql`INSERT INTO cases (id, number, query_password_hash, item_id, item_version, item_name, item_code, department_id, flow_id, flow_version,
      channel, applicant_kind, applicant_name, applicant_id_type, applicant_id_number, centre_id, region_code, accepted_by, status, state, version, accepted_at)
    VALUES ('case-backup-1', 'XL-BK-0001', 'h', 'item-x', 1, '事项', 'code-x', 'org-x', 'flow-x', 1, 'window', 'person', '张三', 'id-card',
      '152501199001011234', 'centre-x', '152501', 'user-x', 'running', '{}'::jsonb, 1, '2026-06-02T02:00:00Z')`);
  for (let index = 0; index < 5; index += 1)
    await db.insert(signInAttempts).values({ account: `a${index}`, ip: '10.0.0.1', success: index % 2 === 0 });
  const raw = fieldTypeShowcaseForm() as Record<string, unknown>;
  const form = formDocument.parse({ ...raw, version: 1 });
  await publishFormTable(db, form, { publishedBy: 'test' });
  const handleOfForm = await openFormTable(db, form.id);
  formId = form.id;
  return insertFormRecord(db, handleOfForm, {
    values: { applicant_name: hostile.slice(0, 40), staff: [{ name: '李四' }, { name: '王五' }] },
    draft: true,
    userId: 'test',
  });
}

describe.each(testDatabaseKinds())('backup and restore on %s', (kind: DatabaseKind) => {
  let source: DatabaseHandle;
  let directory: string;
  let recordId: string;
  let sidecar: BackupSidecar;
  let file: string;

  beforeAll(async () => {
    source = await openTestDatabase(kind);
    directory = await mkdtemp(join(tmpdir(), 'xlgl-backup-'));
    recordId = await fill(source);
    file = join(directory, backupFileName(new Date('2026-03-02T02:15:00Z')));
    sidecar = await writeBackup({ db: source.db, kind, file, pageSize: 3, now: new Date('2026-03-02T02:15:00Z') });
  });
  afterAll(async () => {
    await source?.close();
    await rm(directory, { recursive: true, force: true });
  });

  it('writes a compressed JSON-lines dump with a manifest of every public table', async () => {
    expect(sidecar.file).toBe('xlgl-backup-20260302-021500.jsonl.gz');
    const tables = await listPublicTables(source.db);
    expect(sidecar.manifest.tables.map((table) => table.name).sort()).toEqual(tables);
    expect(tables).toEqual(
      expect.arrayContaining([
        'audit_log',
        'metadata_documents',
        'xlgl_form_table_versions',
        'ft_form_showcase',
        'ft_form_showcase__staff',
      ]),
    );
    const counts = Object.fromEntries(sidecar.manifest.tables.map((table) => [table.name, table.rows]));
    expect(counts).toMatchObject({
      audit_log: 2,
      metadata_documents: 2,
      sign_in_attempts: 5,
      ft_form_showcase: 1,
      ft_form_showcase__staff: 2,
    });
    expect(sidecar.migrations.count).toBeGreaterThan(0);
    const lines = gunzipSync(await readFile(file))
      .toString('utf8')
      .trimEnd()
      .split('\n');
    expect(JSON.parse(lines[0]!)[0]).toBe('xlgl-backup');
    expect(JSON.parse(lines.at(-1)!)[0]).toBe('manifest');
    // The child table comes after the table it references.
    const order = lines.filter((line) => line.startsWith('["table"')).map((line) => JSON.parse(line)[1] as string);
    expect(order.indexOf('ft_form_showcase')).toBeLessThan(order.indexOf('ft_form_showcase__staff'));
    expect(await listBackupFiles(directory)).toEqual([
      expect.objectContaining({ name: sidecar.file, bytes: sidecar.bytes, rows: sidecar.manifest.totalRows, sha256: sidecar.sha256 }),
    ]);
  });

  it('round trip: an empty migrated database gets identical contents table by table, form tables included', async () => {
    const target = await openTestDatabase(kind);
    try {
      const summary = await restoreBackup({ db: target.db, file, batchChars: 2000, pageSize: 3 });
      expect(summary.createdTables.sort()).toEqual(['ft_form_showcase', 'ft_form_showcase__staff', 'xlgl_form_table_versions']);
      expect(summary.rows).toBe(sidecar.manifest.totalRows);
      expect(await contents(target)).toEqual(await contents(source));
      expect((await contents(target)).case_rollup_changes).toHaveLength(1);
      // The triggers are back on after the restore.
      await target.db.execute(sql`UPDATE cases SET status = 'concluded' WHERE id = 'case-backup-1'`);
      expect((await contents(target)).case_rollup_changes).toHaveLength(2);
      expect(await sequenceValue(target, 'sign_in_attempts_id_seq')).toBe(await sequenceValue(source, 'sign_in_attempts_id_seq'));
      // The restored form table works: the record reads back, and a new row gets the next identity.
      const restored = await getFormRecord(target.db, await openFormTable(target.db, formId), recordId);
      expect(restored?.values.applicant_name).toBe(hostile.slice(0, 40));
      const [next] = await target.db.insert(signInAttempts).values({ account: 'after', ip: '1', success: true }).returning();
      expect(next!.id).toBe(6);
      const [big] = rowsOf<{ n: string }>(
        await target.db.execute(sql`SELECT body->>'n' AS n FROM metadata_documents WHERE id = 'dict-big'`),
      );
      expect(big!.n).toBe('12345678901234567890123.5');

      // A second restore into the now non-empty database is refused and changes nothing.
      const before = await contents(target);
      await expect(restoreBackup({ db: target.db, file })).rejects.toThrow(
        /^目标数据库不是空库：表“.+”中已有数据。恢复只能写入新建的空数据库/,
      );
      expect(await contents(target)).toEqual(before);
    } finally {
      await target.close();
    }
  });

  it('refuses damaged files and rolls back a restore whose rows do not match the manifest', async () => {
    const lines = gunzipSync(await readFile(file))
      .toString('utf8')
      .split('\n');
    const truncated = join(directory, 'truncated.jsonl.gz');
    await writeFile(truncated, gzipSync(lines.slice(0, -3).join('\n')));
    const tampered = join(directory, 'tampered.jsonl.gz');
    const rowIndex = lines.findIndex((line) => line.includes('"account": "a3"'));
    expect(rowIndex).toBeGreaterThan(0);
    const altered = [...lines];
    altered[rowIndex] = altered[rowIndex]!.replace('"a3"', '"a9"');
    await writeFile(tampered, gzipSync(altered.join('\n')));
    const notGzip = join(directory, 'plain.jsonl.gz');
    await writeFile(notGzip, 'hello');

    const target = await openTestDatabase(kind);
    try {
      await expect(restoreBackup({ db: target.db, file: truncated })).rejects.toThrow('备份文件不完整：缺少结尾的清单（文件可能被截断）');
      await expect(restoreBackup({ db: target.db, file: tampered })).rejects.toThrow(
        '备份文件中表“sign_in_attempts”的数据与清单不符（清单5行，文件5行），文件已损坏或被篡改',
      );
      await expect(restoreBackup({ db: target.db, file: notGzip })).rejects.toThrow(BackupError);
      await expect(restoreBackup({ db: target.db, file: join(directory, 'missing.jsonl.gz') })).rejects.toThrow('备份文件不存在');
      // Every failed attempt rolled back: the target is still empty and has no form tables.
      const tables = await listPublicTables(target.db);
      expect(tables).not.toContain('ft_form_showcase');
      for (const table of tables) {
        const [row] = rowsOf<{ n: number }>(await target.db.execute(sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)}`));
        expect({ table, rows: Number(row!.n) }).toEqual({ table, rows: 0 });
      }
    } finally {
      await target.close();
    }
  });

  it('keeps the newest N backups', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'xlgl-prune-'));
    try {
      for (const minute of [1, 2, 3, 4]) {
        await writeBackup({
          db: source.db,
          kind,
          file: join(dir, backupFileName(new Date(Date.UTC(2026, 2, 2, 2, minute)))),
          now: new Date(Date.UTC(2026, 2, 2, 2, minute)),
        });
      }
      expect(await pruneBackupFiles(dir, 2)).toEqual(['xlgl-backup-20260302-020200.jsonl.gz', 'xlgl-backup-20260302-020100.jsonl.gz']);
      expect((await listBackupFiles(dir)).map((listing) => listing.name)).toEqual([
        'xlgl-backup-20260302-020400.jsonl.gz',
        'xlgl-backup-20260302-020300.jsonl.gz',
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe.runIf(testDatabaseKinds().includes('postgres'))('backups move between PGlite and PostgreSQL', () => {
  it('a PGlite backup restores into PostgreSQL with identical contents, and back', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'xlgl-cross-'));
    const embedded = await openTestDatabase('pglite');
    const server = await openTestDatabase('postgres');
    const back = await openTestDatabase('pglite');
    try {
      await fill(embedded);
      const first = join(directory, 'embedded.jsonl.gz');
      await writeBackup({ db: embedded.db, kind: 'pglite', file: first });
      await restoreBackup({ db: server.db, file: first });
      expect(await contents(server)).toEqual(await contents(embedded));
      const second = join(directory, 'server.jsonl.gz');
      await writeBackup({ db: server.db, kind: 'postgres', file: second });
      await restoreBackup({ db: back.db, file: second });
      expect(await contents(back)).toEqual(await contents(embedded));
    } finally {
      await Promise.all([embedded.close(), server.close(), back.close()]);
      await rm(directory, { recursive: true, force: true });
    }
  });
});
