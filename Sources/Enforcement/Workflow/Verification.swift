import Foundation
import Geo

/// 建设状态 seen on site.
public enum ConstructionState: String, Sendable, Codable, CaseIterable {
    /// 未动工
    case notStarted
    /// 在建
    case underConstruction
    /// 已建成
    case completed

    public var chineseName: String {
        switch self {
        case .notStarted: return "未动工"
        case .underConstruction: return "在建"
        case .completed: return "已建成"
        }
    }

    public init?(text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let state = Self(rawValue: trimmed) { self = state; return }
        guard let state = Self.allCases.first(where: { $0.chineseName == trimmed }) else { return nil }
        self = state
    }
}

/// 核查表: the structured part of a field verification.
public struct VerificationForm: Sendable, Equatable, Codable {
    public let constructionState: ConstructionState?
    /// 现状用途, e.g. 厂房, 住宅, 道路.
    public let currentUse: String
    /// 建设主体: who is building.
    public let builder: String

    public init(constructionState: ConstructionState?, currentUse: String = "", builder: String = "") {
        self.constructionState = constructionState
        self.currentUse = currentUse
        self.builder = builder
    }
}

/// A field photo as evidence: stored by its SHA-256, with what its EXIF says and how far from the patch it was taken.
public struct PhotoEvidence: Sendable, Equatable, Codable {
    /// Hex SHA-256 of the file's bytes: its name in the photo store.
    public let sha256: String
    public let fileName: String
    /// EXIF time taken, local time as the camera wrote it (ISO 8601 without zone).
    public let takenAt: String?
    /// EXIF GPS position, longitude/latitude in degrees (WGS84 ≈ CGCS2000 within centimetres).
    public let position: Coordinate?
    /// EXIF compass direction, degrees clockwise from north.
    public let directionDegrees: Double?
    /// Distance from the position to the patch in metres (0 inside); nil without a position.
    public let distanceToPatchMetres: Double?

    public init(sha256: String, fileName: String, takenAt: String?, position: Coordinate?, directionDegrees: Double?,
                distanceToPatchMetres: Double?) {
        self.sha256 = sha256
        self.fileName = fileName
        self.takenAt = takenAt
        self.position = position
        self.directionDegrees = directionDegrees
        self.distanceToPatchMetres = distanceToPatchMetres
    }
}

/// Why a verification deserves a second look (防作假): the photos do not prove the officer was there after the change.
public enum VerificationFlag: Sendable, Equatable, Codable {
    /// The photo carries no GPS position.
    case photoWithoutPosition(file: String)
    /// The photo was taken farther from the patch than allowed.
    case photoFarFromPatch(file: String, distanceMetres: Double)
    /// The photo was taken before the patch's after-imagery date, so it cannot show the change.
    case photoBeforeAfterDate(file: String, takenOn: CalendarDay, afterDate: CalendarDay)
    /// The photo carries no time taken.
    case photoWithoutTime(file: String)
    /// The verification has no photo at all.
    case noPhotos

    public var chineseDescription: String {
        switch self {
        case .photoWithoutPosition(let file): return "照片 \(file) 无 GPS 位置"
        case .photoFarFromPatch(let file, let distance): return String(format: "照片 %@ 拍摄点距图斑 %.0f 米", file, distance)
        case .photoBeforeAfterDate(let file, let taken, let after): return "照片 \(file) 拍摄于 \(taken)，早于后时相 \(after)"
        case .photoWithoutTime(let file): return "照片 \(file) 无拍摄时间"
        case .noPhotos: return "无现场照片"
        }
    }
}

/// 外业核查: one field visit to a patch.
public struct Verification: Sendable, Equatable, Codable {
    public let officer: String
    public let at: Date
    /// Where the officer's device was, longitude/latitude in degrees, and its accuracy in metres.
    public let position: Coordinate?
    public let accuracyMetres: Double?
    public let form: VerificationForm
    public let notes: String
    public let photos: [PhotoEvidence]
    public let flags: [VerificationFlag]

    /// Photos farther than this from the patch are flagged.
    public static let photoDistanceLimitMetres = 100.0

    /// A verification with its flags worked out from the photos and the patch's after-imagery date.
    public init(officer: String, at: Date, position: Coordinate?, accuracyMetres: Double?, form: VerificationForm,
                notes: String, photos: [PhotoEvidence], afterDate: CalendarDay?) {
        self.officer = officer
        self.at = at
        self.position = position
        self.accuracyMetres = accuracyMetres
        self.form = form
        self.notes = notes
        self.photos = photos
        flags = Self.flags(for: photos, afterDate: afterDate)
    }

    public var isFlagged: Bool { !flags.isEmpty }

    static func flags(for photos: [PhotoEvidence], afterDate: CalendarDay?) -> [VerificationFlag] {
        guard !photos.isEmpty else { return [.noPhotos] }
        var flags: [VerificationFlag] = []
        for photo in photos {
            if let distance = photo.distanceToPatchMetres {
                if distance > photoDistanceLimitMetres {
                    flags.append(.photoFarFromPatch(file: photo.fileName, distanceMetres: distance))
                }
            } else {
                flags.append(.photoWithoutPosition(file: photo.fileName))
            }
            if let taken = photo.takenAt.flatMap(CalendarDay.init) {
                if let afterDate, taken < afterDate {
                    flags.append(.photoBeforeAfterDate(file: photo.fileName, takenOn: taken, afterDate: afterDate))
                }
            } else {
                flags.append(.photoWithoutTime(file: photo.fileName))
            }
        }
        return flags
    }
}
