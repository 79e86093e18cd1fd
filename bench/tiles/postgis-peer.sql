-- The peer of the cold-tile goal: the tile function a Martin or pg_tileserv user writes over the
-- report table. Points in the tile plus a one-cell buffer (GiST index on geom), public statuses, not
-- deleted, clustered by ST_SnapToGrid on a 1/16-tile grid (like our 16 x 16 cells) with the count,
-- the centre of the points and per-category counts, encoded by ST_AsMVT (extent 4096, buffer 256).
CREATE OR REPLACE FUNCTION peer_threats(z integer, x integer, y integer,
    categories text[] DEFAULT NULL, statuses text[] DEFAULT NULL, t_from timestamptz DEFAULT NULL)
RETURNS bytea AS $$
  WITH tile AS (
    SELECT ST_TileEnvelope(z, x, y) AS env,
           (ST_XMax(ST_TileEnvelope(z, x, y)) - ST_XMin(ST_TileEnvelope(z, x, y))) / 16 AS cell
  ), pts AS (
    SELECT ST_Transform(r.geom, 3857) AS g, r.category
    FROM report r, tile
    -- The buffered envelope is clipped to the world first: beyond +-180 degrees it would wrap round
    -- when transformed to 4326 and select nothing.
    WHERE r.geom && ST_Transform(ST_ClipByBox2D(ST_TileEnvelope(z, x, y, margin => 1.0 / 16),
                                                ST_TileEnvelope(0, 0, 0)), 4326)
      AND NOT r.deleted
      AND r.status = ANY (coalesce(statuses, ARRAY['new', 'verification', 'confirmed', 'confirmed_handed_over',
                                                    'confirmed_eliminated']))
      AND (categories IS NULL OR r.category = ANY (categories))
      AND (t_from IS NULL OR r.reported_at >= t_from)
  ), per_category AS (
    SELECT ST_SnapToGrid(g, tile.cell) AS key, category, count(*) AS n, sum(ST_X(g)) AS sx, sum(ST_Y(g)) AS sy
    FROM pts, tile GROUP BY 1, 2
  ), clusters AS (
    SELECT sum(n) AS count, ST_SetSRID(ST_MakePoint(sum(sx) / sum(n), sum(sy) / sum(n)), 3857) AS centre,
           jsonb_object_agg(category, n)::text AS categories
    FROM per_category GROUP BY key
  )
  SELECT ST_AsMVT(m, 'threats', 4096, 'geom') FROM (
    SELECT ST_AsMVTGeom(c.centre, tile.env, 4096, 256, true) AS geom, c.count, c.categories
    FROM clusters c, tile) m;
$$ LANGUAGE sql STABLE PARALLEL SAFE;

-- Times the peer on every tile of a sample inside the server (no client round trips).
CREATE OR REPLACE FUNCTION peer_time(sample text[], categories text[] DEFAULT NULL, statuses text[] DEFAULT NULL,
    t_from timestamptz DEFAULT NULL)
RETURNS TABLE (z integer, ms double precision) AS $$
DECLARE
  t text;
  p text[];
  t0 timestamptz;
BEGIN
  FOREACH t IN ARRAY sample LOOP
    p := string_to_array(t, '/');
    t0 := clock_timestamp();
    PERFORM length(peer_threats(p[1]::int, p[2]::int, p[3]::int, categories, statuses, t_from));
    z := p[1]::int;
    ms := extract(epoch FROM clock_timestamp() - t0) * 1000;
    RETURN NEXT;
  END LOOP;
END;
$$ LANGUAGE plpgsql;
