import Camera
import Enforcement
import Foundation
import Geo
import GeoIO
import Testing

struct GroundHomographyTests {
    /// A camera looking at flat ground near 115° E, 37° N: image pixel (x, y) ↦ a projective map of
    /// known coefficients, a view about 500 m deep.
    static let truth: [Double] = [2e-6, 1e-7, 1e-3, 3e-8, -1.5e-6, 2e-3, 1e-5, 2e-4, 1.0]

    static func project(_ x: Double, _ y: Double) -> Coordinate {
        let w = truth[6] * x + truth[7] * y + truth[8]
        return Coordinate(x: 115 + (truth[0] * x + truth[1] * y + truth[2]) / w, y: 37 + (truth[3] * x + truth[4] * y + truth[5]) / w)
    }

    /// To 1e-10° (about 0.01 mm): four points determine the homography, fitted in double precision.
    @Test func fourControlPointsGiveTheHomographyThatMapsEveryOtherPixel() throws {
        let image = [Coordinate(x: 10, y: 300), Coordinate(x: 630, y: 310), Coordinate(x: 600, y: 470), Coordinate(x: 40, y: 460)]
        let homography = try GroundHomography(image: image, ground: image.map { Self.project($0.x, $0.y) })
        let mapped = try #require(homography.ground(x: 321, y: 402))
        let expected = Self.project(321, 402)
        #expect(abs(mapped.x - expected.x) < 1e-10)
        #expect(abs(mapped.y - expected.y) < 1e-10)
    }

    @Test func anAlarmFootprintIsMeasuredOnTheEllipsoid() throws {
        // An affine map: 1 pixel = 1e-5° of longitude and of latitude at 30° N.
        let image = [Coordinate(x: 0, y: 0), Coordinate(x: 100, y: 0), Coordinate(x: 100, y: 100), Coordinate(x: 0, y: 100)]
        let ground = image.map { Coordinate(x: 120 + $0.x * 1e-5, y: 30 - $0.y * 1e-5) }
        let homography = try GroundHomography(image: image, ground: ground)
        let footprint = try #require(homography.footprint(of: PixelWindow(x: 10, y: 10, width: 50, height: 20)))
        let expected = EllipsoidalArea.of(lonLat: .polygon(Polygon(exterior: [
            Coordinate(x: 120.0001, y: 29.9999), Coordinate(x: 120.0006, y: 29.9999), Coordinate(x: 120.0006, y: 29.9997),
            Coordinate(x: 120.0001, y: 29.9997), Coordinate(x: 120.0001, y: 29.9999)])))
        #expect(abs(footprint.area.squareMetres - expected.squareMetres) < 1e-6 * expected.squareMetres)
        #expect(footprint.area.squareMetres > 200)
    }

    @Test func fewerThanFourControlPointsAreRefused() {
        let points = [Coordinate(x: 0, y: 0), Coordinate(x: 1, y: 0), Coordinate(x: 1, y: 1)]
        #expect(throws: CameraError.self) { try GroundHomography(image: points, ground: points) }
    }

    @Test func aPixelAboveTheHorizonHasNoGroundPoint() throws {
        let image = [Coordinate(x: 10, y: 300), Coordinate(x: 630, y: 310), Coordinate(x: 600, y: 470), Coordinate(x: 40, y: 460)]
        let homography = try GroundHomography(image: image, ground: image.map { Self.project($0.x, $0.y) })
        // w = 1e-5 x + 2e-4 y + 1 is zero on the line y = −5000 − 0.05 x: the horizon.
        #expect(homography.ground(x: 0, y: -6000) == nil)
    }

    @Test func theInverseHomographyFindsThePixelThatSeesAGroundPoint() throws {
        let image = [Coordinate(x: 10, y: 300), Coordinate(x: 630, y: 310), Coordinate(x: 600, y: 470), Coordinate(x: 40, y: 460)]
        let homography = try GroundHomography(image: image, ground: image.map { Self.project($0.x, $0.y) })
        let pixel = try #require(homography.pixel(of: Self.project(321, 402)))
        // 1e-10° of fit error is about 5e-5 pixel here.
        #expect(abs(pixel.x - 321) < 1e-4 && abs(pixel.y - 402) < 1e-4)
    }

