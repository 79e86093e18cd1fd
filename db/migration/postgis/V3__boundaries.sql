-- Administrative boundaries (PRG voivodeships, counties, municipalities), loaded by the importer and
-- held in memory as a spatial index that assigns TERYT codes to reports.
CREATE TABLE boundary (
  code   text PRIMARY KEY CHECK (code ~ '^([0-9]{2}|[0-9]{4}|[0-9]{6}[1-5])$'),
  level  text NOT NULL CHECK (level IN ('voivodeship', 'county', 'municipality')),
  name   text NOT NULL,
  geom   geometry(MultiPolygon, 4326) NOT NULL
);
CREATE INDEX boundary_level_idx ON boundary (level);
CREATE INDEX boundary_geom_idx ON boundary USING gist (geom);
