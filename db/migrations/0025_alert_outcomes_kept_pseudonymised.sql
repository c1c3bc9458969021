CREATE TABLE "trend_alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"rule" text NOT NULL,
	"subject_kind" text NOT NULL,
	"lead_feed" text NOT NULL,
	"agencies" text[] NOT NULL,
	"raised_month" date NOT NULL,
	"last_month" date NOT NULL,
	"hours_to_acknowledge" integer,
	"closed_month" date,
	"closed_reason" text,
	"postcode_district" text,
	"age_band" text,
	"sex" text,
	"person_key" text,
	"address_key" text
);
--> statement-breakpoint
CREATE INDEX "trend_alerts_raised_month_idx" ON "trend_alerts" USING btree ("raised_month");--> statement-breakpoint
CREATE INDEX "trend_alerts_last_month_idx" ON "trend_alerts" USING btree ("last_month");--> statement-breakpoint
-- What trend reporting reads of the alert copy, for the same reason as trend_report: no system columns.
CREATE VIEW "trend_alert_report" AS
  SELECT rule, subject_kind, lead_feed, agencies, raised_month, last_month, hours_to_acknowledge, closed_month, closed_reason, postcode_district, age_band, sex, person_key, address_key
  FROM "trend_alerts"
  ORDER BY raised_month, rule, lead_feed, last_month, closed_month, closed_reason, postcode_district, age_band, sex, person_key, address_key;
--> statement-breakpoint
-- The role every report runs as (SET LOCAL ROLE in the report's transaction): it may read the trend
-- views and the count views granted to it, and no table. Roles belong to the whole server, so one
-- made already (by another database of the same server, or an operator) is kept; the user mast
-- connects as must be able to take it on.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'mast_reports') THEN
    CREATE ROLE mast_reports NOLOGIN;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;
--> statement-breakpoint
DO $$
BEGIN
  IF NOT pg_has_role(current_user, 'mast_reports', 'MEMBER') THEN
    EXECUTE format('GRANT mast_reports TO %I', current_user);
  END IF;
END $$;
--> statement-breakpoint
GRANT SELECT ON "trend_report", "trend_alert_report" TO mast_reports;
