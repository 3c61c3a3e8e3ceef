import Foundation
import Geo
import GeoIO
import Testing
import TestSupport

/// Real boundaries (../shared/data/vector/china-admin: EPSG:4326 shapefiles with a UTF-8 .cpg).
@Suite("China admin boundaries (shared data)", .enabled(if: SharedData.isAvailable, SharedData.skipReason))
struct SharedDataTests {
    static let level1 = SharedData.path("vector/china-admin/chn_admin_level1.shp")
    static let level2 = SharedData.path("vector/china-admin/chn_admin_level2.shp")

    /// Guangdong's area on the WGS 84 ellipsoid with edges straight in lon/lat, 174 485.331 km², computed
    /// independently by docs/reference/ellipsoidal_area.py (mpmath, 40 digits) from the layer exported with
    ///     ogr2ogr -f GeoJSON gd.geojson chn_admin_level1.shp -where "ADM1_ZH='广东省'"
    /// over the MultiPolygon's 38 polygons, holes subtracted: 174_485_331_363.51 m². (Geodesic edges,
    /// geographiclib 2.1: 174_485_405_344.79 m², 4.2e-7 more; the same geometry projected with pyproj 3.7.2
    /// to the Albers CRS below and measured by shapely: 174_485_435_973.46 m².)
    static let guangdongSquareMetres = 174_485_331_363.51
    /// Albers equal-area conic on GRS80 for China. `+type=crs` is needed: Geo's CRS hands the string to
    /// proj_create, which reads a PROJ string without it as a conversion, not a CRS (see the report on
    /// ProjContext.create).
    static let albersGRS80 = CRS(definition: "+proj=aea +lat_1=25 +lat_2=47 +lat_0=0 +lon_0=105 +ellps=GRS80 +units=m +no_defs +type=crs")

    static func guangdong() throws -> (Geometry, CRS) {
        let layer = try VectorSource(path: level1).layer()
        var found: Geometry?
        try layer.forEachFeature { feature in
            if feature.attributes["ADM1_ZH"] == .string("广东省") { found = feature.geometry }
        }
        return (try #require(found), try layer.crs())
    }

    @Test("The province layer has 34 features with Chinese names in ADM1_ZH")
    func provinces() throws {
        let layer = try VectorSource(path: Self.level1).layer()
        #expect(layer.featureCount == 34)
        try layer.requireField("ADM1_ZH")
        var names: [String] = []
        try layer.forEachFeature { names.append($0.attributes["ADM1_ZH"]?.text ?? "") }
        #expect(names.count == 34)
        #expect(Set(names).count == 34)
        for name in ["广东省", "北京市", "新疆维吾尔自治区", "香港特别行政区", "台湾省"] {
            #expect(names.contains(name), "\(name) is among the provinces")
        }
        #expect(try layer.crs() == .epsg(4326))
    }

    @Test("Guangdong's ellipsoidal area agrees within 0.05% with an Albers equal-area projection on GRS80")
    func guangdongAgreesWithAlbers() throws {
        let (geometry, crs) = try Self.guangdong()
        let ellipsoidal = try EllipsoidalArea.of(geometry, in: crs).squareMetres
        let albers = try geometry.transformed(from: crs, to: Self.albersGRS80).planarArea()
        #expect(isClose(ellipsoidal, albers, relative: 5e-4))
        // The projected area itself matches pyproj + shapely on the same vertices.
        #expect(isClose(albers, 174_485_435_973.46, relative: 1e-6))
    }

    @Test("Guangdong's ellipsoidal area is about 174,485 km²")
    func guangdongArea() throws {
        let (geometry, crs) = try Self.guangdong()
        let area = try EllipsoidalArea.of(geometry, in: crs)
        #expect(isClose(area.squareKilometres, 174_485, relative: 5e-3))
        #expect(isClose(area.squareMetres, Self.guangdongSquareMetres, relative: 1e-12))
    }

    @Test("The city layer has 361 features")
    func cities() throws {
        let layer = try VectorSource(path: Self.level2).layer()
        #expect(layer.featureCount == 361)
        var count = 0
        try layer.forEachFeature { feature in
            count += 1
            #expect(feature.geometry?.isEmpty == false)
        }
        #expect(count == 361)
    }
}
