-- Police units (KWP, KMP, KPP, KP, PP) imported from CSV/GeoJSON: where each unit is and the TERYT
-- codes of the area it serves. A user assigned to a unit takes the unit's areas as their scope.
-- Foreign keys are not enforced on this store: JdbcPoliceUnitStore checks references itself.
CREATE TABLE police_unit (
  code   TEXT PRIMARY KEY CHECK (length(code) BETWEEN 1 AND 40 AND code NOT GLOB '*[^A-Za-z0-9._-]*'),
  name   TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  type   TEXT NOT NULL CHECK (type IN ('KWP', 'KMP', 'KPP', 'KP', 'PP')),
  lon    REAL NOT NULL CHECK (lon BETWEEN -180 AND 180),
  lat    REAL NOT NULL CHECK (lat BETWEEN -90 AND 90),
  -- Comma-separated, sorted TERYT codes: 2 (voivodeship), 4 (county) or 7 (municipality) digits.
  areas  TEXT NOT NULL CHECK (length(areas) >= 2 AND areas NOT GLOB '*[^0-9,]*')
);

ALTER TABLE app_user ADD COLUMN police_unit TEXT REFERENCES police_unit (code);
CREATE INDEX app_user_police_unit_idx ON app_user (police_unit) WHERE police_unit IS NOT NULL;
