CREATE TABLE "case_rollup_changes" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "case_rollup_changes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"month_start" timestamp with time zone NOT NULL,
	"item_id" text NOT NULL
);
--> statement-breakpoint
DROP INDEX "case_timers_case_timer_unique";--> statement-breakpoint
DROP INDEX "cases_updated_idx";--> statement-breakpoint
DROP INDEX "case_tasks_open_region_idx";--> statement-breakpoint
DROP INDEX "case_tasks_handled_by_idx";--> statement-breakpoint
DROP INDEX "case_tasks_assigned_idx";--> statement-breakpoint
CREATE INDEX "case_tasks_open_region_idx" ON "case_tasks" USING btree ("region_code") WHERE "case_tasks"."status" = 'open';--> statement-breakpoint
CREATE INDEX "case_tasks_handled_by_idx" ON "case_tasks" USING btree ("handled_by","closed_at") WHERE "case_tasks"."handled_by" is not null;--> statement-breakpoint
CREATE INDEX "case_tasks_assigned_idx" ON "case_tasks" USING btree ("assigned_user_id") WHERE "case_tasks"."status" = 'open' and "case_tasks"."assigned_user_id" is not null;--> statement-breakpoint
-- Room in each page for the new version of a case row: a transition then updates the row in place (HOT).
ALTER TABLE "cases" SET (fillfactor = 85);--> statement-breakpoint
CREATE FUNCTION case_rollup_month(at timestamptz) RETURNS timestamptz LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT date_trunc('month', at AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai' $$;--> statement-breakpoint
CREATE FUNCTION case_rollup_note_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO case_rollup_changes (month_start, item_id) SELECT DISTINCT case_rollup_month(accepted_at), item_id FROM case_rollup_rows;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION case_rollup_note_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO case_rollup_changes (month_start, item_id) VALUES (case_rollup_month(OLD.accepted_at), OLD.item_id);
  IF NEW.accepted_at IS DISTINCT FROM OLD.accepted_at OR NEW.item_id IS DISTINCT FROM OLD.item_id THEN
    INSERT INTO case_rollup_changes (month_start, item_id) VALUES (case_rollup_month(NEW.accepted_at), NEW.item_id);
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER cases_rollup_inserted AFTER INSERT ON "cases" REFERENCING NEW TABLE AS case_rollup_rows
  FOR EACH STATEMENT EXECUTE FUNCTION case_rollup_note_inserted();--> statement-breakpoint
CREATE TRIGGER cases_rollup_deleted AFTER DELETE ON "cases" REFERENCING OLD TABLE AS case_rollup_rows
  FOR EACH STATEMENT EXECUTE FUNCTION case_rollup_note_inserted();--> statement-breakpoint
-- Only changes to columns the roll-up reads (services/rollups/case-rollups.ts `aggregate`); the
-- condition is checked before the function is called, so other transitions pay nothing for it.
CREATE TRIGGER cases_rollup_updated AFTER UPDATE ON "cases" FOR EACH ROW
  WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.outcome IS DISTINCT FROM NEW.outcome OR OLD.due_date IS DISTINCT FROM NEW.due_date
    OR OLD.completed_at IS DISTINCT FROM NEW.completed_at OR OLD.accepted_at IS DISTINCT FROM NEW.accepted_at OR OLD.item_id IS DISTINCT FROM NEW.item_id
    OR OLD.item_version IS DISTINCT FROM NEW.item_version OR OLD.region_code IS DISTINCT FROM NEW.region_code OR OLD.department_id IS DISTINCT FROM NEW.department_id)
  EXECUTE FUNCTION case_rollup_note_updated();--> statement-breakpoint
-- Cases written since the last refresh under the earlier design (which read `updated_at`) are noted here.
INSERT INTO case_rollup_changes (month_start, item_id)
  SELECT DISTINCT case_rollup_month(c.accepted_at), c.item_id FROM "cases" c, rollup_refreshes r
  WHERE r.name = 'case-rollups' AND c.updated_at >= r.refreshed_at - interval '2 minutes';
