#!/usr/bin/python3
"""Converts the real polygons in ../shared/data/vector into GeoPackages for the overlay benchmark.

  nl/plots.gpkg          316 Dutch land parcels (nl_plots.wkt: one MULTIPOLYGON, one part per plot),
                         as patches with JCBH = NL0001 …
  nl/zones.gpkg          91 zoning polygons (nl_zones.wkt, same layout), as a reference layer. They
                         overlap each other and one is invalid, as delivered.
  boulder/buildings.gpkg 13,491 Boulder building footprints (boulder_buildings.zip), as patches with
                         JCBH = BLD00001 … (10 are invalid, as delivered; nothing is repaired here)
  boulder/grid.gpkg      a grid of 0.0006° × 0.00045° cells (about 51 m × 50 m) covering the
                         buildings, as a tiling reference layer

All inputs are longitude/latitude on WGS 84 or ETRS89. They are declared EPSG:4490 (CGCS2000
longitude/latitude) without moving a coordinate, so that LandWatch stores them as they are and both
LandWatch and PostGIS (geography on SRID 4490) measure areas on the same ellipsoid; otherwise
PostGIS would use WGS 84's, whose flattening differs from CGCS2000's in the 9th digit.

Usage: prepare_real.py --data DIR --out DIR   (DIR = the shared data folder)
"""
import argparse
import math
import os
import shutil
import sys

from osgeo import ogr, osr

ogr.UseExceptions()
osr.UseExceptions()

GRID_STEP = (0.0006, 0.00045)  # degrees of longitude, latitude: ~51 m × 50 m at 40°N


def cgcs2000():
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4490)
    return srs


def write(path, name, field, rows):
    """rows: (geometry, value of `field`); the layer holds multipolygons, as some inputs are."""
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(path)
    layer = ds.CreateLayer(name, cgcs2000(), ogr.wkbMultiPolygon, options=["GEOMETRY_NAME=geom", "FID=fid"])
    layer.CreateField(ogr.FieldDefn(field, ogr.OFTString))
    ds.StartTransaction()
    for geometry, value in rows:
        feature = ogr.Feature(layer.GetLayerDefn())
        feature.SetField(field, value)
        feature.SetGeometry(ogr.ForceToMultiPolygon(geometry))
        layer.CreateFeature(feature)
    ds.CommitTransaction()
    print(f"  {os.path.basename(path)}: {layer.GetFeatureCount():,} features", flush=True)


def wkt_parts(path):
    """The polygons of the single MULTIPOLYGON in a .wkt file."""
    with open(path) as f:
        multi = ogr.CreateGeometryFromWkt(f.read())
    return [multi.GetGeometryRef(i).Clone() for i in range(multi.GetGeometryCount())]


def buildings(zip_path):
    ds = ogr.Open(f"/vsizip/{zip_path}/boulder_buildings.shp")
    layer = ds.GetLayer()
    return [feature.GetGeometryRef().Clone() for feature in layer]


def grid(envelope):
    """Rectangles aligned on multiples of GRID_STEP; neighbours share their corners exactly."""
    min_x, max_x, min_y, max_y = envelope
    dx, dy = GRID_STEP
    i0, i1 = math.floor(min_x / dx), math.ceil(max_x / dx)
    j0, j1 = math.floor(min_y / dy), math.ceil(max_y / dy)
    for j in range(j0, j1):
        for i in range(i0, i1):
            x0, x1, y0, y1 = i * dx, (i + 1) * dx, j * dy, (j + 1) * dy
            ring = ogr.Geometry(ogr.wkbLinearRing)
            for x, y in [(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)]:
                ring.AddPoint_2D(x, y)
            cell = ogr.Geometry(ogr.wkbPolygon)
            cell.AddGeometry(ring)
            yield cell, f"C{j - j0:04d}{i - i0:04d}"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", required=True)
    parser.add_argument("--out", required=True, help="folder to create (must not exist)")
    args = parser.parse_args()
    vector = os.path.join(args.data, "vector")
    staging = args.out + ".partial"  # renamed at the end: an interrupted run leaves no half cache
    shutil.rmtree(staging, ignore_errors=True)
    os.makedirs(os.path.join(staging, "nl"))
    os.makedirs(os.path.join(staging, "boulder"))

    plots = wkt_parts(os.path.join(vector, "nl_plots.wkt"))
    write(os.path.join(staging, "nl", "plots.gpkg"), "plots", "JCBH",
          ((g, f"NL{n:04d}") for n, g in enumerate(plots, 1)))
    zones = wkt_parts(os.path.join(vector, "nl_zones.wkt"))
    write(os.path.join(staging, "nl", "zones.gpkg"), "zones", "ZONE",
          ((g, f"Z{n:03d}") for n, g in enumerate(zones, 1)))

    footprints = buildings(os.path.join(vector, "boulder_buildings.zip"))
    write(os.path.join(staging, "boulder", "buildings.gpkg"), "buildings", "JCBH",
          ((g, f"BLD{n:05d}") for n, g in enumerate(footprints, 1)))
    extent = ogr.Geometry(ogr.wkbGeometryCollection)
    for g in footprints:
        extent.AddGeometry(g)
    write(os.path.join(staging, "boulder", "grid.gpkg"), "grid", "CELL", grid(extent.GetEnvelope()))

    os.rename(staging, args.out)


if __name__ == "__main__":
    sys.exit(main())
