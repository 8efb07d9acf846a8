CREATE TABLE "key_projects" (
	"case_id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"milestones" jsonb NOT NULL,
	"marked_by" text NOT NULL,
	"region_code" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sms_outbox" (
	"id" text PRIMARY KEY NOT NULL,
	"mobile" text NOT NULL,
	"user_id" text,
	"body" text NOT NULL,
	"ref" text NOT NULL,
	"status" text NOT NULL,
	"gateway" text,
	"provider_id" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"error" text,
	"created_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "supervision_cards" (
	"id" text PRIMARY KEY NOT NULL,
	"case_id" text NOT NULL,
	"case_number" text NOT NULL,
	"color" text NOT NULL,
	"rule_id" text NOT NULL,
	"reason" text NOT NULL,
	"task_id" text,
	"step_label" text,
	"region_code" text NOT NULL,
	"department_id" text NOT NULL,
	"item_id" text NOT NULL,
	"notified" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"dedupe_key" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supervision_case_facts" (
	"case_id" text PRIMARY KEY NOT NULL,
	"card" text DEFAULT 'none' NOT NULL,
	"card_count" integer DEFAULT 0 NOT NULL,
	"working_days_used" real,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supervision_cursors" (
	"name" text PRIMARY KEY NOT NULL,
	"last_history_id" bigint NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supervision_urges" (
	"id" text PRIMARY KEY NOT NULL,
	"case_id" text NOT NULL,
	"case_number" text NOT NULL,
	"kind" text NOT NULL,
	"origin" text NOT NULL,
	"from_user_id" text,
	"from_name" text,
	"to_user_id" text NOT NULL,
	"to_name" text NOT NULL,
	"message" text NOT NULL,
	"reply_by" date,
	"status" text NOT NULL,
	"response" text,
	"read_at" timestamp with time zone,
	"responded_at" timestamp with time zone,
	"region_code" text NOT NULL,
	"dedupe_key" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "sms_outbox_status_idx" ON "sms_outbox" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "sms_outbox_ref_idx" ON "sms_outbox" USING btree ("ref");--> statement-breakpoint
CREATE UNIQUE INDEX "supervision_cards_dedupe_unique" ON "supervision_cards" USING btree ("dedupe_key");--> statement-breakpoint
CREATE INDEX "supervision_cards_case_idx" ON "supervision_cards" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "supervision_cards_region_created_idx" ON "supervision_cards" USING btree ("region_code","created_at");--> statement-breakpoint
CREATE INDEX "supervision_urges_to_idx" ON "supervision_urges" USING btree ("to_user_id","status");--> statement-breakpoint
CREATE INDEX "supervision_urges_case_idx" ON "supervision_urges" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "supervision_urges_dedupe_unique" ON "supervision_urges" USING btree ("dedupe_key");