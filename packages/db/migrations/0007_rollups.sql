CREATE TABLE "case_rollups_monthly" (
	"month_start" timestamp with time zone NOT NULL,
	"region_code" text NOT NULL,
	"department_id" text NOT NULL,
	"item_id" text NOT NULL,
	"category" text NOT NULL,
	"status" text NOT NULL,
	"card" text NOT NULL,
	"due_date" text,
	"cases" integer NOT NULL,
	"completed" integer NOT NULL,
	"on_time" integer NOT NULL,
	"late_concluded" integer NOT NULL,
	"working_days_sum" double precision NOT NULL,
	"working_days_count" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rollup_refreshes" (
	"name" text PRIMARY KEY NOT NULL,
	"refreshed_at" timestamp with time zone NOT NULL,
	"open_months" jsonb NOT NULL
);
--> statement-breakpoint
CREATE INDEX "case_rollups_monthly_month_idx" ON "case_rollups_monthly" USING btree ("month_start","region_code");