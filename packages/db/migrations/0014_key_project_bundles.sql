CREATE TABLE "key_project_bundle_members" (
	"bundle_id" text NOT NULL,
	"case_id" text NOT NULL,
	CONSTRAINT "key_project_bundle_members_bundle_id_case_id_pk" PRIMARY KEY("bundle_id","case_id")
);
--> statement-breakpoint
CREATE TABLE "key_project_bundles" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"milestones" jsonb NOT NULL,
	"region_code" text NOT NULL,
	"marked_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "key_project_bundle_members_case_idx" ON "key_project_bundle_members" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "key_project_bundles_region_idx" ON "key_project_bundles" USING btree ("region_code");