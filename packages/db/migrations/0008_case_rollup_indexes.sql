CREATE INDEX "cases_updated_idx" ON "cases" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "cases_item_accepted_idx" ON "cases" USING btree ("item_id","accepted_at");