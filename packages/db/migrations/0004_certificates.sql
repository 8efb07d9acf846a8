CREATE TABLE "certificate_number_sequences" (
	"template_id" text NOT NULL,
	"scope" text NOT NULL,
	"value" integer NOT NULL,
	CONSTRAINT "certificate_number_sequences_pk" PRIMARY KEY("template_id","scope")
);
--> statement-breakpoint
CREATE TABLE "certificate_prints" (
	"id" text PRIMARY KEY NOT NULL,
	"certificate_id" text NOT NULL,
	"window_id" text NOT NULL,
	"reprint" boolean NOT NULL,
	"reason" text,
	"offset_x_mm" double precision NOT NULL,
	"offset_y_mm" double precision NOT NULL,
	"printed_at" timestamp with time zone NOT NULL,
	"printed_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "certificates" (
	"id" text PRIMARY KEY NOT NULL,
	"number" text NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"template_kind" text NOT NULL,
	"template_id" text NOT NULL,
	"template_version" integer NOT NULL,
	"holder_name" text NOT NULL,
	"holder_id_number" text NOT NULL,
	"issuer_organization_id" text NOT NULL,
	"issuer_name" text NOT NULL,
	"case_id" text,
	"item_id" text,
	"valid_from" date NOT NULL,
	"valid_until" date,
	"status" text NOT NULL,
	"variant" text NOT NULL,
	"data" jsonb NOT NULL,
	"pdf_sha256" text NOT NULL,
	"pdf_size" integer NOT NULL,
	"sm3" text NOT NULL,
	"sm2_signature" text NOT NULL,
	"sm2_public_key" text NOT NULL,
	"seal_id" text NOT NULL,
	"verify_token" text NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"issued_by" text NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" text,
	"revoke_reason" text
);
--> statement-breakpoint
CREATE TABLE "platform_ca" (
	"id" text PRIMARY KEY NOT NULL,
	"certificate_pem" text NOT NULL,
	"encrypted_private_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "seals" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"name" text NOT NULL,
	"subtitle" text,
	"status" text NOT NULL,
	"certificate_pem" text NOT NULL,
	"public_key_pem" text NOT NULL,
	"sm2_public_key" text NOT NULL,
	"encrypted_keys" text NOT NULL,
	"valid_until" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text NOT NULL,
	"retired_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "window_print_offsets" (
	"window_id" text PRIMARY KEY NOT NULL,
	"x_mm" double precision NOT NULL,
	"y_mm" double precision NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "certificate_prints_certificate_idx" ON "certificate_prints" USING btree ("certificate_id","printed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "certificates_number_unique" ON "certificates" USING btree ("number");--> statement-breakpoint
CREATE INDEX "certificates_holder_idx" ON "certificates" USING btree ("holder_id_number","status");--> statement-breakpoint
CREATE INDEX "certificates_case_idx" ON "certificates" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "certificates_issued_idx" ON "certificates" USING btree ("issued_at");--> statement-breakpoint
CREATE INDEX "certificates_pdf_idx" ON "certificates" USING btree ("pdf_sha256");--> statement-breakpoint
CREATE INDEX "seals_organization_idx" ON "seals" USING btree ("organization_id");--> statement-breakpoint
CREATE UNIQUE INDEX "seals_one_active_per_organization" ON "seals" USING btree ("organization_id") WHERE status = 'active';