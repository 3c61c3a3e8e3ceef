-- The ellipsoidal area that LandWatch reports, for the overlay queries (run once per database).
--
-- LandWatch measures areas on the CGCS2000 ellipsoid with edges straight in longitude/latitude, the
-- land survey's 图斑椭球面积 convention; PostGIS geography treats edges as geodesics. The two agree on
-- a whole patch, but not on the pieces an overlay cuts it into: splitting an edge at a point of its
-- lon/lat line changes its geodesic area (by ~1e-6 on a 100 m patch), so geodesic pieces do not add up
-- to their patch, and the same area cut in two different ways (PostGIS's ST_Subdivide pieces and
-- LandWatch's) measures differently. Cutting every edge into steps of at most densify_deg degrees first
-- makes the geodesic edges follow the lon/lat lines: the error falls with the square of the step, to
-- about 1e-8 of the area at 0.0001° (~10 m). densify_deg = 0 measures the geodesic-edge area as is.
CREATE FUNCTION bench_area(g geometry, densify_deg float8) RETURNS float8
LANGUAGE sql IMMUTABLE PARALLEL SAFE  -- not STRICT: that would stop the planner inlining it
AS $$ SELECT ST_Area((CASE WHEN densify_deg > 0 THEN ST_Segmentize(g, densify_deg) ELSE g END)::geography) $$;
