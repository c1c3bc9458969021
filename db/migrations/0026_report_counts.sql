-- The counts the partnership's reports need from the live data, as views and functions that only
-- aggregate: each returns counts grouped by month, agency, category, district and the like, never
-- an id, a name, a date of birth, a UPRN or a day. They run with their owner's rights, so the
-- mast_reports role reads them (and the trend views) and nothing else: a report cannot read an
-- identifiable table even by mistake. security_barrier keeps a caller's conditions from being
-- applied before the grouping.

-- When the materialized counts below were last made, and the date they count from. A report over
-- 36 months must answer in well under a second, and grouping every row each time does not; so
-- the counts are made again after every upload's alert run, every night and after retention
-- (refreshReportCounts), and a report says how fresh they are.
CREATE TABLE "report_refresh" (
  "id" int PRIMARY KEY DEFAULT 1 CHECK ("id" = 1),
  "as_of" date NOT NULL,
  "refreshed_at" timestamptz NOT NULL
);
--> statement-breakpoint
INSERT INTO "report_refresh" (id, as_of, refreshed_at) VALUES (1, current_date, now());
--> statement-breakpoint
-- Contacts by month, agency, category and postcode district (the matched address's, else the
-- row's), and whether the address was matched: the live rows and the pseudonymised copy together.
CREATE MATERIALIZED VIEW "report_contacts" AS
  SELECT feed, category, month, postcode_district, matched, sum(contacts)::int AS contacts FROM (
  SELECT i.feed, i.category,
         date_trunc('month', i.contact_date::timestamp)::date AS month,
         CASE WHEN pc.c ~ '^[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}$' THEN left(pc.c, length(pc.c) - 3)
              WHEN pc.c ~ '^[A-Z]{1,2}[0-9][A-Z0-9]?$' THEN pc.c END AS postcode_district,
         (i.uprn IS NOT NULL) AS matched,
         count(*)::int AS contacts
  FROM involvements i
  LEFT JOIN addresses a ON a.uprn = i.uprn
  CROSS JOIN LATERAL (SELECT upper(regexp_replace(COALESCE(a.postcode, i.postcode), '[^A-Za-z0-9]', '', 'g')) AS c) pc
  GROUP BY 1, 2, 3, 4, 5
  UNION ALL
  SELECT feed, category, month, postcode_district, (address_key IS NOT NULL), count(*)::int
  FROM trend_involvements
  GROUP BY 1, 2, 3, 4, 5) both_stores
  GROUP BY 1, 2, 3, 4, 5;
--> statement-breakpoint
CREATE UNIQUE INDEX "report_contacts_key" ON "report_contacts" (month, feed, category, postcode_district, matched);
--> statement-breakpoint
-- The rows of the months, live and copied, by a key for the household (the UPRN or its pseudonym)
-- and the person. A household with rows in both (a window across the 12-month line) counts twice:
-- the reports take windows of whole years back from the last complete month, which the line cuts
-- within their first month at most.
CREATE FUNCTION "report_rows_in"(from_month date, to_month date)
  RETURNS TABLE (household text, person text, feed text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT 'u' || uprn, 'p' || person_id, feed FROM involvements
  WHERE contact_date >= from_month AND contact_date < (to_month + interval '1 month')::date
  UNION ALL
  SELECT 'k' || address_key, 'k' || person_key, feed FROM trend_involvements
  WHERE month >= from_month AND month <= to_month
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION "report_rows_in"(date, date) FROM PUBLIC;
--> statement-breakpoint
-- Households (matched addresses) and people known to 1, 2, 3 or 4+ services with a contact in the months.
CREATE FUNCTION "report_reach"(from_month date, to_month date)
  RETURNS TABLE (subject text, services int, n int)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  WITH rows_in AS (SELECT * FROM report_rows_in(from_month, to_month)),
  h AS (SELECT least(count(DISTINCT feed), 4)::int AS s FROM rows_in WHERE household IS NOT NULL GROUP BY household),
  p AS (SELECT least(count(DISTINCT feed), 4)::int AS s FROM rows_in WHERE person IS NOT NULL GROUP BY person)
  SELECT 'households', s, count(*)::int FROM h GROUP BY s
  UNION ALL
  SELECT 'people', s, count(*)::int FROM p GROUP BY s
$$;
--> statement-breakpoint
-- How many matched addresses had how many contacts in the months: the shape of repeat demand.
CREATE FUNCTION "report_address_demand"(from_month date, to_month date)
  RETURNS TABLE (contacts int, addresses int)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT c, count(*)::int FROM (
    SELECT count(*)::int AS c FROM report_rows_in(from_month, to_month) WHERE household IS NOT NULL GROUP BY household) per_address
  GROUP BY c
$$;
--> statement-breakpoint
-- Reach and repeat demand for the three years back from the last complete month before as_of.
CREATE MATERIALIZED VIEW "report_reach_years" AS
  SELECT to_char(y.year_end, 'YYYY-MM') AS year_end, r.subject, r.services, r.n
  FROM (SELECT (date_trunc('month', as_of) - make_interval(months => 1 + 12 * k))::date AS year_end FROM report_refresh, generate_series(0, 2) k) y
  CROSS JOIN LATERAL report_reach((y.year_end - interval '11 months')::date, y.year_end) r;
--> statement-breakpoint
CREATE UNIQUE INDEX "report_reach_years_key" ON "report_reach_years" (year_end, subject, services);
--> statement-breakpoint
CREATE MATERIALIZED VIEW "report_address_demand_years" AS
  SELECT to_char(y.year_end, 'YYYY-MM') AS year_end, d.contacts, d.addresses
  FROM (SELECT (date_trunc('month', as_of) - make_interval(months => 1 + 12 * k))::date AS year_end FROM report_refresh, generate_series(0, 2) k) y
  CROSS JOIN LATERAL report_address_demand((y.year_end - interval '11 months')::date, y.year_end) d;
--> statement-breakpoint
CREATE UNIQUE INDEX "report_address_demand_years_key" ON "report_address_demand_years" (year_end, contacts);
--> statement-breakpoint
-- Each partner's daily files, by month: how many, on how many days, their rows and what became of them.
CREATE VIEW "report_feed_uploads" WITH (security_barrier) AS
  SELECT feed, date_trunc('month', received_at AT TIME ZONE 'UTC')::date AS month,
         count(*)::int AS uploads,
         count(DISTINCT (received_at AT TIME ZONE 'UTC')::date)::int AS days_with_upload,
         sum(rows_total)::int AS rows_total, sum(rows_accepted)::int AS rows_accepted,
         sum(rows_rejected)::int AS rows_rejected, sum(addresses_unmatched)::int AS addresses_unmatched
  FROM feed_uploads
  GROUP BY 1, 2;
--> statement-breakpoint
-- When each partner's files arrived (operational data: no person in it), so that on-time shares
-- can be read against each feed's schedule in UK local time. Only files that delivered data count,
-- as they do for a feed's freshness (COUNTS_AS_DELIVERY and DELIVERED_AT in
-- db/src/queries/feed-admin.ts): one whose every row was rejected, or an empty council snapshot,
-- left the data as old as it was; a snapshot sent again unchanged arrived again when it was
-- confirmed (only its latest confirmation is kept).
CREATE VIEW "report_feed_arrivals" WITH (security_barrier) AS
  SELECT feed, received_at FROM feed_uploads
  WHERE rows_accepted > 0 OR (rows_total = 0 AND feed NOT IN ('council-adults', 'council-children'))
  UNION ALL
  SELECT feed, confirmed_at FROM feed_uploads
  WHERE confirmed_at IS NOT NULL AND (rows_accepted > 0 OR (rows_total = 0 AND feed NOT IN ('council-adults', 'council-children')));
--> statement-breakpoint
-- Alerts as counts, live and copied: by rule, lead agency, the agencies their evidence counted,
-- month raised, hours to acknowledge, state and outcome, and the district of the address. A copied
-- alert that was never closed left the live data open (or acknowledged) with nothing newer. Made
-- with the other counts: an alert acknowledged today shows in the reports after the night's run.
CREATE MATERIALIZED VIEW "report_alerts" AS
  SELECT rule, subject_kind, lead_feed, agencies, raised_month, hours_to_acknowledge, state, closed_month, closed_reason, postcode_district, sum(n)::int AS n FROM (
  SELECT al.rule, al.subject_kind, t.feed AS lead_feed,
         ARRAY(SELECT jsonb_object_keys(al.evidence -> 'counts') ORDER BY 1) AS agencies,
         date_trunc('month', al.raised_at AT TIME ZONE 'UTC')::date AS raised_month,
         floor(extract(epoch FROM (al.acknowledged_at - al.raised_at)) / 3600)::int AS hours_to_acknowledge,
         al.state,
         date_trunc('month', al.closed_at AT TIME ZONE 'UTC')::date AS closed_month,
         al.closed_reason,
         CASE WHEN pc.c ~ '^[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}$' THEN left(pc.c, length(pc.c) - 3)
              WHEN pc.c ~ '^[A-Z]{1,2}[0-9][A-Z0-9]?$' THEN pc.c END AS postcode_district,
         count(*)::int AS n
  FROM alerts al
  JOIN teams t ON t.id = al.lead_team_id
  LEFT JOIN addresses a ON a.uprn = al.uprn
  CROSS JOIN LATERAL (SELECT upper(regexp_replace(a.postcode, '[^A-Za-z0-9]', '', 'g')) AS c) pc
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
  UNION ALL
  SELECT rule, subject_kind, lead_feed, agencies, raised_month, hours_to_acknowledge,
         CASE WHEN closed_month IS NOT NULL THEN 'closed' WHEN hours_to_acknowledge IS NOT NULL THEN 'acknowledged' ELSE 'open' END,
         closed_month, closed_reason, postcode_district, count(*)::int
  FROM trend_alerts
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10) both_stores
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10;
--> statement-breakpoint
CREATE UNIQUE INDEX "report_alerts_key" ON "report_alerts" (raised_month, rule, subject_kind, lead_feed, agencies, hours_to_acknowledge, state, closed_month, closed_reason, postcode_district);
--> statement-breakpoint
-- The people alerted (subject of an open alert, or recorded at an address with one) beside the
-- whole person index, by age band (on as_of), sex and area: the equality report's counts.
CREATE FUNCTION "report_equality"(as_of date)
  RETURNS TABLE (dimension text, grp text, alerted int, population int)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  WITH people AS (
    SELECT p.id,
           CASE WHEN age < 18 THEN '0-17' WHEN age < 25 THEN '18-24' WHEN age < 45 THEN '25-44' WHEN age < 65 THEN '45-64' ELSE '65+' END AS age_band,
           COALESCE((SELECT CASE upper(r.sex) WHEN 'F' THEN 'female' WHEN 'M' THEN 'male' WHEN 'X' THEN 'not specified' ELSE 'not recorded' END
                     FROM person_records r WHERE r.person_id = p.id AND r.sex IS NOT NULL ORDER BY r.id DESC LIMIT 1), 'not recorded') AS sex,
           COALESCE((SELECT COALESCE(CASE WHEN pc.c ~ '^[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}$' THEN left(pc.c, length(pc.c) - 3)
                                          WHEN pc.c ~ '^[A-Z]{1,2}[0-9][A-Z0-9]?$' THEN pc.c END, 'unknown')
                     FROM involvements i JOIN addresses ad ON ad.uprn = i.uprn
                     CROSS JOIN LATERAL (SELECT upper(regexp_replace(ad.postcode, '[^A-Za-z0-9]', '', 'g')) AS c) pc
                     WHERE i.person_id = p.id ORDER BY i.contact_date DESC, i.id DESC LIMIT 1), 'no address') AS area
    FROM (SELECT id, extract(year FROM age(as_of, date_of_birth))::int AS age FROM persons) p),
  alerted AS (
    SELECT person_id AS id FROM alerts WHERE state <> 'closed' AND subject_kind = 'person' AND person_id IS NOT NULL
    UNION
    SELECT i.person_id FROM alerts a JOIN involvements i ON i.uprn = a.uprn
    WHERE a.state <> 'closed' AND a.subject_kind = 'address' AND i.person_id IS NOT NULL),
  marked AS (SELECT people.*, (people.id IN (SELECT id FROM alerted)) AS is_alerted FROM people)
  SELECT 'age band', age_band, count(*) FILTER (WHERE is_alerted)::int, count(*)::int FROM marked GROUP BY age_band
  UNION ALL
  SELECT 'sex', sex, count(*) FILTER (WHERE is_alerted)::int, count(*)::int FROM marked GROUP BY sex
  UNION ALL
  SELECT 'area', area, count(*) FILTER (WHERE is_alerted)::int, count(*)::int FROM marked GROUP BY area
$$;
--> statement-breakpoint
-- The equality report's counts as of the refresh.
CREATE MATERIALIZED VIEW "report_equality_now" AS
  SELECT e.dimension, e.grp, e.alerted, e.population FROM report_refresh r CROSS JOIN LATERAL report_equality(r.as_of) e;
--> statement-breakpoint
CREATE UNIQUE INDEX "report_equality_now_key" ON "report_equality_now" (dimension, grp);
--> statement-breakpoint
-- Lookups and other actions in the audit trail, by month, organisation, role, action and purpose.
CREATE MATERIALIZED VIEW "report_use" AS
  SELECT date_trunc('month', e.at AT TIME ZONE 'UTC')::date AS month,
         o.name AS organisation, o.kind AS organisation_kind, e.role, e.action, e.purpose,
         count(*)::int AS n
  FROM audit_events e
  LEFT JOIN organisations o ON o.id = e.organisation_id
  WHERE e.user_id IS NOT NULL
  GROUP BY 1, 2, 3, 4, 5, 6;
--> statement-breakpoint
CREATE UNIQUE INDEX "report_use_key" ON "report_use" (month, organisation, organisation_kind, role, action, purpose);
--> statement-breakpoint
-- The lead teams told that another organisation looked (kept 12 months, as the notices are).
CREATE VIEW "report_lead_notifications" WITH (security_barrier) AS
  SELECT date_trunc('month', n.at AT TIME ZONE 'UTC')::date AS month,
         t.feed AS team_feed, o.kind AS viewer_organisation_kind, n.viewer_role, n.purpose, n.subject_kind, n.break_glass,
         count(*)::int AS n
  FROM lead_notifications n
  JOIN teams t ON t.id = n.team_id
  JOIN organisations o ON o.id = n.viewer_organisation_id
  GROUP BY 1, 2, 3, 4, 5, 6, 7;
--> statement-breakpoint
-- Break-glass uses by month granted, organisation and the supervisor's finding (null: awaiting review).
CREATE VIEW "report_break_glass" WITH (security_barrier) AS
  SELECT date_trunc('month', b.granted_at AT TIME ZONE 'UTC')::date AS month,
         o.name AS organisation, o.kind AS organisation_kind, b.outcome,
         count(*)::int AS n
  FROM break_glass b
  JOIN organisations o ON o.id = b.organisation_id
  GROUP BY 1, 2, 3, 4;
--> statement-breakpoint
-- Descriptive, not causal: households alerted (their first alert in the window, with 12 weeks of
-- live data either side of it) and their contacts in the 12 weeks before and after, beside
-- households not alerted by the alerted households' middle date, taken at that date, with the same
-- bands of demand in the 12 weeks before. (Not "never alerted": a household whose demand stayed
-- high is alerted later, so leaving out the later-alerted would make the comparison fall more.)
-- Bands by contacts before: 1-4, 5-9, 10-19, 20+.
CREATE FUNCTION "report_impact"(as_of date)
  RETURNS TABLE (grp text, band text, households int, contacts_before int, contacts_after int)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  WITH bounds AS (
    SELECT (as_of - interval '12 months' + interval '12 weeks')::date AS first_day, (as_of - interval '12 weeks')::date AS last_day),
  alerted AS (
    SELECT al.uprn, min((al.raised_at AT TIME ZONE 'UTC')::date) AS d
    FROM alerts al WHERE al.uprn IS NOT NULL GROUP BY al.uprn),
  eligible AS (
    SELECT a.uprn, a.d FROM alerted a, bounds b WHERE a.d >= b.first_day AND a.d <= b.last_day),
  middle AS (
    SELECT COALESCE(percentile_disc(0.5) WITHIN GROUP (ORDER BY d), (SELECT last_day FROM bounds)) AS d FROM eligible),
  alerted_counts AS (
    SELECT e.uprn,
           count(*) FILTER (WHERE i.contact_date >= e.d - 84 AND i.contact_date < e.d)::int AS before,
           count(*) FILTER (WHERE i.contact_date >= e.d AND i.contact_date < e.d + 84)::int AS after
    FROM eligible e JOIN involvements i ON i.uprn = e.uprn GROUP BY e.uprn),
  comparison_counts AS (
    SELECT i.uprn,
           count(*) FILTER (WHERE i.contact_date >= m.d - 84 AND i.contact_date < m.d)::int AS before,
           count(*) FILTER (WHERE i.contact_date >= m.d AND i.contact_date < m.d + 84)::int AS after
    FROM involvements i CROSS JOIN middle m
    WHERE i.uprn IS NOT NULL AND i.contact_date >= m.d - 84 AND i.contact_date < m.d + 84
      AND NOT EXISTS (SELECT 1 FROM alerted a WHERE a.uprn = i.uprn AND a.d <= m.d)
    GROUP BY i.uprn),
  both_groups AS (
    SELECT 'alerted' AS grp, before, after FROM alerted_counts
    UNION ALL
    SELECT 'comparison', before, after FROM comparison_counts)
  SELECT grp,
         CASE WHEN before < 5 THEN '1-4' WHEN before < 10 THEN '5-9' WHEN before < 20 THEN '10-19' ELSE '20+' END,
         count(*)::int, sum(before)::int, sum(after)::int
  FROM both_groups WHERE before > 0
  GROUP BY 1, 2
$$;
--> statement-breakpoint
GRANT SELECT ON "report_refresh", "report_contacts", "report_reach_years", "report_address_demand_years", "report_equality_now", "report_feed_uploads", "report_feed_arrivals", "report_alerts", "report_use", "report_lead_notifications", "report_break_glass" TO mast_reports;
--> statement-breakpoint
REVOKE ALL ON FUNCTION "report_reach"(date, date), "report_address_demand"(date, date), "report_equality"(date), "report_impact"(date) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION "report_reach"(date, date), "report_address_demand"(date, date), "report_equality"(date), "report_impact"(date) TO mast_reports;
