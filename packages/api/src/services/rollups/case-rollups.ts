import { eq, sql, type SQL } from 'drizzle-orm';
import { rollupRefreshes, rowsOf, type Db } from '@xlgl/db';

/** Name of the case roll-up in `rollup_refreshes` and of its pg-boss queue. */
export const caseRollupQueue = 'case-rollups';

/** Cards committed up to this long after their `created_at` are still picked up (recomputing is idempotent). */
export const rollupOverlapMs = 2 * 60_000;

const monthStart = (column: SQL) => sql`(date_trunc('month', ${column} at time zone 'Asia/Shanghai') at time zone 'Asia/Shanghai')`;

/**
 * The aggregate of `cases` into roll-up rows; `scope` is an optional `where` on the cases (`c`).
 * Cases are grouped by item version first and the item's category is looked up per group afterwards
 * (one lookup per group instead of one per case; two versions with one category merge in the outer sum).
 * The rows are written in month order, as a sorted aggregate used to leave them.
 */
function aggregate(scope: SQL): SQL {
  return sql`
    insert into case_rollups_monthly (month_start, region_code, department_id, item_id, category, status, card, due_date, cases, completed, on_time, late_concluded, working_days_sum, working_days_count)
    select g.month_start, g.region_code, g.department_id, g.item_id, coalesce(d.body ->> 'category', ''), g.status, g.card, g.due_date,
      sum(g.cases)::int, sum(g.completed)::int, sum(g.on_time)::int, sum(g.late_concluded)::int, sum(g.working_days_sum)::float8, sum(g.working_days_count)::int
    from (
      select ${monthStart(sql`c.accepted_at`)} as month_start, c.region_code, c.department_id, c.item_id, c.item_version,
        case when c.outcome = 'refused' then 'refused' when c.status = 'concluded' then 'completed' else 'running' end as status,
        coalesce(f.card, 'none') as card,
        case when c.status = 'running' then c.due_date::text end as due_date,
        count(*) as cases,
        count(*) filter (where c.status = 'concluded' and c.outcome is distinct from 'refused') as completed,
        count(*) filter (where c.status = 'concluded' and c.outcome is distinct from 'refused' and (c.due_date is null or (c.completed_at at time zone 'Asia/Shanghai')::date <= c.due_date)) as on_time,
        count(*) filter (where c.status = 'concluded' and c.due_date is not null and (c.completed_at at time zone 'Asia/Shanghai')::date > c.due_date) as late_concluded,
        coalesce(sum(f.working_days_used), 0)::float8 as working_days_sum,
        count(f.working_days_used) as working_days_count
      from cases c
      left join supervision_case_facts f on f.case_id = c.id
      ${scope}
      group by 1, 2, 3, 4, 5, 6, 7, 8
    ) g
    left join metadata_documents d on d.kind = 'item' and d.id = g.item_id and d.version = g.item_version
    group by 1, 2, 3, 4, 5, 6, 7, 8
    -- Written in month order, so a period's rows share pages (reports read a range of months).
    order by 1, 2`;
}

export type RollupRefresh = { full: boolean; skipped: boolean; groups: number };

/**
 * Brings `case_rollups_monthly` up to date, in one transaction (one refresher at a time: a concurrent
 * call is skipped and the caller reads the roll-up as the other refresher leaves it).
 *
 * - First run (or `full`): every month is aggregated from `cases`.
 * - Afterwards: the (month, item) groups noted in `case_rollup_changes` (triggers on `cases` note every
 *   insert, delete and change of a column the roll-up reads; the rows seen are deleted) and of cases
 *   that got a card since the last refresh (minus an overlap for transactions that committed late) are
 *   deleted and aggregated again. A group is one item's cases of one month (index on item_id,
 *   accepted_at), so a refresh after a few transitions costs a few small queries. A change committed
 *   while the refresh runs keeps its note for the next refresh.
 *
 * Readers (the report runner) call it before reading the roll-up, so reports are as fresh as the
 * cases; a minute job keeps the work each reader finds small.
 */
