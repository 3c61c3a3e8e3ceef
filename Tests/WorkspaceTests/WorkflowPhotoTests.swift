import Enforcement
import Foundation
import Geo
import GeoIO
import Store
import Testing
import TestSupport
import Workspace

private typealias F = WorkflowFixture

/// One assigned patch, P001 in 越秀区: a 0.001° square with its south-west corner at (113.300, 23.100).
private struct PhotoScene {
    let directory = TemporaryDirectory()
    let workspace: Workspace
    let patch = F.specs(["P001"], region: "440103")[0]
    let key = F.key("P001")

    init() throws {
        workspace = try F.workspace([patch], in: directory)
        _ = try workspace.assign(batch: F.batch, dueInDays: 30, signature: F.assigner)
    }

    var photoDirectory: URL { workspace.filesDirectory.appendingPathComponent("photos") }

    /// Writes a photo next to the workspace and returns its path.
    func photo(_ name: String, takenAt: String?, position: Coordinate?, shade: UInt8 = 90) throws -> String {
        let path = directory.path(name)
        try F.writePhoto(path, takenAt: takenAt, position: position, shade: shade)
        return path
    }

    @discardableResult
    func verify(_ photos: [String], at time: String = "2024-04-05T10:00:00+08:00") throws -> Verification {
        try workspace.recordVerification(key, F.visit(at: time, photos: photos), signature: F.sign("县核查员 王五", time)).verification
    }
}

/// Metres along the meridian between two latitudes on the CGCS2000 ellipsoid: the radius of curvature
/// in the meridian, M = a(1 − e²) / (1 − e² sin²φ)^1.5, at the middle latitude, times the angle.
private func meridianMetres(from lat1: Double, to lat2: Double) -> Double {
    let a = 6_378_137.0, f = 1 / 298.257222101
    let e2 = f * (2 - f)
    let phi = (lat1 + lat2) / 2 * .pi / 180
    let m = a * (1 - e2) / pow(1 - e2 * sin(phi) * sin(phi), 1.5)
    return m * abs(lat2 - lat1) * .pi / 180
}

@Suite("Field-verification photos: EXIF flags, the content-addressed photo store and refused files")
struct WorkflowPhotoTests {
    @Test("A photo taken inside the patch after the after-imagery date raises no flag and records its EXIF")
    func photoInsideAfterDateIsClean() throws {
        let scene = try PhotoScene()
        let path = try scene.photo("现场1.jpg", takenAt: "2024-04-05T10:12:30", position: scene.patch.centre)
        let verification = try scene.verify([path])
        #expect(verification.flags == [])
        let evidence = try #require(verification.photos.first)
        #expect(evidence.fileName == "现场1.jpg")
        #expect(evidence.takenAt == "2024-04-05T10:12:30")
        #expect(evidence.distanceToPatchMetres == 0)
        let position = try #require(evidence.position)
        #expect(abs(position.x - scene.patch.centre.x) < 1e-7 && abs(position.y - scene.patch.centre.y) < 1e-7)
        #expect(try scene.workspace.store.verifications(of: scene.key) == [verification])
    }

    @Test("A photo taken 0.0027° due north of the patch's northern edge is flagged about 299 m away")
    func photoFarFromPatchIsFlaggedWithItsDistance() throws {
        let scene = try PhotoScene()
        let north = scene.patch.northEdge + 0.0027
        let path = try scene.photo("远处.jpg", takenAt: "2024-04-05T10:20:00", position: Coordinate(lon: scene.patch.centre.x, lat: north))
        let verification = try scene.verify([path])
        let expected = meridianMetres(from: scene.patch.northEdge, to: north)
        #expect(abs(expected - 299.0) < 1)
        guard verification.flags.count == 1, case .photoFarFromPatch(let file, let distance) = verification.flags[0] else {
            Issue.record("expected one photoFarFromPatch flag, got \(verification.flags)")
            return
        }
        #expect(file == "远处.jpg")
        #expect(abs(distance - expected) < 2, "measured \(distance) m, expected \(expected) m")
        #expect(verification.photos.first?.distanceToPatchMetres == distance)
    }

