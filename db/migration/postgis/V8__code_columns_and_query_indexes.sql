-- Code columns compare in byte order ("C"): they hold ASCII codes only, so the order is the same,
-- but sorting and comparing them no longer goes through the locale's collation, which made their
-- B-trees 1.3-2x slower to build and to search (rebuilt on every bulk import).
ALTER TABLE report
  ALTER COLUMN category           TYPE text COLLATE "C",
  ALTER COLUMN status             TYPE text COLLATE "C",
  ALTER COLUMN source             TYPE text COLLATE "C",
  ALTER COLUMN teryt_voivodeship  TYPE text COLLATE "C",
  ALTER COLUMN teryt_county       TYPE text COLLATE "C",
  ALTER COLUMN teryt_municipality TYPE text COLLATE "C",
  ALTER COLUMN external_id        TYPE text COLLATE "C";

-- Single-column indexes on low-cardinality codes go: a category holds some 5-10 % of the reports,
-- a voivodeship about 6 %, a status or source far more, so a filter on them reads most heap pages
-- anyway. Lists page by id (primary key), maps and WFS by bbox (GiST), time filters and the finer
-- areas (county, municipality) keep their indexes, and the open queue of new reports has
-- report_new_idx. Each of these four cost a second or more of every million-row bulk import, and
-- an index update on every write.
DROP INDEX report_category_idx, report_status_idx, report_source_idx, report_teryt_voivodeship_idx;
