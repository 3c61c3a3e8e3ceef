import CGDAL
import Foundation
import Geo

/// An RGBA colour with 0–255 channels; `alpha` 0 is fully transparent.
public struct TileColour: Sendable, Hashable {
    public let red: UInt8
    public let green: UInt8
    public let blue: UInt8
    public let alpha: UInt8

    public init(red: UInt8, green: UInt8, blue: UInt8, alpha: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
        self.alpha = alpha
    }

    var burnValues: [String] { [red, green, blue, alpha].flatMap { ["-burn", "\($0)"] } }
}

/// Renders vector features as a transparent PNG map tile: polygons filled, their rings (and lines)
/// drawn over. The features go into an in-memory OGR layer in lon/lat (EPSG:4490); `GDALRasterize`
/// burns them into a 256 × 256 RGBA MEM raster in the tile's EPSG:3857 window, reprojecting as it
/// goes, and the PNG driver encodes it. For reference layers too dense to send as GeoJSON at low zoom.
public enum FeatureTileRenderer {
    /// The PNG bytes of `tile` with the geometries (WKB, lon/lat EPSG:4490) drawn in `fill` and `outline`.
    public static func render(_ geometries: [Geometry], tile: WebMercatorTile, fill: TileColour, outline: TileColour) throws -> Data {
        GDALRuntime.ensureReady()
        CPLErrorReset()
        let canvas = try makeCanvas(tile)
        guard let lonLat = SpatialReference.make(.cgcs2000) else { throw failure(tile, "no EPSG:4490") }
        defer { OSRRelease(lonLat) }
        guard let memory = GDALGetDriverByName("Memory"), let created = GDALCreate(memory, "", 0, 0, 0, GDT_Unknown, nil) else {
            throw failure(tile, GDALRuntime.lastError())
        }
        let vectors = OwnedDataset(created)
        guard let areas = GDALDatasetCreateLayer(vectors.handle, "areas", lonLat, wkbUnknown, nil),
              let edges = GDALDatasetCreateLayer(vectors.handle, "edges", lonLat, wkbUnknown, nil) else {
            throw failure(tile, GDALRuntime.lastError())
        }
        for geometry in geometries {
            var handle: OGRGeometryH?
            let imported = geometry.wkb.withUnsafeBufferPointer { bytes in
                OGR_G_CreateFromWkb(bytes.baseAddress, lonLat, &handle, Int32(bytes.count))
            }
            guard imported == OGRERR_NONE, let handle else { continue }
            // The boundary of a polygon is its rings; a line is its own edge.
            let boundary = OGR_G_GetDimension(handle) == 2 ? OGR_G_Boundary(handle) : OGR_G_Clone(handle)
            try add(handle, to: areas, tile: tile)
            if let boundary { try add(boundary, to: edges, tile: tile) }
        }
        try burn(layer: "areas", from: vectors, colour: fill, into: canvas, tile: tile)
        try burn(layer: "edges", from: vectors, colour: outline, into: canvas, tile: tile)
        return try TileRenderer.encodePNG(canvas.handle, path: "features", tile: tile)
    }

    /// A transparent 256 × 256 RGBA raster in memory over the tile's EPSG:3857 window.
    private static func makeCanvas(_ tile: WebMercatorTile) throws -> OwnedDataset {
        let size = Int32(WebMercatorTile.size)
        guard let mem = GDALGetDriverByName("MEM"), let created = GDALCreate(mem, "", size, size, 4, GDT_Byte, nil) else {
            throw failure(tile, GDALRuntime.lastError())
        }
        let canvas = OwnedDataset(created)
        let b = tile.bounds
        let pixel = (b.maxX - b.minX) / Double(WebMercatorTile.size)
        var transform = [b.minX, pixel, 0, b.maxY, 0, -pixel]
        GDALSetGeoTransform(canvas.handle, &transform)
        guard let mercator = SpatialReference.make(.webMercator) else { throw failure(tile, "no EPSG:3857") }
        defer { OSRRelease(mercator) }
        GDALSetSpatialRef(canvas.handle, mercator)
        GDALSetRasterColorInterpretation(GDALGetRasterBand(canvas.handle, 4), GCI_AlphaBand)
        return canvas
    }

    /// Adds the geometry (taking ownership) as a feature of the layer.
    private static func add(_ geometry: OGRGeometryH, to layer: OGRLayerH, tile: WebMercatorTile) throws {
        guard let feature = OGR_F_Create(OGR_L_GetLayerDefn(layer)) else {
            OGR_G_DestroyGeometry(geometry)
            throw failure(tile, GDALRuntime.lastError())
        }
        defer { OGR_F_Destroy(feature) }
        OGR_F_SetGeometryDirectly(feature, geometry)
        guard OGR_L_CreateFeature(layer, feature) == OGRERR_NONE else { throw failure(tile, GDALRuntime.lastError()) }
    }

    private static func burn(layer: String, from vectors: borrowing OwnedDataset, colour: TileColour, into canvas: borrowing OwnedDataset,
                             tile: WebMercatorTile) throws {
        let arguments = ["-l", layer, "-b", "1", "-b", "2", "-b", "3", "-b", "4"] + colour.burnValues
        let result: GDALDatasetH? = GDALRuntime.withList(arguments) { list in
            guard let options = GDALRasterizeOptionsNew(list, nil) else { return nil }
            defer { GDALRasterizeOptionsFree(options) }
            var usageError: Int32 = 0
            return GDALRasterize(nil, canvas.handle, vectors.handle, options, &usageError)
        }
        guard result != nil else { throw failure(tile, GDALRuntime.lastError()) }
    }

    private static func failure(_ tile: WebMercatorTile, _ message: String) -> GeoIOError {
        .cannotRender(path: "features", tile: tile.description, gdalMessage: message)
    }
}
