import { sql } from 'drizzle-orm';
import { sqlTypes } from '@xlgl/schema';
import { rowsOf, verifyAuditChain, type Db, type TableLayout } from '@xlgl/db';

/** One broken invariant: which check, and a Chinese line for the operator. */
export type DoctorViolation = { check: string; message: string };

export type DoctorCheck = {
  id: string;
  /** What the check promises, shown in the report. */
  title: string;
  /** Tables the check needs; it is skipped (and reported as skipped) when any is missing. */
  requires: string[];
  run: (db: Db) => Promise<string[]>;
};

export type DoctorReport = {
  checks: { id: string; title: string; status: 'ok' | 'violations' | 'skipped'; violations: number }[];
  violations: DoctorViolation[];
  ok: boolean;
};

/** Stop listing a check's violations after this many (the count stays exact). */
const maxListed = 50;

async function tableExists(db: Db, name: string): Promise<boolean> {
  const [row] = rowsOf<{ present: boolean }>(await db.execute(sql`SELECT to_regclass(${`public.${name}`}) IS NOT NULL AS present`));
  return Boolean(row?.present);
}

const parse = <T>(value: unknown): T => (typeof value === 'string' ? JSON.parse(value) : value) as T;

/** Every table (with its expected columns and SQL types) a form-table layout requires now. */
function expectedTables(layout: TableLayout, out = new Map<string, Map<string, string>>()): Map<string, Map<string, string>> {
  const columns = out.get(layout.table) ?? new Map<string, string>();
  out.set(layout.table, columns);
  for (const field of layout.fields) {
    for (const column of field.columns) columns.set(column.name, sqlTypes[column.sqlType]);
    for (const retired of field.retired) for (const column of retired.columns) columns.set(column.name, sqlTypes[column.sqlType]);
    if (field.child) expectedTables(field.child, out);
    for (const retired of field.retired) if (retired.child) expectedTables(retired.child, out);
  }
  return out;
}

/**
 * The invariants `npm run doctor` checks. Each query returns the offending rows only, so a healthy
 * database of any size costs a handful of indexed scans. Case checks run when the case tables exist.
 */
