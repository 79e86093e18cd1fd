-- The fingerprint of the migration files that last migrated this database (see
-- MigrationFingerprint): a store whose bundled files hash to the same value skips Flyway's check,
-- which costs about half a second of every start and import command. One row, or none.
CREATE TABLE schema_fingerprint (
  fingerprint text NOT NULL
);
