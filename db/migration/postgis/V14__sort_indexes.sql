-- WFS SORTBY and keyset paging under a sort (store.FeatureQueries): every sortable property with
-- the id after it, so "(key, id) > (?, ?) ORDER BY key, id LIMIT n" is one index range whatever the
-- page's depth, ascending or (scanned backwards) descending. The (reported_at, id) index also
-- serves every range filter on reported_at, so it replaces the single-column one. SQLite needs no
-- such migration: its single-column indexes end with the rowid, which is the id.
CREATE INDEX report_reported_at_id_idx ON report (reported_at, id);
DROP INDEX report_reported_at_idx;
CREATE INDEX report_category_id_idx ON report (category, id);
CREATE INDEX report_status_id_idx ON report (status, id);
