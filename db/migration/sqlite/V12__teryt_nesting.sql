-- TERYT codes as pl.kmzb.report.Teryt requires them: voivodeship 2 digits, county 4, municipality
-- 7 ending in a type 1-5, and nested (a county starts with its voivodeship, a municipality with its
-- county; a narrower code needs the wider one). This store checked none of it, so a direct SQL
-- edit could store a row the server cannot read, which used to stop the tile index.
--
-- SQLite cannot add a CHECK constraint to an existing table without rebuilding it (and its R*Tree,
-- triggers and indexes), so triggers check each inserted row and each update of the code columns;
-- the WHEN clause costs a few string tests per row. Rows stored before this migration are not
-- checked; the tile index skips any the domain rejects with one error log line each. Find them with
-- the same test: SELECT id FROM report WHERE NOT (<the WHEN condition below without its NOT>).
CREATE TRIGGER report_teryt_checked_insert BEFORE INSERT ON report
WHEN NOT (
  (NEW.teryt_voivodeship IS NULL OR (length(NEW.teryt_voivodeship) = 2 AND NEW.teryt_voivodeship NOT GLOB '*[^0-9]*'))
  AND (NEW.teryt_county IS NULL OR (length(NEW.teryt_county) = 4 AND NEW.teryt_county NOT GLOB '*[^0-9]*'
    AND NEW.teryt_voivodeship IS NOT NULL AND substr(NEW.teryt_county, 1, 2) = NEW.teryt_voivodeship))
  AND (NEW.teryt_municipality IS NULL OR (length(NEW.teryt_municipality) = 7 AND NEW.teryt_municipality NOT GLOB '*[^0-9]*'
    AND substr(NEW.teryt_municipality, 7, 1) BETWEEN '1' AND '5'
    AND NEW.teryt_county IS NOT NULL AND substr(NEW.teryt_municipality, 1, 4) = NEW.teryt_county))
)
BEGIN
  SELECT RAISE(ABORT, 'CHECK constraint failed: report_teryt_nesting (TERYT codes must be WW, WWPP, WWPPGGR and nest)');
END;

CREATE TRIGGER report_teryt_checked_update BEFORE UPDATE OF teryt_voivodeship, teryt_county, teryt_municipality ON report
WHEN NOT (
  (NEW.teryt_voivodeship IS NULL OR (length(NEW.teryt_voivodeship) = 2 AND NEW.teryt_voivodeship NOT GLOB '*[^0-9]*'))
  AND (NEW.teryt_county IS NULL OR (length(NEW.teryt_county) = 4 AND NEW.teryt_county NOT GLOB '*[^0-9]*'
    AND NEW.teryt_voivodeship IS NOT NULL AND substr(NEW.teryt_county, 1, 2) = NEW.teryt_voivodeship))
  AND (NEW.teryt_municipality IS NULL OR (length(NEW.teryt_municipality) = 7 AND NEW.teryt_municipality NOT GLOB '*[^0-9]*'
    AND substr(NEW.teryt_municipality, 7, 1) BETWEEN '1' AND '5'
    AND NEW.teryt_county IS NOT NULL AND substr(NEW.teryt_municipality, 1, 4) = NEW.teryt_county))
)
BEGIN
  SELECT RAISE(ABORT, 'CHECK constraint failed: report_teryt_nesting (TERYT codes must be WW, WWPP, WWPPGGR and nest)');
END;
