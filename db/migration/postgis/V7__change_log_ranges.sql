-- A bulk import logs the reports it added as one change-log entry for their id range instead of one
-- entry per report: a million log rows cost about 2 s of a million-row import, and the issue asks for
-- one change event per batch. The entry covers report_id..last_report_id, both inclusive;
-- last_report_id is null for an entry about one report (every entry written before this migration).
ALTER TABLE report_change ADD COLUMN last_report_id bigint;
ALTER TABLE report_change ADD CONSTRAINT report_change_range_check
  CHECK (last_report_id IS NULL OR (report_id IS NOT NULL AND kind = 'inserted' AND last_report_id > report_id));
