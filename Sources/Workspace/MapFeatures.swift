import Enforcement
import Foundation
import Geo
import Store

/// A reference feature as a map draws it: its outline simplified to what the zoom can show.
public struct MapFeature: Sendable {
    public let sourceFID: Int64
    public let classCode: String?
    /// Lon/lat (EPSG:4490).
    public let geometry: Geometry
}

extension Workspace {
    /// A map view holds at most this many features of one layer; beyond it the answer says it was cut.
    public static let mapFeatureLimit = 2_000

    /// The features of a layer meeting `envelope` (lon/lat), simplified (GEOS, topology-preserving) to
    /// half a pixel of a 256-pixel tile at `zoom`, so a red line with thousands of vertices costs what
    /// the screen can show. `truncated` is true when more features lie in the view than the limit.
    public func mapFeatures(layer layerID: Int64, envelope: Envelope, zoom: Int) throws -> (features: [MapFeature], truncated: Bool) {
        guard try store.layers().contains(where: { $0.id == layerID }) else { throw StoreError.noSuchLayer(String(layerID)) }
        let found = try store.features(ofLayer: layerID, meeting: envelope, limit: Self.mapFeatureLimit + 1)
        let features = try found.prefix(Self.mapFeatureLimit).map { feature in
            MapFeature(sourceFID: feature.sourceFID, classCode: feature.classCode, geometry: try Self.simplified(feature.geometry, zoom: zoom))
        }
        return (features, found.count > Self.mapFeatureLimit)
    }

    /// The geometry (lon/lat) simplified to half a pixel of a 256-pixel tile at `zoom`; as is from zoom 17.
    static func simplified(_ geometry: Geometry, zoom: Int) throws -> Geometry {
        guard zoom < 17 else { return geometry }
        let degreesPerPixel = 360 / (256 * pow(2, Double(min(max(zoom, 0), 22))))
        return try geometry.simplified(tolerance: degreesPerPixel / 2)
    }
}
