-- KMZB reports on PostGIS: the report table, its append-only history, and a durable change log
-- written by triggers so that edits made directly in SQL are logged (and notified) too.
CREATE EXTENSION IF NOT EXISTS postgis;

CREATE TABLE report (
  id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  category            text        NOT NULL CHECK (category ~ '^[a-z][a-z0-9_]{1,39}$'),
  status              text        NOT NULL CHECK (status IN ('new', 'verification', 'confirmed',
                        'confirmed_handed_over', 'confirmed_eliminated', 'not_confirmed', 'joke_or_mistake')),
  geom                geometry(Point, 4326) NOT NULL,
  reported_at         timestamptz NOT NULL,
  occurred_on         date,
  time_of_day         text CHECK (time_of_day IN ('morning', 'afternoon', 'evening', 'night')),
  description         text CHECK (char_length(description) <= 500),
  description_public  boolean     NOT NULL DEFAULT false,
  source              text        NOT NULL CHECK (source IN ('citizen', 'officer', 'police_system')),
  teryt_voivodeship   text CHECK (teryt_voivodeship ~ '^[0-9]{2}$'),
  teryt_county        text CHECK (teryt_county ~ '^[0-9]{4}$'),
  teryt_municipality  text CHECK (teryt_municipality ~ '^[0-9]{6}[1-5]$'),
  external_id         text,
  deleted             boolean     NOT NULL DEFAULT false,
  reporter_ip         text,
  synthetic           boolean     NOT NULL DEFAULT false,
  updated_at          timestamptz NOT NULL DEFAULT now(),
  version             bigint      NOT NULL DEFAULT 1
);

CREATE INDEX report_geom_idx ON report USING gist (geom);
CREATE INDEX report_reported_at_idx ON report (reported_at);
CREATE INDEX report_category_idx ON report (category);
CREATE INDEX report_status_idx ON report (status);
CREATE INDEX report_source_idx ON report (source);
CREATE INDEX report_teryt_voivodeship_idx ON report (teryt_voivodeship);
CREATE INDEX report_teryt_county_idx ON report (teryt_county);
CREATE INDEX report_teryt_municipality_idx ON report (teryt_municipality);
CREATE UNIQUE INDEX report_external_id_idx ON report (source, external_id) WHERE external_id IS NOT NULL;
-- "past the 72-hour deadline" lists scan only untaken reports.
CREATE INDEX report_new_idx ON report (reported_at) WHERE status = 'new' AND NOT deleted;

CREATE TABLE report_history (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  report_id    bigint      NOT NULL REFERENCES report (id),
  at           timestamptz NOT NULL,
  actor        text        NOT NULL,
  action       text        NOT NULL CHECK (action IN ('created', 'status_changed', 'deleted')),
  from_status  text,
  to_status    text        NOT NULL,
  note         text
);
CREATE INDEX report_history_report_idx ON report_history (report_id, id);

CREATE FUNCTION kmzb_history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'report_history is append-only';
END $$;
CREATE TRIGGER report_history_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON report_history
  FOR EACH STATEMENT EXECUTE FUNCTION kmzb_history_append_only();

-- Every update bumps the version (ETags, If-Match), also for edits made directly in SQL.
CREATE FUNCTION kmzb_report_versioned() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.version := OLD.version + 1;
  IF NEW.updated_at IS NOT DISTINCT FROM OLD.updated_at THEN
    NEW.updated_at := clock_timestamp();
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER report_versioned BEFORE UPDATE ON report FOR EACH ROW EXECUTE FUNCTION kmzb_report_versioned();

-- The change log. Writers take one transaction-scoped advisory lock before drawing sequence
-- numbers, so sequence order is commit order: a listener that reads "seq > last seen" never skips
-- a change that committed later with a smaller number. report_id is null only for 'reset'.
CREATE TABLE report_change (
  seq         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  report_id   bigint,
  kind        text        NOT NULL CHECK (kind IN ('inserted', 'status_changed', 'edited', 'deleted', 'purged', 'reset')),
  changed_at  timestamptz NOT NULL DEFAULT clock_timestamp()
);

CREATE FUNCTION kmzb_log_changes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    PERFORM pg_advisory_xact_lock(74055001);
    INSERT INTO report_change (report_id, kind) VALUES (NULL, 'reset');
  ELSIF TG_OP = 'INSERT' THEN
    IF NOT EXISTS (SELECT 1 FROM new_rows) THEN RETURN NULL; END IF;
    PERFORM pg_advisory_xact_lock(74055001);
    INSERT INTO report_change (report_id, kind) SELECT id, 'inserted' FROM new_rows ORDER BY id;
  ELSIF TG_OP = 'UPDATE' THEN
    IF NOT EXISTS (SELECT 1 FROM new_rows) THEN RETURN NULL; END IF;
    PERFORM pg_advisory_xact_lock(74055001);
    INSERT INTO report_change (report_id, kind)
      SELECT n.id, CASE WHEN n.deleted AND NOT o.deleted THEN 'deleted'
                        WHEN n.status <> o.status THEN 'status_changed'
                        ELSE 'edited' END
      FROM new_rows n JOIN old_rows o ON o.id = n.id ORDER BY n.id;
  ELSE
    IF NOT EXISTS (SELECT 1 FROM old_rows) THEN RETURN NULL; END IF;
    PERFORM pg_advisory_xact_lock(74055001);
    INSERT INTO report_change (report_id, kind) SELECT id, 'purged' FROM old_rows ORDER BY id;
  END IF;
  -- One notification per transaction: identical payloads are merged by PostgreSQL and delivered
  -- after commit; listeners read the log for the details.
  PERFORM pg_notify('kmzb_report_change', '');
  RETURN NULL;
END $$;

CREATE TRIGGER report_log_insert AFTER INSERT ON report REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kmzb_log_changes();
CREATE TRIGGER report_log_update AFTER UPDATE ON report REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kmzb_log_changes();
CREATE TRIGGER report_log_delete AFTER DELETE ON report REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kmzb_log_changes();
CREATE TRIGGER report_log_truncate AFTER TRUNCATE ON report
  FOR EACH STATEMENT EXECUTE FUNCTION kmzb_log_changes();
