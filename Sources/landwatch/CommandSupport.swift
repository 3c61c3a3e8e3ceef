import ArgumentParser
import Camera
import Detection
import Enforcement
import Foundation
import Geo
import GeoIO
import Prejudge
import Reports
import Store
import Workspace

/// Exit codes scripts can rely on (sysexits.h values).
enum ExitStatus {
    static let dataError: Int32 = 65
    static let ioError: Int32 = 74
    /// Someone else changed the record first: reload and try again.
    static let tryAgain: Int32 = 75
}

/// The workspace option every command after `init` takes.
struct WorkspaceOptions: ParsableArguments {
    @Option(name: [.short, .long], help: "工作空间目录 / workspace folder (default: $LANDWATCH_WORKSPACE or .)")
    var workspace: String?

    var url: URL {
        URL(fileURLWithPath: workspace ?? ProcessInfo.processInfo.environment["LANDWATCH_WORKSPACE"] ?? ".")
    }

    func open() throws -> Workspace { try Workspace.open(at: url) }
}

/// Who is acting, and which version of the record they acted on: for every workflow step.
struct StepOptions: ParsableArguments {
    @Option(help: "操作人（写入审计日志）/ who is acting, recorded in the audit log (default: $LANDWATCH_USER or $USER)")
    var by: String?
    @Option(help: "依据的版本号，别人已修改时拒绝保存 / the version you looked at; refused if someone changed it since")
    var expectVersion: Int?

    var signature: Signature {
        let environment = ProcessInfo.processInfo.environment
        return Signature(person: by ?? environment["LANDWATCH_USER"] ?? environment["USER"] ?? "unknown")
    }
}

/// A patch named on the command line by batch and code.
struct PatchOptions: ParsableArguments {
    @Option(help: "批次 / batch") var batch: String
    @Option(help: "图斑编号 / patch code") var patch: String

    var key: PatchKey { PatchKey(batch: batch, code: patch) }
}

/// Parses a date option (2024-05-01, 2024/5/1, 20240501).
func parseDay(_ text: String, option: String) throws -> CalendarDay {
    guard let day = CalendarDay(text) else {
        throw ValidationError("\(option) 日期「\(text)」无效，应如 2024-05-01 / \(option): invalid date \(text), expected e.g. 2024-05-01")
    }
    return day
}

/// Parses an area given in 亩 (`2.5`, `2.5mu`, `2.5亩`) or in square metres (`200m2`, `200㎡`).
func parseMu(_ text: String, option: String) throws -> Area {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    let squareMetres = ["m2", "㎡"].first { trimmed.hasSuffix($0) }
    let number = ["m2", "㎡", "mu", "亩"].first { trimmed.hasSuffix($0) }.map { String(trimmed.dropLast($0.count)) } ?? trimmed
    guard let value = Double(number.trimmingCharacters(in: .whitespaces)), value.isFinite, value >= 0 else {
        throw ValidationError("\(option) 面积「\(text)」无效，应为亩数如 2.5 或平方米如 200m2 / \(option): invalid area \(text), expected 亩 such as 2.5 or square metres such as 200m2")
    }
    return squareMetres == nil ? Area(mu: value) : Area(squareMetres: value)
}

/// Runs a command body, turning the libraries' errors into a bilingual message and an exit code.
func perform(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as ExitCode {
        throw error
    } catch let error as StoreError {
        switch error {
        case .conflict: fail(error, ExitStatus.tryAgain)
        case .notFound, .duplicate: fail(error, ExitStatus.dataError)
        default: fail(error, ExitStatus.ioError)
        }
    } catch let error as WorkspaceError {
        if case .notAWorkspace = error { fail(error, ExitStatus.ioError) }
        if case .cannotCreate = error { fail(error, ExitStatus.ioError) }
        fail(error, ExitStatus.dataError)
    } catch let error as GeoIOError {
        fail(error, ExitStatus.dataError)
    } catch let error as GeoError {
        fail(error, ExitStatus.dataError)
    } catch let error as EnforcementError {
        fail(error, ExitStatus.dataError)
    } catch let error as RulesError {
        fail(error, ExitStatus.dataError)
    } catch let error as ReportsError {
        fail(error, ExitStatus.ioError)
    } catch let error as DetectionError {
        fail(error, ExitStatus.dataError)
    } catch let error as CameraError {
        fail(error, ExitStatus.dataError)
    }
}

private func fail(_ error: CustomStringConvertible, _ status: Int32) -> Never {
    FileHandle.standardError.write(Data("错误 / Error: \(error)\n".utf8))
    Foundation.exit(status)
}

/// Parses `--assume-crs` (EPSG:4490, 4547, or anything PROJ reads).
func parseCRS(_ text: String?) throws -> CRS? {
    guard let text else { return nil }
    let crs = Int(text).map(CRS.epsg) ?? CRS(definition: text)
    _ = try crs.info()
    return crs
}


enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, geojson
}

/// Comma-separated values with RFC 4180 quoting.
func csvLine(_ fields: [String]) -> String {
    fields.map { field in
        field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" })
            ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
    }.joined(separator: ",")
}
