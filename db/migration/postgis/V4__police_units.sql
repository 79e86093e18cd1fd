-- Police units (KWP, KMP, KPP, KP, PP) imported from CSV/GeoJSON: where each unit is and the TERYT
-- codes of the area it serves. A user assigned to a unit takes the unit's areas as their scope.
CREATE TABLE police_unit (
  code   text PRIMARY KEY CHECK (code ~ '^[A-Za-z0-9._-]{1,40}$'),
  name   text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
  type   text NOT NULL CHECK (type IN ('KWP', 'KMP', 'KPP', 'KP', 'PP')),
  geom   geometry(Point, 4326) NOT NULL,
  -- Comma-separated, sorted TERYT codes: 2 (voivodeship), 4 (county) or 7 (municipality) digits.
  areas  text NOT NULL CHECK (areas ~ '^([0-9]{2}|[0-9]{4}|[0-9]{6}[1-5])(,([0-9]{2}|[0-9]{4}|[0-9]{6}[1-5]))*$')
);
CREATE INDEX police_unit_geom_idx ON police_unit USING gist (geom);

ALTER TABLE app_user ADD COLUMN police_unit text REFERENCES police_unit (code);
CREATE INDEX app_user_police_unit_idx ON app_user (police_unit) WHERE police_unit IS NOT NULL;
