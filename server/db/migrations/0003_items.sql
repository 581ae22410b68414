CREATE TABLE "item_attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"item_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"file_name" text NOT NULL,
	"mime_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "item_credits" (
	"item_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"share_mille" integer NOT NULL,
	CONSTRAINT "item_credits_item_id_unit_id_pk" PRIMARY KEY("item_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "item_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "item_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"item_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"actor_name" text NOT NULL,
	"actor_unit_name" text,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"reason" text,
	"data" jsonb
);
--> statement-breakpoint
CREATE TABLE "item_versions" (
	"item_id" uuid NOT NULL,
	"version_no" integer NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"editor_id" uuid,
	"editor_name" text NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "item_versions_item_id_version_no_pk" PRIMARY KEY("item_id","version_no")
);
--> statement-breakpoint
CREATE TABLE "items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"serial" bigint GENERATED ALWAYS AS IDENTITY (sequence name "items_serial_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"office_id" uuid NOT NULL,
	"submitting_unit_id" uuid NOT NULL,
	"origin_unit_id" uuid NOT NULL,
	"root_id" uuid,
	"forwarded_from_id" uuid,
	"forwarded_to_id" uuid,
	"follow_up_of_id" uuid,
	"merged_into_id" uuid,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"category_code" text NOT NULL,
	"priority" text DEFAULT 'normal' NOT NULL,
	"secrecy" text DEFAULT 'public' NOT NULL,
	"keywords" text[] DEFAULT '{}' NOT NULL,
	"author_id" uuid,
	"author_name" text NOT NULL,
	"author_phone" text,
	"signer_id" uuid,
	"signer_name" text,
	"signed_at" timestamp with time zone,
	"event_at" timestamp with time zone,
	"status" text DEFAULT 'draft' NOT NULL,
	"target_publication_id" uuid,
	"submitted_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"current_version" integer DEFAULT 1 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "upper_adoptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"item_id" uuid NOT NULL,
	"publication_id" uuid NOT NULL,
	"adoption_kind" text NOT NULL,
	"adopted_on" date NOT NULL,
	"issue_label" text,
	"note" text,
	"recorded_by" uuid,
	"recorded_by_name" text NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "item_attachments" ADD CONSTRAINT "item_attachments_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_credits" ADD CONSTRAINT "item_credits_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_credits" ADD CONSTRAINT "item_credits_unit_id_orgs_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_events" ADD CONSTRAINT "item_events_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_versions" ADD CONSTRAINT "item_versions_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "items" ADD CONSTRAINT "items_office_id_orgs_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "items" ADD CONSTRAINT "items_submitting_unit_id_orgs_id_fk" FOREIGN KEY ("submitting_unit_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "items" ADD CONSTRAINT "items_origin_unit_id_orgs_id_fk" FOREIGN KEY ("origin_unit_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "items" ADD CONSTRAINT "items_root_id_items_id_fk" FOREIGN KEY ("root_id") REFERENCES "public"."items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "items" ADD CONSTRAINT "items_forwarded_from_id_items_id_fk" FOREIGN KEY ("forwarded_from_id") REFERENCES "public"."items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "items" ADD CONSTRAINT "items_forwarded_to_id_items_id_fk" FOREIGN KEY ("forwarded_to_id") REFERENCES "public"."items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "items" ADD CONSTRAINT "items_follow_up_of_id_items_id_fk" FOREIGN KEY ("follow_up_of_id") REFERENCES "public"."items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "items" ADD CONSTRAINT "items_merged_into_id_items_id_fk" FOREIGN KEY ("merged_into_id") REFERENCES "public"."items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "items" ADD CONSTRAINT "items_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "items" ADD CONSTRAINT "items_signer_id_users_id_fk" FOREIGN KEY ("signer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "items" ADD CONSTRAINT "items_target_publication_id_publications_id_fk" FOREIGN KEY ("target_publication_id") REFERENCES "public"."publications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "upper_adoptions" ADD CONSTRAINT "upper_adoptions_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "upper_adoptions" ADD CONSTRAINT "upper_adoptions_publication_id_publications_id_fk" FOREIGN KEY ("publication_id") REFERENCES "public"."publications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "item_attachments_item" ON "item_attachments" USING btree ("item_id");--> statement-breakpoint
CREATE INDEX "item_events_item" ON "item_events" USING btree ("item_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "items_serial" ON "items" USING btree ("serial");--> statement-breakpoint
CREATE INDEX "items_office_status" ON "items" USING btree ("office_id","status");--> statement-breakpoint
CREATE INDEX "items_submitting_unit" ON "items" USING btree ("submitting_unit_id","status");--> statement-breakpoint
CREATE INDEX "items_origin_unit" ON "items" USING btree ("origin_unit_id");--> statement-breakpoint
CREATE INDEX "items_root" ON "items" USING btree ("root_id");--> statement-breakpoint
CREATE INDEX "items_submitted_at" ON "items" USING btree ("submitted_at");--> statement-breakpoint
CREATE INDEX "upper_adoptions_item" ON "upper_adoptions" USING btree ("item_id");--> statement-breakpoint
CREATE UNIQUE INDEX "upper_adoptions_item_publication" ON "upper_adoptions" USING btree ("item_id","publication_id");