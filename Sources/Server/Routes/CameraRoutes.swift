import Camera
import Enforcement
import Foundation
import Geo
import Hummingbird
import Store
import Workspace

/// 铁塔视频: cameras push their frames here, duty officers list, confirm and dismiss alarms, and
/// offices fetch a patch's camera evidence. Every call needs `watch-cameras` (frames of evidence:
/// `view-patches`) over the camera's county.
struct CameraRoutes {
    let workspace: Workspace

    /// A pushed frame's largest size: a 4K JPEG is a few MB.
    static let maximumFrameBytes = 30 * 1_048_576
    static let frameTypes = ["image/jpeg": "jpg", "image/png": "png", "image/tiff": "tif"]

    struct DecisionBody: Decodable {
        let status: String
        let reason: String?
        let note: String?
        /// Confirming also makes the incident a patch of the month's camera batch.
        let makePatch: Bool?
        let dueInDays: Int?
        /// Dismissing also adds the incident's place to its presets' masks.
        let maskPlace: Bool?
    }

    struct PatchBody: Decodable {
        let dueInDays: Int?
    }

    struct MetricsPayload: Encodable {
        let byCamera: [AlarmMetricsPayload]
        let byCounty: [AlarmMetricsPayload]
    }

    func register(on router: Router<APIContext>) {
        router.get("/api/cameras", use: cameras)
        router.post("/api/cameras/:camera/presets/:preset/frames", use: push)
        router.get("/api/cameras/:camera/presets/:preset/frames/:stem", use: frame)
        router.get("/api/alarms", use: alarms)
        router.get("/api/alarms/:code", use: alarm)
        router.post("/api/alarms/:code/decision", use: decide)
        router.post("/api/alarms/:code/patch", use: makePatch)
        router.get("/api/alarm-metrics", use: metrics)
        router.get("/api/patches/:batch/:code/camera-evidence", use: evidence)
    }

    /// The signed-in caller's region filter: its jurisdiction, or everything for an administrator.
    private static func region(of account: UserAccount) -> RegionCode? {
        account.role == .administrator ? nil : account.jurisdiction
    }

    @Sendable func cameras(_ request: Request, context: APIContext) async throws -> Response {
        let account = try context.require(.watchCameras)
        let workspace = self.workspace
        let (cameras, presets) = try await offload { (try workspace.store.cameras(), try workspace.store.presets(camera: nil)) }
        let byCamera = Dictionary(grouping: presets, by: \.cameraID)
        return try JSONResponse.make(ItemsPayload(items: cameras.filter { account.covers($0.regionCode) }.map {
            CameraPayload($0, presets: byCamera[$0.id] ?? [])
        }))
    }

    /// The camera named in the path, when the caller may `permission` over its county.
    private func camera(_ permission: Permission, context: APIContext) async throws -> (account: UserAccount, camera: TowerCamera) {
        _ = try context.require(permission)
        let id = try context.parameters.require("camera")
        let workspace = self.workspace
        guard let camera = try await offload({ try workspace.store.camera(id) }) else { throw APIError.notFound("摄像机 \(id)") }
        return (try context.require(permission, over: camera.regionCode), camera)
    }

    private static func presetNumber(_ context: APIContext) throws -> Int {
        let text = try context.parameters.require("preset")
        guard let number = Int(text) else { throw APIError.notFound("预置位 \(text)") }
        return number
    }