    @Test func anAffineViewSeesTheWholeFrameOnTheGround() throws {
        let image = [Coordinate(x: 0, y: 0), Coordinate(x: 100, y: 0), Coordinate(x: 100, y: 100), Coordinate(x: 0, y: 100)]
        let homography = try GroundHomography(image: image, ground: image.map { Coordinate(x: 120 + $0.x * 1e-5, y: 30 - $0.y * 1e-5) })
        let footprint = try #require(homography.viewFootprint(width: 200, height: 100))
        let expected = EllipsoidalArea.of(lonLat: .polygon(Polygon(exterior: [
            Coordinate(x: 120, y: 30), Coordinate(x: 120.002, y: 30), Coordinate(x: 120.002, y: 29.999),
            Coordinate(x: 120, y: 29.999), Coordinate(x: 120, y: 30)])))
        #expect(abs(footprint.area.squareMetres - expected.squareMetres) < 1e-6 * expected.squareMetres)
    }

    @Test func aViewFootprintStopsAtFourTimesTheDepthOfTheFarthestControlPoint() throws {
        // w = 1e-2 y − 1: the horizon is the row y = 100; the control points lie at w 2 to 3.7, so the
        // footprint stops where w = 0.5, the row y = 150.
        let truth: [Double] = [2e-6, 0, 1e-3, 0, -1.5e-6, 2e-3, 0, 1e-2, -1]
        func project(_ p: Coordinate) -> Coordinate {
            let w = truth[7] * p.y + truth[8]
            return Coordinate(x: 115 + (truth[0] * p.x + truth[2]) / w, y: 37 + (truth[4] * p.y + truth[5]) / w)
        }
        let image = [Coordinate(x: 10, y: 300), Coordinate(x: 630, y: 300), Coordinate(x: 600, y: 470), Coordinate(x: 40, y: 470)]
        let homography = try GroundHomography(image: image, ground: image.map(project))
        let footprint = try #require(homography.viewFootprint(width: 640, height: 480))
        let corners = try #require(footprint.geometry.polygons.first?.exterior.dropLast()).compactMap(homography.pixel(of:))
        #expect(corners.count == 4)
        #expect(abs((corners.map(\.y).min() ?? 0) - 150) < 0.01)
        #expect(abs((corners.map(\.y).max() ?? 0) - 480) < 0.01)
    }
}

struct IncidentLedgerTests {
    static let day: TimeInterval = 86_400
    static func alarm(camera: String = "JL-017", preset: Int = 3, day: Double, x: Int) -> CameraAlarm {
        let time = Date(timeIntervalSince1970: day * Self.day)
        let code = CameraAlarm.code(camera: camera, preset: preset, capturedAt: time, ordinal: x)
        return CameraAlarm(code: code, cameraID: camera, preset: preset, capturedAt: time, frame: "f",
                           view: PixelWindow(x: x, y: 100, width: 48, height: 48).envelope, ground: nil, area: nil, incident: code)
    }

    @Test func anAlarmAtTheSamePlaceWithinTheWindowJoinsTheOpenIncident() {
        var ledger = IncidentLedger(window: 7 * Self.day)
        let first = Self.alarm(day: 0, x: 100)
        #expect(ledger.record(first).isNew)
        let second = ledger.record(Self.alarm(day: 3, x: 120))
        #expect(!second.isNew && second.incident == first.code)
        #expect(ledger.incidents.count == 1 && ledger.duplicates == 1 && ledger.incidents[0].alarms == 2)
    }

    @Test func anAlarmElsewhereOrAfterTheWindowOrFromAnotherPresetIsANewIncident() {
        var ledger = IncidentLedger(window: 7 * Self.day)
        ledger.record(Self.alarm(day: 0, x: 100))
        #expect(ledger.record(Self.alarm(day: 1, x: 300)).isNew)
        #expect(ledger.record(Self.alarm(day: 20, x: 100)).isNew)
        #expect(ledger.record(Self.alarm(preset: 4, day: 21, x: 100)).isNew)
        #expect(ledger.incidents.count == 4 && ledger.duplicates == 0)
    }
}
