-- Versions of the reference data every server holds in memory (boundaries, police units). An
-- importer bumps one in the transaction that replaces the data; running servers poll these rows
-- and reload when one moves, so an import reaches them without a restart.
CREATE TABLE reference_version (
  name    TEXT PRIMARY KEY CHECK (name IN ('boundaries', 'police_units')),
  version BIGINT NOT NULL
);
INSERT INTO reference_version (name, version) VALUES ('boundaries', 0), ('police_units', 0);
