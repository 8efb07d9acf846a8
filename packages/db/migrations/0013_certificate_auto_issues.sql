CREATE TABLE "certificate_auto_issues" (
	"case_id" text PRIMARY KEY NOT NULL,
	"item_id" text NOT NULL,
	"item_version" integer NOT NULL,
	"template_id" text NOT NULL,
	"status" text NOT NULL,
	"certificate_id" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"requested_by" text NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "certificate_auto_issues_status_idx" ON "certificate_auto_issues" USING btree ("status","requested_at");