ALTER TABLE "publications" ADD COLUMN "numbering" text DEFAULT 'yearly' NOT NULL;--> statement-breakpoint
ALTER TABLE "publications" ADD COLUMN "label_format" text DEFAULT 'year_issue' NOT NULL;--> statement-breakpoint
ALTER TABLE "publications" ADD COLUMN "show_total" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "publications" ADD COLUMN "distribution" jsonb DEFAULT '{"bao":"","song":"","fa":""}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "publications" ADD COLUMN "print_count" integer DEFAULT 50 NOT NULL;--> statement-breakpoint
ALTER TABLE "publications" ADD COLUMN "default_editor_id" uuid;--> statement-breakpoint
ALTER TABLE "publications" ADD COLUMN "default_signer_id" uuid;--> statement-breakpoint
ALTER TABLE "publications" ADD COLUMN "description" text;--> statement-breakpoint
ALTER TABLE "publications" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "publications" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "publications" ADD CONSTRAINT "publications_default_editor_id_users_id_fk" FOREIGN KEY ("default_editor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publications" ADD CONSTRAINT "publications_default_signer_id_users_id_fk" FOREIGN KEY ("default_signer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "publications_office_name" ON "publications" USING btree ("office_id","name");