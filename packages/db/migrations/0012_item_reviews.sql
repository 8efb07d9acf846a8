CREATE TABLE "item_reviews" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"item_id" text NOT NULL,
	"revision" integer NOT NULL,
	"flow_id" text NOT NULL,
	"flow_version" integer NOT NULL,
	"region_code" text NOT NULL,
	"state" jsonb NOT NULL,
	"version" integer NOT NULL,
	"status" text NOT NULL,
	"outcome" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_by" text NOT NULL,
	"concluded_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "item_sub_item_codes" (
	"item_id" text NOT NULL,
	"sub_item_id" text NOT NULL,
	"segment" integer NOT NULL,
	"basic" text NOT NULL,
	"implementation" text NOT NULL,
	"assigned_at" timestamp with time zone DEFAULT now() NOT NULL,
	"assigned_by" text NOT NULL,
	CONSTRAINT "item_sub_item_codes_pk" PRIMARY KEY("item_id","sub_item_id"),
	CONSTRAINT "item_sub_item_codes_segment_uq" UNIQUE("item_id","segment"),
	CONSTRAINT "item_sub_item_codes_basic_uq" UNIQUE("basic"),
	CONSTRAINT "item_sub_item_codes_implementation_uq" UNIQUE("implementation")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "item_reviews_running_uq" ON "item_reviews" USING btree ("item_id") WHERE "item_reviews"."status" = 'running';--> statement-breakpoint
CREATE INDEX "item_reviews_item_idx" ON "item_reviews" USING btree ("item_id","revision");--> statement-breakpoint
CREATE INDEX "item_reviews_status_region_idx" ON "item_reviews" USING btree ("status","region_code");