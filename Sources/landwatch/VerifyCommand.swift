import ArgumentParser
import Enforcement
import Foundation
import Geo
import Workspace

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "外业核查：录入现场核查、照片和核查表 / record a field verification with photos",
        discussion: """
        照片按内容（SHA-256）保存；读取 EXIF 的拍摄时间、GPS 和方向。照片无 GPS、拍摄点距图斑超过 100 米、
        或拍摄时间早于后时相时，核查记录会被标记。
        Photos are stored by content (SHA-256); their EXIF time, GPS and direction are read. A record is
        flagged when a photo has no GPS, was taken over 100 m from the patch, or before the after-imagery date.
        """)

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var target: PatchOptions
    @OptionGroup var step: StepOptions
    @Option(help: "核查人 / officer (default: --by)") var officer: String?
    @Option(help: "核查时间 ISO 8601，默认现在 / time of the visit, ISO 8601 (default: now)") var at: String?
    @Option(help: "核查位置经度 / longitude of the officer") var lon: Double?
    @Option(help: "核查位置纬度 / latitude of the officer") var lat: Double?
    @Option(help: "定位精度（米）/ position accuracy in metres") var accuracy: Double?
    @Option(help: "建设状态：未动工 / 在建 / 已建成") var state: String?
    @Option(name: .customLong("use"), help: "现状用途 / current use") var currentUse = ""
    @Option(help: "建设主体 / builder") var builder = ""
    @Option(help: "核查说明 / notes") var notes = ""
    @Option(help: "现场照片（JPEG，可多次）/ photo (JPEG, repeatable)") var photo: [String] = []

    func run() throws {
        try perform {
            let time = try at.map { text -> Date in
                guard let date = try? Date(text, strategy: .iso8601) else {
                    throw ValidationError("--at 时间「\(text)」无效，应如 2024-04-03T10:00:00+08:00 / invalid --at \(text)")
                }
                return date
            } ?? Date()
            let construction = try state.map { text -> ConstructionState in
                guard let value = ConstructionState(text: text) else {
                    throw ValidationError("--state 应为 未动工、在建 或 已建成 / --state must be notStarted, underConstruction or completed")
                }
                return value
            }
            let position = lon.flatMap { lon in lat.map { Coordinate(lon: lon, lat: $0) } }
            let signature = step.signature
            let input = VerificationInput(officer: officer ?? signature.person, at: time, position: position,
                                          accuracyMetres: accuracy,
                                          form: VerificationForm(constructionState: construction, currentUse: currentUse, builder: builder),
                                          notes: notes, photoPaths: photo)
            let ws = try workspace.open()
            let (workflow, verification) = try ws.recordVerification(target.key, input, signature: signature,
                                                                     expectedVersion: step.expectVersion)
            print("已录入核查 / verification recorded: \(workflow.subject)，状态 \(workflow.status.chineseName)（版本 version \(workflow.version)）")
            for photo in verification.photos {
                let distance = photo.distanceToPatchMetres.map { String(format: "%.0f 米", $0) } ?? "无位置"
                print("  照片 \(photo.fileName) \(photo.sha256.prefix(12))… 拍摄 \(photo.takenAt ?? "无时间")，距图斑 \(distance)")
            }
            if verification.flags.isEmpty {
                print("  未发现异常 / no flags")
            } else {
                for flag in verification.flags { print("  ⚠ \(flag.chineseDescription)") }
            }
        }
    }
}
