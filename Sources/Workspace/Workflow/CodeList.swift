import Enforcement
import Foundation
import Prejudge

extension Workspace {
    /// A workspace may carry its own code list beside the database; otherwise the shipped one applies.
    public static let determinationCodesFileName = "determination-codes.yaml"

    /// The workspace's `determination-codes.yaml` when present, else the shipped list.
    public func determinationCodes() throws -> DeterminationCodeList {
        let url = root.appendingPathComponent(Self.determinationCodesFileName)
        guard FileManager.default.fileExists(atPath: url.path) else { return DeterminationCodesFile.defaults }
        return try DeterminationCodesFile.load(path: url.path)
    }
}
