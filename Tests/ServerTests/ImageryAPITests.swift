import Enforcement
import Foundation
import Geo
import GeoIO
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TestSupport
import Workspace
@testable import Server

@Suite("Imagery and its tiles through the API")
struct ImageryAPITests {
    let directory = TemporaryDirectory()
    let workspace: Workspace
    let image: Imagery

    /// A 2 km grey image in EPSG:4547 around the fixture's patches (113.3°E, 23.1°N), registered as 后时相.
    init() throws {
        workspace = try ServerFixture.workspace(in: directory)
        let centre = try CoordinateTransformer.cached(from: .cgcs2000, to: .epsg(4547)).transform(Coordinate(x: 113.302, y: 23.1005))
        let path = directory.path("after.tif")
        let canvas = try RasterCanvas(path: path, crs: .epsg(4547),
                                      envelope: Envelope(minX: centre.x - 1_000, minY: centre.y - 1_000, maxX: centre.x + 1_000, maxY: centre.y + 1_000),
                                      pixelSize: 10, background: (120, 120, 120))
        canvas.finish()
        image = try workspace.addImagery(path: path, batch: ServerFixture.batch, phase: .after, acquired: CalendarDay("2024-03-20"), name: nil)
    }

    /// The XYZ address of the tile holding (lon, lat) at zoom z.
    private func tileAddress(lon: Double, lat: Double, z: Int) -> String {
        let n = Double(1 << z)
        let x = Int((lon + 180) / 360 * n), y = Int((1 - log(tan(lat * .pi / 180) + 1 / cos(lat * .pi / 180)) / .pi) / 2 * n)
        return "\(z)/\(x)/\(y)"
    }

    @Test("A batch's imagery is listed with its phase, footprint and tile template")
    func imageryListed() async throws {
        try await ServerFixture.application(workspace).test(.router) { client in
            let session = try await client.signIn("dongling")
            try await client.call("/api/imagery?batch=\(ServerFixture.batch)", as: session) { response throws in
                let list = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [[String: Any]] ?? []
                #expect(list.count == 1)
                #expect((list.first?["phase"] as? [String: Any])?["name"] as? String == "后时相")
                #expect(list.first?["tiles"] as? String == "/api/imagery/\(image.id)/tiles/{z}/{x}/{y}.png")
            }
        }
    }

    @Test("A tile over the image is a PNG, rendered once and then served from the workspace's tile cache")
    func tileRenderedAndCached() async throws {
        let address = tileAddress(lon: 113.302, lat: 23.1005, z: 16)
        try await ServerFixture.application(workspace).test(.router) { client in
            let session = try await client.signIn("dongling")
            try await client.call("/api/imagery/\(image.id)/tiles/\(address).png", as: session) { response throws in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "image/png")
                #expect(Data(buffer: response.body).starts(with: [0x89, 0x50, 0x4E, 0x47]))
            }
        }
        let cached = workspace.filesDirectory.appendingPathComponent("tiles/\(image.id)/\(address).png")
        #expect(FileManager.default.fileExists(atPath: cached.path))
    }

    @Test("A tile away from the image answers 204, a bad address 400 and an unknown image 404")
    func tileErrors() async throws {
        try await ServerFixture.application(workspace).test(.router) { client in
            let session = try await client.signIn("dongling")
            try await client.call("/api/imagery/\(image.id)/tiles/\(tileAddress(lon: 100, lat: 40, z: 16)).png", as: session) {
                #expect($0.status == .noContent)
            }
            try await client.call("/api/imagery/\(image.id)/tiles/30/0/0.png", as: session) { #expect($0.status == .badRequest) }
            try await client.call("/api/imagery/\(image.id)/tiles/2/9/0.png", as: session) { #expect($0.status == .badRequest) }
            try await client.call("/api/imagery/999/tiles/2/1/1.png", as: session) { #expect($0.status == .notFound) }
        }
    }

    @Test("Registering a file that is not imagery, or for a batch that does not exist, is refused")
    func badRegistrationRefused() throws {
        let text = directory.path("notes.txt")
        try "text".write(toFile: text, atomically: true, encoding: .utf8)
        #expect(throws: GeoIOError.self) { try workspace.addImagery(path: text, batch: nil, phase: .before, acquired: nil, name: nil) }
        #expect(throws: WorkspaceError.noBatch("1999Q9")) {
            try workspace.addImagery(path: image.path, batch: "1999Q9", phase: .before, acquired: nil, name: nil)
        }
        #expect(try workspace.store.imagery(batch: ServerFixture.batch).count == 1)
    }
}
