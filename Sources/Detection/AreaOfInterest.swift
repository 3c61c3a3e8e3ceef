import Geo
import GeoIO

/// The part of the images a detection looks at (研究区, `--aoi`): a county's boundary, say. Only the
/// window of the images around it is read, and pixels outside it count as nodata: they are never
/// changed and take no part in the image-wide statistics, so a neighbouring county's lake or
/// building site does not move this county's threshold.
public struct AreaOfInterest: Sendable {
    /// Where the area came from, for messages: a file, or a region of the workspace.
    public let source: String
    /// The union of the area's polygons, in `crs`.
    public let geometry: Geometry
    public let crs: CRS

    /// - Parameter geometry: polygons in `crs`; invalid ones (a self-touching ring) are repaired and
    ///   overlapping ones united.
    public init(source: String, geometry: Geometry, crs: CRS) throws(DetectionError) {
        let polygons = geometry.shape.polygons
        guard !polygons.isEmpty else { throw .areaOfInterest(path: source, reason: "其中没有面要素 / it holds no polygon") }
        self.source = source
        self.crs = crs
        do {
            self.geometry = try Geometry(.multiPolygon(polygons)).madeValid().unaryUnion()
        } catch {
            throw .areaOfInterest(path: source, reason: "面无法合并 / its polygons cannot be united: \(error)")
        }
    }

    /// The polygons of a layer of a vector file (GeoPackage, Shapefile, GeoJSON…; the first layer
    /// unless `layer` names one), in the CRS the file declares. `filter`, an OGR SQL `WHERE` clause
    /// such as `XZQDM = '449901'`, keeps one county out of a file of all a province's counties.
    public static func read(path: String, layer: String? = nil, filter: String? = nil) throws(DetectionError) -> AreaOfInterest {
        let source = [path, layer.map { "图层 layer \($0)" }, filter.map { "「\($0)」" }].compactMap { $0 }.joined(separator: " ")
        var polygons: [Polygon] = []
        let crs = try geoIO {
            let opened = try VectorSource(path: path).layer(layer)
            if let filter { try opened.filter(where: filter) }
            let crs = try opened.crs()
            try opened.forEachFeature { polygons += $0.geometry?.shape.polygons ?? [] }
            return crs
        }
        if polygons.isEmpty, filter != nil {
            throw .areaOfInterest(path: source, reason: "筛选条件没有选中任何面 / the filter selects no polygon")
        }
        return try AreaOfInterest(source: source, geometry: Geometry(.multiPolygon(polygons)), crs: crs)
    }

    /// Where the area lies on a georeferenced `grid`: the window of whole `blocks` (clipped to the
    /// grid) that holds its part inside the grid, so that reading the window decodes no block it
    /// does not use, and the area in the grid's CRS.
    func placed(on grid: RasterGrid, blocks: (width: Int, height: Int)) throws(DetectionError) -> (window: PixelWindow, geometry: Geometry) {
        guard let gridCRS = grid.crs, grid.geoTransform != nil else {
            throw .areaOfInterest(path: source, reason: "影像没有地理参考，研究区无法落到影像上 / the images have no georeference, so the area cannot be placed on them")
        }
        let local: Geometry
        do {
            local = try geometry.transformed(from: crs, to: gridCRS)
        } catch {
            throw .areaOfInterest(path: source, reason: "无法转换到影像的坐标系 \(gridCRS) / it cannot be reprojected to the images' CRS \(gridCRS): \(error)")
        }
        let outside = DetectionError.areaOfInterest(path: source, reason: "与影像不重叠 / it does not overlap the images")
        guard let envelope = local.envelope, let covered = grid.window(covering: envelope) else { throw outside }
        let left = max(0, covered.x) / blocks.width * blocks.width, top = max(0, covered.y) / blocks.height * blocks.height
        let right = min(grid.width, (min(grid.width, covered.x + covered.width) + blocks.width - 1) / blocks.width * blocks.width)
        let bottom = min(grid.height, (min(grid.height, covered.y + covered.height) + blocks.height - 1) / blocks.height * blocks.height)
        guard left < right, top < bottom, covered.x < grid.width, covered.y < grid.height else { throw outside }
        return (PixelWindow(x: left, y: top, width: right - left, height: bottom - top), local)
    }
}
