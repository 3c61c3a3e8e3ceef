#!/usr/bin/python3
"""Seeded synthetic data for the overlay benchmark, in CGCS2000 / 3-degree Gauss-Krüger CM 114E
(EPSG:4547, x = easting, y = northing), written as GeoPackages with osgeo.ogr:

  parcels.gpkg  三调地类图斑: a jittered grid that tiles the plane. Corners and the bent midpoint of
                every edge are drawn once and shared, so neighbouring parcels share edges exactly.
                Field DLBM (GB/T 21010 land class).
  redline.gpkg  生态保护红线: 4 large star-shaped polygons with thousands of vertices each and a
                fractal-looking boundary, one with a hole. They never overlap each other.
  patches.gpkg  卫片图斑: random 5-12-vertex polygons of 0.1-50 亩 (log-uniform), 10 % with a hole.
                Field JCBH (unique code).

Usage: generate.py --scale small|medium|full --seed N --out DIR
The same scale and seed always give the same files.
"""
import argparse
import math
import os
import shutil
import struct
import sys

import numpy as np
from osgeo import ogr, osr

ogr.UseExceptions()
osr.UseExceptions()

SCALES = {  # parcels (grid side²), patches
    "small": (224, 5_000),
    "medium": (500, 25_000),
    "full": (1000, 100_000),
}
CELL_M = 60.0                      # parcel grid step: 3,600 m² ≈ 5.4 亩, a typical 三调 parcel
ORIGIN = (500_000.0, 2_560_000.0)  # centre of the area: on the central meridian, about 23.1°N
MU_M2 = 10_000.0 / 15.0            # 1 亩
LAND_CLASSES = ["0101", "0102", "0103", "0201", "0301", "0401", "0701", "1001", "1101", "1202"]
CLASS_WEIGHTS = [0.25, 0.08, 0.20, 0.08, 0.14, 0.06, 0.08, 0.03, 0.05, 0.03]
REDLINE_VERTICES = [2400, 3600, 5200, 7200]  # outer rings; the second polygon also has a hole


def polygon_wkb(rings):
    """ISO WKB (little endian) of a polygon given as closed rings of (x, y) numpy arrays."""
    parts = [struct.pack("<BII", 1, 3, len(rings))]
    for ring in rings:
        parts.append(struct.pack("<I", len(ring)))
        parts.append(np.ascontiguousarray(ring, dtype="<f8").tobytes())
    return b"".join(parts)


def closed(xy):
    return np.vstack([xy, xy[:1]])


def create_layer(path, name, fields):
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(path)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4547)
    layer = ds.CreateLayer(name, srs, ogr.wkbPolygon, options=["GEOMETRY_NAME=geom", "FID=fid"])
    for field, width in fields:
        definition = ogr.FieldDefn(field, ogr.OFTString)
        definition.SetWidth(width)
        layer.CreateField(definition)
    return ds, layer


def write_features(ds, layer, rows):
    """rows: iterable of (wkb, {field: value}); one transaction per 100,000 features keeps it fast."""
    definition = layer.GetLayerDefn()
    ds.StartTransaction()
    for n, (wkb, attributes) in enumerate(rows, 1):
        feature = ogr.Feature(definition)
        for field, value in attributes.items():
            feature.SetField(field, value)
        feature.SetGeometryDirectly(ogr.CreateGeometryFromWkb(wkb))
        layer.CreateFeature(feature)
        if n % 100_000 == 0:
            ds.CommitTransaction()
            ds.StartTransaction()
    ds.CommitTransaction()


def parcels(rng, side):
    """A side × side jittered grid. Each parcel ring: 4 corners and 4 edge midpoints bent sideways.
    Corners move at most 0.18 cell and midpoints bend at most 0.08 cell, which keeps every parcel
    simple (each corner's two edges stay on their own side of the diagonal)."""
    n = side + 1
    corners = np.stack(np.meshgrid(np.arange(n, dtype=float), np.arange(n, dtype=float), indexing="xy"), axis=-1)
    corners += rng.uniform(-0.18, 0.18, size=corners.shape)  # corners[j, i] = (x, y) of grid node (i, j)
    # Midpoint of the horizontal edge from node (i, j) to (i+1, j), bent in y; of the vertical edge
    # from (i, j) to (i, j+1), bent in x.
    horizontal = (corners[:, :-1] + corners[:, 1:]) / 2
    horizontal[..., 1] += rng.uniform(-0.08, 0.08, size=horizontal.shape[:2])
    vertical = (corners[:-1, :] + corners[1:, :]) / 2
    vertical[..., 0] += rng.uniform(-0.08, 0.08, size=vertical.shape[:2])

    ring = np.stack([
        corners[:-1, :-1], horizontal[:-1, :], corners[:-1, 1:], vertical[:, 1:],
        corners[1:, 1:], horizontal[1:, :], corners[1:, :-1], vertical[:, :-1], corners[:-1, :-1],
    ], axis=2)  # (row, column, 9 points, 2): counter-clockwise from the lower-left corner
    half = side * CELL_M / 2
    ring = ring * CELL_M + np.array([ORIGIN[0] - half, ORIGIN[1] - half])
    classes = rng.choice(len(LAND_CLASSES), size=(side, side), p=CLASS_WEIGHTS)
    header = struct.pack("<BIII", 1, 3, 1, 9)
    flat = ring.reshape(side * side, 18).astype("<f8")
    for k in range(side * side):
        yield header + flat[k].tobytes(), {"DLBM": LAND_CLASSES[classes.flat[k]]}


