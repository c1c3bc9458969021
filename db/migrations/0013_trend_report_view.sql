-- What trend reporting reads: the pseudonymised copy's columns, in an order of their own. The table
-- itself can still tell which rows one daily run copied (they share a transaction id, xmin, and
-- sit together on disk), and a run takes the rows whose last day was 12 months before it: so
-- analysts are given this view, never the table. A view has no system columns, and rows that
-- agree on every column it shows cannot be told apart.
CREATE VIEW "trend_report" AS
  SELECT feed, category, month, last_month, postcode_district, person_key, address_key, was_open, attendance
  FROM "trend_involvements"
  ORDER BY month, feed, category, last_month, postcode_district, person_key, address_key, was_open, attendance;
