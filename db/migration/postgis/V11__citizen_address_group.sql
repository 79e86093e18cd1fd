-- The citizen limit counts by the sender's address group, not by the exact address: an IPv4
-- address, or an IPv6 network prefix (citizen.ipv6-prefix, /64 by default) written as
-- '2001:db8:1:2::/64', because a home or a phone gets a whole /64 and could otherwise send every
-- report from a fresh address. reporter_ip stays the exact address shown to administrators; both
-- are forgotten together after privacy.ip-retention.
ALTER TABLE report ADD COLUMN reporter_group text;

-- Stored IPv4 addresses are their own group. Stored IPv6 addresses are left without one: the
-- prefix length is configuration, and the window they would count in is one day.
-- The backfill is not an edit of the reports: no version bump, no change-log entries.
ALTER TABLE report DISABLE TRIGGER report_versioned;
ALTER TABLE report DISABLE TRIGGER report_log_update;
UPDATE report SET reporter_group = reporter_ip WHERE reporter_ip IS NOT NULL AND strpos(reporter_ip, ':') = 0;
ALTER TABLE report ENABLE TRIGGER report_versioned;
ALTER TABLE report ENABLE TRIGGER report_log_update;

-- report_reporter_ip_idx stays: the retention job finds the addresses to forget with it.
CREATE INDEX report_reporter_group_idx ON report (reporter_group, reported_at) WHERE reporter_group IS NOT NULL;
