import Enforcement
import Foundation
import Geo
import GeoIO
import Store

/// 外业核查 as entered: what the officer saw and the photos they took.
public struct VerificationInput: Sendable {
    public var officer: String
    public var at: Date
    public var position: Coordinate?
    public var accuracyMetres: Double?
    public var form: VerificationForm
    public var notes: String
    /// JPEG files as uploaded or copied from the phone.
    public var photoPaths: [String]

    public init(officer: String, at: Date, position: Coordinate? = nil, accuracyMetres: Double? = nil,
                form: VerificationForm, notes: String = "", photoPaths: [String] = []) {
        self.officer = officer
        self.at = at
        self.position = position
        self.accuracyMetres = accuracyMetres
        self.form = form
        self.notes = notes
        self.photoPaths = photoPaths
    }
}

/// Field photos kept by content: `files/photos/ab/abcdef….jpg`, named by the SHA-256 of their bytes, so
/// a photo is stored once however often it is handed in, and a changed file can never pass for the original.
public struct PhotoStore: Sendable {
    public let directory: URL
    /// Phone photos are 2-10 MB; anything far larger is not a photo.
    public static let maximumBytes = 30 * 1024 * 1024

    public init(directory: URL) { self.directory = directory }

    public func url(sha256: String) -> URL {
        directory.appendingPathComponent(String(sha256.prefix(2)), isDirectory: true).appendingPathComponent("\(sha256).jpg")
    }

    /// Refuses oversized files and anything GDAL cannot read as a JPEG, then copies the photo in (unless
    /// already there) and returns its SHA-256 and what its EXIF says.
    public func add(path: String) throws -> (sha256: String, metadata: PhotoMetadata) {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path), let size = attributes[.size] as? Int else {
            throw WorkspaceError.cannotStorePhoto(path: path, reason: "文件不存在或不可读 / missing or unreadable")
        }
        guard size <= Self.maximumBytes else { throw WorkspaceError.photoTooLarge(path: path, bytes: size, limit: Self.maximumBytes) }
        let metadata = try PhotoMetadata.read(path: path)
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw WorkspaceError.cannotStorePhoto(path: path, reason: error.localizedDescription)
        }
        let hash = ContentHash.sha256Hex(data)
        let target = url(sha256: hash)
        guard !FileManager.default.fileExists(atPath: target.path) else { return (hash, metadata) }
        do {
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            // Written whole to a temporary name first, so a photo in the store is never half a file.
            try data.write(to: target, options: .atomic)
        } catch {
            throw WorkspaceError.cannotStorePhoto(path: path, reason: error.localizedDescription)
        }
        return (hash, metadata)
    }
}

extension Workspace {
    public var photos: PhotoStore { PhotoStore(directory: filesDirectory.appendingPathComponent("photos", isDirectory: true)) }

    /// Records a field verification: stores the photos by content, reads their EXIF, measures how far
    /// from the patch each was taken and flags what looks spoofed (no GPS, > 100 m away, taken before
    /// the after-imagery date). Photos are read and stored before the transaction; if the step is then
    /// refused, they stay in the store unreferenced, which loses nothing.
    @discardableResult
    public func recordVerification(_ key: PatchKey, _ input: VerificationInput, signature: Signature,
                                   expectedVersion: Int? = nil) throws -> (workflow: PatchWorkflow, verification: Verification) {
        guard let patch = try store.patch(batch: key.batch, code: key.code) else {
            throw StoreError.notFound(subject: "图斑 \(key)")
        }
        let evidence = try input.photoPaths.map { path in
            let (hash, metadata) = try photos.add(path: path)
            let distance = try metadata.position.map { try patch.geometry.distanceMetres(fromLonLat: $0) }
            return PhotoEvidence(sha256: hash, fileName: URL(fileURLWithPath: path).lastPathComponent, takenAt: metadata.takenAt,
                                 position: metadata.position, directionDegrees: metadata.directionDegrees,
                                 distanceToPatchMetres: distance)
        }
        let verification = Verification(officer: input.officer, at: input.at, position: input.position,
                                        accuracyMetres: input.accuracyMetres, form: input.form, notes: input.notes,
                                        photos: evidence, afterDate: patch.afterDate.flatMap(CalendarDay.init))
        let workflow = try store.change { transaction in
            return try Self.step(.recordVerification(at: input.at), patch: try transaction.workflow(key), expectedVersion: expectedVersion,
                                 signature: signature, verification: verification, in: transaction)
        }
        return (workflow, verification)
    }
}
