import Enforcement
import Foundation
import Hummingbird
import Workspace

/// 现场照片: `POST /api/photos` takes one JPEG as the body (≤ 30 MB, `Content-Type: image/jpeg`),
/// stores it by content and returns its SHA-256 and EXIF; a verification then names the photos it uses.
struct PhotoRoutes {
    let workspace: Workspace

    struct Uploaded: Encodable {
        let sha256: String
        let takenAt: String?
        let lon: Double?
        let lat: Double?
        let directionDegrees: Double?
    }

    static func isSHA256(_ text: String) -> Bool {
        text.count == 64 && text.allSatisfy { $0.isHexDigit && !$0.isUppercase }
    }

    /// The stored files of photos a form names by SHA-256; 400 for any not uploaded before.
    static func uploaded(_ hashes: [String], in store: PhotoStore) throws -> [URL] {
        try hashes.map { sha in
            guard isSHA256(sha), FileManager.default.fileExists(atPath: store.url(sha256: sha).path) else {
                throw APIError.badRequest("照片 \(sha) 未上传，请先 POST /api/photos / photo \(sha) was not uploaded; POST /api/photos first")
            }
            return store.url(sha256: sha)
        }
    }

    func register(on router: Router<APIContext>) {
        router.post("/api/photos", use: upload)
        router.get("/api/photos/:sha256", use: download)
    }

    @Sendable func upload(_ request: Request, context: APIContext) async throws -> Response {
        // Photos are field evidence (外业核查) or rectification evidence (整改佐证).
        if context.account?.may(.verify) != true { _ = try context.require(.rectify) }
        guard request.headers[.contentType]?.lowercased().hasPrefix("image/jpeg") == true else {
            throw APIError(.unsupportedMediaType, code: "unsupported-media-type",
                           message: "照片须为 JPEG（Content-Type: image/jpeg）/ Photos must be JPEG (Content-Type: image/jpeg)")
        }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: PhotoStore.maximumBytes)
        } catch {
            throw APIError(.contentTooLarge, code: "too-large",
                           message: "照片超过 \(PhotoStore.maximumBytes / 1_048_576) MB 上限 / Photo over the \(PhotoStore.maximumBytes / 1_048_576) MB limit")
        }
        let bytes = Data(buffer: body)
        guard bytes.starts(with: [0xFF, 0xD8, 0xFF]) else {
            throw APIError.badRequest("上传内容不是 JPEG 照片 / The upload is not a JPEG photo")
        }
        let workspace = self.workspace
        let (sha, metadata) = try await offload {
            // GDAL reads EXIF from a file: the upload lands under a random name in files/uploads first.
            let staging = workspace.filesDirectory.appendingPathComponent("uploads", isDirectory: true)
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
            let file = staging.appendingPathComponent(UUID().uuidString + ".jpg")
            try bytes.write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            return try workspace.photos.add(path: file.path)
        }
        return try JSONResponse.make(Uploaded(sha256: sha, takenAt: metadata.takenAt, lon: metadata.position?.x,
                                              lat: metadata.position?.y, directionDegrees: metadata.directionDegrees),
                                     status: .created)
    }

    @Sendable func download(_ request: Request, context: APIContext) async throws -> Response {
        _ = try context.require(.viewPatches)
        let sha = try context.parameters.require("sha256")
        let url = workspace.photos.url(sha256: sha)
        guard Self.isSHA256(sha), let data = try? await offload({ try Data(contentsOf: url) }) else {
            throw APIError.notFound("照片 \(sha)")
        }
        return Response(status: .ok, headers: [.contentType: "image/jpeg", .cacheControl: "private, max-age=31536000, immutable"],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
