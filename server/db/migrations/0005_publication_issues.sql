CREATE TABLE "circulations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"issue_id" uuid,
	"item_id" uuid,
	"office_id" uuid NOT NULL,
	"recipient_id" uuid NOT NULL,
	"recipient_name" text NOT NULL,
	"note" text,
	"sent_by_id" uuid,
	"sent_by_name" text NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone,
	CONSTRAINT "circulations_one_subject" CHECK (("circulations"."issue_id" is null) <> ("circulations"."item_id" is null))
);
--> statement-breakpoint
CREATE TABLE "issue_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"issue_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"file_name" text NOT NULL,
	"mime_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"issue_status" text NOT NULL,
	"final" boolean DEFAULT false NOT NULL,
	"check_problems" jsonb,
	"converter" text,
	"generated_by_id" uuid,
	"generated_by_name" text NOT NULL,
	"generated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "issue_items" (
	"issue_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"for_portal" boolean DEFAULT false NOT NULL,
	CONSTRAINT "issue_items_issue_id_item_id_pk" PRIMARY KEY("issue_id","item_id")
);
--> statement-breakpoint
CREATE TABLE "portal_queue" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "portal_queue_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"item_id" uuid NOT NULL,
	"issue_id" uuid,
	"office_id" uuid NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"queued_by_id" uuid,
	"queued_by_name" text NOT NULL,
	"queued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"withdrawn_reason" text,
	"withdrawn_at" timestamp with time zone,
	"posted_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "publication_issues" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"publication_id" uuid NOT NULL,
	"office_id" uuid NOT NULL,
	"series_key" text NOT NULL,
	"year" integer NOT NULL,
	"number" integer NOT NULL,
	"total_number" integer NOT NULL,
	"label" text NOT NULL,
	"title" text,
	"editor_note" text,
	"status" text DEFAULT 'draft' NOT NULL,
	"distribution" jsonb NOT NULL,
	"print_count" integer NOT NULL,
	"responsible_editor_id" uuid,
	"responsible_editor_name" text,
	"signer_id" uuid,
	"signer_name" text,
	"issue_date" date,
	"locked_at" timestamp with time zone,
	"locked_by_id" uuid,
	"signed_at" timestamp with time zone,
	"signed_by_id" uuid,
	"signed_by_name" text,
	"published_at" timestamp with time zone,
	"published_by_id" uuid,
	"created_by_id" uuid,
	"created_by_name" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "upper_adoptions" ADD COLUMN "issue_id" uuid;--> statement-breakpoint
ALTER TABLE "circulations" ADD CONSTRAINT "circulations_issue_id_publication_issues_id_fk" FOREIGN KEY ("issue_id") REFERENCES "public"."publication_issues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "circulations" ADD CONSTRAINT "circulations_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "circulations" ADD CONSTRAINT "circulations_office_id_orgs_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "circulations" ADD CONSTRAINT "circulations_recipient_id_users_id_fk" FOREIGN KEY ("recipient_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "issue_files" ADD CONSTRAINT "issue_files_issue_id_publication_issues_id_fk" FOREIGN KEY ("issue_id") REFERENCES "public"."publication_issues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "issue_items" ADD CONSTRAINT "issue_items_issue_id_publication_issues_id_fk" FOREIGN KEY ("issue_id") REFERENCES "public"."publication_issues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "issue_items" ADD CONSTRAINT "issue_items_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_queue" ADD CONSTRAINT "portal_queue_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_queue" ADD CONSTRAINT "portal_queue_issue_id_publication_issues_id_fk" FOREIGN KEY ("issue_id") REFERENCES "public"."publication_issues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_queue" ADD CONSTRAINT "portal_queue_office_id_orgs_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publication_issues" ADD CONSTRAINT "publication_issues_publication_id_publications_id_fk" FOREIGN KEY ("publication_id") REFERENCES "public"."publications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publication_issues" ADD CONSTRAINT "publication_issues_office_id_orgs_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publication_issues" ADD CONSTRAINT "publication_issues_responsible_editor_id_users_id_fk" FOREIGN KEY ("responsible_editor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publication_issues" ADD CONSTRAINT "publication_issues_signer_id_users_id_fk" FOREIGN KEY ("signer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "circulations_issue_recipient" ON "circulations" USING btree ("issue_id","recipient_id");--> statement-breakpoint
CREATE UNIQUE INDEX "circulations_item_recipient" ON "circulations" USING btree ("item_id","recipient_id");--> statement-breakpoint
CREATE INDEX "circulations_recipient" ON "circulations" USING btree ("recipient_id","sent_at");--> statement-breakpoint
CREATE INDEX "issue_files_issue" ON "issue_files" USING btree ("issue_id","generated_at");--> statement-breakpoint
CREATE UNIQUE INDEX "issue_items_item" ON "issue_items" USING btree ("item_id");--> statement-breakpoint
CREATE UNIQUE INDEX "portal_queue_item" ON "portal_queue" USING btree ("item_id");--> statement-breakpoint
CREATE INDEX "portal_queue_office_status" ON "portal_queue" USING btree ("office_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "publication_issues_number" ON "publication_issues" USING btree ("publication_id","series_key","number");--> statement-breakpoint
CREATE UNIQUE INDEX "publication_issues_total" ON "publication_issues" USING btree ("publication_id","total_number");--> statement-breakpoint
CREATE INDEX "publication_issues_office" ON "publication_issues" USING btree ("office_id","status");--> statement-breakpoint
CREATE INDEX "publication_issues_publication_year" ON "publication_issues" USING btree ("publication_id","year");--> statement-breakpoint
ALTER TABLE "upper_adoptions" ADD CONSTRAINT "upper_adoptions_issue_id_publication_issues_id_fk" FOREIGN KEY ("issue_id") REFERENCES "public"."publication_issues"("id") ON DELETE no action ON UPDATE no action;