#!/usr/bin/env python3
"""Object-level second stage, measured (issue 6): can a classifier on whole candidate patches keep the
true ones and drop the false ones better than the pixel threshold does?

Reads, for each image of a dataset, the change rasters that `patch_rescoring.sh` made with the model
trained without that image (leave one image out) at sensitivity 1 and 4, and the reference labels.
Candidate patches are the 8-connected regions of the mask of at least the minimum mapping unit. Each
gets features from the change raster (size, confidence mean / maximum / upper quartile / share at the
model's threshold, its contrast with a 3-pixel ring, shape, change-type shares) and from the images
(the change vector's magnitude over z-scored bands relative to the image's median, its contrast with
the ring and spread, the mean band differences, brightness and vegetation-index change). A gradient
boosted classifier trained on the other images' sensitivity-4 patches (their true / false verdict:
touches a labelled object or not) scores the held-out image's; the patches scoring at least q are kept.

Prints pooled patch recall (true objects of at least the minimum mapping unit touched by a kept
patch), patches, false-patch rate and pixel precision / recall / F1 of the kept patches, for
sensitivity 1 and 4 as they are and for sensitivity 4 with the classifier at several q.

Usage: patch_rescoring.py --set oscd|sztaki --work DIR --data ../shared/data/change
Needs numpy, scipy and scikit-learn (Debian: python3-numpy, python3-scipy, python3-sklearn).
"""
import argparse
import json
import math

import numpy as np
from osgeo import gdal
from scipy import ndimage
from sklearn.ensemble import HistGradientBoostingClassifier

EIGHT = np.ones((3, 3), int)
CUTS = (0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5)


def read(path):
    data = gdal.Open(path)
    if data is None:
        raise SystemExit(f"cannot open {path}")
    return data.ReadAsArray()


class Dataset:
    """Where a dataset's images and labels are, and what its pixels are."""

    def __init__(self, name, data, work):
        self.work = work
        if name == "oscd":
            self.root = f"{data}/oscd"
            self.images = "abudhabi aguasclaras beirut bercy bordeaux cupertino hongkong mumbai".split()
            self.pixel_metres, self.nir, self.red = 10.0, 3, 2
        elif name == "sztaki":
            self.root = f"{data}/sztaki"
            self.images = "szada_1 szada_2 szada_3 szada_4 tiszadob_1 tiszadob_2".split()
            self.pixel_metres, self.nir, self.red = 1.5, 1, 0  # no NIR: the green-red index
        else:
            raise SystemExit("--set must be oscd or sztaki")
        self.name = name
        # 0.3 亩 = 200 m², as `landwatch detect eval` counts it.
        self.minimum = math.ceil(200.0 / (self.pixel_metres ** 2))

    def truth(self, image):
        if self.name == "oscd":
            return read(f"{self.root}/{image}_label.tif") == 2
        labels = read(f"{self.root}/{image}/gt.png")
        return (labels[0] if labels.ndim == 3 else labels) == 255

    def dates(self, image):
        """Both dates as detected (the georeferenced copies patch_rescoring.sh made), the after image
        warped onto the before image's grid where they differ, as `landwatch detect` does."""
        before = gdal.Open(f"{self.work}/{image}-before.tif")
        after = gdal.Open(f"{self.work}/{image}-after.tif")
        if (after.RasterXSize, after.RasterYSize) != (before.RasterXSize, before.RasterYSize):
            x, dx, _, y, _, dy = before.GetGeoTransform()
            after = gdal.Warp("", after, format="MEM", dstSRS=before.GetProjection(), resampleAlg="bilinear",
                              outputBounds=(x, y + dy * before.RasterYSize, x + dx * before.RasterXSize, y),
                              width=before.RasterXSize, height=before.RasterYSize)
        return before.ReadAsArray().astype(float), after.ReadAsArray().astype(float)


def image_evidence(dataset, image):
    before, after = dataset.dates(image)
    z = lambda a: (a - a.mean(axis=(1, 2), keepdims=True)) / a.std(axis=(1, 2), keepdims=True)
    delta = z(after) - z(before)
    magnitude = np.sqrt((delta ** 2).sum(0))
    index = lambda a: (a[dataset.nir] - a[dataset.red]) / np.maximum(1e-6, a[dataset.nir] + a[dataset.red])
    return magnitude / np.median(magnitude), delta.mean(0), index(after) - index(before), delta


