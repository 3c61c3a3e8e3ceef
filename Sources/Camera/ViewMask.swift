import Geo
import GeoIO

/// A preset's mask (sky, roads with traffic, water, the tower) as the per-pixel flags
/// `PresetMonitor` takes, from polygons in pixels of the full-resolution frame (x right, y down).
public enum ViewMask {
    /// True on the pixels whose centres fall inside `polygons`, rasterised by GDAL
    /// (`GDALRasterizeGeometries` on an in-memory grid without georeference, so coordinates are pixels).
    public static func pixels(of polygons: Geometry, width: Int, height: Int) throws(CameraError) -> [Bool] {
        do {
            let raster = try ByteRaster(path: nil, grid: try RasterGrid(width: width, height: height), bands: 1)
            try raster.burn(wkb: polygons.wkb, value: 1, band: 1)
            return try raster.read(window: PixelWindow(x: 0, y: 0, width: width, height: height), band: 1).map { $0 != 0 }
        } catch {
            throw .mask("\(error)")
        }
    }
}
