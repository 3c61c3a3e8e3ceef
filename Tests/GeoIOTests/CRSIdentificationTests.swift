import Foundation
import Geo
import GeoIO
import Testing
import TestSupport

/// What a layer says its CRS is: an EPSG code where one matches, the assumed CRS where the file has none.
@Suite("Layer CRS identification")
struct CRSIdentificationTests {
    /// `gdalsrsinfo -o wkt_esri EPSG:4547` (GDAL 3.6.2), on one line as ArcGIS writes .prj files.
    static let esriCGCS2000GK114E = #"PROJCS["CGCS2000_3_Degree_GK_CM_114E",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",114.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]"#

    /// A one-feature shapefile in `folder`, its .prj removed.
    static func shapefileWithoutPRJ(in folder: TemporaryDirectory, crs: CRS = .cgcs2000,
                                    geometry: Geometry = square(x: 113.3, y: 23.1, size: 0.01)) throws -> String {
        let path = folder.path("noprj.shp")
        try writeLayer(path, format: .shp, crs: crs, fields: [FieldDefinition("JCBH", .string(width: 20))],
                       features: [(geometry, ["JCBH": .string("T001")])])
        try FileManager.default.removeItem(atPath: folder.path("noprj.prj"))
        return path
    }

    @Test("A shapefile without .prj has no CRS: crs() throws missingCRS naming the file")
    func missingPRJThrows() throws {
        let folder = TemporaryDirectory()
        let path = try Self.shapefileWithoutPRJ(in: folder)
        let layer = try VectorSource(path: path).layer()
        #expect(throws: GeoIOError.missingCRS(path: path)) { try layer.crs() }
    }

    @Test("The missing-CRS message is in Chinese and English and points to --assume-crs")
    func missingCRSMessage() throws {
        let folder = TemporaryDirectory()
        let path = try Self.shapefileWithoutPRJ(in: folder)
        let layer = try VectorSource(path: path).layer()
        let error = #expect(throws: GeoIOError.self) { try layer.crs() }
        let message = error.map { "\($0)" } ?? ""
        #expect(message.contains("未定义坐标系"))
        #expect(message.contains("--assume-crs"))
        #expect(message.contains(path))
    }

    @Test("A shapefile without .prj takes the assumed CRS: EPSG:4490")
    func assumedCRS() throws {
        let folder = TemporaryDirectory()
        let path = try Self.shapefileWithoutPRJ(in: folder)
        let crs = try VectorSource(path: path).layer().crs(assuming: .cgcs2000)
        #expect(crs == .epsg(4490))
        #expect(crs.epsgCode == 4490)
    }

    @Test("An assumed CRS does not override the CRS a file declares")
    func declaredWinsOverAssumed() throws {
        let folder = TemporaryDirectory()
        let path = folder.path("declared.gpkg")
        try writeLayer(path, format: .gpkg, crs: .wgs84, fields: [], features: [(square(x: 113, y: 23, size: 0.1), [:])])
        #expect(try VectorSource(path: path).layer().crs(assuming: .cgcs2000) == .epsg(4326))
    }

    @Test("An ESRI .prj for CGCS2000 3-degree Gauss-Krüger CM 114E is identified as EPSG:4547")
    func esriPRJIsIdentified() throws {
        let folder = TemporaryDirectory()
        let gk = square(x: 500_000, y: 2_550_000, size: 100)
        let path = try Self.shapefileWithoutPRJ(in: folder, crs: .epsg(4547), geometry: gk)
        try Self.esriCGCS2000GK114E.write(toFile: folder.path("noprj.prj"), atomically: true, encoding: .utf8)
        let crs = try VectorSource(path: path).layer().crs()
        #expect(crs == .epsg(4547))
    }

    @Test("A shapefile VectorWriter writes in EPSG:4547 is identified as EPSG:4547 again")
    func writtenGKIsIdentified() throws {
        let folder = TemporaryDirectory()
        let path = folder.path("gk.shp")
        try writeLayer(path, format: .shp, crs: .epsg(4547), fields: [],
                       features: [(square(x: 500_000, y: 2_550_000, size: 100), [:])])
        #expect(try VectorSource(path: path).layer().crs() == .epsg(4547))
    }

    @Test("A GeoPackage in EPSG:4326 is identified as EPSG:4326")
    func geoPackageWGS84() throws {
        let folder = TemporaryDirectory()
        let path = folder.path("wgs84.gpkg")
        try writeLayer(path, format: .gpkg, crs: .wgs84, fields: [FieldDefinition("JCBH", .string(width: 0))],
                       features: [(square(x: 113.3, y: 23.1, size: 0.01), ["JCBH": .string("T001")])])
        #expect(try VectorSource(path: path).layer().crs() == .epsg(4326))
    }

    @Test("A GeoPackage in EPSG:4490 is identified as EPSG:4490")
    func geoPackageCGCS2000() throws {
        let folder = TemporaryDirectory()
        let path = folder.path("cgcs2000.gpkg")
        try writeLayer(path, format: .gpkg, crs: .cgcs2000, fields: [],
                       features: [(square(x: 113.3, y: 23.1, size: 0.01), [:])])
        #expect(try VectorSource(path: path).layer().crs() == .epsg(4490))
    }
}
