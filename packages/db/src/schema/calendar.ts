import { date, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Local corrections to the official working-day calendar (e.g. a centre closed for a blizzard). */
export const calendarOverrides = pgTable('calendar_overrides', {
  date: date('date', { mode: 'string' }).primaryKey(),
  /** `workday` or `holiday`. */
  kind: text('kind', { enum: ['workday', 'holiday'] }).notNull(),
  note: text('note'),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  updatedBy: text('updated_by').notNull(),
});
