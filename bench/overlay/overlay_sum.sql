-- Best-practice PostGIS overlay on a layer whose features do not overlap each other (parcels that
-- tile, red lines, or their ST_Subdivide pieces): per patch, the sum over the features it meets of
-- the ellipsoidal area of the intersection. Fast path: a patch covered by a feature counts its own
-- area, without computing an intersection. Areas are geography, on the spheroid of SRID 4490
-- (CGCS2000), computed in longitude/latitude like LandWatch (bench_area: area.sql).
-- Variables: patches and layer (tables), kind (the layer label written in the CSV), densify (degrees).
COPY (
  SELECT p.jcbh AS code, :'kind' AS layer,
         SUM(CASE WHEN ST_CoveredBy(p.geom, l.geom) THEN bench_area(p.geom, :densify)
                  ELSE bench_area(ST_Intersection(p.geom, l.geom), :densify) END) AS area_m2
    FROM :"patches" p
    JOIN :"layer" l ON ST_Intersects(p.geom, l.geom)
   GROUP BY p.jcbh
) TO STDOUT WITH (FORMAT csv);
