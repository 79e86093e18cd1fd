-- Administrative boundaries (PRG voivodeships, counties, municipalities), loaded by the importer and
-- held in memory as a spatial index that assigns TERYT codes to reports. Geometry as WKB, EPSG:4326.
CREATE TABLE boundary (
  code   TEXT PRIMARY KEY,
  level  TEXT NOT NULL CHECK (level IN ('voivodeship', 'county', 'municipality')),
  name   TEXT NOT NULL,
  geom   BLOB NOT NULL
);
CREATE INDEX boundary_level_idx ON boundary (level);
