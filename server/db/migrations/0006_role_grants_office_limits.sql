CREATE TABLE "pending_role_grants" (
	"user_id" uuid NOT NULL,
	"role" text NOT NULL,
	"granted_by" uuid,
	"granted_by_name" text NOT NULL,
	"granted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pending_role_grants_user_id_role_pk" PRIMARY KEY("user_id","role")
);
--> statement-breakpoint
ALTER TABLE "pending_role_grants" ADD CONSTRAINT "pending_role_grants_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pending_role_grants" ADD CONSTRAINT "pending_role_grants_granted_by_users_id_fk" FOREIGN KEY ("granted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
-- 办理时限 belong to each office (settings key workflow_limits:<office id>). An installation that
-- had saved the one system-wide document keeps its values: every office gets a copy, then the
-- system-wide document is removed, so no office's deadlines move with this migration.
INSERT INTO "settings" ("key", "value", "version", "updated_at", "updated_by")
SELECT 'workflow_limits:' || o."id", s."value", 1, s."updated_at", s."updated_by"
FROM "settings" s CROSS JOIN "orgs" o
WHERE s."key" = 'workflow_limits' AND o."kind" = 'office'
ON CONFLICT ("key") DO NOTHING;--> statement-breakpoint
DELETE FROM "settings" WHERE "key" = 'workflow_limits';
