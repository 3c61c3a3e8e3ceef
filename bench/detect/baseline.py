#!/usr/bin/python3
"""Accuracy of the classical change-detection baseline, "change-vector-analysis + Otsu (z-scored
bands, no post-processing)" (cva.py has the exact definition), on the real labelled pairs in
../shared/data/change:

  oscd      8 Sentinel-2 cities, 4 bands (B02 B03 B04 B08); label 2 = change, 1 = no change,
            anything else unlabelled. abudhabi and hongkong t2 are on a coarser grid than t1 and the
            label (same extent, 3-4 pixels fewer each way): by default t2 is resampled onto the
            label grid (GDAL warp, nearest neighbour); --align pad instead crops / edge-pads it to
            the label's size as the OSCD authors' code does, which misregisters it by up to 4 pixels.
  sztaki    6 aerial RGB pairs; gt 255 = change, anything else no change.
  taizhou   Landsat-5 TM, 6 bands; changed.png 255 = change, unchanged.png 255 = no change, other
            pixels unlabelled.
  levir     11 LEVIR-CD tiles, first 3 bands; label 255 = change, anything else (only 0 occurs)
            no change. train_386_0512_0768 holds no change at all.
  dsifn     10 DSIFN tiles, same layout and encoding.

Each pair is detected on the whole image (the Otsu threshold sees every valid pixel); scoring counts
labelled pixels only. Prints, per image, TP FP FN, precision, recall, F1 and IoU, then the pooled
figures of each data set (TP, FP, FN summed over its images first). A figure whose denominator is 0
(e.g. recall on a tile without change) prints as "-" and is null in the JSON.

The issue's reference pooled F1 for this baseline: OSCD 0.207, SZTAKI 0.201, Taizhou 0.916, LEVIR
0.234, DSIFN 0.380. The default gives 0.210 on OSCD and the same elsewhere; --align pad gives all
five exactly (the difference is abudhabi and hongkong only).

Usage (Debian's python3, where python3-gdal lives):
  bench/detect/baseline.py [--data DIR] [--json FILE] [--dataset NAME ...]
                           [--align warp|pad] [--otsu-bins N] [--otsu-at centre|edge] [--joint-zscore]
  --data     default: ../shared/data/change from the repository root
  --json     also write {dataset: {"pooled": {...}, "images": {name: {...}}}}
  the last four pick variants of the definition, for comparison with other figures only.
"""
import argparse
import glob
import json
import os
import sys

import numpy as np
from osgeo import gdal

import cva

gdal.UseExceptions()

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_DATA = os.path.join(os.path.dirname(REPO), "shared", "data", "change")


def same_grid(ds, ref):
    """True when ds and ref have the same size and their corners lie within 1/100 pixel."""
    if (ds.RasterXSize, ds.RasterYSize) != (ref.RasterXSize, ref.RasterYSize):
        return False
    a, b = ds.GetGeoTransform(), ref.GetGeoTransform()
    for col, row in ((0, 0), (ref.RasterXSize, ref.RasterYSize)):
        ax, ay = a[0] + col * a[1] + row * a[2], a[3] + col * a[4] + row * a[5]
        bx, by = b[0] + col * b[1] + row * b[2], b[3] + col * b[4] + row * b[5]
        if abs(ax - bx) > 0.01 * abs(b[1]) or abs(ay - by) > 0.01 * abs(b[5]):
            return False
    return True


def read_stack(path, bands, grid, align):
    """(stack (bands, rows, cols), nodata per band) of the first `bands` bands (None = all), on the
    grid of the dataset `grid`: read as is when the grids agree (or neither is georeferenced and the
    sizes agree); else resampled onto it by nearest neighbour (align="warp") or cropped and
    edge-padded to its size, pixel (0, 0) on pixel (0, 0) (align="pad")."""
    ds = gdal.Open(path)
    count = ds.RasterCount if bands is None else bands
    rows, cols = grid.RasterYSize, grid.RasterXSize
    moved = ds.GetProjection() and grid.GetProjection() and not same_grid(ds, grid)
    if moved and align == "warp":
        gt = grid.GetGeoTransform()
        xs = (gt[0], gt[0] + cols * gt[1])
        ys = (gt[3], gt[3] + rows * gt[5])
        ds = gdal.Warp("", ds, format="MEM", dstSRS=grid.GetProjection(),
                       outputBounds=(min(xs), min(ys), max(xs), max(ys)),
                       width=cols, height=rows, resampleAlg="near")
    elif not moved and (ds.RasterYSize, ds.RasterXSize) != (rows, cols):
        raise ValueError(f"{path}: {ds.RasterXSize}x{ds.RasterYSize}, expected {cols}x{rows} "
                         "and no georeference to resample by")
    stack = np.stack([ds.GetRasterBand(i + 1).ReadAsArray() for i in range(count)])
    if moved and align == "pad":
        stack = stack[:, :rows, :cols]
        stack = np.pad(stack, ((0, 0), (0, rows - stack.shape[1]), (0, cols - stack.shape[2])), "edge")
    nodata = [ds.GetRasterBand(i + 1).GetNoDataValue() for i in range(count)]
    return stack, nodata


def read_band(path):
    ds = gdal.Open(path)  # kept in a variable: a band must not outlive its dataset
    return ds.GetRasterBand(1).ReadAsArray()


# Every data set yields (name, before path, after path, bands to use, label path, labels function);
# labels(label path) returns (change, labelled), two bool arrays on the label's grid.

