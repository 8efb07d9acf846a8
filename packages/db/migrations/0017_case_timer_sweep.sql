DROP INDEX "case_timers_pending_idx";--> statement-breakpoint
CREATE INDEX "case_timers_due_idx" ON "case_timers" USING btree ("fire_at") WHERE "case_timers"."status" = 'scheduled';