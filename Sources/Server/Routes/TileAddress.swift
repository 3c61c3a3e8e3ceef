import Enforcement
import GeoIO
import Foundation
import Hummingbird

/// The `{z}/{x}/{y}.png` of a tile route as a Web Mercator tile; 400 naming the expected address otherwise.
enum TileAddress {
    static func tile(_ context: APIContext, route: String) throws -> WebMercatorTile {
        let yText = try context.parameters.require("y")
        guard let z = Int(try context.parameters.require("z")), let x = Int(try context.parameters.require("x")),
              let y = Int(yText.hasSuffix(".png") ? String(yText.dropLast(4)) : yText),
              let tile = WebMercatorTile(z: z, x: x, y: y) else {
            throw APIError.badRequest("切片编号无效，应为 \(route)/Z/X/Y.png（Z ≤ \(WebMercatorTile.maximumZoom)）/ invalid tile address")
        }
        return tile
    }

    static func png(_ png: Data) -> Response {
        Response(status: .ok, headers: [.contentType: "image/png", .cacheControl: "private, max-age=86400"],
                 body: .init(byteBuffer: ByteBuffer(bytes: png)))
    }
}

/// How a reference layer is drawn, the same on rendered tiles and in the browser's GeoJSON overlay.
enum LayerPalette {
    /// "#rrggbb" by kind.
    static func colour(_ kind: LayerKind) -> String {
        switch kind {
        case .basicFarmland: return "#f2c94c"
        case .cultivatedLand: return "#6fcf97"
        case .ecologicalRedLine: return "#eb5757"
        case .urbanBoundary: return "#9b51e0"
        case .approvedLand: return "#2d9cdb"
        case .landSupply: return "#56ccf2"
        case .facilityFarmland: return "#bb6bd9"
        }
    }

    /// The outline opaque and the fill at 12% (as the GeoJSON overlay's fillOpacity).
    static func tileColours(_ kind: LayerKind) -> (fill: TileColour, outline: TileColour) {
        let hex = colour(kind).dropFirst()
        let channels = stride(from: 0, to: 6, by: 2).map { offset -> UInt8 in
            let start = hex.index(hex.startIndex, offsetBy: offset)
            return UInt8(hex[start..<hex.index(start, offsetBy: 2)], radix: 16) ?? 0
        }
        return (TileColour(red: channels[0], green: channels[1], blue: channels[2], alpha: 31),
                TileColour(red: channels[0], green: channels[1], blue: channels[2], alpha: 255))
    }
}
