"""Writes N square patches (≈ 1 亩 each) as CSV with WKT in CGCS2000 lon/lat, spread over COUNTIES
counties of one province (44xxyy codes), for the web load run. ogr2ogr turns it into a GeoPackage."""
import sys

n, counties, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
side = 0.00025  # ≈ 25 m × 28 m
per_row = 1000
with open(path, "w") as out:
    out.write("WKT,JCBH,XZQDM,QSX,HSX\n")
    for i in range(n):
        county = i % counties
        code = f"44{1 + county // 9:02d}{1 + county % 9:02d}"
        x = 110.0 + (i % per_row) * side * 2
        y = 21.0 + (i // per_row) * side * 2
        ring = f"{x} {y},{x + side} {y},{x + side} {y + side},{x} {y + side},{x} {y}"
        out.write(f'"POLYGON(({ring}))",P{i:07d},{code},2023-12-15,2024-03-20\n')
