import Camera
import Enforcement
import Foundation
import Geo

extension Workspace {
    /// Adds the camera, or updates it by id. Without a region code, the county whose boundary holds
    /// the tower is taken from the workspace's regions.
    @discardableResult
    public func saveCamera(id: String, name: String, position: Coordinate, heightMetres: Double,
                           regionCode: RegionCode?) throws -> TowerCamera {
        let located = try regionCode ?? RegionLocator(regions: store.regions()).locate(Geometry(.point(position)))
        let camera = try TowerCamera(id: id, name: name, position: position, heightMetres: heightMetres, regionCode: located)
        try store.saveCamera(camera)
        return camera
    }

    /// Defines a preset of a camera, or replaces its control points and mask (its reference frame and
    /// what its monitor learned are kept). The control points must give a homography.
    @discardableResult
    public func savePreset(camera: String, number: Int, controlPoints: [ImageControlPoint], mask: Geometry?) throws -> CameraPreset {
        guard try store.camera(camera) != nil else { throw WorkspaceError.noCamera(camera) }
        if !controlPoints.isEmpty {
            _ = try GroundHomography(controlPoints: controlPoints)
        }
        let existing = try store.preset(camera: camera, number: number)
        let preset = try CameraPreset(cameraID: camera, number: number, controlPoints: controlPoints, mask: mask,
                                      referenceFrame: existing?.referenceFrame)
        try store.savePreset(preset)
        return preset
    }

    /// Image ↔ ground control points from a CSV file of `x,y,lon,lat` lines (pixels of the
    /// full-resolution frame, x right and y down; CGCS2000 degrees). A header line, blank lines and
    /// lines starting with `#` are skipped.
    public static func controlPoints(csv path: String) throws -> [ImageControlPoint] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw WorkspaceError.invalidControlPoints(path: path, line: 0, reason: "无法读取文件 / cannot read the file")
        }
        var points: [ImageControlPoint] = []
        for (index, raw) in text.components(separatedBy: .newlines).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            let numbers = fields.compactMap(Double.init)
            if points.isEmpty, numbers.isEmpty { continue }
            guard fields.count == 4, numbers.count == 4 else {
                throw WorkspaceError.invalidControlPoints(path: path, line: index + 1,
                                                          reason: "应为 x,y,经度,纬度 四个数 / expected four numbers x,y,lon,lat")
            }
            guard numbers[0] >= 0, numbers[1] >= 0 else {
                throw WorkspaceError.invalidControlPoints(path: path, line: index + 1, reason: "像素坐标不能为负 / pixel coordinates cannot be negative")
            }
            guard (-180...180).contains(numbers[2]), (-90...90).contains(numbers[3]) else {
                throw WorkspaceError.invalidControlPoints(path: path, line: index + 1,
                                                          reason: "经纬度超出范围（应为 CGCS2000 度） / longitude/latitude out of range (CGCS2000 degrees)")
            }
            points.append(ImageControlPoint(pixelX: numbers[0], pixelY: numbers[1], ground: Coordinate(x: numbers[2], y: numbers[3])))
        }
        return points
    }

    /// A preset's mask from a GeoJSON file (a geometry, a Feature or a FeatureCollection) of polygons
    /// in pixels of the full-resolution frame (x right, y down).
    public static func viewMask(geoJSON path: String) throws -> Geometry {
        guard let data = FileManager.default.contents(atPath: path),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw WorkspaceError.invalidMask(path: path, reason: "不是 JSON / not JSON")
        }
        let members: [Any] = (object["type"] as? String) == "FeatureCollection" ? (object["features"] as? [Any] ?? []) : [object]
        var polygons: [Polygon] = []
        for member in members {
            let shape: Shape
            do { shape = try GeoJSON.decode(object: member) } catch { throw WorkspaceError.invalidMask(path: path, reason: "\(error)") }
            switch shape {
            case .polygon, .multiPolygon: break
            default:
                throw WorkspaceError.invalidMask(path: path, reason: "只能是多边形，不能是 \(shape.typeName) / polygons only, not \(shape.typeName)")
            }
            polygons += shape.polygons
        }
        guard !polygons.isEmpty else { throw WorkspaceError.invalidMask(path: path, reason: "没有多边形 / no polygons") }
        guard polygons.allSatisfy({ $0.rings.allSatisfy { $0.allSatisfy { $0.x >= 0 && $0.y >= 0 } } }) else {
            throw WorkspaceError.invalidMask(path: path, reason: "像素坐标不能为负（x 向右、y 向下）/ pixel coordinates cannot be negative (x right, y down)")
        }
        let mask = Geometry(polygons.count == 1 ? .polygon(polygons[0]) : .multiPolygon(polygons))
        let validity = try mask.validity()
        guard validity.isValid else { throw WorkspaceError.invalidMask(path: path, reason: validity.reason) }
        return mask
    }
}
