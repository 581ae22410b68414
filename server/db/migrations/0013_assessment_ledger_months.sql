CREATE TABLE "assessment_ledger_months" (
	"rule_set_id" uuid NOT NULL,
	"month" date NOT NULL,
	"unit_id" uuid NOT NULL,
	"submitted" bigint NOT NULL,
	"adopted_own" bigint NOT NULL,
	"adopted_upper" bigint NOT NULL,
	"adopted_items" integer NOT NULL,
	"points" bigint NOT NULL,
	"cumulative" bigint NOT NULL,
	CONSTRAINT "assessment_ledger_months_rule_set_id_month_unit_id_pk" PRIMARY KEY("rule_set_id","month","unit_id")
);
--> statement-breakpoint
ALTER TABLE "assessment_ledger_months" ADD CONSTRAINT "assessment_ledger_months_rule_set_id_assessment_rule_sets_id_fk" FOREIGN KEY ("rule_set_id") REFERENCES "public"."assessment_rule_sets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- The ledgers written before this migration, summed as storeLedgerMonths (server/modules/assessment/ledger.ts) sums a fresh one.
INSERT INTO "assessment_ledger_months"
  ("rule_set_id", "month", "unit_id", "submitted", "adopted_own", "adopted_upper", "adopted_items", "points", "cumulative")
WITH m AS (
  SELECT l.rule_set_id, l.unit_id, date_trunc('month', l."on"::timestamp)::date AS month,
    coalesce(sum(l.quantity) FILTER (WHERE l.kind = 'submission'), 0) AS submitted,
    coalesce(sum(l.quantity) FILTER (WHERE l.kind = 'adoption' AND l.outlet = 'own'), 0) AS adopted_own,
    coalesce(sum(l.quantity) FILTER (WHERE l.kind = 'adoption' AND l.outlet = 'upper'), 0) AS adopted_upper,
    count(DISTINCT l.item_id) FILTER (WHERE l.kind = 'adoption') AS adopted_items,
    sum(l.points) AS points
  FROM "assessment_ledger" l
  JOIN "assessment_rule_sets" s ON s.id = l.rule_set_id
  WHERE l."on" BETWEEN s.period_start AND s.period_end
  GROUP BY 1, 2, 3)
SELECT u.rule_set_id, g.month, u.unit_id, coalesce(m.submitted, 0), coalesce(m.adopted_own, 0),
  coalesce(m.adopted_upper, 0), coalesce(m.adopted_items, 0), coalesce(m.points, 0),
  sum(coalesce(m.points, 0)) OVER (PARTITION BY u.rule_set_id, u.unit_id ORDER BY g.month)
FROM (SELECT DISTINCT rule_set_id, unit_id FROM m) u
JOIN "assessment_rule_sets" s ON s.id = u.rule_set_id
CROSS JOIN LATERAL (SELECT d::date AS month FROM generate_series(
  date_trunc('month', s.period_start::timestamp), s.period_end::timestamp, interval '1 month') d) g
LEFT JOIN m ON m.rule_set_id = u.rule_set_id AND m.unit_id = u.unit_id AND m.month = g.month;
