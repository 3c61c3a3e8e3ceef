import Foundation

/// GeoJSON geometries (RFC 7946): longitude/latitude on WGS 84/CGCS2000, exterior rings
/// counter-clockwise and holes clockwise on output (the right-hand rule of §3.1.6).
public enum GeoJSON {
    /// The geometry object as JSON text.
    public static func encode(_ shape: Shape) -> String {
        var out = ""
        write(shape, to: &out)
        return out
    }

    /// Parses a GeoJSON geometry, or the geometry of a Feature.
    public static func decode(_ text: String) throws -> Shape {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) else {
            throw GeoError.malformedGeoJSON("not JSON")
        }
        return try decode(object: object)
    }

    /// Parses a decoded JSON value (`[String: Any]`) holding a geometry or a Feature.
    public static func decode(object: Any) throws -> Shape {
        guard let dict = object as? [String: Any], let type = dict["type"] as? String else {
            throw GeoError.malformedGeoJSON("no \"type\"")
        }
        if type == "Feature" {
            guard let geometry = dict["geometry"] else { throw GeoError.malformedGeoJSON("Feature without geometry") }
            return try decode(object: geometry)
        }
        if type == "GeometryCollection" {
            guard let members = dict["geometries"] as? [Any] else { throw GeoError.malformedGeoJSON("no \"geometries\"") }
            return .collection(try members.map(decode(object:)))
        }
        guard let coordinates = dict["coordinates"] else { throw GeoError.malformedGeoJSON("\(type) without coordinates") }
        switch type {
        case "Point": return .point((coordinates as? [Any])?.isEmpty == true ? nil : try position(coordinates))
        case "LineString": return .lineString(try positions(coordinates))
        case "Polygon": return .polygon(try polygon(coordinates))
        case "MultiPoint": return .multiPoint(try positions(coordinates))
        case "MultiLineString": return .multiLineString(try array(coordinates).map(positions))
        case "MultiPolygon": return .multiPolygon(try array(coordinates).map(polygon))
        default: throw GeoError.malformedGeoJSON("unknown type \(type)")
        }
    }

    private static func array(_ value: Any) throws -> [Any] {
        guard let a = value as? [Any] else { throw GeoError.malformedGeoJSON("expected an array") }
        return a
    }

    private static func position(_ value: Any) throws -> Coordinate {
        guard let a = value as? [Any], a.count >= 2,
              let x = (a[0] as? NSNumber)?.doubleValue, let y = (a[1] as? NSNumber)?.doubleValue else {
            throw GeoError.malformedGeoJSON("a position needs two numbers")
        }
        return Coordinate(x: x, y: y)
    }

    private static func positions(_ value: Any) throws -> [Coordinate] { try array(value).map(position) }

    private static func polygon(_ value: Any) throws -> Polygon { Polygon(rings: try array(value).map(positions)) }

    private static func write(_ shape: Shape, to out: inout String) {
        switch shape {
        case .point(let c):
            out += "{\"type\":\"Point\",\"coordinates\":"
            if let c { write(c, to: &out) } else { out += "[]" }
        case .lineString(let cs):
            out += "{\"type\":\"LineString\",\"coordinates\":"; write(cs, to: &out)
        case .multiPoint(let cs):
            out += "{\"type\":\"MultiPoint\",\"coordinates\":"; write(cs, to: &out)
        case .polygon(let p):
            out += "{\"type\":\"Polygon\",\"coordinates\":"; write(p, to: &out)
        case .multiLineString(let ls):
            out += "{\"type\":\"MultiLineString\",\"coordinates\":["
            for (i, l) in ls.enumerated() { if i > 0 { out += "," }; write(l, to: &out) }
            out += "]"
        case .multiPolygon(let ps):
            out += "{\"type\":\"MultiPolygon\",\"coordinates\":["
            for (i, p) in ps.enumerated() { if i > 0 { out += "," }; write(p, to: &out) }
            out += "]"
        case .collection(let shapes):
            out += "{\"type\":\"GeometryCollection\",\"geometries\":["
            for (i, s) in shapes.enumerated() { if i > 0 { out += "," }; write(s, to: &out) }
            out += "]"
        }
        out += "}"
    }

    private static func write(_ p: Polygon, to out: inout String) {
        out += "["
        for (i, ring) in p.rings.enumerated() {
            if i > 0 { out += "," }
            let wantCounterClockwise = i == 0
            write(isCounterClockwise(ring) == wantCounterClockwise ? ring : ring.reversed(), to: &out)
        }
        out += "]"
    }

    private static func write(_ cs: [Coordinate], to out: inout String) {
        out += "["
        for (i, c) in cs.enumerated() {
            if i > 0 { out += "," }
            write(c, to: &out)
        }
        out += "]"
    }

    private static func write(_ c: Coordinate, to out: inout String) {
        out += "[\(c.x),\(c.y)]"
    }

    /// Orientation by the shoelace sum (sign only; planar is right for orientation).
    static func isCounterClockwise(_ ring: Ring) -> Bool {
        var sum = 0.0
        for i in 0..<max(ring.count - 1, 0) {
            sum += (ring[i + 1].x - ring[i].x) * (ring[i + 1].y + ring[i].y)
        }
        return sum < 0
    }
}
