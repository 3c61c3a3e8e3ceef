import Enforcement
import Foundation
import GeoIO
import Hummingbird
import Workspace

/// 离线任务包: the caller's jurisdiction's patches of a batch as one GeoPackage (CGCS2000, the export
/// fields with areas, 预判 and workflow), for QField or ODK users in the field.
struct OfflinePackageRoutes {
    let workspace: Workspace

    func register(on router: Router<APIContext>) {
        router.get("/api/offline-package", use: package)
    }

    @Sendable func package(_ request: Request, context: APIContext) async throws -> Response {
        let account = try context.require(.verify)
        guard let batch = request.uri.queryParameters["batch"].map(String.init), !batch.isEmpty else {
            throw APIError.badRequest("请给出批次 batch / batch is required")
        }
        let workspace = self.workspace
        let data = try await offload {
            let staging = workspace.filesDirectory.appendingPathComponent("uploads", isDirectory: true)
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
            let file = staging.appendingPathComponent("package-\(UUID().uuidString).gpkg")
            defer { try? FileManager.default.removeItem(at: file) }
            var export = BatchExport(batchCode: batch, format: .gpkg, outputPath: file.path)
            export.county = account.role == .administrator ? nil : account.jurisdiction
            _ = try export.run(in: workspace)
            return try Data(contentsOf: file)
        }
        let name = "\(batch)-\(account.jurisdiction)-任务包.gpkg"
        let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "package.gpkg"
        return Response(status: .ok, headers: [.contentType: "application/geopackage+sqlite3",
                                               .contentDisposition: "attachment; filename=\"package.gpkg\"; filename*=UTF-8''\(encoded)"],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
