-- The fingerprint of the migration files that last migrated this database (see the PostGIS
-- migration of the same number). One row, or none.
CREATE TABLE schema_fingerprint (
  fingerprint TEXT NOT NULL
);