export async function refreshCaseRollups(db: Db, options: { now: Date; full?: boolean }): Promise<RollupRefresh> {
  const { now } = options;
  if (!options.full) {
    // One round trip when nothing was written since the last refresh (the common case for readers).
    const [clean] = rowsOf<{ clean: boolean }>(
      await db.execute(sql`
        with s as (select least(refreshed_at, ${now.toISOString()}::timestamptz) - ${`${rollupOverlapMs} milliseconds`}::interval as since from rollup_refreshes where name = ${caseRollupQueue})
        select (select since from s) is not null
          and not exists (select 1 from case_rollup_changes)
          and coalesce((select max(created_at) from supervision_cards) < (select since from s), true) as clean`),
    );
    if (clean?.clean) return { full: false, skipped: true, groups: 0 };
  }
  return db.transaction(async (tx) => {
    const [locked] = rowsOf<{ locked: boolean }>(
      await tx.execute(sql`select pg_try_advisory_xact_lock(hashtext('xlgl.case_rollups')) as locked`),
    );
    if (!locked?.locked) return { full: false, skipped: true, groups: 0 };
    const [state] = await tx.select().from(rollupRefreshes).where(eq(rollupRefreshes.name, caseRollupQueue));
    let groups = 0;
    const full = Boolean(options.full || !state);
    if (full) {
      // One aggregate over every case, hashed in memory: ≈ 130 MB for the 280,000 groups of 10 M cases.
      // The planner estimates one group per case for eight grouping expressions (no statistics span them),
      // so it would sort every case row on disk instead (51 s against 34 s at 10 M). Local to this transaction.
      await tx.execute(sql`set local work_mem = '256MB'`);
      await tx.execute(sql`set local enable_sort = off`);
      await tx.execute(sql`delete from case_rollups_monthly`);
      await tx.execute(sql`delete from case_rollup_changes`);
      await tx.execute(aggregate(sql``));
      await tx.execute(sql`analyze case_rollups_monthly`);
    } else {
      // The clock may stand before the last refresh (tests with a fixed clock): look back from the earlier.
      const since = new Date(Math.min(now.getTime(), state!.refreshedAt.getTime()) - rollupOverlapMs).toISOString();
      const changed = rowsOf<{ month_start: string | Date; month_end: string | Date; item_id: string }>(
        await tx.execute(sql`
          with noted as (delete from case_rollup_changes returning month_start, item_id)
          select month_start, (month_start at time zone 'Asia/Shanghai' + interval '1 month') at time zone 'Asia/Shanghai' as month_end, item_id from (
            select month_start, item_id from noted
            union
            select ${monthStart(sql`c.accepted_at`)}, c.item_id from supervision_cards k join cases c on c.id = k.case_id where k.created_at >= ${since}::timestamptz
          ) changed`),
      );
      groups = changed.length;
      // Explicit (item, month) ranges: each is one range of the (item_id, accepted_at) index.
      for (let index = 0; index < changed.length; index += 200) {
        const chunk = changed.slice(index, index + 200);
        const iso = (value: string | Date) => new Date(value).toISOString();
        const rollupRows = sql.join(
          chunk.map((group) => sql`(month_start = ${iso(group.month_start)}::timestamptz and item_id = ${group.item_id})`),
          sql` or `,
        );
        const caseRows = sql.join(
          chunk.map(
            (group) =>
              sql`(c.item_id = ${group.item_id} and c.accepted_at >= ${iso(group.month_start)}::timestamptz and c.accepted_at < ${iso(group.month_end)}::timestamptz)`,
          ),
          sql` or `,
        );
        await tx.execute(sql`delete from case_rollups_monthly where ${rollupRows}`);
        await tx.execute(aggregate(sql`where ${caseRows}`));
      }
    }
    const refreshedAt = state && state.refreshedAt > now ? state.refreshedAt : now;
    await tx
      .insert(rollupRefreshes)
      .values({ name: caseRollupQueue, refreshedAt, openMonths: [] })
      .onConflictDoUpdate({ target: rollupRefreshes.name, set: { refreshedAt } });
    return { full, skipped: false, groups };
  });
}
