import Foundation
import Testing
import Geo

// Expected coordinates: pyproj 3.7.2 (PROJ 9.5.1),
//   Transformer.from_crs(src, dst, always_xy=True).transform(lon, lat)
// and, bit for bit the same, the system libproj 9.1.1 through ctypes
// (proj_create_crs_to_crs + proj_normalize_for_visualization + proj_trans).

@Suite("CRS")
struct CRSTests {
    @Test("CGCS2000 3-degree Gauss-Krüger CM 114°E without zone prefix is EPSG:4547")
    func cm114WithoutPrefix() {
        #expect(CRS.cgcs2000GaussKruger3Degree(centralMeridian: 114, zonePrefix: false) == .epsg(4547))
    }

    @Test("CGCS2000 3-degree Gauss-Krüger CM 114°E with zone prefix is EPSG:4526 (zone 38)")
    func cm114WithPrefix() {
        // pyproj: CRS.from_epsg(4526).name == "CGCS2000 / 3-degree Gauss-Kruger zone 38", false easting 38500000.
        #expect(CRS.cgcs2000GaussKruger3Degree(centralMeridian: 114, zonePrefix: true) == .epsg(4526))
    }

    @Test("Every 3-degree zone's EPSG code is the one PROJ names after its central meridian",
          arguments: Array(stride(from: 75, through: 135, by: 3)))
    func everyZoneNamedByPROJ(centralMeridian: Int) throws {
        // EPSG:4534…4554 are "CGCS2000 / 3-degree Gauss-Kruger CM 75E" … "CM 135E";
        // EPSG:4513…4533 are "… zone 25" … "zone 45", zone = CM / 3 (checked for all 21 with pyproj).
        let plain = try #require(CRS.cgcs2000GaussKruger3Degree(centralMeridian: centralMeridian, zonePrefix: false))
        let prefixed = try #require(CRS.cgcs2000GaussKruger3Degree(centralMeridian: centralMeridian, zonePrefix: true))
        #expect(try plain.info().name == "CGCS2000 / 3-degree Gauss-Kruger CM \(centralMeridian)E")
        #expect(try prefixed.info().name == "CGCS2000 / 3-degree Gauss-Kruger zone \(centralMeridian / 3)")
    }

    @Test("A central meridian that is not a 3-degree zone of 75…135°E has no Gauss-Krüger CRS",
          arguments: [72, 74, 76, 113, 115, 138, 0, -114])
    func notAZone(centralMeridian: Int) {
        #expect(CRS.cgcs2000GaussKruger3Degree(centralMeridian: centralMeridian, zonePrefix: false) == nil)
        #expect(CRS.cgcs2000GaussKruger3Degree(centralMeridian: centralMeridian, zonePrefix: true) == nil)
    }

    @Test("EPSG:4547 is projected, on geographic EPSG:4490 and the CGCS2000 ellipsoid")
    func infoOf4547() throws {
        let info = try CRS.epsg(4547).info()
        #expect(info.name == "CGCS2000 / 3-degree Gauss-Kruger CM 114E")
        #expect(info.isProjected)
        #expect(!info.isGeographic)
        #expect(info.geographicCRS == .epsg(4490))
        #expect(info.ellipsoid.semiMajorAxisMetres == 6_378_137)
        #expect(isClose(1 / info.ellipsoid.flattening, 298.257222101, absolute: 1e-9))
        #expect(isClose(info.ellipsoid.flattening, Ellipsoid.cgcs2000.flattening, relative: 1e-15))
    }

    @Test("EPSG:4490 is geographic and is its own geographic CRS")
    func infoOf4490() throws {
        let info = try CRS.cgcs2000.info()
        #expect(info.name == "China Geodetic Coordinate System 2000")
        #expect(info.isGeographic)
        #expect(!info.isProjected)
        #expect(info.geographicCRS == .epsg(4490))
        #expect(isClose(1 / info.ellipsoid.flattening, 298.257222101, absolute: 1e-9))
    }

    @Test("EPSG:4326 reports the WGS 84 ellipsoid")
    func infoOf4326() throws {
        let info = try CRS.wgs84.info()
        #expect(info.isGeographic)
        #expect(isClose(1 / info.ellipsoid.flattening, 298.257223563, absolute: 1e-9))
        #expect(isClose(info.ellipsoid.flattening, Ellipsoid.wgs84.flattening, relative: 1e-15))
    }

