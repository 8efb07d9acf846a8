import { desc, eq, sql } from 'drizzle-orm';
import { itemAnnouncements, itemAnnouncementTemplates, type Db } from '@xlgl/db';

export type AnnouncementType = 'added' | 'changed' | 'abolished';
export const announcementTypeLabels: Record<AnnouncementType, string> = { added: '新增', changed: '变更', abolished: '废止' };

/** Placeholders a template may use, written `{{事项名称}}`. */
export const announcementPlaceholders = [
  '事项名称',
  '事项类型',
  '实施部门',
  '基本编码',
  '实施编码',
  '版本',
  '发布日期',
  '变更内容',
  '废止原因',
  '废止日期',
] as const;
export type AnnouncementValues = Partial<Record<(typeof announcementPlaceholders)[number], string>>;

/** The templates used until someone edits them (R1.8). */
export const defaultAnnouncementTemplates: Record<AnnouncementType, { title: string; body: string }> = {
  added: {
    title: '关于新增“{{事项名称}}”政务服务事项的公告',
    body: '经审改部门审核，{{实施部门}}的“{{事项名称}}”（{{事项类型}}，基本编码{{基本编码}}，实施编码{{实施编码}}）纳入政务服务事项标准目录，自{{发布日期}}起施行。',
  },
  changed: {
    title: '关于变更“{{事项名称}}”政务服务事项的公告',
    body: '经审改部门审核，{{实施部门}}的“{{事项名称}}”（基本编码{{基本编码}}）发生变更，变更内容：{{变更内容}}。变更后为第{{版本}}版，自{{发布日期}}起施行，原版本同时停止受理新件，已受理的办件按原版本办结。',
  },
  abolished: {
    title: '关于废止“{{事项名称}}”政务服务事项的公告',
    body: '经审改部门审核，{{实施部门}}的“{{事项名称}}”（基本编码{{基本编码}}）因{{废止原因}}，自{{废止日期}}起废止，不再受理新的申请。',
  },
};

/** Replaces `{{占位符}}`; an unknown placeholder stays visible so an editor notices it. */
export function renderAnnouncement(template: string, values: AnnouncementValues): string {
  return template.replace(
    /\{\{\s*([^{}\s]+)\s*\}\}/g,
    (whole, key: string) => (values as Record<string, string | undefined>)[key] ?? whole,
  );
}

/** Unknown placeholders in a template (for the editor's validation). */
export function unknownPlaceholders(template: string): string[] {
  const known = new Set<string>(announcementPlaceholders);
  return [...template.matchAll(/\{\{\s*([^{}\s]+)\s*\}\}/g)].map((match) => match[1]!).filter((key) => !known.has(key));
}

export async function readAnnouncementTemplates(
  db: Db,
): Promise<Record<AnnouncementType, { title: string; body: string; updatedAt: Date | null; updatedBy: string | null }>> {
  const rows = await db.select().from(itemAnnouncementTemplates);
  const result = {} as Record<AnnouncementType, { title: string; body: string; updatedAt: Date | null; updatedBy: string | null }>;
  for (const type of Object.keys(defaultAnnouncementTemplates) as AnnouncementType[]) {
    const row = rows.find((entry) => entry.type === type);
    result[type] = row
      ? { title: row.title, body: row.body, updatedAt: row.updatedAt, updatedBy: row.updatedBy }
      : { ...defaultAnnouncementTemplates[type], updatedAt: null, updatedBy: null };
  }
  return result;
}

export async function writeAnnouncementTemplate(
  db: Db,
  input: { type: AnnouncementType; title: string; body: string; actor: string; now: Date },
): Promise<void> {
  await db
    .insert(itemAnnouncementTemplates)
    .values({ type: input.type, title: input.title, body: input.body, updatedAt: input.now, updatedBy: input.actor })
    .onConflictDoUpdate({
      target: itemAnnouncementTemplates.type,
      set: { title: input.title, body: input.body, updatedAt: input.now, updatedBy: input.actor },
    });
}

/** Renders the type's template and stores the announcement (inside the publishing transaction). */
export async function publishAnnouncement(
  tx: Db,
  input: {
    itemId: string;
    revision: number;
    version: number;
    type: AnnouncementType;
    values: AnnouncementValues;
    actor: string;
    now: Date;
  },
): Promise<{ title: string; body: string }> {
  const templates = await readAnnouncementTemplates(tx);
  const template = templates[input.type];
  const title = renderAnnouncement(template.title, input.values);
  const body = renderAnnouncement(template.body, input.values);
  await tx.insert(itemAnnouncements).values({
    itemId: input.itemId,
    revision: input.revision,
    version: input.version,
    type: input.type,
    title,
    body,
    publishedAt: input.now,
    publishedBy: input.actor,
  });
  return { title, body };
}

export async function listAnnouncements(db: Db, options: { page: number; pageSize: number; itemId?: string }) {
  const where = options.itemId ? eq(itemAnnouncements.itemId, options.itemId) : undefined;
  const rows = await db
    .select()
    .from(itemAnnouncements)
    .where(where)
    .orderBy(desc(itemAnnouncements.publishedAt), desc(itemAnnouncements.id))
    .limit(options.pageSize)
    .offset((options.page - 1) * options.pageSize);
  const [counted] = await db
    .select({ total: sql<number>`count(*)::int` })
    .from(itemAnnouncements)
    .where(where);
  return { rows, total: Number(counted?.total ?? 0) };
}
