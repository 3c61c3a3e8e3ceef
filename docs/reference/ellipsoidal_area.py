"""Reference areas for Tests/GeoTests/EllipsoidalAreaTests.swift, independent of LandWatch's code.

Polygons with edges straight in longitude/latitude on an ellipsoid (the land survey's 椭球面积):
area = |∮ λ g(φ) dφ|, g(φ) = a²(1−e²) cos φ / (1 − e² sin² φ)², each edge integrated by mpmath
at 40 significant digits (tanh-sinh quadrature), holes subtracted.
Run: python3 docs/reference/ellipsoidal_area.py
"""
from mpmath import mp, mpf, cos, sin, pi, quad, log

mp.dps = 40
A = mpf(6378137)
CGCS2000_F = 1 / mpf("298.257222101")


def ring_area(ring, f=CGCS2000_F):
    e2 = f * (2 - f)
    scale = A * A * (1 - e2)
    g = lambda phi: scale * cos(phi) / (1 - e2 * sin(phi) ** 2) ** 2
    rad = pi / 180
    total = mpf(0)
    points = [(mpf(str(x)) * rad, mpf(str(y)) * rad) for x, y in ring]
    for (l1, p1), (l2, p2) in zip(points, points[1:] + points[:1]):
        if p1 == p2:
            continue
        total += quad(lambda t: (l1 + t * (l2 - l1)) * g(p1 + t * (p2 - p1)), [0, 1]) * (p2 - p1)
    return abs(total)


def graticule_closed_form(l1, l2, p1, p2, f=CGCS2000_F):
    """Δλ · b²/2 · [q(φ2) − q(φ1)], the 图幅理论面积 of a map sheet."""
    e2 = f * (2 - f)
    e = e2 ** mpf("0.5")
    b = A * (1 - f)
    q = lambda phi: sin(phi) / (1 - e2 * sin(phi) ** 2) + log((1 + e * sin(phi)) / (1 - e * sin(phi))) / (2 * e)
    rad = pi / 180
    return (mpf(l2) - mpf(l1)) * rad * b * b / 2 * (q(mpf(p2) * rad) - q(mpf(p1) * rad))


OUTER = [(113.2600, 23.1000), (113.3050, 23.0980), (113.3200, 23.1300), (113.2950, 23.1550), (113.2650, 23.1420)]
HOLE = [(113.2800, 23.1150), (113.2950, 23.1150), (113.2950, 23.1300), (113.2800, 23.1300)]
SECOND = [(113.4000, 23.0000), (113.4200, 23.0000), (113.4200, 23.0150), (113.4000, 23.0150)]
# The corners of a 100 m square at x 500000..500100, y 2544500..2544600 in EPSG:4547, through
# pyproj Transformer.from_crs("EPSG:4547", "EPSG:4490", always_xy=True).
GK_SQUARE = [(114.00000000000001, 22.99966067191159), (114.00097539286575, 22.99966066890843),
             (114.00097539935389, 23.00056365227904), (114.00000000000001, 23.00056365528234)]

if __name__ == "__main__":
    outer, hole, second = ring_area(OUTER), ring_area(HOLE), ring_area(SECOND)
    print("outer", mp.nstr(outer, 20))
    print("hole", mp.nstr(hole, 20))
    print("outer - hole", mp.nstr(outer - hole, 20))
    print("second", mp.nstr(second, 20))
    print("outer - hole + second", mp.nstr(outer - hole + second, 20))
    print("graticule 113-114E 23-24N closed form", mp.nstr(graticule_closed_form(113, 114, 23, 24), 20))
    print("graticule 113-114E 23-24N by edges", mp.nstr(ring_area([(113, 23), (114, 23), (114, 24), (113, 24)]), 20))
    print("gauss-kruger square", mp.nstr(ring_area(GK_SQUARE), 20))
    # Guangdong from ../shared/data: ogr2ogr -f GeoJSON gd.geojson chn_admin_level1.shp -where "ADM1_ZH='广东省'"
    # (EPSG:4326, so on the WGS 84 ellipsoid).
    import json, os
    if os.path.exists("gd.geojson"):
        wgs84 = 1 / mpf("298.257223563")
        geometry = json.load(open("gd.geojson"))["features"][0]["geometry"]
        area = sum(ring_area(p[0], wgs84) - sum(ring_area(h, wgs84) for h in p[1:]) for p in geometry["coordinates"])
        print("guangdong (WGS 84)", mp.nstr(area, 20))
