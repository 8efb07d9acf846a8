import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DatabaseHandle } from '@xlgl/db';
import { inTransaction, query } from './database.js';
import { metadataDir } from './transitions.js';

type Region = { code: string; level: string };
type Organization = { id: string; type: string; regionCode: string };

type Run = <Row = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<Row[]>;

/** Tables the seed fills in bulk: their indexes are dropped for the inserts and built afterwards. */
const bulkTables = ['cases', 'case_tasks', 'supervision_case_facts'];

/** Progress on stderr (the figures go to stdout as JSON lines). */
const progress = (started: number, message: string) =>
  console.error(`[league ${((performance.now() - started) / 1000).toFixed(1)} s] ${message}`);

/**
 * Runs `work` with the indexes (and index-backed constraints) of `tables` dropped, then builds them
 * again exactly as the migrations made them (pg_get_indexdef / pg_get_constraintdef): building an index
 * once over sorted input is far cheaper than maintaining it row by row, above all the random uuid keys.
 */
async function withoutIndexes(run: Run, options: { tables: string[]; started: number }, work: () => Promise<void>): Promise<void> {
  const { tables, started } = options;
  const indexes = await run<{ table: string; name: string; definition: string; constraint: string | null; constraintDefinition: string | null }>(
    `select t.relname as "table", x.relname as name, pg_get_indexdef(i.indexrelid) as definition,
       c.conname as "constraint", pg_get_constraintdef(c.oid) as "constraintDefinition"
     from pg_index i join pg_class t on t.oid = i.indrelid join pg_class x on x.oid = i.indexrelid
     left join pg_constraint c on c.conindid = i.indexrelid and c.conrelid = i.indrelid and c.contype in ('p', 'u', 'x')
     where t.relnamespace = 'public'::regnamespace and t.relname = any($1::text[])
     order by t.relname, x.relname`,
    [tables],
  );
  const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
  for (const index of indexes) {
    if (index.constraint) await run(`alter table ${quote(index.table)} drop constraint ${quote(index.constraint)}`);
    else await run(`drop index ${quote(index.name)}`);
  }
  await work();
  for (const index of indexes) {
    const at = performance.now();
    if (index.constraint)
      await run(`alter table ${quote(index.table)} add constraint ${quote(index.constraint)} ${index.constraintDefinition}`);
    else await run(index.definition);
    progress(started, `index ${index.name} built in ${((performance.now() - at) / 1000).toFixed(1)} s`);
  }
}

/** The calendar years (Asia/Shanghai) that [from, to) spans, as [start, end) instants. */
function yearsOf(from: Date, to: Date): Array<{ year: number; start: Date; end: Date }> {
  const newYear = (year: number) => new Date(Date.UTC(year - 1, 11, 31, 16)); // 1 January 00:00 +08:00
  const years: Array<{ year: number; start: Date; end: Date }> = [];
  let year = new Date(from.getTime() + 8 * 3_600_000).getUTCFullYear();
  for (let start = from; start < to; year += 1) {
    const end = newYear(year + 1) < to ? newYear(year + 1) : to;
    years.push({ year, start, end });
    start = end;
  }
  return years;
}

/**
 * Seeds `count` cases over the five years before `now`, one set-based statement per calendar year
 * (generate_series; no row-by-row inserts), with the bulk tables' indexes dropped during the inserts
 * and built afterwards, then VACUUM ANALYZE — the database ends as production's would be: every index
 * of the migrations, visibility map set, statistics current.
 *
 * ≈ 1,000 items spread over the league's regions and departments (the shipped league departments for
 * the league centre), three categories, a share refused, late and carded (supervision facts),
 * ≈ 1 % running (accepted in the last month, plus a few long-suspended) with one open task each,
 * assigned by post to their department (so a league department's approver has a realistic inbox).
 * Cases are written in acceptance order, as a live system writes them, so the heap is ordered by
 * `accepted_at` as production's is. Progress goes to stderr.
 *
 * Row width: the seeded cases carry an empty engine `state` ({}): a real case's state is ≈ 2.6 kB of
 * JSON (≈ 1.4 kB compressed in the row). None of the league figures reads `state`; it makes the heap
 * wider only for full scans of `cases` (the roll-up full build, the non-roll-up report).
 */
