import { index, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * 重点项目 over a bundle of cases (R7.4): a project approved through several cases (联办 / 并联审批,
 * e.g. the permits of one construction project) followed against planned milestones. A milestone
 * is reached when every member case has reached it.
 */
export const keyProjectBundles = pgTable(
  'key_project_bundles',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    /** Milestones: a supervision stage (受理, 批准, 办结 …) or a step label, with its planned date. */
    milestones: jsonb('milestones').$type<Array<{ name: string; match: string; plannedDate: string }>>().notNull(),
    /** The region whose supervisors see it: the members' common region, else the marker's. */
    regionCode: text('region_code').notNull(),
    markedBy: text('marked_by').notNull(),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (table) => [index('key_project_bundles_region_idx').on(table.regionCode)],
);

/** The cases of a key-project bundle. */
export const keyProjectBundleMembers = pgTable(
  'key_project_bundle_members',
  {
    bundleId: text('bundle_id').notNull(),
    caseId: text('case_id').notNull(),
  },
  (table) => [primaryKey({ columns: [table.bundleId, table.caseId] }), index('key_project_bundle_members_case_idx').on(table.caseId)],
);