    /// 画面推送: one frame as the body (JPEG, PNG or TIFF, ≤ 30 MB), its capture time in `capturedAt`
    /// (ISO 8601). 201 with the pass and its alarms; 200 when that time was already ingested.
    @Sendable func push(_ request: Request, context: APIContext) async throws -> Response {
        let camera = try await camera(.watchCameras, context: context).camera
        let preset = try Self.presetNumber(context)
        guard let timeText = request.uri.queryParameters["capturedAt"].map(String.init), !timeText.isEmpty else {
            throw APIError.badRequest("须给出拍摄时间 capturedAt（ISO 8601，如 2024-04-03T10:15:00+08:00）/ capturedAt (ISO 8601) is required")
        }
        guard let capturedAt = BodyDecoder.time(timeText) else {
            throw APIError.badRequest("capturedAt=\(timeText) 不是 ISO 8601 时间，如 2024-04-03T10:15:00+08:00 / capturedAt is not an ISO 8601 time")
        }
        let type = request.headers[.contentType]?.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        guard let fileExtension = Self.frameTypes[type] else {
            throw APIError(.unsupportedMediaType, code: "unsupported-media-type",
                           message: "画面须为 JPEG、PNG 或 TIFF（Content-Type: image/jpeg、image/png、image/tiff）/ Frames must be JPEG, PNG or TIFF")
        }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: Self.maximumFrameBytes)
        } catch {
            throw APIError(.contentTooLarge, code: "too-large", message: "画面超过 30 MB 上限 / Frame over the 30 MB limit")
        }
        let bytes = Data(buffer: body)
        let workspace = self.workspace
        let report = try await offload {
            try workspace.ingestFrame(camera: camera.id, preset: preset, capturedAt: capturedAt, source: "http-push",
                                      fileExtension: fileExtension) { try bytes.write(to: URL(fileURLWithPath: $0)) }
        }
        let payload = PushPayload(pass: report.passes.first.map(PassPayload.init), alreadyIngested: report.alreadyIngested > 0,
                                  alarms: report.alarms.map(AlarmPayload.init))
        return try JSONResponse.make(payload, status: report.passes.isEmpty ? .ok : .created)
    }

    /// A kept frame, as evidence for an alarm or a patch.
    @Sendable func frame(_ request: Request, context: APIContext) async throws -> Response {
        let camera = try await camera(.viewPatches, context: context).camera
        let preset = try Self.presetNumber(context)
        let stem = try context.parameters.require("stem")
        let workspace = self.workspace
        let found = try await offload { () -> (data: Data, fileExtension: String)? in
            guard let time = FrameSequence.time(of: stem), FrameSequence.stem(of: time) == stem,
                  let pass = try workspace.store.pass(camera: camera.id, preset: preset, capturedAt: time) else { return nil }
            let data = try Data(contentsOf: workspace.filesDirectory.appendingPathComponent(pass.frame))
            return (data, (pass.frame as NSString).pathExtension.lowercased())
        }
        guard let found else { throw APIError.notFound("画面 \(camera.id)#\(preset) \(stem)") }
        let type = Self.frameTypes.first { $0.value == found.fileExtension }?.key ?? "image/jpeg"
        return Response(status: .ok, headers: [.contentType: type, .cacheControl: "private, max-age=31536000, immutable"],
                        body: .init(byteBuffer: ByteBuffer(bytes: found.data)))
    }

    /// Alarms of the caller's jurisdiction in time order (a queue, oldest first): `status`, `camera`, `since` (a day) and `limit` (≤ 500).
    @Sendable func alarms(_ request: Request, context: APIContext) async throws -> Response {
        let account = try context.require(.watchCameras)
        let query = request.uri.queryParameters
        var filter = AlarmFilter(region: Self.region(of: account))
        filter.status = try query.parsed("status", expected: AlarmStatus.allCases.map(\.rawValue).joined(separator: "|"), AlarmStatus.init(text:))
        filter.camera = query["camera"].map(String.init)
        filter.since = try query.parsed("since", expected: "YYYY-MM-DD") { CalendarDay($0)?.at(hour: 0) }
        filter.limit = try query.parsed("limit", expected: "1-500") { Int($0).flatMap { (1...500).contains($0) ? $0 : nil } } ?? 200
        let workspace = self.workspace, asked = filter
        let found = try await offload { try workspace.store.alarms(asked) }
        return try JSONResponse.make(ItemsPayload(items: found.map(AlarmPayload.init)))
    }

    /// The alarm named in the path, when the caller may `permission` over its camera's county.
    private func authorisedAlarm(_ permission: Permission, context: APIContext) async throws -> (account: UserAccount, alarm: CameraAlarm) {
        _ = try context.require(permission)
        let code = try context.parameters.require("code")
        let workspace = self.workspace
        let found = try await offload { () -> (CameraAlarm, TowerCamera?)? in
            guard let alarm = try workspace.store.alarm(code: code) else { return nil }
            return (alarm, try workspace.store.camera(alarm.cameraID))
        }
        guard let (alarm, camera) = found else { throw APIError.notFound("告警 \(code)") }
        return (try context.require(permission, over: camera?.regionCode), alarm)
    }

    @Sendable func alarm(_ request: Request, context: APIContext) async throws -> Response {
        let alarm = try await authorisedAlarm(.watchCameras, context: context).alarm
        let workspace = self.workspace
        let (incident, patch) = try await offload {
            (try workspace.store.alarms(AlarmFilter(incident: alarm.incident)),
             try workspace.patch(ofIncident: alarm.incident).map { PatchReference(batch: $0.batchCode, code: $0.code) })
        }
        let payload = AlarmDetailPayload(alarm: AlarmPayload(alarm), incidentAlarms: incident.map(AlarmPayload.init), patch: patch)
        return try JSONResponse.make(payload, adding: alarm.ground.map { [("ground", GeoJSON.encode($0.shape))] } ?? [])
    }

    /// 确认 or 排除 the alarm's incident; confirming with `makePatch` also makes it a patch handed to its county.
    @Sendable func decide(_ request: Request, context: APIContext) async throws -> Response {
        let (account, alarm) = try await authorisedAlarm(.watchCameras, context: context)
        let body = try await request.decode(as: DecisionBody.self, context: context)
        guard let status = AlarmStatus(text: body.status), status != .new else {
            throw APIError.badRequest("status 应为 confirmed（确认）或 dismissed（排除）/ status must be confirmed or dismissed")
        }
        let reason = try body.reason.map { text in
            guard let reason = DismissalReason(text: text) else { throw WorkspaceError.dismissalNeedsReason }
            return reason
        }
        let dueInDays = try Self.dueInDays(body.dueInDays)
        let workspace = self.workspace
        let signature = Signature(person: account.username)
        let payload = try await offload {
            let decided = try workspace.decideAlarm(alarm.code, status: status, reason: reason, note: body.note ?? "",
                                                    maskingPlace: body.maskPlace == true, signature: signature)
            let patch = status == .confirmed && body.makePatch == true
                ? try workspace.patchFromAlarm(alarm.code, dueInDays: dueInDays, signature: signature) : nil
            return AlarmDecisionPayload(alarms: decided, patch: patch)
        }
        return try JSONResponse.make(payload)
    }

    /// 转为图斑 of an incident confirmed earlier without one; asked again, the patch made before.
    @Sendable func makePatch(_ request: Request, context: APIContext) async throws -> Response {
        let (account, alarm) = try await authorisedAlarm(.watchCameras, context: context)
        let body = try await request.decode(as: PatchBody.self, context: context)
        let dueInDays = try Self.dueInDays(body.dueInDays)
        let workspace = self.workspace
        let signature = Signature(person: account.username)
        let report = try await offload { try workspace.patchFromAlarm(alarm.code, dueInDays: dueInDays, signature: signature) }
        return try JSONResponse.make(AlarmDecisionPayload.MadePatch(report), status: report.existed ? .ok : .created)
    }

    /// The days a county gets to check a patch made of an alarm: 7 unless asked, 1–365.
    private static func dueInDays(_ asked: Int?) throws -> Int {
        let days = asked ?? 7
        guard (1...365).contains(days) else { throw APIError.badRequest("dueInDays 应为 1–365 / dueInDays must be 1-365") }
        return days
    }

    /// False-alarm rate, duplicate rate and time to confirm per camera and county of the caller's jurisdiction.
    @Sendable func metrics(_ request: Request, context: APIContext) async throws -> Response {
        let account = try context.require(.watchCameras)
        let since = try request.uri.queryParameters.parsed("since", expected: "YYYY-MM-DD") { CalendarDay($0)?.at(hour: 0) }
        let workspace = self.workspace
        let report = try await offload { try workspace.alarmMetrics(region: Self.region(of: account), since: since) }
        return try JSONResponse.make(MetricsPayload(
            byCamera: report.byCamera.map { AlarmMetricsPayload(key: $0.camera.id, name: $0.camera.name, $0.metrics) },
            byCounty: report.byCounty.map { AlarmMetricsPayload(key: $0.county?.rawValue, name: nil, $0.metrics) }))
    }

    /// 视频佐证 of a patch: presets that see it, with the frames nearest its 前/后时相.
    @Sendable func evidence(_ request: Request, context: APIContext) async throws -> Response {
        let key = try PatchRoutes.patchKey(context)
        let account = try await PatchRoutes.authorise(.viewPatches, on: key, workspace: workspace, context: context)
        let workspace = self.workspace
        let found = try await offload { try workspace.cameraEvidence(batch: key.batch, code: key.code) }
        return try JSONResponse.make(ItemsPayload(items: found.filter { account.covers($0.camera.regionCode) }.map(CameraEvidencePayload.init)))
    }
}
