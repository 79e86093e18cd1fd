-- KMZB reports in the embedded SQLite store: the same tables and rules as on PostGIS, with an
-- R*Tree in place of the GiST index and integer epoch milliseconds for timestamps.
CREATE TABLE report (
  id                  INTEGER PRIMARY KEY AUTOINCREMENT,
  category            TEXT    NOT NULL,
  status              TEXT    NOT NULL CHECK (status IN ('new', 'verification', 'confirmed',
                        'confirmed_handed_over', 'confirmed_eliminated', 'not_confirmed', 'joke_or_mistake')),
  lon                 REAL    NOT NULL CHECK (lon BETWEEN -180 AND 180),
  lat                 REAL    NOT NULL CHECK (lat BETWEEN -90 AND 90),
  reported_at         INTEGER NOT NULL,
  occurred_on         TEXT,
  time_of_day         TEXT CHECK (time_of_day IN ('morning', 'afternoon', 'evening', 'night')),
  description         TEXT CHECK (length(description) <= 500),
  description_public  INTEGER NOT NULL DEFAULT 0,
  source              TEXT    NOT NULL CHECK (source IN ('citizen', 'officer', 'police_system')),
  teryt_voivodeship   TEXT,
  teryt_county        TEXT,
  teryt_municipality  TEXT,
  external_id         TEXT,
  deleted             INTEGER NOT NULL DEFAULT 0,
  reporter_ip         TEXT,
  synthetic           INTEGER NOT NULL DEFAULT 0,
  updated_at          INTEGER NOT NULL,
  version             INTEGER NOT NULL DEFAULT 1
);

CREATE INDEX report_reported_at_idx ON report (reported_at);
CREATE INDEX report_category_idx ON report (category);
CREATE INDEX report_status_idx ON report (status);
CREATE INDEX report_source_idx ON report (source);
CREATE INDEX report_teryt_voivodeship_idx ON report (teryt_voivodeship);
CREATE INDEX report_teryt_county_idx ON report (teryt_county);
CREATE INDEX report_teryt_municipality_idx ON report (teryt_municipality);
CREATE UNIQUE INDEX report_external_id_idx ON report (source, external_id) WHERE external_id IS NOT NULL;
CREATE INDEX report_new_idx ON report (reported_at) WHERE status = 'new' AND deleted = 0;

CREATE VIRTUAL TABLE report_rtree USING rtree(id, min_lon, max_lon, min_lat, max_lat);

CREATE TABLE report_history (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  report_id    INTEGER NOT NULL REFERENCES report (id),
  at           INTEGER NOT NULL,
  actor        TEXT    NOT NULL,
  action       TEXT    NOT NULL CHECK (action IN ('created', 'status_changed', 'deleted')),
  from_status  TEXT,
  to_status    TEXT    NOT NULL,
  note         TEXT
);
CREATE INDEX report_history_report_idx ON report_history (report_id, id);

CREATE TRIGGER report_history_no_update BEFORE UPDATE ON report_history
BEGIN SELECT RAISE(ABORT, 'report_history is append-only'); END;
CREATE TRIGGER report_history_no_delete BEFORE DELETE ON report_history
BEGIN SELECT RAISE(ABORT, 'report_history is append-only'); END;

-- SQLite serialises writers, so sequence order is commit order without further locking.
CREATE TABLE report_change (
  seq         INTEGER PRIMARY KEY AUTOINCREMENT,
  report_id   INTEGER,
  kind        TEXT    NOT NULL CHECK (kind IN ('inserted', 'status_changed', 'edited', 'deleted', 'purged', 'reset')),
  changed_at  INTEGER NOT NULL DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER))
);

CREATE TRIGGER report_inserted AFTER INSERT ON report
BEGIN
  INSERT INTO report_rtree VALUES (NEW.id, NEW.lon, NEW.lon, NEW.lat, NEW.lat);
  INSERT INTO report_change (report_id, kind) VALUES (NEW.id, 'inserted');
END;

-- Fires for any update that sets a column other than version; its own version bump sets only
-- version, so it neither fires itself again nor logs twice.
CREATE TRIGGER report_updated AFTER UPDATE OF id, category, status, lon, lat, reported_at, occurred_on,
  time_of_day, description, description_public, source, teryt_voivodeship, teryt_county,
  teryt_municipality, external_id, deleted, reporter_ip, synthetic, updated_at ON report
BEGIN
  UPDATE report SET version = OLD.version + 1,
    updated_at = CASE WHEN NEW.updated_at = OLD.updated_at
                      THEN CAST(unixepoch('subsec') * 1000 AS INTEGER) ELSE NEW.updated_at END
    WHERE id = NEW.id;
  UPDATE report_rtree SET min_lon = NEW.lon, max_lon = NEW.lon, min_lat = NEW.lat, max_lat = NEW.lat
    WHERE id = NEW.id AND (NEW.lon <> OLD.lon OR NEW.lat <> OLD.lat);
  INSERT INTO report_change (report_id, kind) VALUES (NEW.id,
    CASE WHEN NEW.deleted AND NOT OLD.deleted THEN 'deleted'
         WHEN NEW.status <> OLD.status THEN 'status_changed'
         ELSE 'edited' END);
END;

CREATE TRIGGER report_purged AFTER DELETE ON report
BEGIN
  DELETE FROM report_rtree WHERE id = OLD.id;
  INSERT INTO report_change (report_id, kind) VALUES (OLD.id, 'purged');
END;
