import CGDAL
import Foundation

/// GDAL's process-wide cache of decoded raster blocks (`GDAL_CACHEMAX`, by default 5% of memory).
public enum BlockCache {
    /// The cache's size now, in bytes (`GDALGetCacheMax64`).
    public static var limit: Int {
        GDALRuntime.ensureReady()
        return Int(GDALGetCacheMax64())
    }

    /// Lowers the cache to `bytes` for a process that streams its rasters, reading each block once
    /// (change detection), unless the user chose a size with `GDAL_CACHEMAX`. Blocks read once are never
    /// wanted again; kept, each takes freshly faulted pages (on the 6,000² bench pair, more than half of
    /// the run's kernel time), where a small cache hands freed blocks' memory to the next.
    /// Wraps `GDALSetCacheMax64`.
    public static func limitForStreaming(to bytes: Int) {
        guard ProcessInfo.processInfo.environment["GDAL_CACHEMAX"] == nil else { return }
        GDALRuntime.ensureReady()
        GDALSetCacheMax64(GIntBig(bytes))
    }
}
