import Foundation
import Geo
import GeoIO
import Testing
import TestSupport

/// `VectorLayer.filter(where:)`: one county out of a file of several, as `detect --aoi-where` reads it.
@Suite struct AttributeFilterTests {
    static func counties(in folder: TemporaryDirectory) throws -> String {
        let path = folder.path("counties.gpkg")
        try writeLayer(path, format: .gpkg, fields: [FieldDefinition("XZQDM", .string(width: 6)), FieldDefinition("XZQMC", .string(width: 20))],
                       features: [(square(x: 113.0, y: 23.0, size: 0.1), ["XZQDM": .string("449901"), "XZQMC": .string("东岭县")]),
                                  (square(x: 113.1, y: 23.0, size: 0.1), ["XZQDM": .string("449902"), "XZQMC": .string("青禾县")]),
                                  (square(x: 113.2, y: 23.0, size: 0.1), ["XZQDM": .string("449903"), "XZQMC": .string("南川县")])],
                       layerName: "县级行政区")
        return path
    }

    @Test func aFilterKeepsOnlyTheFeaturesItSelects() throws {
        let folder = TemporaryDirectory()
        let layer = try VectorSource(path: try Self.counties(in: folder)).layer()
        try layer.filter(where: "XZQDM = '449902' OR XZQMC = '南川县'")
        var codes: [String] = []
        try layer.forEachFeature { codes.append($0.attributes["XZQDM"]?.text ?? "") }
        #expect(codes == ["449902", "449903"])
    }

    @Test func aFilterNamingAMissingFieldIsRefusedWithTheLayersFields() throws {
        let folder = TemporaryDirectory()
        let path = try Self.counties(in: folder)
        let layer = try VectorSource(path: path).layer()
        do {
            try layer.filter(where: "CODE = '449902'")
            Issue.record("the filter was accepted")
        } catch let GeoIOError.invalidFilter(errorPath, expression, _, available) {
            #expect(errorPath == path && expression == "CODE = '449902'")
            #expect(available == ["XZQDM", "XZQMC"])
        }
    }
}
