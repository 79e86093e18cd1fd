-- Police-system indicators and population per area (GUS), imported from CSV files
-- (import-indicators, import-population). Each import is one transaction that replaces the series
-- its file carries and adds a row to statistics_import; the largest id there is the version of the
-- data, which running servers poll to reload the indicators without a restart.
CREATE TABLE statistics_import (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind        text NOT NULL CHECK (kind IN ('indicators', 'population')),
  level       text NOT NULL CHECK (level IN ('voivodeship', 'county', 'municipality')),
  source      text NOT NULL,
  row_count   integer NOT NULL CHECK (row_count >= 0),
  imported_at timestamptz NOT NULL
);

-- One value per indicator, area and period; the indicator's code is checked against
-- layers/indicators.yaml by the importer (the catalogue is configuration, not a table).
CREATE TABLE indicator_value (
  indicator  text NOT NULL,
  level      text NOT NULL CHECK (level IN ('voivodeship', 'county', 'municipality')),
  code       text NOT NULL CHECK (code ~ '^([0-9]{2}|[0-9]{4}|[0-9]{6}[1-5])$'),
  period     text NOT NULL CHECK (period ~ '^[0-9]{4}(-(H[12]|Q[1-4]|0[1-9]|1[0-2]))?$'),
  value      double precision NOT NULL,
  import_id  bigint NOT NULL REFERENCES statistics_import (id),
  PRIMARY KEY (indicator, code, period)
);
CREATE INDEX indicator_value_series_idx ON indicator_value (indicator, level, period);

CREATE TABLE population (
  code       text NOT NULL CHECK (code ~ '^([0-9]{2}|[0-9]{4}|[0-9]{6}[1-5])$'),
  level      text NOT NULL CHECK (level IN ('voivodeship', 'county', 'municipality')),
  year       integer NOT NULL CHECK (year BETWEEN 1900 AND 2100),
  population bigint NOT NULL CHECK (population > 0),
  import_id  bigint NOT NULL REFERENCES statistics_import (id),
  PRIMARY KEY (code, year)
);
CREATE INDEX population_level_year_idx ON population (level, year);
