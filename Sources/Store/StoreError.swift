/// The one error type of `Store`, carrying SQLite's own message.
public enum StoreError: Error, Sendable, CustomStringConvertible {
    /// The workspace database could not be opened or migrated.
    case cannotOpen(path: String, message: String)
    /// A read or write failed; `message` is SQLite's.
    case database(String)
    /// Stored data could not be decoded (a corrupt row).
    case corruptRow(table: String, id: String, detail: String)
    /// A layer referred to does not exist.
    case noSuchLayer(String)

    public var description: String {
        switch self {
        case let .cannotOpen(path, message):
            return "无法打开工作空间数据库 \(path)：\(message) / Cannot open workspace database \(path): \(message)"
        case let .database(message):
            return "数据库错误：\(message) / Database error: \(message)"
        case let .corruptRow(table, id, detail):
            return "数据损坏：表 \(table) 记录 \(id)：\(detail) / Corrupt row \(id) in \(table): \(detail)"
        case let .noSuchLayer(name):
            return "图层「\(name)」不存在 / No layer \(name)"
        }
    }
}
