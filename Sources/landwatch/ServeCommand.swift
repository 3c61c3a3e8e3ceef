import ArgumentParser
import Foundation
import Hummingbird
import Server
import Workspace

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "启动网页与 API 服务 / serve the web UI and the JSON API",
        discussion: "API 文档 / API contract: http://HOST:PORT/api/openapi.json")

    @OptionGroup var workspace: WorkspaceOptions
    @Option(help: "监听地址 / address to listen on") var host = "127.0.0.1"
    @Option(help: "端口 / port") var port = 8080
    @Flag(help: "经 HTTPS 访问时设置 Secure Cookie / mark cookies Secure (site reached over HTTPS)") var secureCookies = false
    @Option(help: "网页目录（开发界面时用源码目录，免重新编译）/ web UI folder (the source folder while developing the UI)") var webDirectory: String?

    func run() async throws {
        var opened: Workspace?
        try perform { opened = try workspace.open() }
        guard let ws = opened else { return }
        if try ws.users().isEmpty {
            FileHandle.standardError.write(Data("提示 / note: 还没有用户，请先运行 landwatch users add / no users yet: add one with landwatch users add\n".utf8))
        }
        print("LandWatch 服务 / serving \(ws.root.path) at http://\(host):\(port)/")
        let settings = ServerSettings(host: host, port: port, secureCookies: secureCookies, webDirectory: webDirectory)
        try await LandWatchServer.application(workspace: ws, settings: settings).runService()
    }
}
