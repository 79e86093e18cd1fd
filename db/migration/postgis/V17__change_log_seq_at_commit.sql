-- The change log draws its sequence numbers at commit, not at the write.
--
-- V1 took the change log's advisory lock (74055001) in the statement trigger and held it to COMMIT,
-- so sequence order was commit order, but every writer of reports waited for whatever the holder
-- did between its write and its commit: the history row, the read-back, each a round trip to a
-- client that may not be scheduled, then the commit. Under load that queue, not the work, set how
-- late a change reached the listeners.
--
-- Now the statement triggers stage their entries in report_change_pending, keyed by the top-level
-- transaction id, and queue a commit-time trigger once per transaction (a row in
-- report_change_commit, whose constraint trigger is DEFERRABLE INITIALLY DEFERRED). At COMMIT that
-- trigger takes the same advisory lock, moves the transaction's entries into report_change, where
-- they get their sequence numbers, and sends the one NOTIFY. The lock is released only after the
-- commit is visible, so the invariant of V1 holds: sequence order is commit order, and a listener
-- reading "seq > last seen" never skips a change committed later with a smaller number. What the
-- lock now covers is the move and the commit itself, no client round trip.
--
-- Both tables hold rows only while their transaction runs, so they are UNLOGGED: no WAL for the
-- staging, emptied by a crash (which also ends the transactions), empty on a promoted standby.
-- A savepoint rolled back takes its staged entries, and the queued trigger if it queued it, along.
CREATE UNLOGGED TABLE report_change_pending (
  xact            bigint      NOT NULL,
  ord             bigint      GENERATED ALWAYS AS IDENTITY,
  report_id       bigint,
  last_report_id  bigint,
  kind            text        NOT NULL,
  changed_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (xact, ord)
);

CREATE UNLOGGED TABLE report_change_commit (
  xact  bigint PRIMARY KEY
);

-- Queues the commit-time move of the current transaction's staged entries; called AFTER staging
-- them. The first call of a transaction queues it (a second conflicts with the first's row and
-- queues nothing). Called after, not before: under SET CONSTRAINTS ... IMMEDIATE the trigger fires
-- at the end of this INSERT, and must find the entries already staged.
CREATE FUNCTION kmzb_queue_publish() RETURNS void LANGUAGE sql VOLATILE AS $$
  INSERT INTO report_change_commit (xact) VALUES (txid_current()) ON CONFLICT (xact) DO NOTHING;
$$;

CREATE FUNCTION kmzb_publish_changes() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  moved bigint;
BEGIN
  PERFORM pg_advisory_xact_lock(74055001);
  WITH staged AS (
    DELETE FROM report_change_pending WHERE xact = NEW.xact
    RETURNING ord, report_id, last_report_id, kind, changed_at)
  INSERT INTO report_change (report_id, last_report_id, kind, changed_at)
    SELECT report_id, last_report_id, kind, changed_at FROM staged ORDER BY ord;
  GET DIAGNOSTICS moved = ROW_COUNT;
  DELETE FROM report_change_commit WHERE xact = NEW.xact;
  IF moved > 0 THEN
    -- One notification per transaction, delivered after commit; listeners read the log for the details.
    PERFORM pg_notify('kmzb_report_change', '');
  END IF;
  RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER report_change_publish AFTER INSERT ON report_change_commit
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION kmzb_publish_changes();

-- The statement triggers of V1 stay; their function now stages instead of locking and logging.
CREATE OR REPLACE FUNCTION kmzb_log_changes() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  me bigint := txid_current();
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    INSERT INTO report_change_pending (xact, report_id, kind) VALUES (me, NULL, 'reset');
  ELSIF TG_OP = 'INSERT' THEN
    IF NOT EXISTS (SELECT 1 FROM new_rows) THEN RETURN NULL; END IF;
    INSERT INTO report_change_pending (xact, report_id, kind) SELECT me, id, 'inserted' FROM new_rows ORDER BY id;
  ELSIF TG_OP = 'UPDATE' THEN
    IF NOT EXISTS (SELECT 1 FROM new_rows) THEN RETURN NULL; END IF;
    INSERT INTO report_change_pending (xact, report_id, kind)
      SELECT me, n.id, CASE WHEN n.deleted AND NOT o.deleted THEN 'deleted'
                            WHEN n.status <> o.status THEN 'status_changed'
                            ELSE 'edited' END
      FROM new_rows n JOIN old_rows o ON o.id = n.id ORDER BY n.id;
  ELSE
    IF NOT EXISTS (SELECT 1 FROM old_rows) THEN RETURN NULL; END IF;
    INSERT INTO report_change_pending (xact, report_id, kind) SELECT me, id, 'purged' FROM old_rows ORDER BY id;
  END IF;
  PERFORM kmzb_queue_publish();
  RETURN NULL;
END $$;
