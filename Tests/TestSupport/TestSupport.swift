import Foundation

/// Where the package lives, found from this file's path (Tests/TestSupport/TestSupport.swift).
public let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The real third-party data beside the project (`../shared/data`, or `$LANDWATCH_SHARED_DATA`).
public enum SharedData {
    public static let root: URL = {
        if let override = ProcessInfo.processInfo.environment["LANDWATCH_SHARED_DATA"] {
            return URL(fileURLWithPath: override)
        }
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data")
    }()

    public static var isAvailable: Bool { FileManager.default.fileExists(atPath: root.appendingPathComponent("README.md").path) }

    /// The reason printed when a suite is skipped: use as `.enabled(if: SharedData.isAvailable, SharedData.skipReason)`.
    public static let skipReason: Comment = "跳过：未找到 ../shared/data（或 LANDWATCH_SHARED_DATA）/ skipped: ../shared/data not found"

    public static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }
}

import Testing

/// A fresh folder under the system temporary directory, removed when the value is released.
public final class TemporaryDirectory: @unchecked Sendable {
    public let url: URL

    public init(_ label: String = "landwatch-test") {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString)", isDirectory: true)
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }
}

/// The `landwatch` executable built beside the test bundle (.build/<config>/landwatch).
public var landwatchExecutable: URL {
    let besideRunner = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("landwatch")
    if FileManager.default.isExecutableFile(atPath: besideRunner.path) { return besideRunner }
    return packageRoot.appendingPathComponent(".build/debug/landwatch")
}

/// The result of running the CLI.
public struct CommandResult: Sendable {
    public let status: Int32
    public let stdout: String
    public let stderr: String
}

/// Runs `landwatch` with `arguments` and waits for it.
public func runLandwatch(_ arguments: [String], environment: [String: String] = [:]) throws -> CommandResult {
    try runTool(landwatchExecutable, arguments, environment: environment)
}

/// Runs a program with `arguments` (and `input` on its standard input, in `directory` when given),
/// waits for it, and returns its exit status and output.
public func runTool(_ executable: URL, _ arguments: [String], environment: [String: String] = [:], input: Data? = nil,
                    in directory: URL? = nil) throws -> CommandResult {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
    process.currentDirectoryURL = directory
    // Standard error goes to a file, so a chatty tool cannot block on one pipe while the other is read.
    let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("landwatch-tool-\(UUID().uuidString).err")
    _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: errorFile) }
    let errors = try FileHandle(forWritingTo: errorFile)
    defer { try? errors.close() }
    let out = Pipe()
    process.standardOutput = out
    process.standardError = errors
    let stdin = input.map { _ in Pipe() }
    if let stdin { process.standardInput = stdin }
    try process.run()
    if let stdin, let input {
        stdin.fileHandleForWriting.write(input)
        try stdin.fileHandleForWriting.close()
    }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let errData = (try? Data(contentsOf: errorFile)) ?? Data()
    return CommandResult(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                         stderr: String(decoding: errData, as: UTF8.self))
}

/// Runs a program found at an absolute path; see `runTool(_:_:environment:input:in:)`.
public func runTool(_ path: String, _ arguments: [String], input: Data? = nil, in directory: URL? = nil) throws -> CommandResult {
    try runTool(URL(fileURLWithPath: path), arguments, input: input, in: directory)
}
