#!/usr/bin/python3
"""Writes a large before/after GeoTIFF pair for timing change detection, made of real pixels: one
OSCD city's t1 and t2 (default beirut, 1070 x 1180, 4 bands B02 B03 B04 B08) mirror-tiled to
SIZE x SIZE (the image, then its mirror image, and so on, both ways, so no seam is a jump).

Output: OUT/before.tif and OUT/after.tif, 4-band UInt16, tiled 256 x 256, DEFLATE with horizontal
predictor, pixel-interleaved (the layout of the OSCD files), BigTIFF when needed; georeferenced as
the city (EPSG:4326, its origin and its pixel size of about 1e-4 degree, about 10 m), extended
over SIZE pixels. Written in strips of 256 rows, so memory stays small whatever SIZE is.

Usage (Debian's python3, where python3-gdal lives):
  bench/detect/make_pair.py --size 8000 --out DIR [--city beirut] [--data DIR]
Prints the two paths and the time taken.
"""
import argparse
import os
import sys
import time

import numpy as np
from osgeo import gdal

gdal.UseExceptions()

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_DATA = os.path.join(os.path.dirname(REPO), "shared", "data", "change")
STRIP = 256
OPTIONS = ["TILED=YES", "BLOCKXSIZE=256", "BLOCKYSIZE=256", "COMPRESS=DEFLATE", "PREDICTOR=2",
           "INTERLEAVE=PIXEL", "BIGTIFF=IF_SAFER"]


def mirrored(count, length):
    """Source indices 0 1 … length-1 length-1 … 1 0 0 1 … for `count` output positions."""
    i = np.arange(count) % (2 * length)
    return np.where(i < length, i, 2 * length - 1 - i)


def tile(source, out, size):
    src = gdal.Open(source)
    pixels = src.ReadAsArray()
    bands = src.RasterCount
    dst = gdal.GetDriverByName("GTiff").Create(out, size, size, bands,
                                               src.GetRasterBand(1).DataType, OPTIONS)
    dst.SetGeoTransform(src.GetGeoTransform())
    dst.SetProjection(src.GetProjection())
    for b in range(bands):
        dst.GetRasterBand(b + 1).SetDescription(src.GetRasterBand(b + 1).GetDescription())
    rows = mirrored(size, src.RasterYSize)
    cols = mirrored(size, src.RasterXSize)
    for top in range(0, size, STRIP):
        strip = pixels[:, rows[top:top + STRIP]][:, :, cols]
        dst.WriteArray(strip, xoff=0, yoff=top)
    dst.FlushCache()
    dst = None  # closes the file


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, required=True, help="pixels per side")
    parser.add_argument("--out", required=True, help="folder for before.tif and after.tif")
    parser.add_argument("--city", default="beirut", help="the OSCD city to tile")
    parser.add_argument("--data", default=DEFAULT_DATA, help="the change/ folder of the shared data")
    args = parser.parse_args()
    stem = os.path.join(args.data, "oscd", args.city)
    if not os.path.exists(stem + "_t1.tif"):
        sys.exit(f"no {stem}_t1.tif")
    os.makedirs(args.out, exist_ok=True)
    start = time.perf_counter()
    for date, name in (("_t1.tif", "before.tif"), ("_t2.tif", "after.tif")):
        path = os.path.join(args.out, name)
        tile(stem + date, path, args.size)
        print(path)
    print(f"{args.size} x {args.size} pair from {args.city} in {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    main()
