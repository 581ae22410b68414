CREATE TABLE "assessment_adjustments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"office_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"on" date NOT NULL,
	"points" bigint NOT NULL,
	"reason" text NOT NULL,
	"basis" text,
	"recorded_by_id" uuid,
	"recorded_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by_name" text,
	"revoke_reason" text,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "instructions" ADD COLUMN "leader_rank" text;--> statement-breakpoint
ALTER TABLE "assessment_adjustments" ADD CONSTRAINT "assessment_adjustments_office_id_orgs_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_adjustments" ADD CONSTRAINT "assessment_adjustments_unit_id_orgs_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assessment_adjustments_office_on" ON "assessment_adjustments" USING btree ("office_id","on");