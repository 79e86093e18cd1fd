-- Report ingest and the police workflow: attachments, police users and their tokens, the
-- "edited" history action (publishing a description), and an index for the citizen rate limit.

ALTER TABLE report_history DROP CONSTRAINT report_history_action_check;
ALTER TABLE report_history ADD CONSTRAINT report_history_action_check
  CHECK (action IN ('created', 'status_changed', 'deleted', 'edited'));

-- Attachments live in the database so a report and its files commit (and back up) together.
CREATE TABLE attachment (
  report_id   bigint  NOT NULL REFERENCES report (id),
  n           integer NOT NULL CHECK (n BETWEEN 1 AND 3),
  file_name   text    NOT NULL CHECK (char_length(file_name) BETWEEN 1 AND 255),
  media_type  text    NOT NULL,
  size        integer NOT NULL CHECK (size BETWEEN 1 AND 5242880),
  sha256      text    NOT NULL,
  content     bytea   NOT NULL,
  PRIMARY KEY (report_id, n)
);

-- At most N citizen reports per address in a rolling window: counted from stored reports, so
-- invalid requests never count and the limit holds across restarts and replicas.
CREATE INDEX report_reporter_ip_idx ON report (reporter_ip, reported_at) WHERE reporter_ip IS NOT NULL;

CREATE TABLE app_user (
  username       text        PRIMARY KEY CHECK (username ~ '^[a-z0-9][a-z0-9._-]{1,62}$'),
  password_hash  text        NOT NULL,
  role           text        NOT NULL CHECK (role IN ('officer', 'local_coordinator', 'voivodeship_coordinator', 'administrator')),
  areas          text        NOT NULL DEFAULT '',
  disabled       boolean     NOT NULL DEFAULT false,
  created_at     timestamptz NOT NULL,
  updated_at     timestamptz NOT NULL
);

-- Only a hash of each bearer token is stored: a leaked table grants no access.
CREATE TABLE api_token (
  token_hash  text        PRIMARY KEY,
  username    text        NOT NULL REFERENCES app_user (username),
  created_at  timestamptz NOT NULL,
  expires_at  timestamptz NOT NULL
);
CREATE INDEX api_token_username_idx ON api_token (username);
