import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseHandle } from '@xlgl/db';
import { childrenCpuSeconds, postgresCpuSeconds, waitForReapedBackends } from './cpu.js';
import { inTransaction } from './database.js';
import { transitionStatementText } from '@xlgl/api';

/**
 * One case transition's statements as a pgbench script, with the service layer's own statement text:
 * the case head read (as `act` reads it when it does not have the row it wrote last), then the service's
 * one transition statement (`transitionStatementText`: the version-checked case update with its JSON
 * state, which raises when the version moved; the task closed and the next one opened, process record,
 * the step's two timers cancelled and two set, the audit entry) with its JSON parameter built in SQL from
 * the rows of the cloned case.
 * (A colon in a literal is written chr(58): pgbench reads `:name` as a variable even inside quotes.)
 * Slightly heavier than the real one: the head read also finds the open task, the JSON parameter is
 * built by the server (the task row re-read), and the state is returned to pgbench as text. Not included:
 * the audit chaining after the commit (the real one batches it).
 */
const payload = `jsonb_build_object(
  'closes', jsonb_build_array(jsonb_build_object('task_id', CAST(:open_task AS text), 'status', 'completed', 'closed_at', now(), 'handled_by', 'user-lg-window')),
  'opens', (SELECT jsonb_agg(to_jsonb(t) || jsonb_build_object('id', gen_random_uuid()::text, 'task_id', 'task-' || CAST(:r AS text), 'status', 'open', 'handled_by', null, 'opened_at', now(), 'closed_at', null)) FROM case_tasks t WHERE t.case_id = :cid AND t.task_id = :open_task),
  'history', jsonb_build_array(jsonb_build_object('record_id', 'h-' || CAST(:r AS text), 'at', now(), 'action', 'approve', 'stage', '受理', 'node_id', 'accept', 'step', '受理',
    'item_code', 'item-enterprise-registration', 'item_name', '企业设立登记', 'department_id', 'org-lg-win-zhsl', 'department_name', '综合受理窗口', 'office_name', '锡林郭勒盟政务服务中心',
    'handler_id', 'user-lg-window', 'handler_name', '窗口人员', 'step_status', '已办理', 'opinion', '已补充（性能测试）', 'attachments', '[]'::jsonb, 'message', '“受理”已办理', 'promised_days', 20)),
  'cancels', jsonb_build_array(CAST(:cid AS text) || chr(58) || CAST(:open_task AS text) || chr(58) || 'yellow', CAST(:cid AS text) || chr(58) || CAST(:open_task AS text) || chr(58) || 'red'),
  'timers', jsonb_build_array(
    jsonb_build_object('id', CAST(:cid AS text) || chr(58) || 'task-' || CAST(:r AS text) || chr(58) || 'yellow', 'timer_id', 'task-' || CAST(:r AS text) || chr(58) || 'yellow', 'kind', 'yellow', 'task_id', 'task-' || CAST(:r AS text), 'fire_at', now() + interval '4 days', 'fire_date', current_date + 4, 'created_at', now()),
    jsonb_build_object('id', CAST(:cid AS text) || chr(58) || 'task-' || CAST(:r AS text) || chr(58) || 'red', 'timer_id', 'task-' || CAST(:r AS text) || chr(58) || 'red', 'kind', 'red', 'task_id', 'task-' || CAST(:r AS text), 'fire_at', now() + interval '5 days', 'fire_date', current_date + 5, 'created_at', now())),
  'audit', jsonb_build_object('at', now(), 'actor', 'user-lg-window', 'action', 'case.approve', 'target', 'case/' || CAST(:cid AS text), 'detail', jsonb_build_object('version', 5)))`;

/** The pgbench expression for each case column the transition statement sets (the rest keep their value). */
const caseColumnExpressions: Record<string, string> = {
  state: "jsonb_set(CAST(:cstate AS jsonb), '{version}', to_jsonb(:cversion + 1))",
  version: ':cversion + 1',
  updated_at: 'now()',
};

