-- TERYT codes nest: a county lies in its voivodeship (its first two digits), a municipality in its
-- county (its first four), and a narrower code needs the wider one, as pl.kmzb.report.Teryt
-- requires (the formats are checked since V1/V9). Area filters and officers' scopes compare
-- prefixes, and a row the domain cannot read used to stop the tile index; direct SQL edits, which
-- the documentation invites, must not be able to store one.
--
-- Cheap on a bulk import: two left() comparisons on short "C"-collated text per row, no regex
-- (BulkLoadDetour keeps CHECK constraints in place; they are evaluated once per COPYed row).
--
-- Rows stored before this migration are not rewritten. If some already break the rule, the
-- constraint is added NOT VALID (it holds for every new or changed row from now on) and a warning
-- names how many and how to find them; the tile index skips such rows with one error log line
-- each. Once they are fixed: ALTER TABLE report VALIDATE CONSTRAINT report_teryt_nesting_check;
ALTER TABLE report ADD CONSTRAINT report_teryt_nesting_check CHECK (
  (teryt_county IS NULL OR (teryt_voivodeship IS NOT NULL AND left(teryt_county, 2) = teryt_voivodeship))
  AND (teryt_municipality IS NULL OR (teryt_county IS NOT NULL AND left(teryt_municipality, 4) = teryt_county))
) NOT VALID;

DO $$
DECLARE
  bad bigint;
BEGIN
  SELECT count(*) INTO bad FROM report
    WHERE NOT ((teryt_county IS NULL OR (teryt_voivodeship IS NOT NULL AND left(teryt_county, 2) = teryt_voivodeship))
      AND (teryt_municipality IS NULL OR (teryt_county IS NOT NULL AND left(teryt_municipality, 4) = teryt_county)));
  IF bad = 0 THEN
    ALTER TABLE report VALIDATE CONSTRAINT report_teryt_nesting_check;
  ELSE
    RAISE WARNING '% stored reports have TERYT codes that do not nest (a county outside its voivodeship or a municipality outside its county); report_teryt_nesting_check holds for new and changed rows only. Find them with: SELECT id FROM report WHERE (teryt_county IS NOT NULL AND left(teryt_county, 2) IS DISTINCT FROM teryt_voivodeship) OR (teryt_municipality IS NOT NULL AND left(teryt_municipality, 4) IS DISTINCT FROM teryt_county); fix or clear their codes, then run: ALTER TABLE report VALIDATE CONSTRAINT report_teryt_nesting_check', bad;
  END IF;
END $$;
