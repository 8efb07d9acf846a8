-- The roll-up also reads supervision_case_facts (working days used, card), which supervision writes after
-- the case changed (the scan computes the working days of a concluded case later): a change there notes
-- the case's (month, item) group as well, so the roll-up's average time is not left without it.
CREATE FUNCTION case_rollup_note_facts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    INSERT INTO case_rollup_changes (month_start, item_id) SELECT case_rollup_month(c.accepted_at), c.item_id FROM "cases" c WHERE c.id = OLD.case_id;
  END IF;
  IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.case_id IS DISTINCT FROM OLD.case_id) THEN
    INSERT INTO case_rollup_changes (month_start, item_id) SELECT case_rollup_month(c.accepted_at), c.item_id FROM "cases" c WHERE c.id = NEW.case_id;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER supervision_case_facts_rollup AFTER INSERT OR DELETE ON "supervision_case_facts" FOR EACH ROW EXECUTE FUNCTION case_rollup_note_facts();--> statement-breakpoint
CREATE TRIGGER supervision_case_facts_rollup_updated AFTER UPDATE ON "supervision_case_facts" FOR EACH ROW
  WHEN (OLD.working_days_used IS DISTINCT FROM NEW.working_days_used OR OLD.card IS DISTINCT FROM NEW.card OR OLD.case_id IS DISTINCT FROM NEW.case_id)
  EXECUTE FUNCTION case_rollup_note_facts();