function script(): string {
  const text = transitionStatementText;
  if (!text.includes('$1::text::jsonb') || text.split('$1::text::jsonb').length !== 2 || !/"id" = \$\d+ and "version" = \$\d+ returning 1\)/.test(text))
    throw new Error('transitionStatementText 的参数形式已变，请同步 transition-sql.ts');
  const statement = text
    .replace('$1::text::jsonb', payload)
    // The case update: the version check on the clone's current version, its state and version moved on,
    // the other columns as they are (handlers and fee status: null keeps them).
    .replace(/"id" = \$\d+ and "version" = \$\d+ returning 1\)/, '"id" = :cid and "version" = :cversion returning 1)')
    .replace(/coalesce\(\$\d+, "(\w+)"\)/g, 'coalesce(NULL, "$1")')
    .replace(/"(\w+)" = \$(\d+)/g, (_, column: string) => `"${column}" = ${caseColumnExpressions[column] ?? `"${column}"`}`)
    .replaceAll('$2', ':cid');
  if (/\$\d/.test(statement)) throw new Error('transition-sql.ts: 语句中仍有未替换的参数');
  // Each of the 4 clients works its own cases (as the service layer's workers do): two clients on one case
  // would fail the version check, which raises.
  return `\\set n 1 + :client_id + 4 * random(0, :ncases / 4 - 1)
\\set r random(1, 9000000000000)
SELECT c.id AS cid, c.version AS cversion, c.state AS cstate, (SELECT t.task_id FROM case_tasks t WHERE t.case_id = c.id AND t.status = 'open' ORDER BY t.opened_at DESC LIMIT 1) AS open_task
  FROM cases c WHERE c.id = (SELECT id FROM bench_sql_cases WHERE n = :n) \\gset
${statement};
`;
}

export type SqlTransitionRun = { tps: number; transactions: number; cpuMsPerTx?: number };

/**
 * Runs the transition's statements through pgbench (4 clients, 2 threads, prepared statements) on the
 * cases `caseIds` (clones of the bench's sample case): what PostgreSQL on this machine allows for the
 * full transition with no application in front of it.
 */
export async function runSqlTransitions(handle: DatabaseHandle, url: string, options: { caseIds: string[]; seconds: number }): Promise<SqlTransitionRun> {
  await inTransaction(handle, async (run) => {
    await run('drop table if exists bench_sql_cases');
    await run('create table bench_sql_cases (n integer primary key, id text not null)');
    await run('insert into bench_sql_cases (n, id) select ordinality, id from unnest($1::text[]) with ordinality as ids(id)', [options.caseIds]);
  });
  const dir = mkdtempSync(join(tmpdir(), 'xlgl-bench-sql-'));
  try {
    const file = join(dir, 'transition.sql');
    writeFileSync(file, script());
    const server0 = postgresCpuSeconds();
    const client0 = childrenCpuSeconds();
    const output = execFileSync(
      'pgbench',
      ['-n', '-M', 'prepared', '-c', '4', '-j', '2', '-T', String(options.seconds), '-D', `ncases=${options.caseIds.length}`, '-f', file, url],
      { env: { ...process.env, PGCONNECT_TIMEOUT: '10' }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    waitForReapedBackends();
    const server1 = postgresCpuSeconds();
    const client = childrenCpuSeconds() - client0;
    const tps = output.match(/tps = ([\d.]+)/);
    const transactions = output.match(/number of transactions actually processed: (\d+)/);
    const failed = output.match(/number of failed transactions: (\d+)/);
    if (!tps || !transactions) throw new Error(`无法解析 pgbench 输出：${output}`);
    if (failed && Number(failed[1]) > 0) throw new Error(`pgbench 事务失败：${output}`);
    const count = Number(transactions[1]);
    return {
      tps: Number(tps[1]),
      transactions: count,
      cpuMsPerTx: server0 !== undefined && server1 !== undefined ? ((server1 - server0 + client) / count) * 1000 : undefined,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
