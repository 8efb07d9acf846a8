import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DatabaseHandle } from '@xlgl/db';
import { inTransaction, query } from './database.js';
import { metadataDir } from './transitions.js';

type Region = { code: string; level: string };
type Organization = { id: string; type: string; regionCode: string };

/**
 * Seeds `count` cases over the five years before `now` in a few set-based statements
 * (generate_series; no row-by-row inserts): ≈ 1,000 items spread over the league's regions and
 * departments (the shipped league departments for the league centre), three categories, a share
 * refused, late and carded, ≈ 1 % running (accepted in the last month) with one open task each,
 * assigned by post to their department (so a league department's approver has a realistic inbox).
 */
export async function seedLeague(
  handle: DatabaseHandle,
  options: { count: number; now: Date; openTask: Record<string, unknown> },
): Promise<void> {
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
  await inTransaction(handle, async (run) => {
    await run(
      `create temp table bench_items (idx int, id text, region text, department text, category text, limit_days int, post text, lo float8, hi float8) on commit drop`,
    );
    const total = items.reduce((sum, item) => sum + item.weight, 0);
    let cursor = 0;
    const values = items.map((item, index) => {
      const lo = cursor / total;
      cursor += item.weight;
      return `(${index}, '${item.id}', '${item.region}', '${item.department}', '${item.category}', ${item.limit}, '${item.post}', ${lo}, ${cursor / total})`;
    });
    await run(`insert into bench_items values ${values.join(',')}`);
    await run(`update bench_items set hi = 1.0000001 where idx = ${items.length - 1}`);
    // Item documents (for the category dimension and names).
    await run(`insert into metadata_documents (kind, id, version, status, body, checksum, created_by)
      select 'item', id, 1, 'published', jsonb_build_object('kind', 'item', 'id', id, 'version', 1, 'name', '测试事项' || idx, 'category', category, 'regionCode', region, 'departmentId', department, 'timeLimit', jsonb_build_object('promised', limit_days)), md5(id), 'bench' from bench_items`);
    await run(`insert into metadata_heads (kind, id, version, updated_by) select 'item', id, 1, 'bench' from bench_items`);
    const batch = 250_000;
    for (let from = 1; from <= options.count; from += batch) {
      const to = Math.min(options.count, from + batch - 1);
      await run(`
        insert into cases (id, number, query_password_hash, item_id, item_version, item_name, item_code, department_id, flow_id, flow_version, channel, applicant_kind, applicant_name,
          applicant_id_type, applicant_id_number, centre_id, region_code, accepted_by, status, outcome, state, version, current_nodes, time_limit_days, accepted_at, due_date, completed_at, updated_at)
        select gen_random_uuid()::text, 'B' || lpad(s.g::text, 9, '0'), 'bench', i.id, 1, '测试事项' || i.idx, i.id, i.department, 'flow-bench', 1, 'window', 'person', '申请人' || (s.g % 9973),
          'resident-id', lpad((s.g::bigint * 7919 % 1000000007)::text, 18, '0'), 'org-centre', i.region, 'user-lg-window',
          case when s.running then 'running' else 'concluded' end,
          case when s.running then null when s.r3 < 0.03 then 'refused' else 'approved' end,
          '{}'::jsonb, 3, case when s.running then '审核' else '' end, i.limit_days, s.accepted,
          ((s.accepted at time zone 'Asia/Shanghai')::date + (i.limit_days * 1.4)::int),
          case when s.running then null else s.accepted + make_interval(secs => s.r4 * i.limit_days * 1.7 * 86400) end,
          case when s.running then s.accepted else s.accepted + make_interval(secs => s.r4 * i.limit_days * 1.7 * 86400) end
        from (
          select g, r1, r3, r4, accepted, limit_days,
            -- still running: not done yet by its duration, or one of the few long-suspended cases
            accepted + make_interval(secs => r4 * limit_days * 1.7 * 86400) > '${now}'::timestamptz or r3 > 0.998 as running
          from (
            select g, r1, r3, r4, accepted, i.limit_days from (
              select g, random() as r1, random() as r3, random() as r4, '${now}'::timestamptz - random() * interval '1826 days' - interval '1 hour' as accepted from generate_series(${from}, ${to}) g
            ) raw0 join bench_items i on raw0.r1 >= i.lo and raw0.r1 < i.hi
          ) raw
        ) s
        join bench_items i on s.r1 >= i.lo and s.r1 < i.hi`);
    }
    // Cards (≈ 4 % yellow, 2 % red) with the working days used.
    await run(`insert into supervision_case_facts (case_id, card, card_count, working_days_used, updated_at)
      select id, case when random() < 0.66 then 'yellow' else 'red' end, 1, time_limit_days * 1.2, coalesce(completed_at, accepted_at) from cases where number like 'B%' and random() < 0.06`);
    // One open task per running case, assigned by post to the case's department.
    await run(
      `insert into case_tasks (id, case_id, task_id, node_id, node_label, kind, task, region_code, role_ids, post_ids, department_ids, user_ids, status, opened_at, due_date)
      select gen_random_uuid()::text, c.id, 't-1', 'register', '审核登记', 'approval', $1::jsonb || jsonb_build_object('regionCode', c.region_code, 'assignee', jsonb_build_object('by', 'post', 'roleIds', '[]'::jsonb, 'postIds', jsonb_build_array(i.post), 'departmentIds', '[]'::jsonb, 'userIds', '[]'::jsonb, 'scope', 'same-centre')),
        c.region_code, '{}', array[i.post], '{}', '{}', 'open', c.accepted_at, c.due_date
      from cases c join bench_items i on i.id = c.item_id where c.status = 'running' and c.number like 'B%'`,
      [JSON.stringify(options.openTask)],
    );
  });
  await query(handle, 'analyze');
}