def star_ring(rng, centre, radius, vertices, roughness):
    """A star-shaped ring around centre (so always simple): the radius follows a sum of sinusoids
    with amplitudes falling as 1/k^1.2, which gives a coastline-like outline at every scale."""
    theta = np.linspace(0, 2 * math.pi, vertices, endpoint=False)
    k = np.arange(2, 300)
    amplitude = roughness * k ** -1.2 / np.sum(k ** -1.2)
    phase = rng.uniform(0, 2 * math.pi, size=k.size)
    r = radius * (1 + np.sin(np.outer(theta, k) + phase) @ amplitude)
    return closed(np.column_stack([centre[0] + r * np.cos(theta), centre[1] + r * np.sin(theta)])), r.min(), r.max()


def redlines(rng, side):
    """Four red-line polygons, one per quadrant: their largest radius stays below a quarter of the
    extent, so they never touch each other."""
    extent = side * CELL_M
    quadrants = [(-0.25, -0.25), (0.25, -0.25), (-0.25, 0.25), (0.25, 0.22)]
    for n, ((qx, qy), vertices) in enumerate(zip(quadrants, REDLINE_VERTICES)):
        centre = (ORIGIN[0] + qx * extent, ORIGIN[1] + qy * extent)
        outer, r_min, r_max = star_ring(rng, centre, 0.14 * extent, vertices, roughness=0.45)
        assert r_max < 0.25 * extent
        rings = [outer]
        if n == 1:  # a hole (an enclave that is not red line), inside the outer ring's smallest radius
            hole, _, hole_max = star_ring(rng, centre, 0.35 * r_min, 900, roughness=0.3)
            assert hole_max < r_min
            rings.append(hole[::-1])
        yield polygon_wkb(rings), {"NAME": f"生态保护红线{n + 1}"}


def patches(rng, side, count):
    """Patches centred anywhere on the grid. Vertex angles are evenly spaced with jitter (so the
    centre is always inside, at least 0.29 r from every edge) and radii 0.6-1.0 r; the ring is
    scaled to the drawn area. A hole has radius 0.15 r: always inside."""
    extent = side * CELL_M
    centres = rng.uniform(-0.48 * extent, 0.48 * extent, size=(count, 2)) + np.array(ORIGIN)
    areas = np.exp(rng.uniform(math.log(0.1 * MU_M2), math.log(50 * MU_M2), size=count))
    for n in range(count):
        vertices = int(rng.integers(5, 13))
        step = 2 * math.pi / vertices
        theta = rng.uniform(0, 2 * math.pi) + step * (np.arange(vertices) + rng.uniform(-0.35, 0.35, size=vertices))
        radius = rng.uniform(0.6, 1.0, size=vertices)
        x, y = radius * np.cos(theta), radius * np.sin(theta)
        unit_area = 0.5 * abs(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)))
        scale = math.sqrt(areas[n] / unit_area)
        rings = [closed(np.column_stack([x, y]) * scale + centres[n])]
        if rng.uniform() < 0.10:
            holes = int(rng.integers(4, 7))
            phi = rng.uniform(0, 2 * math.pi) - np.arange(holes) * 2 * math.pi / holes  # clockwise
            rings.append(closed(np.column_stack([np.cos(phi), np.sin(phi)]) * 0.15 * scale + centres[n]))
        yield polygon_wkb(rings), {"JCBH": f"BENCH{n + 1:07d}"}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", choices=SCALES, required=True)
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--out", required=True, help="folder to create (must not exist)")
    args = parser.parse_args()
    side, patch_count = SCALES[args.scale]
    # Written into a staging folder renamed at the end, so an interrupted run never leaves a
    # half-written cache that a later run would take for complete.
    staging = args.out + ".partial"
    shutil.rmtree(staging, ignore_errors=True)
    os.makedirs(staging)
    # One generator per output, so changing one layer's recipe leaves the others' data unchanged.
    streams = np.random.SeedSequence(args.seed).spawn(3)
    for name, fields, rows in [
        ("parcels", [("DLBM", 4)], parcels(np.random.default_rng(streams[0]), side)),
        ("redline", [("NAME", 32)], redlines(np.random.default_rng(streams[1]), side)),
        ("patches", [("JCBH", 16)], patches(np.random.default_rng(streams[2]), side, patch_count)),
    ]:
        ds, layer = create_layer(os.path.join(staging, name + ".gpkg"), name, fields)
        write_features(ds, layer, rows)
        print(f"  {name}.gpkg: {layer.GetFeatureCount():,} features", flush=True)
        ds = None  # closes the file
    os.rename(staging, args.out)


if __name__ == "__main__":
    sys.exit(main())
