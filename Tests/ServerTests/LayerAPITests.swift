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

@Suite("Reference layers on the map through the API")
struct LayerAPITests {
    let directory = TemporaryDirectory()
    let workspace: Workspace
    let layerID: Int64

    /// A basic-farmland layer of three 0.01° squares west to east from 113.30°E, 23.10°N; the middle one
    /// is a circle of 2,000 vertices, for simplification.
    init() throws {
        workspace = try ServerFixture.workspace(in: directory)
        let path = directory.path("jbnt.gpkg")
        let writer = try VectorWriter(path: path, format: .gpkg, layerName: "JBNT", crs: .cgcs2000, fields: [FieldDefinition("DLBM", .string(width: 4))])
        try writer.write(geometry: Geometry(rectangle: Envelope(minX: 113.30, minY: 23.10, maxX: 113.31, maxY: 23.11)), attributes: ["DLBM": .string("0101")])
        let circle = (0..<2_000).map { i -> Coordinate in
            let a = Double(i) / 2_000 * 2 * .pi
            return Coordinate(x: 113.325 + 0.005 * cos(a), y: 23.105 + 0.005 * sin(a))
        }
        try writer.write(geometry: Geometry(.polygon(Polygon(exterior: circle + [circle[0]]))), attributes: ["DLBM": .string("0102")])
        try writer.write(geometry: Geometry(rectangle: Envelope(minX: 113.34, minY: 23.10, maxX: 113.35, maxY: 23.11)), attributes: ["DLBM": .string("0103")])
        try writer.finish()
        var job = LayerImport(path: path, kind: .basicFarmland, name: "永久基本农田")
        job.classField = "DLBM"
        _ = try job.run(in: workspace)
        layerID = try #require(try workspace.store.layers().first?.id)
    }

    private func collection(_ response: TestResponse) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any] ?? [:]
    }

    @Test("The features meeting the view come back as a GeoJSON FeatureCollection with their class codes")
    func featuresInView() async throws {
        try await ServerFixture.application(workspace).test(.router) { client in
            let session = try await client.signIn("dongling")
            try await client.call("/api/layers/\(layerID)/features?bbox=113.295,23.095,113.321,23.115&zoom=14", as: session) { response throws in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("application/geo+json") == true)
                let body = try collection(response)
                #expect(body["type"] as? String == "FeatureCollection" && body["truncated"] as? Bool == false)
                let classes = (body["features"] as? [[String: Any]] ?? []).compactMap { ($0["properties"] as? [String: Any])?["classCode"] as? String }
                #expect(classes == ["0101", "0102"])
            }
        }
    }

    @Test("Outlines are simplified to the zoom: the 2,000-vertex circle keeps far fewer vertices at zoom 10 than at 18")
    func simplifiedByZoom() throws {
        let view = Envelope(minX: 113.318, minY: 23.098, maxX: 113.332, maxY: 23.112)
        func vertices(_ zoom: Int) throws -> Int {
            let (features, _) = try workspace.mapFeatures(layer: layerID, envelope: view, zoom: zoom)
            return try #require(features.first).geometry.shape.coordinates.count
        }
        #expect(try vertices(18) == 2_001)
        #expect(try vertices(10) < 100)
    }

    @Test("A missing or oversized view is 400, an unknown layer 404")
    func badRequests() async throws {
        try await ServerFixture.application(workspace).test(.router) { client in
            let session = try await client.signIn("dongling")
            try await client.call("/api/layers/\(layerID)/features", as: session) { #expect($0.status == .badRequest) }
            try await client.call("/api/layers/\(layerID)/features?bbox=110,20,115,25", as: session) { #expect($0.status == .badRequest) }
            try await client.call("/api/layers/\(layerID)/features?bbox=113.3,23.1,113.31,23.11&zoom=40", as: session) { #expect($0.status == .badRequest) }
            try await client.call("/api/layers/999/features?bbox=113.3,23.1,113.31,23.11", as: session) { #expect($0.status == .notFound) }
            try await client.call("/api/layers", as: session) { response throws in
                let layers = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [[String: Any]] ?? []
                #expect(layers.map { $0["featureCount"] as? Int } == [3])
            }
        }
    }

    @Test("A rendered tile over the layer is a PNG kept in the cache; beyond the layer or too far out it is 204")
    func renderedTiles() async throws {
        let tiles = "/api/layers/\(layerID)/tiles"
        try await ServerFixture.application(workspace).test(.router) { client in
            let session = try await client.signIn("dongling")
            try await client.call("\(tiles)/12/3337/1777.png", as: session) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "image/png")
                #expect(Data(buffer: response.body).starts(with: [0x89, 0x50, 0x4E, 0x47]))
            }
            try await client.call("\(tiles)/12/3185/1689.png", as: session) { #expect($0.status == .noContent) }
            try await client.call("\(tiles)/7/104/55.png", as: session) { #expect($0.status == .noContent) }
            try await client.call("\(tiles)/12/99999/1.png", as: session) { #expect($0.status == .badRequest) }
            try await client.call("/api/layers/999/tiles/12/3337/1777.png", as: session) { #expect($0.status == .notFound) }
        }
        let cached = workspace.filesDirectory.appendingPathComponent("tiles/layer-\(layerID)-v1/12/3337/1777.png")
        #expect(FileManager.default.fileExists(atPath: cached.path))
    }
}
