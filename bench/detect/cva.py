"""Change-vector analysis + Otsu, the classical change-detection baseline, shared by baseline.py and
numpy_cva.py so that the accuracy figures and the throughput figures come from the same code.

Definition (the issue's "change-vector-analysis + Otsu (z-scored bands, no post-processing)"):
  1. z-score every band of every date on its own: (x - mean) / std, mean and std (population,
     ddof = 0) over the valid pixels of that band of that date;
  2. difference the two dates band by band;
  3. magnitude = sqrt(sum over bands of squared differences);
  4. Otsu threshold on the magnitudes of the valid pixels: a 256-bin histogram spanning
     [min, max] of the magnitude, the split that maximises the between-class variance, threshold =
     centre of the last bin of the lower class (as scikit-image's threshold_otsu);
  5. change = magnitude > threshold; invalid pixels are never change.
A pixel is valid when no band of either date holds that band's nodata value (or NaN).

Per-pixel arrays are float32 (memory on large rasters), statistics are accumulated in float64.
"""
import numpy as np

OTSU_BINS = 256


def valid_mask(bands, nodata):
    """Pixels where no band equals its nodata value (None = no nodata) and none is NaN.

    bands: array (bands, rows, cols); nodata: one value or None per band.
    Returns a bool array (rows, cols), or None when every pixel is valid.
    """
    valid = None
    for band, value in zip(bands, nodata):
        bad = None
        if value is not None:
            bad = band == value
        if np.issubdtype(band.dtype, np.floating):
            bad = np.isnan(band) if bad is None else bad | np.isnan(band)
        if bad is not None:
            valid = ~bad if valid is None else valid & ~bad
    return valid


def zscore(band, valid):
    """The band as float32 z-scores over its valid pixels; a constant band gives zeros."""
    values = band if valid is None else band[valid]
    mean = values.mean(dtype=np.float64)
    std = values.std(dtype=np.float64)
    z = band.astype(np.float32)
    z -= np.float32(mean)
    if std > 0:
        z *= np.float32(1.0 / std)
    else:
        z[:] = 0
    return z


def magnitude(before, after, valid=None, joint=False):
    """Change-vector magnitude (rows, cols) float32 of two co-registered stacks (bands, rows, cols).

    joint=False is the definition (each date z-scored on its own). joint=True is a variant kept for
    comparison with other figures: each band z-scored with mean and std pooled over both dates.
    """
    if before.shape != after.shape:
        raise ValueError(f"stacks differ in shape: {before.shape} vs {after.shape}")
    total = np.zeros(before.shape[1:], dtype=np.float32)
    for b1, b2 in zip(before, after):
        if joint:
            both = zscore(np.stack([b1, b2]), None if valid is None else np.stack([valid, valid]))
            d = both[1] - both[0]
        else:
            d = zscore(b2, valid)
            d -= zscore(b1, valid)
        d *= d
        total += d
    return np.sqrt(total, out=total)


def otsu_threshold(values, bins=OTSU_BINS, at="centre"):
    """Otsu threshold of a 1-D array: the split of a `bins`-bin histogram over [min, max] that
    maximises the between-class variance. Returns the centre of the last bin of the lower class
    (at="centre", the definition) or its upper edge (at="edge", a variant)."""
    lo, hi = float(values.min()), float(values.max())
    if lo == hi:
        return lo
    counts, edges = np.histogram(values, bins=bins, range=(lo, hi))
    counts = counts.astype(np.float64)
    centres = (edges[:-1] + edges[1:]) / 2
    weight1 = np.cumsum(counts)                      # pixels in bins 0..i
    weight2 = np.cumsum(counts[::-1])[::-1]          # pixels in bins i..end
    mean1 = np.cumsum(counts * centres) / weight1
    mean2 = (np.cumsum((counts * centres)[::-1]) / weight2[::-1])[::-1]
    # between-class variance (up to a constant factor) of the split after bin i
    variance = weight1[:-1] * weight2[1:] * (mean1[:-1] - mean2[1:]) ** 2
    i = int(np.argmax(variance))
    return float(centres[i] if at == "centre" else edges[i + 1])


def detect(before, after, valid=None, bins=OTSU_BINS, at="centre", joint=False):
    """The whole baseline: returns (change mask bool (rows, cols), threshold)."""
    mag = magnitude(before, after, valid, joint)
    threshold = otsu_threshold(mag if valid is None else mag[valid], bins, at)
    change = mag > threshold
    if valid is not None:
        change &= valid
    return change, threshold
