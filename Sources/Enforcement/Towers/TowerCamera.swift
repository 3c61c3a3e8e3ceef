import Foundation
import Geo

/// 铁塔摄像机: a camera on a high point (an iron tower, a mast on a hill) that patrols a few preset
/// views (预置位) and sends one frame of each on every pass.
public struct TowerCamera: Sendable, Equatable {
    /// The bureau's own code, e.g. `JL-017`: letters, digits, `-` and `_`, up to 32. It names the folder
    /// its frames are kept in, so nothing else is allowed.
    public let id: String
    public var name: String
    /// Where the tower stands, CGCS2000 longitude/latitude.
    public var position: Coordinate
    /// Height of the camera above ground, metres.
    public var heightMetres: Double
    /// The county the camera answers to (its alarms are that county's to check).
    public var regionCode: RegionCode?

    public init(id: String, name: String, position: Coordinate, heightMetres: Double, regionCode: RegionCode?) throws {
        guard Self.isValidID(id) else { throw EnforcementError.invalidCameraID(id) }
        guard (-180...180).contains(position.x), (-90...90).contains(position.y) else {
            throw EnforcementError.invalidCameraPosition(id)
        }
        self.id = id
        self.name = name
        self.position = position
        self.heightMetres = heightMetres
        self.regionCode = regionCode
    }

    public static func isValidID(_ id: String) -> Bool {
        (1...32).contains(id.count) && id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    }
}

/// One surveyed point seen in a preset's view: a pixel of the full-resolution frame (x right, y down)
/// and where it is on the ground (CGCS2000 longitude/latitude).
public struct ImageControlPoint: Sendable, Equatable, Codable {
    public let pixelX: Double
    public let pixelY: Double
    public let ground: Coordinate

    public init(pixelX: Double, pixelY: Double, ground: Coordinate) {
        self.pixelX = pixelX
        self.pixelY = pixelY
        self.ground = ground
    }
}

/// 预置位: one view a camera returns to on every pass, with what is known about it.
public struct CameraPreset: Sendable, Equatable {
    public let cameraID: String
    public let number: Int
    /// Image ↔ ground points (≥ 4) for the homography that puts every alarm on the ground; empty
    /// until surveyed, and then alarms have no ground polygon.
    public var controlPoints: [ImageControlPoint]
    /// Areas of the view never to judge (sky, roads with traffic, water, the tower itself), polygons
    /// in pixels of the full-resolution frame (x right, y down).
    public var mask: Geometry?
    /// The frame the preset's view is registered to: the first frame ingested, kept in the workspace.
    public var referenceFrame: String?

    public init(cameraID: String, number: Int, controlPoints: [ImageControlPoint] = [], mask: Geometry? = nil,
                referenceFrame: String? = nil) throws {
        guard number >= 0, number <= 9999 else { throw EnforcementError.invalidPresetNumber(number) }
        self.cameraID = cameraID
        self.number = number
        self.controlPoints = controlPoints
        self.mask = mask
        self.referenceFrame = referenceFrame
    }
}
