-- The road network of the road-segment analysis (national and voivodeship roads), replaced whole by
-- each import: road_network keeps one row per import (its version), road the roads of the current
-- version only. An import inserts the new version's rows and deletes the older roads in one
-- transaction, so readers see the old network or the new one, never a mix.
CREATE TABLE road_network (
  version     bigint PRIMARY KEY,
  imported_at timestamptz NOT NULL,
  source      text NOT NULL,
  roads       integer NOT NULL CHECK (roads > 0)
);
CREATE TABLE road (
  version bigint NOT NULL REFERENCES road_network (version),
  number  text NOT NULL CHECK (number ~ '^(A|S|DK|DW)[1-9][0-9]{0,3}[A-Z]?$'),
  class   text NOT NULL CHECK (class IN ('national', 'voivodeship')),
  geom    geometry(MultiLineString, 4326) NOT NULL,
  PRIMARY KEY (version, number)
);