    @Test("An unknown EPSG code throws unknownCRS naming the definition")
    func unknownCRS() {
        do {
            _ = try CRS(definition: "EPSG:999999").info()
            Issue.record("EPSG:999999 was accepted")
        } catch let GeoError.unknownCRS(definition, _) {
            #expect(definition == "EPSG:999999")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test("A transformer to an unknown CRS throws unknownCRS")
    func transformerToUnknownCRS() {
        do {
            _ = try CoordinateTransformer.cached(from: .cgcs2000, to: CRS(definition: "EPSG:999999"))
            Issue.record("EPSG:999999 was accepted")
        } catch let GeoError.unknownCRS(definition, _) {
            #expect(definition == "EPSG:999999")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test("epsgCode reads EPSG definitions in either case and nothing else")
    func epsgCode() {
        #expect(CRS.epsg(4547).epsgCode == 4547)
        #expect(CRS(definition: "epsg:4490").epsgCode == 4490)
        #expect(CRS(definition: "+proj=longlat +ellps=GRS80").epsgCode == nil)
        #expect(CRS(definition: "EPSG:abc").epsgCode == nil)
        #expect(CRS.epsg(4547).description == "EPSG:4547")
    }
}

@Suite("CoordinateTransformer")
struct CoordinateTransformerTests {
    @Test("lon 113.3, lat 23.1 on CGCS2000 goes to pyproj's EPSG:4547 easting/northing")
    func toGaussKruger() throws {
        let projected = try CoordinateTransformer.cached(from: .cgcs2000, to: .epsg(4547))
            .transform(Coordinate(lon: 113.3, lat: 23.1))
        // pyproj: (428285.95615640597, 2555783.9287828063); system PROJ gives the same doubles.
        #expect(isClose(projected.x, 428_285.95615640597, absolute: 1e-6))
        #expect(isClose(projected.y, 2_555_783.9287828063, absolute: 1e-6))
    }

    @Test("A point on the central meridian gets the false easting 500 000 m")
    func onCentralMeridian() throws {
        let projected = try CoordinateTransformer.cached(from: .cgcs2000, to: .epsg(4547))
            .transform(Coordinate(lon: 114, lat: 23))
        // pyproj: (500000.0, 2544537.57855209)
        #expect(isClose(projected.x, 500_000, absolute: 1e-6))
        #expect(isClose(projected.y, 2_544_537.57855209, absolute: 1e-6))
    }

    @Test("The zone-prefixed CRS adds zone × 1 000 000 m to the easting and keeps the northing")
    func zonePrefixAddsZone() throws {
        let lonLat = Coordinate(lon: 113.3, lat: 23.1)
        let plain = try CoordinateTransformer.cached(from: .cgcs2000, to: .epsg(4547)).transform(lonLat)
        let prefixed = try CoordinateTransformer.cached(from: .cgcs2000, to: .epsg(4526)).transform(lonLat)
        // pyproj EPSG:4526: (38428285.9561564, 2555783.9287828063)
        #expect(isClose(prefixed.x, 38_428_285.9561564, absolute: 1e-6))
        #expect(isClose(prefixed.x - plain.x, 38_000_000, absolute: 1e-6))
        #expect(prefixed.y == plain.y)
    }

    @Test("Gauss-Krüger to CGCS2000 and back returns the longitude/latitude within 1e-9°")
    func roundTrip() throws {
        let start = Coordinate(lon: 113.3, lat: 23.1)
        let projected = try CoordinateTransformer.cached(from: .cgcs2000, to: .epsg(4547)).transform(start)
        let back = try CoordinateTransformer.cached(from: .epsg(4547), to: .cgcs2000).transform(projected)
        // system PROJ: (113.3, 23.099999999999998)
        #expect(isClose(back.x, start.x, absolute: 1e-9))
        #expect(isClose(back.y, start.y, absolute: 1e-9))
    }

    @Test("CGCS2000 to Web Mercator matches pyproj and the spherical Mercator formula")
    func toWebMercator() throws {
        let projected = try CoordinateTransformer.cached(from: .cgcs2000, to: .webMercator)
            .transform(Coordinate(lon: 113.3, lat: 23.1))
        // pyproj: (12612498.306877896, 2644116.434002208), via PROJ's "Ballpark geographic offset from
        // China Geodetic Coordinate System 2000 to WGS 84" + Pseudo-Mercator.
        #expect(isClose(projected.x, 12_612_498.306877896, absolute: 1e-6))
        #expect(isClose(projected.y, 2_644_116.434002208, absolute: 1e-6))
        // x = R·λ, y = R·ln tan(π/4 + φ/2), R = 6 378 137 m.
        let r = 6_378_137.0, lambda = 113.3 * Double.pi / 180, phi = 23.1 * Double.pi / 180
        #expect(isClose(projected.x, r * lambda, absolute: 1e-6))
        #expect(isClose(projected.y, r * log(tan(Double.pi / 4 + phi / 2)), absolute: 1e-6))
    }

    @Test("Transforming an array converts every coordinate in place")
    func transformsArray() throws {
        var coordinates = [Coordinate(lon: 114, lat: 23), Coordinate(lon: 113.3, lat: 23.1)]
        try CoordinateTransformer.cached(from: .cgcs2000, to: .epsg(4547)).transform(&coordinates)
        #expect(isClose(coordinates[0].x, 500_000, absolute: 1e-6))
        #expect(isClose(coordinates[0].y, 2_544_537.57855209, absolute: 1e-6))
        #expect(isClose(coordinates[1].x, 428_285.95615640597, absolute: 1e-6))
        #expect(isClose(coordinates[1].y, 2_555_783.9287828063, absolute: 1e-6))
    }

    @Test("A latitude beyond the pole throws transformFailed")
    func invalidLatitudeThrows() {
        do {
            _ = try CoordinateTransformer.cached(from: .cgcs2000, to: .epsg(4547)).transform(Coordinate(lon: 113.3, lat: 91))
            Issue.record("latitude 91 was transformed")
        } catch let GeoError.transformFailed(source, target, _) {
            #expect(source == "EPSG:4490")
            #expect(target == "EPSG:4547")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test("The cached transformer for a pair is reused on the same thread")
    func cachedIsReused() throws {
        let first = try CoordinateTransformer.cached(from: .cgcs2000, to: .epsg(4547))
        let second = try CoordinateTransformer.cached(from: .cgcs2000, to: .epsg(4547))
        #expect(first === second)
        #expect(first.source == .cgcs2000)
        #expect(first.target == .epsg(4547))
    }

    @Test("A polygon with a hole reprojected and back keeps its rings and coordinates")
    func geometryRoundTrip() throws {
        let original = Geometry(WKBFixtures.polygonWithHole)
        let projected = try original.transformed(from: .cgcs2000, to: .epsg(4547))
        let back = try projected.transformed(from: .epsg(4547), to: .cgcs2000)
        guard case .polygon(let p) = back.shape, case .polygon(let q) = original.shape else {
            Issue.record("not a polygon: \(back.shape.typeName)")
            return
        }
        #expect(p.rings.map(\.count) == q.rings.map(\.count))
        for (c, d) in zip(back.shape.coordinates, original.shape.coordinates) {
            #expect(isClose(c.x, d.x, absolute: 1e-9) && isClose(c.y, d.y, absolute: 1e-9), "\(c) vs \(d)")
        }
        // Projected coordinates are metres around the CM 114°E false easting.
        let envelope = try #require(projected.envelope)
        #expect(envelope.minX > 420_000 && envelope.maxX < 440_000)
        #expect(envelope.minY > 2_550_000 && envelope.maxY < 2_565_000)
    }

    @Test("Transforming to the same CRS returns the geometry unchanged")
    func sameCRSIsIdentity() throws {
        let original = Geometry(WKBFixtures.polygonWithHole)
        #expect(try original.transformed(from: .cgcs2000, to: .cgcs2000) == original)
    }

    @Test("Transforms on 8 threads at once give the single-threaded result (thread-confined PROJ contexts)")
    func concurrentTransforms() throws {
        let lonLat = Coordinate(lon: 113.3, lat: 23.1)
        let expected = try CoordinateTransformer.cached(from: .cgcs2000, to: .epsg(4547)).transform(lonLat)
        let results = Collected<Coordinate?>()
        DispatchQueue.concurrentPerform(iterations: 8) { i in
            var last: Coordinate?
            for _ in 0..<200 {
                let c = try? CoordinateTransformer.cached(from: .cgcs2000, to: .epsg(4547)).transform(lonLat)
                if c == nil || (last != nil && c != last) { last = nil; break }
                last = c
            }
            results.record(last, at: i)
        }
        let values = results.values
        #expect(values.count == 8)
        for i in 0..<8 {
            let got: Coordinate? = values[i] ?? nil
            #expect(got == expected, "iteration \(i)")
        }
    }
}
