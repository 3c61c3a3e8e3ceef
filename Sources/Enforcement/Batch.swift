import Foundation

/// 批次: one delivery of patches (e.g. 2024年第1季度土地卫片), identified by a short code.
public struct Batch: Sendable, Equatable {
    public let code: String
    public let name: String
    public let sourcePath: String
    public let importedAt: Date

    public init(code: String, name: String, sourcePath: String, importedAt: Date) throws {
        guard !code.isEmpty, code.count <= 40,
              code.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
            throw EnforcementError.invalidBatchCode(code)
        }
        self.code = code
        self.name = name
        self.sourcePath = sourcePath
        self.importedAt = importedAt
    }
}
