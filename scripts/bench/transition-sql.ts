import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseHandle } from '@xlgl/db';
import { childrenCpuSeconds, postgresCpuSeconds, waitForReapedBackends } from './cpu.js';
import { inTransaction } from './database.js';

/**
 * One case transition's statements as a pgbench script: the case head read, the version-checked case
 * update with its JSON state, the step's task closed and the next one opened, a process-record row, the
 * old step's two timers cancelled and the new step's two set, the audit entry — the same tables, rows,
 * indexes and sizes the service layer writes (rows are copied from the cloned case), in one transaction.
 * (A colon in a literal is written chr(58): pgbench reads `:name` as a variable even inside quotes.)
 * Slightly heavier than the real one: the task insert re-reads the closed task instead of taking its
 * values from the engine. Not included: the audit chaining after the commit (the real one batches it).
 */
const script = `\\set n random(1, :ncases)
\\set r random(1, 9000000000000)
BEGIN;
SELECT c.id AS cid, c.version AS cversion, c.state, c.handlers, (SELECT t.task_id FROM case_tasks t WHERE t.case_id = c.id AND t.status = 'open' ORDER BY t.opened_at DESC LIMIT 1) AS open_task
  FROM cases c WHERE c.id = (SELECT id FROM bench_sql_cases WHERE n = :n) \\gset
UPDATE cases SET state = jsonb_set(state, '{version}', to_jsonb(version + 1)), version = version + 1, status = status, outcome = outcome,
  current_nodes = current_nodes, escalated_to = escalated_to, due_date = due_date, yellow_date = yellow_date, red_date = red_date,
  paused = paused, paused_intervals = paused_intervals, completed_at = completed_at, updated_at = now()
  WHERE id = :cid AND version = :cversion RETURNING id;
UPDATE case_tasks SET status = 'completed', closed_at = now(), handled_by = 'user-lg-window' WHERE case_id = :cid AND task_id = :open_task;
INSERT INTO case_tasks (id, case_id, task_id, node_id, node_label, kind, task, region_code, assigned_user_id, role_ids, post_ids, department_ids, user_ids, status, paused, due_date, yellow_date, red_date, opened_at)
  SELECT gen_random_uuid()::text, case_id, 'task-' || CAST(:r AS text), node_id, node_label, kind, task, region_code, assigned_user_id, role_ids, post_ids, department_ids, user_ids, 'open', false, due_date, yellow_date, red_date, now()
  FROM case_tasks WHERE case_id = :cid AND task_id = :open_task;
INSERT INTO case_history (case_id, record_id, at, action, stage, node_id, step, item_code, item_name, department_id, department_name, office_name, handler_id, handler_name, step_status, opinion, attachments, message, promised_days)
  VALUES (:cid, 'h-' || CAST(:r AS text), now(), 'approve', '受理', 'accept', '受理', 'item-enterprise-registration', '企业设立登记', 'org-lg-win-zhsl', '综合受理窗口', '锡林郭勒盟政务服务中心', 'user-lg-window', '窗口人员', '已办理', '已补充（性能测试）', '[]', '“受理”已办理', 20);
DELETE FROM case_timers WHERE id IN (CAST(:cid AS text) || chr(58) || CAST(:open_task AS text) || chr(58) || 'yellow', CAST(:cid AS text) || chr(58) || CAST(:open_task AS text) || chr(58) || 'red') AND status = 'scheduled' RETURNING id;
INSERT INTO case_timers (id, case_id, timer_id, kind, task_id, fire_at, fire_date, status, created_at)
  VALUES (CAST(:cid AS text) || chr(58) || 'task-' || CAST(:r AS text) || chr(58) || 'yellow', :cid, 'task-' || CAST(:r AS text) || chr(58) || 'yellow', 'yellow', 'task-' || CAST(:r AS text), now() + interval '4 days', current_date + 4, 'scheduled', now()),
         (CAST(:cid AS text) || chr(58) || 'task-' || CAST(:r AS text) || chr(58) || 'red', :cid, 'task-' || CAST(:r AS text) || chr(58) || 'red', 'red', 'task-' || CAST(:r AS text), now() + interval '5 days', current_date + 5, 'scheduled', now())
  ON CONFLICT (id) DO UPDATE SET fire_at = excluded.fire_at, fire_date = excluded.fire_date, status = 'scheduled', kind = excluded.kind, task_id = excluded.task_id;
INSERT INTO audit_pending (at, actor, action, target, detail) VALUES (now(), 'user-lg-window', 'case.approve', 'case/' || CAST(:cid AS text), '{"version": 5}');
END;
`;

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
    writeFileSync(file, script);
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
