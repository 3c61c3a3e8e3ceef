import Enforcement
import Foundation
import Geo
import Testing

struct CameraAlarmTests {
    static let start = Date(timeIntervalSince1970: 1_700_000_000)

    static func alarm(_ code: String, camera: String = "JL-017", preset: Int = 3, hours: Double = 0, view: Envelope,
                      ground: Envelope? = nil, incident: String? = nil, status: AlarmStatus = .new, decision: AlarmDecision? = nil) -> CameraAlarm {
        CameraAlarm(code: code, cameraID: camera, preset: preset, capturedAt: start.addingTimeInterval(hours * 3600), frame: "f", view: view,
                    ground: ground.map { Geometry(rectangle: $0) }, area: nil, incident: incident ?? code, status: status, decision: decision)
    }

    static let view = Envelope(minX: 100, minY: 100, maxX: 148, maxY: 148)
    static let field = Envelope(minX: 115.0, minY: 37.0, maxX: 115.001, maxY: 37.001)

    @Test func anOverlappingAlarmOfTheSamePresetWithinTwoWeeksIsTheSamePlace() throws {
        let later = Self.alarm("b", hours: 24 * 13, view: Envelope(minX: 140, minY: 140, maxX: 200, maxY: 200))
        #expect(try Self.alarm("a", view: Self.view).isSamePlace(as: later, within: CameraAlarm.incidentWindow))
    }

    @Test func anAlarmMoreThanTwoWeeksLaterIsANewPlace() throws {
        let later = Self.alarm("b", hours: 24 * 15, view: Self.view)
        #expect(try !Self.alarm("a", view: Self.view).isSamePlace(as: later, within: CameraAlarm.incidentWindow))
    }

    @Test func anotherCameraSeeingTheSameGroundIsTheSamePlace() throws {
        let neighbour = Self.alarm("b", camera: "JL-018", preset: 1, hours: 1, view: Envelope(minX: 0, minY: 0, maxX: 10, maxY: 10),
                                   ground: Envelope(minX: 115.0005, minY: 37.0005, maxX: 115.002, maxY: 37.002))
        #expect(try Self.alarm("a", view: Self.view, ground: Self.field).isSamePlace(as: neighbour, within: CameraAlarm.incidentWindow))
    }

    @Test func overlappingViewsOfDifferentPresetsWithoutGroundAreDifferentPlaces() throws {
        let other = Self.alarm("b", preset: 4, hours: 1, view: Self.view)
        #expect(try !Self.alarm("a", view: Self.view).isSamePlace(as: other, within: CameraAlarm.incidentWindow))
    }

    @Test func metricsCountFalseAlarmsDuplicatesAndTimeToConfirmPerIncident() throws {
        let confirmed = AlarmDecision(status: .confirmed, reason: nil, note: "", by: "a", at: Self.start.addingTimeInterval(3 * 3600))
        let dismissed = AlarmDecision(status: .dismissed, reason: .lighting, note: "", by: "a", at: Self.start.addingTimeInterval(3600))
        let alarms = [
            Self.alarm("1", view: Self.view, status: .confirmed, decision: confirmed),
            Self.alarm("2", hours: 1, view: Self.view, incident: "1", status: .confirmed, decision: confirmed),
            Self.alarm("3", view: Self.view, status: .dismissed, decision: dismissed),
            Self.alarm("4", view: Self.view, status: .dismissed, decision: dismissed),
            Self.alarm("5", view: Self.view),
        ]
        let metrics = try #require(AlarmMetrics.tally(alarms) { $0.cameraID }["JL-017"])
        #expect(metrics.alarms == 5)
        #expect(metrics.duplicates == 1)
        #expect(metrics.incidents == 4)
        #expect(metrics.pending == 1)
        #expect(metrics.falseAlarmRate == 2.0 / 3.0)
        #expect(metrics.duplicateRate == 0.2)
        #expect(metrics.medianHoursToConfirm == 3)
        #expect(metrics.dismissalReasons == [.lighting: 2])
    }

    @Test func dismissalReasonsAreReadInChineseShortChineseOrCode() {
        #expect(DismissalReason(text: "光照变化") == .lighting)
        #expect(DismissalReason(text: "光照") == .lighting)
        #expect(DismissalReason(text: "施工已批") == .approvedConstruction)
        #expect(DismissalReason(text: "vehicle") == .vehicle)
        #expect(DismissalReason(text: "鬼") == nil)
    }

    @Test func aCameraIdThatCouldLeaveItsFolderIsRefused() {
        #expect(throws: EnforcementError.invalidCameraID("../x")) {
            try TowerCamera(id: "../x", name: "n", position: Coordinate(x: 115, y: 37), heightMetres: 40, regionCode: nil)
        }
    }
}
