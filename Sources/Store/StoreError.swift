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
    /// Someone else changed the record since it was read (optimistic concurrency): nothing was written.
    case conflict(subject: String, expectedVersion: Int, storedVersion: Int)
    /// A patch, case or problem referred to does not exist.
    case notFound(subject: String)
    /// A case or problem with this number already exists.
    case duplicate(subject: String)
    /// A camera pass whose preset already has a pass at or after its time, recorded meanwhile by another
    /// ingest: its comparison started from an older memory, so nothing of it was written.
    case passOutOfTurn(camera: String, preset: Int)

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
        case let .conflict(subject, expected, stored):
            return "\(subject) 已被他人修改（当前版本 \(stored)，您依据的是版本 \(expected)），未保存；请刷新后重试 / \(subject) was changed by someone else (now version \(stored), you had version \(expected)); nothing was saved, reload and try again"
        case let .notFound(subject):
            return "\(subject) 不存在 / \(subject) does not exist"
        case let .duplicate(subject):
            return "\(subject) 已存在 / \(subject) already exists"
        case let .passOutOfTurn(camera, preset):
            return "摄像机 \(camera) 预置位 \(preset) 刚由另一接入任务记录了同一时刻或更新的画面，本帧未保存；请重新接入 / Camera \(camera) preset \(preset) has just recorded a frame at or after this one from another ingest; this frame was not saved, ingest it again"
        }
    }
}
