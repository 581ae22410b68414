CREATE TABLE "assessment_notices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"office_id" uuid NOT NULL,
	"rule_set_id" uuid NOT NULL,
	"period" text NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"title" text NOT NULL,
	"addressee" text NOT NULL,
	"opening" text NOT NULL,
	"praise" text NOT NULL,
	"laggards" text NOT NULL,
	"problems" text NOT NULL,
	"requirements" text NOT NULL,
	"snapshot" jsonb NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"issued_at" timestamp with time zone,
	"issued_by_name" text,
	"file_sha256" text,
	"file_size" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "assessment_notices" ADD CONSTRAINT "assessment_notices_office_id_orgs_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_notices" ADD CONSTRAINT "assessment_notices_rule_set_id_assessment_rule_sets_id_fk" FOREIGN KEY ("rule_set_id") REFERENCES "public"."assessment_rule_sets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assessment_notices_office" ON "assessment_notices" USING btree ("office_id","status","period_end");