CREATE TABLE "case_history" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "case_history_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"case_id" text NOT NULL,
	"record_id" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"action" text NOT NULL,
	"stage" text,
	"node_id" text,
	"step" text,
	"item_code" text NOT NULL,
	"item_name" text NOT NULL,
	"department_id" text,
	"department_name" text,
	"office_name" text,
	"handler_id" text,
	"handler_name" text,
	"step_status" text NOT NULL,
	"opinion" text,
	"attachments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"message" text NOT NULL,
	"promised_days" integer,
	"risk_kind" text,
	"risk_description" text,
	"control_measure" text
);
--> statement-breakpoint
CREATE TABLE "case_materials" (
	"id" text PRIMARY KEY NOT NULL,
	"case_id" text NOT NULL,
	"material_id" text NOT NULL,
	"name" text NOT NULL,
	"provided" boolean NOT NULL,
	"medium" text,
	"file_ref" text,
	"reused_from_case_id" text,
	"applicant_id_number" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_notices" (
	"id" text PRIMARY KEY NOT NULL,
	"case_id" text NOT NULL,
	"kind" text NOT NULL,
	"template_id" text,
	"template_version" integer,
	"data" jsonb NOT NULL,
	"pdf_base64" text,
	"error" text,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_number_sequences" (
	"prefix" text PRIMARY KEY NOT NULL,
	"last" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_tasks" (
	"id" text PRIMARY KEY NOT NULL,
	"case_id" text NOT NULL,
	"task_id" text NOT NULL,
	"node_id" text NOT NULL,
	"node_label" text NOT NULL,
	"kind" text NOT NULL,
	"task" jsonb NOT NULL,
	"region_code" text NOT NULL,
	"assigned_user_id" text,
	"role_ids" text[] DEFAULT '{}' NOT NULL,
	"post_ids" text[] DEFAULT '{}' NOT NULL,
	"department_ids" text[] DEFAULT '{}' NOT NULL,
	"user_ids" text[] DEFAULT '{}' NOT NULL,
	"status" text NOT NULL,
	"paused" boolean DEFAULT false NOT NULL,
	"handled_by" text,
	"due_date" date,
	"yellow_date" date,
	"red_date" date,
	"opened_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "case_timers" (
	"id" text PRIMARY KEY NOT NULL,
	"case_id" text NOT NULL,
	"timer_id" text NOT NULL,
	"kind" text NOT NULL,
	"task_id" text,
	"fire_at" timestamp with time zone NOT NULL,
	"fire_date" date NOT NULL,
	"status" text NOT NULL,
	"job_id" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_watches" (
	"user_id" text NOT NULL,
	"case_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_watches_pk" PRIMARY KEY("user_id","case_id")
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" text PRIMARY KEY NOT NULL,
	"number" text NOT NULL,
	"query_password_hash" text NOT NULL,
	"item_id" text NOT NULL,
	"item_version" integer NOT NULL,
	"item_name" text NOT NULL,
	"item_code" text NOT NULL,
	"department_id" text NOT NULL,
	"flow_id" text NOT NULL,
	"flow_version" integer NOT NULL,
	"form_id" text,
	"form_version" integer,
	"form_record_id" text,
	"channel" text NOT NULL,
	"applicant_kind" text NOT NULL,
	"applicant_name" text NOT NULL,
	"applicant_id_type" text NOT NULL,
	"applicant_id_number" text NOT NULL,
	"person_id" text,
	"enterprise_id" text,
	"contact_name" text,
	"contact_phone" text,
	"summary" text,
	"centre_id" text NOT NULL,
	"region_code" text NOT NULL,
	"accepted_by" text NOT NULL,
	"status" text NOT NULL,
	"outcome" text,
	"state" jsonb NOT NULL,
	"version" integer NOT NULL,
	"handlers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"current_nodes" text DEFAULT '' NOT NULL,
	"escalated_to" text,
	"fee_status" text DEFAULT 'none' NOT NULL,
	"time_limit_days" integer,
	"accepted_at" timestamp with time zone NOT NULL,
	"due_date" date,
	"yellow_date" date,
	"red_date" date,
	"paused" boolean DEFAULT false NOT NULL,
	"paused_intervals" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"completed_at" timestamp with time zone,
	"result" jsonb,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "enterprises" (
	"id" text PRIMARY KEY NOT NULL,
	"credit_code" text NOT NULL,
	"name" text NOT NULL,
	"founded_on" date,
	"legal_representative" text,
	"address" text,
	"phone" text,
	"business_scope" text,
	"tax_info" jsonb,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "enterprises_credit_code_unique" UNIQUE("credit_code")
);
--> statement-breakpoint
CREATE TABLE "fee_bills" (
	"id" text PRIMARY KEY NOT NULL,
	"case_id" text NOT NULL,
	"lines" jsonb NOT NULL,
	"total_fen" integer NOT NULL,
	"status" text NOT NULL,
	"waiver_status" text DEFAULT 'none' NOT NULL,
	"waiver_reason" text,
	"waiver_requested_by" text,
	"waiver_decided_by" text,
	"waiver_decision_note" text,
	"created_at" timestamp with time zone NOT NULL,
	"settled_at" timestamp with time zone,
	CONSTRAINT "fee_bills_case_unique" UNIQUE("case_id")
);
--> statement-breakpoint
CREATE TABLE "fee_payments" (
	"id" text PRIMARY KEY NOT NULL,
	"bill_id" text NOT NULL,
	"case_id" text NOT NULL,
	"amount_fen" integer NOT NULL,
	"method" text NOT NULL,
	"receipt_no" text NOT NULL,
	"recorded_by" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "persons" (
	"id" text PRIMARY KEY NOT NULL,
	"id_number" text NOT NULL,
	"name" text NOT NULL,
	"sex" text,
	"birth_date" date,
	"address" text,
	"occupation" text,
	"phone" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "persons_id_number_unique" UNIQUE("id_number")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "case_history_record_unique" ON "case_history" USING btree ("case_id","record_id");--> statement-breakpoint
CREATE INDEX "case_history_at_idx" ON "case_history" USING btree ("at");--> statement-breakpoint
CREATE INDEX "case_materials_case_idx" ON "case_materials" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_materials_applicant_idx" ON "case_materials" USING btree ("applicant_id_number","name");--> statement-breakpoint
CREATE INDEX "case_notices_case_idx" ON "case_notices" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "case_tasks_case_task_unique" ON "case_tasks" USING btree ("case_id","task_id");--> statement-breakpoint
CREATE INDEX "case_tasks_open_region_idx" ON "case_tasks" USING btree ("status","region_code");--> statement-breakpoint
CREATE INDEX "case_tasks_handled_by_idx" ON "case_tasks" USING btree ("handled_by","closed_at");--> statement-breakpoint
CREATE INDEX "case_tasks_assigned_idx" ON "case_tasks" USING btree ("assigned_user_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "case_timers_case_timer_unique" ON "case_timers" USING btree ("case_id","timer_id");--> statement-breakpoint
CREATE INDEX "case_timers_pending_idx" ON "case_timers" USING btree ("status","job_id");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_number_unique" ON "cases" USING btree ("number");--> statement-breakpoint
CREATE INDEX "cases_region_accepted_idx" ON "cases" USING btree ("region_code","accepted_at");--> statement-breakpoint
CREATE INDEX "cases_status_due_idx" ON "cases" USING btree ("status","due_date");--> statement-breakpoint
CREATE INDEX "cases_department_idx" ON "cases" USING btree ("department_id","accepted_at");--> statement-breakpoint
CREATE INDEX "cases_applicant_idx" ON "cases" USING btree ("applicant_id_number");--> statement-breakpoint
CREATE INDEX "fee_payments_case_idx" ON "fee_payments" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "fee_payments_at_idx" ON "fee_payments" USING btree ("at");