def oscd_labels(path):
    label = read_band(path)
    return label == 2, (label == 1) | (label == 2)


def binary_labels(path):
    label = read_band(path)
    return label == 255, np.ones(label.shape, dtype=bool)


def taizhou_labels(changed_path):
    changed = read_band(changed_path) == 255
    unchanged = read_band(os.path.join(os.path.dirname(changed_path), "unchanged.png")) == 255
    if (changed & unchanged).any():
        raise ValueError("taizhou: pixels marked both changed and unchanged")
    return changed, changed | unchanged


def oscd(data):
    for label in sorted(glob.glob(os.path.join(data, "oscd", "*_label.tif"))):
        city = os.path.basename(label)[:-len("_label.tif")]
        stem = os.path.join(data, "oscd", city)
        yield city, stem + "_t1.tif", stem + "_t2.tif", None, label, oscd_labels


def sztaki(data):
    for pair in sorted(glob.glob(os.path.join(data, "sztaki", "*", "gt.png"))):
        folder = os.path.dirname(pair)
        yield (os.path.basename(folder), os.path.join(folder, "im1.png"),
               os.path.join(folder, "im2.png"), 3, pair, binary_labels)


def taizhou(data):
    folder = os.path.join(data, "landsat", "taizhou")
    yield ("taizhou", os.path.join(folder, "t1_2000.tif"), os.path.join(folder, "t2_2003.tif"), None,
           os.path.join(folder, "changed.png"), taizhou_labels)


def tiles(folder):
    def pairs(data):
        for label in sorted(glob.glob(os.path.join(data, folder, "label", "*.png"))):
            name = os.path.basename(label)
            yield (name[:-len(".png")], os.path.join(data, folder, "A", name),
                   os.path.join(data, folder, "B", name), 3, label, binary_labels)
    return pairs


DATASETS = {"oscd": oscd, "sztaki": sztaki, "taizhou": taizhou,
            "levir": tiles("levir-samples"), "dsifn": tiles("dsifn-samples")}


def scores(tp, fp, fn):
    def ratio(a, b):
        return a / b if b else None
    return {"tp": tp, "fp": fp, "fn": fn,
            "precision": ratio(tp, tp + fp), "recall": ratio(tp, tp + fn),
            "f1": ratio(2 * tp, 2 * tp + fp + fn), "iou": ratio(tp, tp + fp + fn)}


def evaluate(pair, args):
    name, before_path, after_path, bands, label_path, labels = pair
    grid = gdal.Open(label_path)
    before, nodata1 = read_stack(before_path, bands, grid, args.align)
    after, nodata2 = read_stack(after_path, bands, grid, args.align)
    valid1, valid2 = cva.valid_mask(before, nodata1), cva.valid_mask(after, nodata2)
    valid = valid1 if valid2 is None else (valid2 if valid1 is None else valid1 & valid2)
    change, threshold = cva.detect(before, after, valid, bins=args.otsu_bins, at=args.otsu_at,
                                   joint=args.joint_zscore)
    truth, labelled = labels(label_path)
    tp = int((change & truth & labelled).sum())
    fp = int((change & ~truth & labelled).sum())
    fn = int((~change & truth & labelled).sum())
    result = scores(tp, fp, fn)
    result.update(threshold=threshold, labelled=int(labelled.sum()), rows=change.shape[0],
                  cols=change.shape[1])
    return name, result


def cell(value):
    return "-" if value is None else f"{value:.3f}"


def print_row(name, r):
    print(f"  {name:<24} {r['tp']:>9} {r['fp']:>9} {r['fn']:>9} {cell(r['precision']):>6} "
          f"{cell(r['recall']):>6} {cell(r['f1']):>6} {cell(r['iou']):>6}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default=DEFAULT_DATA, help="the change/ folder of the shared data")
    parser.add_argument("--json", help="write the figures to this file as JSON")
    parser.add_argument("--dataset", nargs="+", choices=list(DATASETS), default=list(DATASETS))
    parser.add_argument("--align", choices=("warp", "pad"), default="warp",
                        help="variant: how a date on another grid than the label's is brought onto it")
    parser.add_argument("--otsu-bins", type=int, default=cva.OTSU_BINS, help="variant: histogram bins")
    parser.add_argument("--otsu-at", choices=("centre", "edge"), default="centre",
                        help="variant: threshold at the bin centre (definition) or its upper edge")
    parser.add_argument("--joint-zscore", action="store_true",
                        help="variant: z-score each band over both dates together")
    args = parser.parse_args()
    if not os.path.isdir(args.data):
        sys.exit(f"no data at {args.data}")

    report = {}
    header = f"  {'image':<24} {'TP':>9} {'FP':>9} {'FN':>9} {'P':>6} {'R':>6} {'F1':>6} {'IoU':>6}"
    for dataset in args.dataset:
        images = dict(evaluate(pair, args) for pair in DATASETS[dataset](args.data))
        if not images:
            sys.exit(f"{dataset}: no images under {args.data}")
        pooled = scores(*(sum(r[k] for r in images.values()) for k in ("tp", "fp", "fn")))
        report[dataset] = {"pooled": pooled, "images": images}
        print(f"{dataset} ({len(images)} images)")
        print(header)
        for name, r in images.items():
            print_row(name, r)
        print_row("POOLED", pooled)
        print()

    print("pooled F1: " + ", ".join(f"{d} {cell(report[d]['pooled']['f1'])}" for d in report))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(report, f, indent=2)
            f.write("\n")


if __name__ == "__main__":
    main()