export const doctorChecks: DoctorCheck[] = [
  {
    id: 'audit-chain',
    title: '审计日志哈希链完整',
    requires: ['audit_log'],
    async run(db) {
      const result = await verifyAuditChain(db);
      return result.problems.map((problem) => `审计记录 ${problem.seq}: ${problem.message}`);
    },
  },
  {
    id: 'metadata-heads',
    title: '每个元数据当前版本都指向存在的版本',
    requires: ['metadata_heads', 'metadata_documents'],
    async run(db) {
      const rows = rowsOf<{ kind: string; id: string; version: number }>(
        await db.execute(sql`SELECT h.kind, h.id, h.version FROM metadata_heads h
          LEFT JOIN metadata_documents d ON d.kind = h.kind AND d.id = h.id AND d.version = h.version
          WHERE d.id IS NULL ORDER BY h.kind, h.id`),
      );
      return rows.map((row) => `元数据 ${row.kind}/${row.id} 的当前版本 ${row.version} 不存在`);
    },
  },
  {
    id: 'metadata-references',
    title: '元数据之间的每个引用都能解析',
    requires: ['metadata_references', 'metadata_heads'],
    async run(db) {
      const dangling = rowsOf<{ from_kind: string; from_id: string; path: unknown; to_kind: string; to_id: string }>(
        await db.execute(sql`SELECT r.from_kind, r.from_id, r.path, r.to_kind, r.to_id FROM metadata_references r
          LEFT JOIN metadata_heads h ON h.kind = r.to_kind AND h.id = r.to_id
          WHERE h.id IS NULL ORDER BY r.from_kind, r.from_id, r.to_kind, r.to_id`),
      );
      const orphaned = rowsOf<{ from_kind: string; from_id: string }>(
        await db.execute(sql`SELECT DISTINCT r.from_kind, r.from_id FROM metadata_references r
          LEFT JOIN metadata_heads h ON h.kind = r.from_kind AND h.id = r.from_id
          WHERE h.id IS NULL ORDER BY 1, 2`),
      );
      return [
        ...dangling.map(
          (row) => `元数据 ${row.from_kind}/${row.from_id} 在 ${JSON.stringify(parse(row.path))} 引用的 ${row.to_kind}/${row.to_id} 不存在`,
        ),
        ...orphaned.map((row) => `引用表中记录了已删除的元数据 ${row.from_kind}/${row.from_id} 的引用`),
      ];
    },
  },
  {
    id: 'form-tables',
    title: '表单数据表与其记录的发布版本一致',
    requires: ['xlgl_form_table_versions'],
    async run(db) {
      const latest = rowsOf<{ form_id: string; form_version: number; table_name: string; layout: unknown }>(
        await db.execute(
          sql`SELECT DISTINCT ON (form_id) form_id, form_version, table_name, layout FROM xlgl_form_table_versions ORDER BY form_id, form_version DESC`,
        ),
      );
      const problems: string[] = [];
      for (const row of latest) {
        const layout = parse<TableLayout>(row.layout);
        if (layout.table !== row.table_name)
          problems.push(`表单 ${row.form_id} 版本 ${row.form_version} 记录的表名 ${row.table_name} 与布局中的 ${layout.table} 不一致`);
        for (const [table, columns] of expectedTables(layout)) {
          const actual = new Map(
            rowsOf<{ name: string; type: string }>(
              await db.execute(sql`SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type FROM pg_attribute a
                WHERE a.attrelid = to_regclass(${`public.${table}`}) AND a.attnum > 0 AND NOT a.attisdropped`),
            ).map((column) => [column.name, column.type]),
          );
          if (actual.size === 0) {
            problems.push(`表单 ${row.form_id} 版本 ${row.form_version} 的数据表 ${table} 不存在`);
            continue;
          }
          for (const [column, type] of columns) {
            const found = actual.get(column);
            if (!found) problems.push(`表单 ${row.form_id} 版本 ${row.form_version}：数据表 ${table} 缺少列 ${column}`);
            else if (found !== type)
              problems.push(`表单 ${row.form_id} 版本 ${row.form_version}：数据表 ${table} 的列 ${column} 类型为 ${found}，应为 ${type}`);
          }
        }
      }
      return problems;
    },
  },
  {
    id: 'case-open-tasks',
    title: '办理中的办件其待办与流程状态一致；已办结办件只有结果送达待办',
    requires: ['cases', 'case_tasks'],
    async run(db) {
      // Open tasks per the engine state vs open rows in case_tasks, both directions.
      const missing = rowsOf<{ number: string; task_id: string }>(
        await db.execute(sql`SELECT c.number, t.value->>'id' AS task_id FROM cases c
          CROSS JOIN LATERAL jsonb_array_elements(COALESCE(c.state->'tasks', '[]'::jsonb)) t
          WHERE c.status = 'running' AND NOT EXISTS (
            SELECT 1 FROM case_tasks k WHERE k.case_id = c.id AND k.task_id = t.value->>'id' AND k.status = 'open')
          ORDER BY c.number LIMIT ${maxListed}`),
      );
      const extra = rowsOf<{ number: string | null; task_id: string; case_status: string | null }>(
        await db.execute(sql`SELECT c.number, k.task_id, c.status AS case_status FROM case_tasks k LEFT JOIN cases c ON c.id = k.case_id
          WHERE k.status = 'open' AND (c.id IS NULL
            OR (k.kind = 'delivery' AND c.status <> 'concluded')
            OR (k.kind <> 'delivery' AND (c.status <> 'running' OR NOT EXISTS (
              SELECT 1 FROM jsonb_array_elements(COALESCE(c.state->'tasks', '[]'::jsonb)) t WHERE t.value->>'id' = k.task_id))))
          ORDER BY c.number NULLS FIRST LIMIT ${maxListed}`),
      );
      const stuck = rowsOf<{ number: string }>(
        await db.execute(sql`SELECT c.number FROM cases c WHERE c.status = 'running'
          AND jsonb_array_length(COALESCE(c.state->'tasks', '[]'::jsonb)) = 0 AND c.escalated_to IS NULL
          AND jsonb_array_length(COALESCE(c.state->'tokens', '[]'::jsonb)) = 0 ORDER BY c.number LIMIT ${maxListed}`),
      );
      return [
        ...missing.map((row) => `办件 ${row.number} 处于办理中，流程状态中的待办 ${row.task_id} 在待办表中不存在或已关闭`),
        ...extra.map((row) =>
          row.number === null
            ? `待办 ${row.task_id} 所属的办件不存在`
            : row.case_status !== 'running'
              ? `待办 ${row.task_id} 仍未关闭，但所属办件 ${row.number} 已办结`
              : `办件 ${row.number} 的待办 ${row.task_id} 未关闭，但流程状态中已没有它`,
        ),
        ...stuck.map((row) => `办件 ${row.number} 处于办理中，却既没有待办也没有流转中的令牌`),
      ];
    },
  },
  {
    id: 'case-timers',
    title: '办理中且有时限的办件都有红黄牌计时器；已办结办件没有待触发的计时器',
    requires: ['cases', 'case_timers'],
    async run(db) {
      const withoutTimers = rowsOf<{ number: string }>(
        await db.execute(sql`SELECT c.number FROM cases c WHERE c.status = 'running' AND c.red_date IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM case_timers t WHERE t.case_id = c.id AND t.kind = 'red' AND t.status IN ('scheduled', 'fired'))
          ORDER BY c.number LIMIT ${maxListed}`),
      );
      const leftBehind = rowsOf<{ number: string | null; timer_id: string }>(
        await db.execute(sql`SELECT c.number, t.timer_id FROM case_timers t LEFT JOIN cases c ON c.id = t.case_id
          WHERE t.status = 'scheduled' AND (c.id IS NULL OR c.status <> 'running') ORDER BY c.number NULLS FIRST LIMIT ${maxListed}`),
      );
      return [
        ...withoutTimers.map((row) => `办件 ${row.number} 办理中且有办结时限，却没有红牌计时器`),
        ...leftBehind.map((row) =>
          row.number === null
            ? `计时器 ${row.timer_id} 所属的办件不存在`
            : `办件 ${row.number} 已办结，计时器 ${row.timer_id} 仍在等待触发`,
        ),
      ];
    },
  },
  {
    id: 'case-version',
    title: '办件版本号与流程状态一致，且不大于办理过程记录数',
    requires: ['cases', 'case_history'],
    async run(db) {
      // Every applied action raises the version by one and writes at least one history record.
      const rows = rowsOf<{ number: string; version: number; state_version: number | null; history: number }>(
        await db.execute(sql`SELECT c.number, c.version, (c.state->>'version')::int AS state_version,
            (SELECT count(*)::int FROM case_history h WHERE h.case_id = c.id) AS history
          FROM cases c
          WHERE c.version IS DISTINCT FROM (c.state->>'version')::int
            OR c.version > (SELECT count(*) FROM case_history h WHERE h.case_id = c.id)
          ORDER BY c.number LIMIT ${maxListed}`),
      );
      return rows.map((row) =>
        row.version !== row.state_version
          ? `办件 ${row.number} 的版本号 ${row.version} 与流程状态中的版本 ${row.state_version ?? '（缺失）'} 不一致`
          : `办件 ${row.number} 的版本号为 ${row.version}，但只有 ${row.history} 条办理过程记录`,
      );
    },
  },
];

/** Runs every check whose tables exist and reports the violations. */
export async function runDoctor(db: Db, checks: DoctorCheck[] = doctorChecks): Promise<DoctorReport> {
  const report: DoctorReport = { checks: [], violations: [], ok: true };
  for (const check of checks) {
    const present = await Promise.all(check.requires.map((table) => tableExists(db, table)));
    if (!present.every(Boolean)) {
      report.checks.push({ id: check.id, title: check.title, status: 'skipped', violations: 0 });
      continue;
    }
    const messages = await check.run(db);
    report.checks.push({ id: check.id, title: check.title, status: messages.length ? 'violations' : 'ok', violations: messages.length });
    for (const message of messages) report.violations.push({ check: check.id, message });
  }
  report.ok = report.violations.length === 0;
  return report;
}
