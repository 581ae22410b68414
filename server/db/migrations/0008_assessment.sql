CREATE TABLE "assessment_changes" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "assessment_changes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"office_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assessment_ledger" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "assessment_ledger_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"rule_set_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"group_code" text NOT NULL,
	"on" date NOT NULL,
	"kind" text NOT NULL,
	"rule_key" text,
	"fact_id" text,
	"item_id" uuid,
	"outlet" text,
	"quantity" integer NOT NULL,
	"points" bigint NOT NULL,
	"detail" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assessment_rule_sets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"series_id" uuid NOT NULL,
	"version_no" integer NOT NULL,
	"office_id" uuid NOT NULL,
	"name" text NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"rules" jsonb NOT NULL,
	"note" text,
	"created_by_id" uuid,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"activated_at" timestamp with time zone,
	"activated_by_name" text,
	"superseded_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assessment_runs" (
	"rule_set_id" uuid PRIMARY KEY NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	"as_of" date NOT NULL,
	"changes_through" bigint NOT NULL,
	"entries" integer NOT NULL,
	"points" bigint NOT NULL,
	"duration_ms" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "assessment_ledger" ADD CONSTRAINT "assessment_ledger_rule_set_id_assessment_rule_sets_id_fk" FOREIGN KEY ("rule_set_id") REFERENCES "public"."assessment_rule_sets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_rule_sets" ADD CONSTRAINT "assessment_rule_sets_office_id_orgs_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_runs" ADD CONSTRAINT "assessment_runs_rule_set_id_assessment_rule_sets_id_fk" FOREIGN KEY ("rule_set_id") REFERENCES "public"."assessment_rule_sets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assessment_changes_office" ON "assessment_changes" USING btree ("office_id","id");--> statement-breakpoint
CREATE INDEX "assessment_ledger_rule_set_on" ON "assessment_ledger" USING btree ("rule_set_id","on");--> statement-breakpoint
CREATE INDEX "assessment_ledger_rule_set_unit" ON "assessment_ledger" USING btree ("rule_set_id","unit_id","on");--> statement-breakpoint
CREATE UNIQUE INDEX "assessment_rule_sets_series_version" ON "assessment_rule_sets" USING btree ("series_id","version_no");--> statement-breakpoint
CREATE INDEX "assessment_rule_sets_office" ON "assessment_rule_sets" USING btree ("office_id","status","period_start");--> statement-breakpoint
CREATE INDEX "instructions_instructed_on" ON "instructions" USING btree ("instructed_on");--> statement-breakpoint
CREATE INDEX "items_chain_office" ON "items" USING btree (coalesce("root_id", "id"),"office_id");--> statement-breakpoint
CREATE INDEX "upper_adoptions_adopted_on" ON "upper_adoptions" USING btree ("adopted_on");