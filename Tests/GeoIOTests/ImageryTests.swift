import CGDAL
import Foundation
import Geo
import GeoIO
import Testing
import TestSupport

/// Imagery: GeoTIFFs painted by GDAL's rasterizer, read back, and cut into Web Mercator tiles.
@Suite("Imagery: canvases, footprints and tiles")
struct ImageryTests {
    let folder = TemporaryDirectory()
    /// 1 km × 1 km at 10 m in EPSG:4547 around (114°E, ≈23.1°N); the west half carries a red square.
    static let extent = Envelope(minX: 500_000, minY: 2_555_000, maxX: 501_000, maxY: 2_556_000)

    private func paintedImage() throws -> String {
        let vector = folder.path("square.gpkg")
        let writer = try VectorWriter(path: vector, format: .gpkg, layerName: "square", crs: .epsg(4547), fields: [])
        try writer.write(geometry: Geometry(rectangle: Envelope(minX: 500_000, minY: 2_555_000, maxX: 500_500, maxY: 2_556_000)), attributes: [:])
        try writer.finish()
        let path = folder.path("image.tif")
        let canvas = try RasterCanvas(path: path, crs: .epsg(4547), envelope: Self.extent, pixelSize: 10, background: (0, 0, 255))
        try canvas.burn(vectorPath: vector, colour: (255, 0, 0))
        canvas.finish()
        return path
    }

    private func pixel(_ png: Data, x: Int, y: Int) throws -> [UInt8] { try tilePixel(png, x: x, y: y, in: folder) }

    @Test("A painted canvas reads back as imagery with its size, bands, CRS and lon/lat footprint")
    func canvasReadsBack() throws {
        let info = try ImageryInfo.read(path: try paintedImage())
        #expect(info.width == 100 && info.height == 100 && info.bandCount == 3)
        #expect(info.crs == .epsg(4547))
        let corner = try CoordinateTransformer.cached(from: .epsg(4547), to: .cgcs2000).transform(Coordinate(x: 500_000, y: 2_555_000))
        #expect(abs(info.envelope.minX - corner.x) < 1e-9)
        // The south edge bows below its corners in lon/lat (grid convergence): the footprint takes it in.
        #expect(info.envelope.minY <= corner.y && corner.y - info.envelope.minY < 1e-6)
        #expect(abs(info.envelope.maxY - info.envelope.minY - 0.00904) < 0.0001)
    }

    /// The colour at a point of the image (EPSG:4547), read from the zoom-16 tile that holds it.
    private func colour(in path: String, atX x: Double, y: Double) throws -> [UInt8] {
        let point = try CoordinateTransformer.cached(from: .epsg(4547), to: .cgcs2000).transform(Coordinate(x: x, y: y))
        let n = Double(1 << 16), lat = point.y * .pi / 180
        let fx = (point.x + 180) / 360 * n, fy = (1 - log(tan(lat) + 1 / cos(lat)) / .pi) / 2 * n
        let tile = try #require(WebMercatorTile(z: 16, x: Int(fx), y: Int(fy)))
        let png = try TileRenderer.render(path: path, tile: tile)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        let size = Double(WebMercatorTile.size)
        return try pixel(png, x: Int((fx - floor(fx)) * size), y: Int((fy - floor(fy)) * size))
    }

    @Test("A tile over the image is a PNG showing the image: red over the burnt square, blue beside it")
    func tileShowsTheImage() throws {
        let path = try paintedImage()
        #expect(try colour(in: path, atX: 500_250, y: 2_555_500) == [255, 0, 0, 255])
        #expect(try colour(in: path, atX: 500_750, y: 2_555_500) == [0, 0, 255, 255])
    }

    @Test("Where a tile reaches beyond the image, its pixels are transparent")
    func outsideIsTransparent() throws {
        let path = try paintedImage()
        let info = try ImageryInfo.read(path: path)
        let lon = (info.envelope.minX + info.envelope.maxX) / 2, lat = (info.envelope.minY + info.envelope.maxY) / 2
        let n = Double(1 << 12)
        let x = Int((lon + 180) / 360 * n), y = Int((1 - log(tan(lat * .pi / 180) + 1 / cos(lat * .pi / 180)) / .pi) / 2 * n)
        let tile = try #require(WebMercatorTile(z: 12, x: x, y: y))
        try #require(tile.lonLatBounds.minX < info.envelope.minX && tile.lonLatBounds.maxY > info.envelope.maxY)
        let png = try TileRenderer.render(path: path, tile: tile)
        #expect(try pixel(png, x: 0, y: 0) == [0, 0, 0, 0])
    }

    @Test("Web Mercator tiles: zoom 0 is the whole square, and addresses outside the grid are refused")
    func tileGrid() throws {
        let world = try #require(WebMercatorTile(z: 0, x: 0, y: 0)).bounds
        #expect(abs(world.maxX - 20_037_508.342789244) < 1e-6 && abs(world.minY + 20_037_508.342789244) < 1e-6)
        let northEast = try #require(WebMercatorTile(z: 1, x: 1, y: 0)).bounds
        #expect(northEast.minX == 0 && northEast.minY == 0)
        #expect(WebMercatorTile(z: 1, x: 2, y: 0) == nil)
        #expect(WebMercatorTile(z: 23, x: 0, y: 0) == nil)
        #expect(WebMercatorTile(z: 3, x: -1, y: 0) == nil)
    }

    @Test("A file that is not a raster, and a raster without a georeference, are refused with the reason")
    func nonImageryRefused() throws {
        let text = folder.path("notes.tif")
        try "not an image".write(toFile: text, atomically: true, encoding: .utf8)
        #expect(throws: GeoIOError.self) { try ImageryInfo.read(path: text) }
        let plain = folder.path("plain.png")
        let pixels: [UInt8] = Array(repeating: 128, count: 4 * 4 * 3)
        try PhotoMetadata.writeJPEG(path: plain, metadata: PhotoMetadata(width: 4, height: 4), rgb: pixels)
        #expect {
            try ImageryInfo.read(path: plain)
        } throws: { error in
            guard case .notImagery = error as? GeoIOError else { return false }
            return true
        }
        #expect(throws: GeoIOError.self) { try ImageryInfo.read(path: folder.path("missing.tif")) }
    }
}
