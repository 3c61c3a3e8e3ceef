import ArgumentParser
import Enforcement
import Foundation
import Geo
import GeoIO
import Prejudge
import Store
import Workspace

/// Exit codes scripts can rely on (sysexits.h values).
enum ExitStatus {
    static let dataError: Int32 = 65
    static let ioError: Int32 = 74
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

/// Runs a command body, turning the libraries' errors into a bilingual message and an exit code.
func perform(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as ExitCode {
        throw error
    } catch let error as StoreError {
        fail(error, ExitStatus.ioError)
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

/// 亩 and 公顷 with the precision bureaus report.
func formatMu(_ area: Area) -> String { String(format: "%.2f", area.mu) }
func formatHectares(_ area: Area) -> String { String(format: "%.4f", area.hectares) }

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
