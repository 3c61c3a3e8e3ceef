import CGDAL

/// A GDAL dataset closed (`GDALClose`) when this value goes away: the one owner of a short-lived handle.
struct OwnedDataset: ~Copyable {
    let handle: GDALDatasetH

    init(_ handle: GDALDatasetH) { self.handle = handle }

    deinit { GDALClose(handle) }
}
