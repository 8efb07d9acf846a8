CREATE TABLE "item_announcement_templates" (
	"type" text PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "item_announcements" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"item_id" text NOT NULL,
	"revision" integer NOT NULL,
	"version" integer NOT NULL,
	"type" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "item_code_counters" (
	"scope" text PRIMARY KEY NOT NULL,
	"value" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "item_codes" (
	"code" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"item_id" text NOT NULL,
	"assigned_at" timestamp with time zone DEFAULT now() NOT NULL,
	"assigned_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "item_department_codes" (
	"department_id" text PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"assigned_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "item_department_codes_code_uq" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "item_edit_grants" (
	"item_id" text NOT NULL,
	"organization_id" text NOT NULL,
	"granted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"granted_by" text NOT NULL,
	"note" text,
	CONSTRAINT "item_edit_grants_pk" PRIMARY KEY("item_id","organization_id")
);
--> statement-breakpoint
CREATE TABLE "item_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"item_id" text NOT NULL,
	"revision" integer NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"comment" text,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "item_revisions" (
	"item_id" text NOT NULL,
	"revision" integer NOT NULL,
	"change_type" text NOT NULL,
	"status" text NOT NULL,
	"body" jsonb NOT NULL,
	"name" text NOT NULL,
	"department_id" text NOT NULL,
	"base_version" integer,
	"published_version" integer,
	"abolish_reason" text,
	"abolish_date" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text NOT NULL,
	"submitted_at" timestamp with time zone,
	"submitted_by" text,
	"decided_at" timestamp with time zone,
	"decided_by" text,
	"published_at" timestamp with time zone,
	CONSTRAINT "item_revisions_pk" PRIMARY KEY("item_id","revision")
);
--> statement-breakpoint
CREATE INDEX "item_announcements_published_idx" ON "item_announcements" USING btree ("published_at");--> statement-breakpoint
CREATE UNIQUE INDEX "item_codes_single_uq" ON "item_codes" USING btree ("item_id","kind") WHERE "item_codes"."kind" in ('basic', 'implementation');--> statement-breakpoint
CREATE INDEX "item_events_item_idx" ON "item_events" USING btree ("item_id","revision");--> statement-breakpoint
CREATE UNIQUE INDEX "item_revisions_open_uq" ON "item_revisions" USING btree ("item_id") WHERE "item_revisions"."status" in ('draft', 'submitted', 'returned', 'approved', 'coded');--> statement-breakpoint
CREATE INDEX "item_revisions_status_idx" ON "item_revisions" USING btree ("status");--> statement-breakpoint
CREATE INDEX "item_revisions_department_idx" ON "item_revisions" USING btree ("department_id");