def patches(dataset, image, sensitivity):
    raster = gdal.Open(f"{dataset.work}/{image}-s{sensitivity}.tif")
    mask, types, confidence = (raster.GetRasterBand(b).ReadAsArray() for b in (1, 2, 3))
    confidence = confidence.astype(float)
    cut = json.load(open(f"{dataset.work}/model-{image}.json"))["threshold"] * 255
    truth = dataset.truth(image)
    magnitude, brightness, vegetation, delta = image_evidence(dataset, image)
    regions, count = ndimage.label(mask > 0, structure=EIGHT)
    objects, object_count = ndimage.label(truth, structure=EIGHT)
    object_sizes = ndimage.sum(truth, objects, range(1, object_count + 1))
    counted = set(int(k) for k in np.where(object_sizes >= dataset.minimum)[0] + 1)
    sizes = ndimage.sum(mask > 0, regions, range(1, count + 1))
    boxes = ndimage.find_objects(regions)
    rows, verdicts, touched, overlap, area = [], [], [], [], []
    for k in (int(k) for k in np.where(sizes >= dataset.minimum)[0] + 1):
        box = boxes[k - 1]
        y0, y1 = max(0, box[0].start - 3), min(mask.shape[0], box[0].stop + 3)
        x0, x1 = max(0, box[1].start - 3), min(mask.shape[1], box[1].stop + 3)
        inside = regions[y0:y1, x0:x1] == k
        ring = ndimage.binary_dilation(inside, EIGHT, iterations=3) & ~inside
        c, c_ring = confidence[y0:y1, x0:x1][inside], confidence[y0:y1, x0:x1][ring]
        m, m_ring = magnitude[y0:y1, x0:x1][inside], magnitude[y0:y1, x0:x1][ring]
        t = types[y0:y1, x0:x1][inside]
        height, width = box[0].stop - box[0].start, box[1].stop - box[1].start
        ring_c = c_ring.mean() if c_ring.size else 0.0
        ring_m = m_ring.mean() if m_ring.size else 0.0
        rows.append([math.log(inside.sum()), c.mean(), c.max(), np.percentile(c, 75), (c >= cut).mean(), math.log1p((c >= cut).sum()),
                     inside.sum() / (height * width), max(height, width) / max(1, min(height, width)), ring_c, c.mean() - ring_c,
                     m.mean(), m.max(), m.mean() - ring_m, m.std(), brightness[y0:y1, x0:x1][inside].mean(),
                     vegetation[y0:y1, x0:x1][inside].mean()]
                    + [delta[b][y0:y1, x0:x1][inside].mean() for b in range(delta.shape[0])]
                    + [np.mean(t == v) for v in range(1, 7)])
        hit = set(int(o) for o in np.unique(objects[y0:y1, x0:x1][inside])) - {0}
        verdicts.append(1 if hit else 0)
        touched.append(hit)
        overlap.append(int((inside & truth[y0:y1, x0:x1]).sum()))
        area.append(int(inside.sum()))
    return dict(features=np.array(rows), verdicts=np.array(verdicts), touched=touched, counted=counted,
                overlap=np.array(overlap), area=np.array(area), truth=int(truth.sum()))


def pooled(results, keep):
    hit = objects = kept = false = inter = area = truth = 0
    for image, p in results.items():
        selected = keep[image]
        found = set()
        for chosen, t in zip(selected, p["touched"]):
            if chosen:
                found |= t
        hit += len(found & p["counted"])
        objects += len(p["counted"])
        kept += int(selected.sum())
        false += int(((p["verdicts"] == 0) & selected).sum())
        inter += int(p["overlap"][selected].sum())
        area += int(p["area"][selected].sum())
        truth += p["truth"]
    return (f"patch recall {hit / objects:.3f} ({hit}/{objects})  patches {kept}  false-patch rate {false / max(1, kept):.3f}  "
            f"pixel P {inter / max(1, area):.3f} R {inter / truth:.3f} F1 {2 * inter / (area + truth):.3f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--data", required=True)
    args = parser.parse_args()
    dataset = Dataset(args.set, args.data, args.work)
    results = {s: {image: patches(dataset, image, s) for image in dataset.images} for s in (1, 4)}
    for s in (1, 4):
        print(f"sensitivity {s}:                 {pooled(results[s], {i: np.ones(len(p['verdicts']), bool) for i, p in results[s].items()})}")
    scores = {}
    for image in dataset.images:
        others = [i for i in dataset.images if i != image]
        features = np.vstack([results[4][i]["features"] for i in others])
        verdicts = np.concatenate([results[4][i]["verdicts"] for i in others])
        classifier = HistGradientBoostingClassifier(max_iter=200, learning_rate=0.05, max_leaf_nodes=15, random_state=0)
        scores[image] = classifier.fit(features, verdicts).predict_proba(results[4][image]["features"])[:, 1]
    for q in CUTS:
        print(f"sensitivity 4, classifier ≥ {q:<5}: {pooled(results[4], {i: scores[i] >= q for i in dataset.images})}")


if __name__ == "__main__":
    main()
