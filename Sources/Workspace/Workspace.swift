import Enforcement
import Foundation
import Store

/// A LandWatch workspace: a folder holding the SQLite database (`landwatch.sqlite`) and `files/`
/// (photos and attachments, later). Everything a user imports lives here.
public final class Workspace: Sendable {
    public static let databaseName = "landwatch.sqlite"

    public let root: URL
    public let store: any WorkspaceStore
    /// Tokens and sessions confirmed moments ago (see `CredentialCache` for how soon a change shows).
    let credentials = CredentialCache()

    public var filesDirectory: URL { root.appendingPathComponent("files", isDirectory: true) }

    private init(root: URL, store: any WorkspaceStore) {
        self.root = root
        self.store = store
    }

    /// Creates the workspace, or opens it when it already is one (running init twice is harmless).
    public static func create(at root: URL) throws -> Workspace {
        let manager = FileManager.default
        do {
            try manager.createDirectory(at: root.appendingPathComponent("files", isDirectory: true), withIntermediateDirectories: true)
        } catch {
            throw WorkspaceError.cannotCreate(path: root.path, reason: error.localizedDescription)
        }
        return Workspace(root: root, store: try SQLiteStore(path: root.appendingPathComponent(databaseName).path))
    }

    /// Opens an existing workspace; `WorkspaceError.notAWorkspace` when the folder has no database.
    public static func open(at root: URL) throws -> Workspace {
        let database = root.appendingPathComponent(databaseName)
        guard FileManager.default.fileExists(atPath: database.path) else {
            throw WorkspaceError.notAWorkspace(path: root.path)
        }
        return Workspace(root: root, store: try SQLiteStore(path: database.path))
    }

    /// Throws `WorkspaceError.noBatch` unless the batch was imported; nil (every batch) passes.
    func requireBatch(_ code: String?) throws {
        if let code, try !store.hasBatch(code) { throw WorkspaceError.noBatch(code) }
    }

    /// Region names by code, for printing and reports.
    public func regionNames() throws -> [RegionCode: String] {
        Dictionary(try store.regions().map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
    }
}