export async function seedLeague(
  handle: DatabaseHandle,
  options: { count: number; now: Date; openTask: Record<string, unknown> },
): Promise<void> {
  const started = performance.now();
  const read = <T>(kind: string) =>
    readdirSync(join(metadataDir, kind))
      .filter((name) => name.endsWith('.json'))
      .map((name) => JSON.parse(readFileSync(join(metadataDir, kind, name), 'utf8')) as T);
  const regions = read<Region>('regions').filter((region) => region.level !== 'village');
  const organizations = read<Organization>('organizations');
  const items: Array<{ id: string; region: string; department: string; category: string; limit: number; post: string; weight: number }> =
    [];
  const categories = ['01', '10', '20'];
  for (const region of regions) {
    const shipped = organizations.filter((org) => org.type === 'department' && org.regionCode === region.code).map((org) => org.id);
    const departments =
      shipped.length > 0
        ? shipped
        : Array.from({ length: region.level === 'township' ? 3 : 12 }, (_, index) => `org-bench-${region.code}-${index + 1}`);
    const perRegion = region.level === 'league' ? 260 : region.level === 'banner' ? 45 : 12;
    const weight = region.level === 'league' ? 3 : region.level === 'banner' ? 1.2 : 0.25;
    for (let index = 0; index < perRegion; index += 1) {
      const department = departments[index % departments.length]!;
      items.push({
        id: `item-bench-${region.code}-${String(index + 1).padStart(3, '0')}`,
        region: region.code,
        department,
        category: categories[index % categories.length]!,
        limit: [1, 3, 5, 10, 15, 20][index % 6]!,
        post: department === 'org-lg-scjgj' ? 'post-lg-scjgj-review' : `post-bench-${department}`,
        weight,
      });
    }
  }
  const now = options.now.toISOString();
  const total = items.reduce((sum, item) => sum + item.weight, 0);
  // Item of a case: width_bucket(random(), lower bounds) — a binary search over the items' cumulative weights.
  const bounds: number[] = [];
  let cursor = 0;
  for (const item of items) {
    bounds.push(cursor / total);
    cursor += item.weight;
  }
  const windowEnd = new Date(options.now.getTime() - 3_600_000);
  const windowStart = new Date(windowEnd.getTime() - 1826 * 86_400_000);
  const years = yearsOf(windowStart, windowEnd);
  const span = windowEnd.getTime() - windowStart.getTime();
  await inTransaction(handle, async (run) => {
    // Index builds: memory as a restore would give them (session-local; the built indexes are the same).
    await run(`set local maintenance_work_mem = '512MB'`);
    await run(
      `create temp table bench_items (idx int primary key, id text, region text, department text, category text, limit_days int, post text) on commit drop`,
    );
    const values = items.map(
      (item, index) =>
        `(${index}, '${item.id}', '${item.region}', '${item.department}', '${item.category}', ${item.limit}, '${item.post}')`,
    );
    await run(`insert into bench_items values ${values.join(',')}`);
    await run('analyze bench_items');
    // Item documents (for the category dimension and names).
    await run(`insert into metadata_documents (kind, id, version, status, body, checksum, created_by)
      select 'item', id, 1, 'published', jsonb_build_object('kind', 'item', 'id', id, 'version', 1, 'name', '测试事项' || idx, 'category', category, 'regionCode', region, 'departmentId', department, 'timeLimit', jsonb_build_object('promised', limit_days)), md5(id), 'bench' from bench_items`);
    await run(`insert into metadata_heads (kind, id, version, updated_by) select 'item', id, 1, 'bench' from bench_items`);
    await withoutIndexes(run, { tables: bulkTables, started }, async () => {
      let first = 1;
      for (const [position, year] of years.entries()) {
        const last =
          position === years.length - 1 ? options.count : Math.round((options.count * (year.end.getTime() - windowStart.getTime())) / span);
        const rows = last - first + 1;
        if (rows <= 0) continue;
        const step = (year.end.getTime() - year.start.getTime()) / 1000 / rows;
        const at = performance.now();
        // One statement per year: the cases (in acceptance order), their supervision facts (≈ 6 % carded,
        // 2:1 yellow:red) and one open task per running case.
        await run(
          `with raw as (
            select g, width_bucket(random(), $2::float8[]) - 1 as idx, random() as r3, random() as r4,
              '${year.start.toISOString()}'::timestamptz + make_interval(secs => ((g - ${first}) + random()) * ${step}) as accepted
            from generate_series(${first}, ${last}) g
          ), s as (
            select raw.*, i.id as item_id, i.region, i.department, i.limit_days,
              raw.accepted + make_interval(secs => raw.r4 * i.limit_days * 1.7 * 86400) as done_at
            from raw join bench_items i using (idx)
          ), inserted as (
            insert into cases (id, number, query_password_hash, item_id, item_version, item_name, item_code, department_id, flow_id, flow_version, channel, applicant_kind, applicant_name,
              applicant_id_type, applicant_id_number, centre_id, region_code, accepted_by, status, outcome, state, version, current_nodes, time_limit_days, accepted_at, due_date, completed_at, updated_at)
            select gen_random_uuid()::text, 'B' || lpad(g::text, 9, '0'), 'bench', item_id, 1, '测试事项' || idx, item_id, department, 'flow-bench', 1, 'window', 'person', '申请人' || (g % 9973),
              'resident-id', lpad((g::bigint * 7919 % 1000000007)::text, 18, '0'), 'org-centre', region, 'user-lg-window',
              case when running then 'running' else 'concluded' end,
              case when running then null when r3 < 0.03 then 'refused' else 'approved' end,
              '{}'::jsonb, 3, case when running then '审核' else '' end, limit_days, accepted,
              ((accepted at time zone 'Asia/Shanghai')::date + (limit_days * 1.4)::int),
              case when running then null else done_at end,
              case when running then accepted else done_at end
            from (
              -- still running: not done yet by its duration, or one of the few long-suspended cases
              select s.*, done_at > '${now}'::timestamptz or r3 > 0.998 as running from s
            ) t
            returning id, status, item_id, region_code, time_limit_days, accepted_at, due_date, completed_at
          ), facts as (
            insert into supervision_case_facts (case_id, card, card_count, working_days_used, updated_at)
            select id, case when random() < 0.66 then 'yellow' else 'red' end, 1, time_limit_days * 1.2, coalesce(completed_at, accepted_at)
            from inserted where random() < 0.06
          ), tasks as (
            insert into case_tasks (id, case_id, task_id, node_id, node_label, kind, task, region_code, role_ids, post_ids, department_ids, user_ids, status, opened_at, due_date)
            select gen_random_uuid()::text, c.id, 't-1', 'register', '审核登记', 'approval', $1::jsonb || jsonb_build_object('regionCode', c.region_code, 'assignee', jsonb_build_object('by', 'post', 'roleIds', '[]'::jsonb, 'postIds', jsonb_build_array(i.post), 'departmentIds', '[]'::jsonb, 'userIds', '[]'::jsonb, 'scope', 'same-centre')),
              c.region_code, '{}', array[i.post], '{}', '{}', 'open', c.accepted_at, c.due_date
            from inserted c join bench_items i on i.id = c.item_id where c.status = 'running'
          )
          select count(*)::int as n from inserted`,
          [JSON.stringify(options.openTask), `{${bounds.join(',')}}`],
        );
        progress(started, `${year.year}: ${rows} cases in ${((performance.now() - at) / 1000).toFixed(1)} s`);
        first = last + 1;
      }
    });
  });
  const at = performance.now();
  await query(handle, 'vacuum (analyze)');
  progress(started, `vacuum analyze in ${((performance.now() - at) / 1000).toFixed(1)} s`);
}
