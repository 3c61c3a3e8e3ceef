import Enforcement
import Foundation
import Store
import Testing
import TestSupport
import Workspace

@Suite("Creating and opening a workspace")
struct WorkspaceCreateTests {
    @Test("Workspace.create makes landwatch.sqlite and a files folder")
    func createMakesDatabaseAndFiles() throws {
        let directory = TemporaryDirectory()
        let root = directory.url.appendingPathComponent("新工作空间", isDirectory: true)
        let workspace = try Workspace.create(at: root)
        var isDirectory: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("landwatch.sqlite").path))
        #expect(FileManager.default.fileExists(atPath: workspace.filesDirectory.path, isDirectory: &isDirectory))
        #expect(isDirectory.boolValue)
        #expect(workspace.filesDirectory == root.appendingPathComponent("files", isDirectory: true))
        #expect(try workspace.store.batches().isEmpty)
        #expect(try workspace.store.regions().isEmpty)
        #expect(try workspace.store.layers().isEmpty)
    }

    @Test("Creating a workspace twice is harmless and keeps what it holds")
    func createTwiceKeepsData() throws {
        let directory = TemporaryDirectory()
        let first = try Fixture.workspace(in: directory)
        let regions = try Fixture.writeRegions(in: directory)
        _ = try RegionImport(path: regions, codeField: "XZQDM", nameField: "XZQMC").run(in: first)

        let second = try Fixture.workspace(in: directory)
        #expect(try second.store.regions().map(\.code.rawValue) == ["449901", "449902"])
        #expect(FileManager.default.fileExists(atPath: second.filesDirectory.path))
    }

    @Test("Opening an empty folder throws notAWorkspace and creates nothing")
    func openEmptyFolderThrows() throws {
        let directory = TemporaryDirectory()
        #expect(throws: WorkspaceError.notAWorkspace(path: directory.url.path)) {
            try Workspace.open(at: directory.url)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path).isEmpty)
    }

    @Test("Opening a created workspace sees its data")
    func openCreatedWorkspace() throws {
        let directory = TemporaryDirectory()
        let created = try Fixture.workspace(in: directory)
        let regions = try Fixture.writeRegions(in: directory)
        _ = try RegionImport(path: regions, codeField: "XZQDM", nameField: "XZQMC").run(in: created)
        let opened = try Workspace.open(at: created.root)
        #expect(try opened.store.regions().count == 2)
    }
}
