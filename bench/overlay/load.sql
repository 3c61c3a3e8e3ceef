-- Prepares one table loaded by ogr2ogr for the overlay, as a PostGIS user would.
-- Variables: tbl (the table), sub (the name of its subdivided copy), may_subdivide (true for
-- reference layers, false for patches).

-- GEOS cannot intersect invalid polygons. LandWatch overlays an invalid geometry on its make-valid
-- form (GEOS "structure" method, collapsed parts dropped), so PostGIS repairs the same way, at load.
SET client_min_messages = warning;  -- not ST_IsValid's notice for each one: the count is printed
WITH repaired AS (
  UPDATE :"tbl"
     SET geom = ST_CollectionExtract(ST_MakeValid(geom, 'method=structure keepcollapsed=false'), 3)
   WHERE NOT ST_IsValid(geom)
  RETURNING 1
)
SELECT count(*) AS repaired, count(*) > 0 AS any_repaired FROM repaired \gset
\if :any_repaired
\echo :tbl: :repaired invalid geometries made valid
\endif

CREATE INDEX ON :"tbl" USING gist (geom);
VACUUM ANALYZE :"tbl";

-- Large polygons (red lines: thousands of vertices) are cut into pieces of at most 256 vertices,
-- the documented PostGIS practice: index boxes fit, and each intersection works on a small piece.
-- LandWatch does the same at import, with the same threshold.
SELECT :may_subdivide AND max(ST_NPoints(geom)) > 256 AS subdivide FROM :"tbl" \gset
\if :subdivide
CREATE TABLE :"sub" AS SELECT id AS feature_id, ST_Subdivide(geom, 256) AS geom FROM :"tbl";
CREATE INDEX ON :"sub" USING gist (geom);
VACUUM ANALYZE :"sub";
\endif
