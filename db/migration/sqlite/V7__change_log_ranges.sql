-- The change log's id ranges (see the PostGIS migration of the same number). The embedded store
-- itself still logs one entry per report; the column keeps both stores' logs the same shape.
ALTER TABLE report_change ADD COLUMN last_report_id INTEGER
  CHECK (last_report_id IS NULL OR (report_id IS NOT NULL AND kind = 'inserted' AND last_report_id > report_id));
