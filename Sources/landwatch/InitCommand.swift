import ArgumentParser
import Foundation
import Workspace

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "创建工作空间 / create a workspace (SQLite database + files/)")

    @Argument(help: "工作空间目录 / workspace folder")
    var directory: String

    func run() throws {
        try perform {
            let workspace = try Workspace.create(at: URL(fileURLWithPath: directory))
            print("已创建工作空间 / workspace ready: \(workspace.root.path)")
        }
    }
}