    @Test("A photo without GPS and one taken before the after-imagery date are each flagged for what they lack")
    func photoWithoutPositionAndEarlyPhotoAreFlagged() throws {
        let scene = try PhotoScene()
        let noGPS = try scene.photo("无定位.jpg", takenAt: "2024-04-05T10:30:00", position: nil, shade: 10)
        let early = try scene.photo("旧照片.jpg", takenAt: "2024-03-01T09:00:00", position: scene.patch.centre, shade: 20)
        let verification = try scene.verify([noGPS, early])
        #expect(verification.flags == [
            .photoWithoutPosition(file: "无定位.jpg"),
            .photoBeforeAfterDate(file: "旧照片.jpg", takenOn: CalendarDay(year: 2024, month: 3, day: 1)!, afterDate: F.afterDate),
        ])
        #expect(verification.photos.map(\.distanceToPatchMetres) == [nil, 0])
        #expect(try scene.workspace.store.verifications(of: scene.key).first?.isFlagged == true)
    }

    @Test("A photo is stored as files/photos/<first two hex>/<sha256>.jpg with the SHA-256 that sha256sum computes")
    func photoStoredByItsSHA256() throws {
        let scene = try PhotoScene()
        let path = try scene.photo("现场1.jpg", takenAt: "2024-04-05T10:12:30", position: scene.patch.centre)
        let verification = try scene.verify([path])
        let expected = try F.sha256sum(path)
        #expect(expected.count == 64)
        #expect(verification.photos.map(\.sha256) == [expected])
        #expect(F.files(under: scene.photoDirectory) == ["\(expected.prefix(2))/\(expected).jpg"])
        let stored = scene.photoDirectory.appendingPathComponent("\(expected.prefix(2))/\(expected).jpg")
        #expect(try Data(contentsOf: stored) == Data(contentsOf: URL(fileURLWithPath: path)))
    }

    @Test("The same photo handed in twice, under two names, is stored once and both verifications point at it")
    func samePhotoStoredOnce() throws {
        let scene = try PhotoScene()
        let path = try scene.photo("现场1.jpg", takenAt: "2024-04-05T10:12:30", position: scene.patch.centre)
        let copy = scene.directory.path("IMG_0001.jpg")
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        let first = try scene.verify([path])
        let second = try scene.verify([copy], at: "2024-04-06T10:00:00+08:00")
        #expect(first.photos.map(\.sha256) == second.photos.map(\.sha256))
        #expect(second.photos.map(\.fileName) == ["IMG_0001.jpg"])
        #expect(F.files(under: scene.photoDirectory).count == 1)
        let workflow = try #require(try scene.workspace.store.patchWorkflow(scene.key))
        #expect(workflow.verificationCount == 2 && workflow.version == 3)
    }

    @Test("A photo over 30 MB is refused as too large; nothing is stored and the workflow is unchanged")
    func oversizedPhotoRefused() throws {
        let scene = try PhotoScene()
        let path = try scene.photo("巨大.jpg", takenAt: "2024-04-05T10:12:30", position: scene.patch.centre)
        // A real JPEG made sparse-huge: the header still reads, the size is over the limit.
        let size = 31 * 1024 * 1024
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: UInt64(size))
        try handle.close()
        let events = try F.auditLength(scene.workspace)
        #expect(throws: WorkspaceError.photoTooLarge(path: path, bytes: size, limit: 30 * 1024 * 1024)) {
            try scene.verify([path])
        }
        #expect(F.files(under: scene.photoDirectory) == [])
        let workflow = try #require(try scene.workspace.store.patchWorkflow(scene.key))
        #expect(workflow.status == .assigned && workflow.version == 1)
        #expect(try scene.workspace.store.verifications(of: scene.key) == [])
        #expect(try F.auditLength(scene.workspace) == events)
    }

    @Test("A text file named .jpg is refused as not a photo; nothing is stored and the workflow is unchanged")
    func textFileNamedJPEGRefused() throws {
        let scene = try PhotoScene()
        let path = scene.directory.path("假照片.jpg")
        try Data("这不是照片 / not a photo\n".utf8).write(to: URL(fileURLWithPath: path))
        let events = try F.auditLength(scene.workspace)
        let error = #expect(throws: GeoIOError.self) { try scene.verify([path]) }
        guard case .notAPhoto(let refused, _)? = error else {
            Issue.record("expected notAPhoto, got \(String(describing: error))")
            return
        }
        #expect(refused == path)
        #expect(F.files(under: scene.photoDirectory) == [])
        let workflow = try #require(try scene.workspace.store.patchWorkflow(scene.key))
        #expect(workflow.status == .assigned && workflow.version == 1)
        #expect(try scene.workspace.store.verifications(of: scene.key) == [])
        #expect(try F.auditLength(scene.workspace) == events)
    }
}
