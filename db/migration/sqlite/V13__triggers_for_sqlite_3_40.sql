-- The triggers stamp times with functions SQLite 3.40 has (Debian 12's sqlite3; unixepoch's
-- 'subsec' modifier came only in 3.42, and older versions answer NULL, so a direct edit with
-- Debian's sqlite3 failed on the NOT NULL change time or stored no update time).
--
-- Epoch milliseconds, as the store writes and reads them (INTEGER): julianday('now') carries
-- SQLite's clock in whole milliseconds; its distance from the Unix epoch (Julian day 2440587.5)
-- in milliseconds is a whole number up to the double's rounding (under 0.0001 ms), so round()
-- gives it exactly. The change log's column default is left as it was: only these triggers write
-- the log, and they now always give the time themselves.
DROP TRIGGER report_inserted;
CREATE TRIGGER report_inserted AFTER INSERT ON report
BEGIN
  INSERT INTO report_rtree VALUES (NEW.id, NEW.lon, NEW.lon, NEW.lat, NEW.lat);
  INSERT INTO report_change (report_id, kind, changed_at)
    VALUES (NEW.id, 'inserted', CAST(round((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER));
END;

-- As in V1: fires for any update that sets a column other than version; its own version bump sets
-- only version, so it neither fires itself again nor logs twice.
DROP TRIGGER report_updated;
CREATE TRIGGER report_updated AFTER UPDATE OF id, category, status, lon, lat, reported_at, occurred_on,
  time_of_day, description, description_public, source, teryt_voivodeship, teryt_county,
  teryt_municipality, external_id, deleted, reporter_ip, synthetic, updated_at ON report
BEGIN
  UPDATE report SET version = OLD.version + 1,
    updated_at = CASE WHEN NEW.updated_at = OLD.updated_at
                      THEN CAST(round((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER)
                      ELSE NEW.updated_at END
    WHERE id = NEW.id;
  UPDATE report_rtree SET min_lon = NEW.lon, max_lon = NEW.lon, min_lat = NEW.lat, max_lat = NEW.lat
    WHERE id = NEW.id AND (NEW.lon <> OLD.lon OR NEW.lat <> OLD.lat);
  INSERT INTO report_change (report_id, kind, changed_at) VALUES (NEW.id,
    CASE WHEN NEW.deleted AND NOT OLD.deleted THEN 'deleted'
         WHEN NEW.status <> OLD.status THEN 'status_changed'
         ELSE 'edited' END,
    CAST(round((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER));
END;

DROP TRIGGER report_purged;
CREATE TRIGGER report_purged AFTER DELETE ON report
BEGIN
  DELETE FROM report_rtree WHERE id = OLD.id;
  INSERT INTO report_change (report_id, kind, changed_at)
    VALUES (OLD.id, 'purged', CAST(round((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER));
END;
