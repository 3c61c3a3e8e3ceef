#!/usr/bin/python3
"""The throughput peer: change-vector analysis + Otsu (cva.py, the same code baseline.py scores) on
one GeoTIFF pair with GDAL and numpy, whole rasters in memory.

  read     GDAL ReadAsArray of every band of both dates into numpy: the I/O floor (decoding
           included) that any pipeline reading these files pays
  compute  valid-pixel mask, z-scores, magnitude, Otsu threshold, change mask
  write    the mask as a UInt8 GeoTIFF (1 = change, 0 = no change or invalid), tiled 256 x 256,
           DEFLATE, with the before image's georeference; timed up to the file being closed

The two rasters must have the same size and band count (their grids are taken to be the same).
GDAL's defaults are left alone (single-threaded decoding unless GDAL_NUM_THREADS is set).

Usage (Debian's python3, where python3-gdal lives):
  bench/detect/numpy_cva.py --before A.tif --after B.tif --out mask.tif
Prints the size, the threshold, the changed pixel count and the read / compute / write / total
seconds.
"""
import argparse
import sys
import time

import numpy as np
from osgeo import gdal

import cva

gdal.UseExceptions()

MASK_OPTIONS = ["TILED=YES", "BLOCKXSIZE=256", "BLOCKYSIZE=256", "COMPRESS=DEFLATE", "BIGTIFF=IF_SAFER"]


def read(path):
    """(dataset, stack (bands, rows, cols), nodata per band)."""
    ds = gdal.Open(path)
    stack = ds.ReadAsArray()
    if stack.ndim == 2:
        stack = stack[np.newaxis]
    return ds, stack, [ds.GetRasterBand(i + 1).GetNoDataValue() for i in range(ds.RasterCount)]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--before", required=True)
    parser.add_argument("--after", required=True)
    parser.add_argument("--out", required=True, help="the change mask to write (GeoTIFF)")
    args = parser.parse_args()

    start = time.perf_counter()
    grid, before, nodata1 = read(args.before)
    _, after, nodata2 = read(args.after)
    read_s = time.perf_counter() - start
    if before.shape != after.shape:
        sys.exit(f"the two rasters differ: {before.shape} vs {after.shape} (bands, rows, cols)")

    start = time.perf_counter()
    valid1, valid2 = cva.valid_mask(before, nodata1), cva.valid_mask(after, nodata2)
    valid = valid1 if valid2 is None else (valid2 if valid1 is None else valid1 & valid2)
    change, threshold = cva.detect(before, after, valid)
    mask = change.view(np.uint8)
    changed = int(np.count_nonzero(mask))
    compute_s = time.perf_counter() - start

    start = time.perf_counter()
    bands, rows, cols = before.shape
    out = gdal.GetDriverByName("GTiff").Create(args.out, cols, rows, 1, gdal.GDT_Byte, MASK_OPTIONS)
    out.SetGeoTransform(grid.GetGeoTransform())
    out.SetProjection(grid.GetProjection())
    out.GetRasterBand(1).WriteArray(mask)
    out.FlushCache()
    out = None  # closes the file
    write_s = time.perf_counter() - start

    total = read_s + compute_s + write_s
    print(f"size      {cols} x {rows} x {bands} bands ({rows * cols / 1e6:.1f} Mpixel)")
    print(f"threshold {threshold:.6f}")
    print(f"changed   {changed} pixels ({changed / (rows * cols):.4%})")
    print(f"read      {read_s:8.3f} s")
    print(f"compute   {compute_s:8.3f} s")
    print(f"write     {write_s:8.3f} s")
    print(f"total     {total:8.3f} s  ({rows * cols / 1e6 / total:.1f} Mpixel/s)")


if __name__ == "__main__":
    main()
