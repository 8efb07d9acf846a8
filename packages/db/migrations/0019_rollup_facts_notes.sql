-- The roll-up also reads supervision_case_facts (working days used, card), which supervision writes after
-- the case changed (the scan computes the working days of a concluded case later): a change there notes
-- the case's (month, item) group as well, so the roll-up's average time is not left without it.
-- Statement-level with transition tables (like the triggers on cases): one join per statement, so a bulk
-- load of facts costs one hash join, not one case lookup per row.
CREATE FUNCTION case_rollup_note_facts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO case_rollup_changes (month_start, item_id)
    SELECT DISTINCT case_rollup_month(c.accepted_at), c.item_id FROM case_rollup_facts f JOIN "cases" c ON c.id = f.case_id;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION case_rollup_note_facts_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO case_rollup_changes (month_start, item_id)
    SELECT DISTINCT case_rollup_month(c.accepted_at), c.item_id
    FROM case_rollup_facts_old o FULL JOIN case_rollup_facts_new n ON n.case_id = o.case_id
    JOIN "cases" c ON c.id IN (o.case_id, n.case_id)
    WHERE o.case_id IS NULL OR n.case_id IS NULL
      OR o.working_days_used IS DISTINCT FROM n.working_days_used OR o.card IS DISTINCT FROM n.card;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER supervision_case_facts_rollup_inserted AFTER INSERT ON "supervision_case_facts" REFERENCING NEW TABLE AS case_rollup_facts
  FOR EACH STATEMENT EXECUTE FUNCTION case_rollup_note_facts();--> statement-breakpoint
CREATE TRIGGER supervision_case_facts_rollup_deleted AFTER DELETE ON "supervision_case_facts" REFERENCING OLD TABLE AS case_rollup_facts
  FOR EACH STATEMENT EXECUTE FUNCTION case_rollup_note_facts();--> statement-breakpoint
CREATE TRIGGER supervision_case_facts_rollup_updated AFTER UPDATE ON "supervision_case_facts"
  REFERENCING OLD TABLE AS case_rollup_facts_old NEW TABLE AS case_rollup_facts_new
  FOR EACH STATEMENT EXECUTE FUNCTION case_rollup_note_facts_updated();
