-- Best-practice PostGIS overlay on a layer whose features overlap each other (zoning, approvals):
-- per patch, the ellipsoidal area of the union of its intersections with the features it meets,
-- so an overlap counts once (LandWatch dissolves the pieces the same way for such layers). Fast
-- path: a patch covered by a feature contributes itself, without computing an intersection.
-- Areas as in overlay_sum.sql (bench_area: area.sql).
-- Variables: patches and layer (tables), kind (the layer label written in the CSV), densify (degrees).
COPY (
  SELECT p.jcbh AS code, :'kind' AS layer,
         bench_area(ST_Union(CASE WHEN ST_CoveredBy(p.geom, l.geom) THEN p.geom
                                  ELSE ST_CollectionExtract(ST_Intersection(p.geom, l.geom), 3) END), :densify) AS area_m2
    FROM :"patches" p
    JOIN :"layer" l ON ST_Intersects(p.geom, l.geom)
   GROUP BY p.jcbh
) TO STDOUT WITH (FORMAT csv);
