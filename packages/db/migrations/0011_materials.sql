CREATE TABLE "applicant_materials" (
	"id" text PRIMARY KEY NOT NULL,
	"applicant_kind" text NOT NULL,
	"applicant_id_number" text NOT NULL,
	"item_id" text NOT NULL,
	"material_id" text NOT NULL,
	"category" text NOT NULL,
	"material_name" text NOT NULL,
	"file_hash" text NOT NULL,
	"file_name" text NOT NULL,
	"source_case_id" text NOT NULL,
	"valid_until" date,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_material_files" (
	"id" text PRIMARY KEY NOT NULL,
	"case_id" text NOT NULL,
	"item_id" text NOT NULL,
	"material_id" text NOT NULL,
	"material_name" text NOT NULL,
	"file_hash" text NOT NULL,
	"file_name" text NOT NULL,
	"provided_by" text NOT NULL,
	"reused_from" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stored_files" (
	"hash" text PRIMARY KEY NOT NULL,
	"size" bigint NOT NULL,
	"mime_type" text NOT NULL,
	"original_name" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "applicant_materials_unique" ON "applicant_materials" USING btree ("applicant_id_number","item_id","material_id","file_hash");--> statement-breakpoint
CREATE INDEX "applicant_materials_category_idx" ON "applicant_materials" USING btree ("applicant_id_number","category");--> statement-breakpoint
CREATE UNIQUE INDEX "case_material_files_unique" ON "case_material_files" USING btree ("case_id","material_id","file_hash");--> statement-breakpoint
CREATE INDEX "case_material_files_hash_idx" ON "case_material_files" USING btree ("file_hash");