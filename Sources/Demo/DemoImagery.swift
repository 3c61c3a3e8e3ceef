import Enforcement
import Foundation
import Geo
import GeoIO
import Workspace

/// The demo's bitemporal imagery: a 前时相 painted from the 三调 land classes and a 后时相 with the
/// batch's changes burnt in as bare soil, both 5 m RGB GeoTIFFs in EPSG:4547 written by GDAL's
/// rasterizer, so the web UI has something to swipe between with no internet.
extension DemoCounty {
    /// Land-class colours by GB/T 21010 prefix (OGR SQL on DLBM), painted in this order over bare ground.
    private static let classColours: [(String, (UInt8, UInt8, UInt8))] = [
        ("DLBM LIKE '01%'", (118, 158, 82)), ("DLBM = '0101'", (92, 140, 78)), ("DLBM LIKE '02%'", (84, 126, 64)),
        ("DLBM LIKE '03%'", (46, 96, 52)), ("DLBM LIKE '04%'", (138, 166, 96)),
        ("DLBM LIKE '05%' OR DLBM LIKE '06%' OR DLBM LIKE '07%' OR DLBM LIKE '08%' OR DLBM LIKE '09%' OR DLBM LIKE '10%' OR DLBM LIKE '12%'",
         (176, 174, 168)),
        ("DLBM LIKE '11%'", (74, 112, 150)),
    ]
    private static let bareGround: (UInt8, UInt8, UInt8) = (196, 188, 150)
    private static let newConstruction: (UInt8, UInt8, UInt8) = (222, 206, 172)
    private static let cityExtent = Envelope(minX: 483_000, minY: 2_553_000, maxX: 517_000, maxY: 2_577_000)
    /// The 前时相 under `demo-source`, which the demo tower's views are also rendered from.
    static let beforeImageName = "2023-12-15_前时相.tif"

    /// Paints both images into `workspace/demo-source` and registers them for the demo batch, unless
    /// the batch already has imagery.
    public func installImagery(in workspace: Workspace) throws {
        guard try workspace.store.imagery(batch: Self.batchCode).isEmpty else { return }
        let folder = workspace.root.appendingPathComponent("demo-source", isDirectory: true)
        let parcels = folder.appendingPathComponent("三调地类图斑.gpkg").path
        let patches = folder.appendingPathComponent("2024Q1_卫片图斑.shp").path
        let before = folder.appendingPathComponent(Self.beforeImageName).path
        let after = folder.appendingPathComponent("2024-03-20_后时相.tif").path
        for (path, withChanges) in [(before, false), (after, true)] {
            let canvas = try RasterCanvas(path: path, crs: Self.crs, envelope: Self.cityExtent, pixelSize: 5, background: Self.bareGround)
            for (filter, colour) in Self.classColours {
                try canvas.burn(vectorPath: parcels, whereClause: filter, colour: colour)
            }
            if withChanges { try canvas.burn(vectorPath: patches, colour: Self.newConstruction) }
            canvas.finish()
        }
        try workspace.addImagery(path: before, batch: Self.batchCode, phase: .before, acquired: CalendarDay("2023-12-15"), name: "前时相 2023-12-15")
        try workspace.addImagery(path: after, batch: Self.batchCode, phase: .after, acquired: CalendarDay("2024-03-20"), name: "后时相 2024-03-20")
    }
}
