-- Report ingest and the police workflow: attachments, police users and their tokens, the
-- "edited" history action (publishing a description), and an index for the citizen rate limit.

-- SQLite cannot change a CHECK constraint in place: rebuild report_history with its triggers.
DROP TRIGGER report_history_no_update;
DROP TRIGGER report_history_no_delete;
CREATE TABLE report_history_v2 (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  report_id    INTEGER NOT NULL REFERENCES report (id),
  at           INTEGER NOT NULL,
  actor        TEXT    NOT NULL,
  action       TEXT    NOT NULL CHECK (action IN ('created', 'status_changed', 'deleted', 'edited')),
  from_status  TEXT,
  to_status    TEXT    NOT NULL,
  note         TEXT
);
INSERT INTO report_history_v2 SELECT * FROM report_history;
DROP TABLE report_history;
ALTER TABLE report_history_v2 RENAME TO report_history;
CREATE INDEX report_history_report_idx ON report_history (report_id, id);
CREATE TRIGGER report_history_no_update BEFORE UPDATE ON report_history
BEGIN SELECT RAISE(ABORT, 'report_history is append-only'); END;
CREATE TRIGGER report_history_no_delete BEFORE DELETE ON report_history
BEGIN SELECT RAISE(ABORT, 'report_history is append-only'); END;

CREATE TABLE attachment (
  report_id   INTEGER NOT NULL REFERENCES report (id),
  n           INTEGER NOT NULL CHECK (n BETWEEN 1 AND 3),
  file_name   TEXT    NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
  media_type  TEXT    NOT NULL,
  size        INTEGER NOT NULL CHECK (size BETWEEN 1 AND 5242880),
  sha256      TEXT    NOT NULL,
  content     BLOB    NOT NULL,
  PRIMARY KEY (report_id, n)
);

CREATE INDEX report_reporter_ip_idx ON report (reporter_ip, reported_at) WHERE reporter_ip IS NOT NULL;

CREATE TABLE app_user (
  username       TEXT    PRIMARY KEY,
  password_hash  TEXT    NOT NULL,
  role           TEXT    NOT NULL CHECK (role IN ('officer', 'local_coordinator', 'voivodeship_coordinator', 'administrator')),
  areas          TEXT    NOT NULL DEFAULT '',
  disabled       INTEGER NOT NULL DEFAULT 0,
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL
);

CREATE TABLE api_token (
  token_hash  TEXT    PRIMARY KEY,
  username    TEXT    NOT NULL REFERENCES app_user (username),
  created_at  INTEGER NOT NULL,
  expires_at  INTEGER NOT NULL
);
CREATE INDEX api_token_username_idx ON api_token (username);
