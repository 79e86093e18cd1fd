-- Police-system indicators and population per area (GUS), imported from CSV files
-- (import-indicators, import-population). Each import is one transaction that replaces the series
-- its file carries and adds a row to statistics_import; the largest id there is the version of the
-- data, which running servers poll to reload the indicators without a restart.
CREATE TABLE statistics_import (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  kind        TEXT NOT NULL CHECK (kind IN ('indicators', 'population')),
  level       TEXT NOT NULL CHECK (level IN ('voivodeship', 'county', 'municipality')),
  source      TEXT NOT NULL,
  row_count   INTEGER NOT NULL CHECK (row_count >= 0),
  imported_at INTEGER NOT NULL -- epoch milliseconds, as every instant of the embedded store
);

-- One value per indicator, area and period; the indicator's code is checked against
-- layers/indicators.yaml by the importer (the catalogue is configuration, not a table).
CREATE TABLE indicator_value (
  indicator  TEXT NOT NULL,
  level      TEXT NOT NULL CHECK (level IN ('voivodeship', 'county', 'municipality')),
  code       TEXT NOT NULL,
  period     TEXT NOT NULL,
  value      REAL NOT NULL,
  import_id  INTEGER NOT NULL REFERENCES statistics_import (id),
  PRIMARY KEY (indicator, code, period)
);
CREATE INDEX indicator_value_series_idx ON indicator_value (indicator, level, period);

CREATE TABLE population (
  code       TEXT NOT NULL,
  level      TEXT NOT NULL CHECK (level IN ('voivodeship', 'county', 'municipality')),
  year       INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2100),
  population INTEGER NOT NULL CHECK (population > 0),
  import_id  INTEGER NOT NULL REFERENCES statistics_import (id),
  PRIMARY KEY (code, year)
);
CREATE INDEX population_level_year_idx ON population (level, year);
