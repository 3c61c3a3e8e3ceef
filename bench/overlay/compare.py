#!/usr/bin/python3
"""Compares the per-patch overlay areas of PostGIS and LandWatch, for every patch × layer.

PostGIS: CSV files of rows (patch code, layer kind, area m²), one row per patch that meets the layer.
LandWatch: its workspace database, overlay_result joined to patch and layer.
A missing row, on either side, means no overlap: area 0. Two areas agree when
|a - b| <= max(1e-6 * max(|a|, |b|), 0.01 m²).
Exits 1 when any pair disagrees or the two sides do not hold the same patches.

Usage: compare.py --landwatch WS/landwatch.sqlite --batch BENCH --layers kind,kind
                  --postgis-patches N --postgis a.csv [b.csv …] [--summary FILE]
"""
import argparse
import csv
import sqlite3
import sys

RELATIVE = 1e-6
ABSOLUTE_M2 = 0.01


def agree(a, b):
    return abs(a - b) <= max(RELATIVE * max(abs(a), abs(b)), ABSOLUTE_M2)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--landwatch", required=True, help="the workspace's landwatch.sqlite")
    parser.add_argument("--batch", required=True)
    parser.add_argument("--layers", required=True, help="layer kinds, comma-separated")
    parser.add_argument("--postgis-patches", type=int, required=True, help="patches loaded into PostGIS")
    parser.add_argument("--postgis", nargs="+", required=True, help="CSV files written by the PostGIS queries")
    parser.add_argument("--summary", help="file to write 'compared disagreeing' into, for run.sh's table")
    args = parser.parse_args()
    layers = args.layers.split(",")

    postgis = {}
    for path in args.postgis:
        with open(path, newline="") as f:
            for code, layer, area in csv.reader(f):
                postgis[(code, layer)] = float(area)

    db = sqlite3.connect(f"file:{args.landwatch}?mode=ro", uri=True)
    codes = [code for (code,) in db.execute("SELECT code FROM patch WHERE batch_code = ?", (args.batch,))]
    landwatch = {(code, layer): area for code, layer, area in db.execute(
        "SELECT p.code, l.kind, o.area_m2 FROM overlay_result o JOIN patch p ON p.id = o.patch_id "
        "JOIN layer l ON l.id = o.layer_id WHERE p.batch_code = ?", (args.batch,))}
    db.close()

    problems = []
    if len(codes) != args.postgis_patches:
        problems.append(f"patch counts differ: LandWatch {len(codes):,}, PostGIS {args.postgis_patches:,}")
    known = set(codes)
    strays = sorted({code for code, _ in postgis if code not in known})
    if strays:
        problems.append(f"PostGIS results for {len(strays):,} patches LandWatch does not have, e.g. {strays[:5]}")

    compared = 0
    overlapping = 0
    totals = {layer: [0.0, 0.0] for layer in layers}
    disagreements = []
    for code in codes:
        for layer in layers:
            a = postgis.get((code, layer), 0.0)
            b = landwatch.get((code, layer), 0.0)
            compared += 1
            overlapping += a > 0 or b > 0
            totals[layer][0] += a
            totals[layer][1] += b
            if not agree(a, b):
                disagreements.append((abs(a - b), code, layer, a, b))

    print(f"  compared {compared:,} patch × layer pairs ({len(codes):,} patches × {len(layers)} layers), "
          f"{overlapping:,} with an overlap on either side")
    for layer, (a, b) in totals.items():
        print(f"  total on {layer}: PostGIS {a:,.2f} m², LandWatch {b:,.2f} m²")
    print(f"  disagreeing (|a-b| > max(1e-6·max, 0.01 m²)): {len(disagreements):,}")
    if disagreements:
        print("  worst disagreements:")
        print(f"    {'patch':<14} {'layer':<18} {'PostGIS m²':>16} {'LandWatch m²':>16} {'diff m²':>10} {'relative':>9}")
        for diff, code, layer, a, b in sorted(disagreements, reverse=True)[:10]:
            print(f"    {code:<14} {layer:<18} {a:16.4f} {b:16.4f} {diff:10.4f} {diff / max(abs(a), abs(b)):9.1e}")
    for problem in problems:
        print(f"  ERROR: {problem}")
    if args.summary:
        with open(args.summary, "w") as f:
            f.write(f"{compared} {len(disagreements)}\n")
    return 1 if disagreements or problems else 0


if __name__ == "__main__":
    sys.exit(main())
