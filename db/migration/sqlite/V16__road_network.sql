-- The road network of the road-segment analysis (national and voivodeship roads), replaced whole by
-- each import: road_network keeps one row per import (its version), road the roads of the current
-- version only. Geometry as WKB, EPSG:4326 (as boundary).
CREATE TABLE road_network (
  version     INTEGER PRIMARY KEY,
  imported_at TEXT NOT NULL,
  source      TEXT NOT NULL,
  roads       INTEGER NOT NULL CHECK (roads > 0)
);
CREATE TABLE road (
  version INTEGER NOT NULL REFERENCES road_network (version),
  number  TEXT NOT NULL,
  class   TEXT NOT NULL CHECK (class IN ('national', 'voivodeship')),
  geom    BLOB NOT NULL,
  PRIMARY KEY (version, number)
);
