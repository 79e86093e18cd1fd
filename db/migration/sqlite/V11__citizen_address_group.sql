-- The citizen limit counts by the sender's address group, not by the exact address (see the
-- PostGIS migration of the same number). reporter_group is not among the columns of the
-- report_updated trigger, so the backfill below bumps no version and logs no change.
ALTER TABLE report ADD COLUMN reporter_group TEXT;

UPDATE report SET reporter_group = reporter_ip WHERE reporter_ip IS NOT NULL AND instr(reporter_ip, ':') = 0;

-- report_reporter_ip_idx stays: the retention job finds the addresses to forget with it.
CREATE INDEX report_reporter_group_idx ON report (reporter_group, reported_at) WHERE reporter_group IS NOT NULL;
