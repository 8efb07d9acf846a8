import { sql } from 'drizzle-orm';
import { itemCategories, type ItemCategory, type ItemDocument, type OrganizationDocument } from '@xlgl/schema';
import { readDocuments, rowsOf, type Db } from '@xlgl/db';

export type CountRow = { key: string; label: string; count: number };
export type YearRow = { year: number; added: number; changed: number; abolished: number; inForce: number };
export type SpeedRow = {
  departmentId: string;
  departmentName: string;
  items: number;
  statutoryDays: number;
  promisedDays: number;
  savedDays: number;
  reductionPercent: number;
};

export type ItemStatistics = {
  total: number;
  byCategory: CountRow[];
  byDepartment: CountRow[];
  byLevel: CountRow[];
  byYear: YearRow[];
  /** 提速: promised vs statutory time by department. */
  speed: SpeedRow[];
  totals: { added: number; changed: number; abolished: number; statutoryDays: number; promisedDays: number; reductionPercent: number };
};

const levelLabels: Record<string, string> = { league: '盟级', banner: '旗县（市）级', township: '苏木乡镇级', village: '嘎查村级' };

function chinaYear(value: string | Date): number {
  return new Date(new Date(value).getTime() + 8 * 3600_000).getUTCFullYear();
}

function count(map: Map<string, number>, key: string) {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function percent(statutory: number, promised: number): number {
  return statutory > 0 ? Math.round(((statutory - promised) / statutory) * 1000) / 10 : 0;
}

/** Statistics of the catalogue (R1.7) from the items in force and the published revisions. */
export async function itemStatistics(db: Db): Promise<ItemStatistics> {
  const items = rowsOf<{ body: ItemDocument }>(
    await db.execute(sql`select d.body from metadata_heads h join metadata_documents d on d.kind = h.kind and d.id = h.id and d.version = h.version
      where h.kind = 'item' and d.status = 'published'`),
  ).map((row) => row.body);
  const history = rowsOf<{ change_type: string; published_at: string }>(
    await db.execute(
      sql`select change_type, published_at from item_revisions where published_at is not null and status in ('published', 'superseded', 'abolished')`,
    ),
  );

  const byCategory = new Map<string, number>();
  const byDepartment = new Map<string, number>();
  const byLevel = new Map<string, number>();
  const speed = new Map<string, { items: number; statutory: number; promised: number }>();
  for (const item of items) {
    count(byCategory, item.category);
    count(byDepartment, item.departmentId);
    count(byLevel, item.level);
    const entry = speed.get(item.departmentId) ?? { items: 0, statutory: 0, promised: 0 };
    entry.items += 1;
    entry.statutory += item.timeLimit.statutory;
    entry.promised += item.timeLimit.promised;
    speed.set(item.departmentId, entry);
  }
  const departments = new Map(
    (await readDocuments(db, 'organization', [...byDepartment.keys()])).map((row) => [
      row.id,
      (row.body as unknown as OrganizationDocument).shortName ?? String(row.body.name),
    ]),
  );

  const years = new Map<number, { added: number; changed: number; abolished: number }>();
  for (const row of history) {
    const year = chinaYear(row.published_at);
    const entry = years.get(year) ?? { added: 0, changed: 0, abolished: 0 };
    if (row.change_type === 'create' || row.change_type === 'import') entry.added += 1;
    else if (row.change_type === 'change') entry.changed += 1;
    else if (row.change_type === 'abolish') entry.abolished += 1;
    years.set(year, entry);
  }
  let inForce = 0;
  const byYear = [...years.entries()]
    .sort(([a], [b]) => a - b)
    .map(([year, entry]) => {
      inForce += entry.added - entry.abolished;
      return { year, ...entry, inForce };
    });

  const speedRows = [...speed.entries()]
    .map(([departmentId, entry]) => ({
      departmentId,
      departmentName: departments.get(departmentId) ?? departmentId,
      items: entry.items,
      statutoryDays: entry.statutory,
      promisedDays: entry.promised,
      savedDays: entry.statutory - entry.promised,
      reductionPercent: percent(entry.statutory, entry.promised),
    }))
    .sort((a, b) => b.savedDays - a.savedDays || a.departmentName.localeCompare(b.departmentName, 'zh-CN'));
  const statutoryDays = speedRows.reduce((sum, row) => sum + row.statutoryDays, 0);
  const promisedDays = speedRows.reduce((sum, row) => sum + row.promisedDays, 0);

  const sorted = (map: Map<string, number>, label: (key: string) => string) =>
    [...map.entries()]
      .map(([key, value]) => ({ key, label: label(key), count: value }))
      .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
  return {
    total: items.length,
    byCategory: sorted(byCategory, (key) => itemCategories[key as ItemCategory] ?? key),
    byDepartment: sorted(byDepartment, (key) => departments.get(key) ?? key),
    byLevel: sorted(byLevel, (key) => levelLabels[key] ?? key),
    byYear,
    speed: speedRows,
    totals: {
      added: byYear.reduce((sum, row) => sum + row.added, 0),
      changed: byYear.reduce((sum, row) => sum + row.changed, 0),
      abolished: byYear.reduce((sum, row) => sum + row.abolished, 0),
      statutoryDays,
      promisedDays,
      reductionPercent: percent(statutoryDays, promisedDays),
    },
  };
}
