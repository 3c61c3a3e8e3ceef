import Enforcement
import Foundation
import Geo
import GeoIO
import Store
import Workspace

/// 示范铁塔: one tower camera of 东岭县 looking north over a change patch of the demo batch, with
/// 28 passes of one preset from 2023-12-01 to 2024-04-14, every 5 days at 10:00. The views are
/// rendered through a pinhole camera from the demo's 前时相 (5 m) with a texture fixed to the
/// ground. From 2024-02-29 a construction site (彩钢板 roofs on bare soil) stands inside the patch,
/// which lies on permanent basic farmland. Every pass has its own light and a truck somewhere on the ground, and some passes are
/// off by a pixel or two, as a PTZ preset is. The frames go through the same ingest as
/// `cameras ingest`, so the web UI's 视频告警 page has a real alarm to decide, and the patch has
/// camera evidence.
public struct DemoTower {
    public static let cameraID = "DL-001"
    public static let cameraName = "东岭北铁塔"
    public static let preset = 1
    static let width = 960, height = 540
    static let heightMetres = 45.0
    static let passCount = 28
    static let firstPass = CalendarDay(year: 2023, month: 12, day: 1)!
    static let daysBetweenPasses = 5
    /// The first pass on which the construction site stands.
    static let siteAppears = 18

    /// What installing the tower did.
    public struct Report: Sendable {
        /// The patch in view.
        public let patch: Patch
        public let passes: Int
        public let alarms: [CameraAlarm]
    }

    public var seed: UInt64

    public init(seed: UInt64 = 42) { self.seed = seed }

    /// Adds the camera and its preset, renders the frames into `demo-source/铁塔画面` and ingests
    /// them; nil when the camera is already there or 东岭县 has no patch to look at. Needs the
    /// 前时相 of `DemoCounty.installImagery`.
    public func install(in workspace: Workspace, progress: JobProgress = SilentProgress()) throws -> Report? {
        guard try workspace.store.camera(Self.cameraID) == nil, let patch = try Self.patchInView(workspace) else { return nil }
        let toCGCS2000 = try CoordinateTransformer.cached(from: DemoCounty.crs, to: .cgcs2000)
        let site = try patch.geometry.transformed(from: .cgcs2000, to: DemoCounty.crs)
        guard let siteBox = site.envelope else { return nil }
        // The tower stands 200 m south of the patch's centre, so the patch fills the middle of the view.
        let view = PinholeView(position: Coordinate(x: (siteBox.minX + siteBox.maxX) / 2, y: (siteBox.minY + siteBox.maxY) / 2 - 200),
                               heightMetres: Self.heightMetres, width: Self.width, height: Self.height)
        let folder = workspace.root.appendingPathComponent("demo-source/铁塔画面", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let ground = try GroundPicture(before: workspace.root.appendingPathComponent("demo-source/\(DemoCounty.beforeImageName)").path,
                                       around: view.position, site: site, siteBox: siteBox)
        try workspace.saveCamera(id: Self.cameraID, name: Self.cameraName, position: try toCGCS2000.transform(view.position),
                                 heightMetres: Self.heightMetres, regionCode: try RegionCode(DemoCounty.counties[0].code))
        let controlPoints = try [(120.0, 260.0), (840.0, 260.0), (60.0, 520.0), (900.0, 520.0), (480.0, 380.0)].map { x, y in
            ImageControlPoint(pixelX: x, pixelY: y, ground: try toCGCS2000.transform(try view.ground(pixelX: x, pixelY: y)))
        }
        // The sky and the haze at the horizon are masked, as an operator would draw them.
        let sky = Geometry(rectangle: Envelope(minX: 0, minY: 0, maxX: Double(Self.width), maxY: view.horizonRow + 30))
        try workspace.savePreset(camera: Self.cameraID, number: Self.preset, controlPoints: controlPoints, mask: sky)

        var random = SeededGenerator(seed: seed)
        let shots = (0..<Self.passCount).map { pass in
            let light = Light(gain: random.uniform(0.78...1.12), offset: random.uniform(-12...12), haze: random.uniform(0.15...0.45))
            let drift = pass == 0 ? (0, 0) : (Int(random.uniform(-2.49...2.49).rounded()), Int(random.uniform(-1.49...1.49).rounded()))
            let truck = Coordinate(x: view.position.x + random.uniform(-160...160), y: view.position.y + random.uniform(90...420))
            let day = CalendarDay(Self.firstPass.at(hour: 10).addingTimeInterval(Double(pass * Self.daysBetweenPasses) * 86_400))
            let path = folder.appendingPathComponent(String(format: "%04d%02d%02d_100000.jpg", day.year, day.month, day.day)).path
            return Shot(pass: pass, path: path, light: light, drift: drift, truck: truck, noiseSeed: random.next())
        }
        progress.begin("铁塔画面 / tower frames", total: Self.passCount)
        // The passes are independent pictures: rendered a core's worth at a time.
        let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
        for start in stride(from: 0, to: shots.count, by: cores) {
            let chunk = Array(shots[start..<min(shots.count, start + cores)])
            let failures = Failures()
            DispatchQueue.concurrentPerform(iterations: chunk.count) { index in
                let shot = chunk[index]
                do {
                    try view.render(ground: ground, light: shot.light, drift: shot.drift, truck: shot.truck,
                                    siteStands: shot.pass >= Self.siteAppears, noiseSeed: shot.noiseSeed, to: shot.path)
                } catch {
                    failures.add(error)
                }
            }
            if let failure = failures.first { throw failure }
            progress.advance(to: start + chunk.count)
        }
        progress.end()
        let frames = try shots.map { try FrameInput(file: $0.path) }
        let report = try workspace.ingestFrames(camera: Self.cameraID, preset: Self.preset, frames: frames, progress: progress)
        return Report(patch: patch, passes: report.passes.count, alarms: report.alarms)
    }

    /// The 东岭县 patch of the demo batch nearest 20 亩 (13,333 m²) that lies on permanent basic
    /// farmland when the overlay has been run: big enough to fill a good part of the view.
    static func patchInView(_ workspace: Workspace) throws -> Patch? {
        let patches = try workspace.store.patches(matching: PatchQuery(batch: DemoCounty.batchCode, region: try RegionCode(DemoCounty.counties[0].code)))
        let facts = try workspace.store.prejudgeFacts(batch: DemoCounty.batchCode)
        let onFarmland = patches.filter { (facts[$0.code]?.layers[.basicFarmland]?.share ?? 0) > 0.9 }
        func misfit(_ patch: Patch) -> Double { abs(patch.area.squareMetres - 13_333) }
        return (onFarmland.isEmpty ? patches : onFarmland).filter { $0.invalidReason == nil }
            .min { misfit($0) != misfit($1) ? misfit($0) < misfit($1) : $0.code < $1.code }
    }
}

/// One pass to render: where its frame goes and what the view looks like that day.
struct Shot: Sendable {
    let pass: Int
    let path: String
    let light: Light
    let drift: (Int, Int)
    let truck: Coordinate
    let noiseSeed: UInt64
}

/// The first error of the passes rendered at once.
final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var errors: [any Error] = []

    func add(_ error: any Error) { lock.withLock { errors.append(error) } }
    var first: (any Error)? { lock.withLock { errors.first } }
}

/// Light of one pass: a gain and offset on every colour, and how much haze the distance adds.
struct Light: Sendable {
    let gain: Double
    let offset: Double
    let haze: Double
}

/// A pinhole camera `heightMetres` above the ground at `position` (EPSG:4547 metres), looking north
/// and 12° down, 50° wide: pixels map to the ground by intersecting their rays with it.
struct PinholeView {
    let position: Coordinate
    let heightMetres: Double
    let width: Int
    let height: Int
    private let focal: Double
    private let tilt = 12.0 * Double.pi / 180

    init(position: Coordinate, heightMetres: Double, width: Int, height: Int) {
        self.position = position
        self.heightMetres = heightMetres
        self.width = width
        self.height = height
        focal = Double(width) / 2 / tan(25.0 * Double.pi / 180)
    }

    /// The image row of the horizon.
    var horizonRow: Double { Double(height) / 2 - focal * tan(tilt) }

    /// Where the ray through a pixel meets the ground, and how far away (metres); nil above the horizon.
    func hit(pixelX: Double, pixelY: Double) -> (point: Coordinate, distance: Double)? {
        let u = pixelX - Double(width) / 2, v = pixelY - Double(height) / 2
        let north = focal * cos(tilt) - v * sin(tilt), down = focal * sin(tilt) + v * cos(tilt)
        guard down > 1e-6 else { return nil }
        let t = heightMetres / down
        return (Coordinate(x: position.x + t * u, y: position.y + t * north), t * (u * u + north * north).squareRoot())
    }

    func ground(pixelX: Double, pixelY: Double) throws -> Coordinate {
        guard let hit = hit(pixelX: pixelX, pixelY: pixelY) else { throw DemoError.aboveHorizon(pixelX, pixelY) }
        return hit.point
    }

    /// One frame as a JPEG: the ground in `light`, the view moved by `drift` whole pixels (a preset
    /// that did not quite return), a truck at `truck`, the site when it stands, and sensor noise.
    func render(ground: GroundPicture, light: Light, drift: (Int, Int), truck: Coordinate, siteStands: Bool,
                noiseSeed: UInt64, to path: String) throws {
        var noise = SeededGenerator(seed: noiseSeed)
        var bands = [[UInt8]](repeating: [UInt8](repeating: 0, count: width * height), count: 3)
        let haze = SIMD3<Double>(206, 212, 218)
        for row in 0..<height {
            for column in 0..<width {
                let x = Double(column + drift.0) + 0.5, y = Double(row + drift.1) + 0.5
                var colour: SIMD3<Double>
                if let hit = hit(pixelX: x, pixelY: y), hit.distance < 6_000 {
                    let p = hit.point
                    if abs(p.x - truck.x) < 2.5, abs(p.y - truck.y) < 6 {
                        colour = SIMD3(38, 52, 70)
                    } else {
                        colour = ground.colour(at: p, distance: hit.distance, siteStands: siteStands)
                    }
                    let mist = min(0.92, light.haze * hit.distance / 1_000)
                    colour = colour * (1 - mist) + haze * mist
                } else {
                    let up = max(0, horizonRow - y) / max(1, horizonRow)
                    colour = SIMD3(170 - 70 * up, 196 - 60 * up, 226 - 20 * up)
                }
                for band in 0..<3 {
                    let jitter = Double(noise.next() % 5) - 2
                    bands[band][row * width + column] = UInt8(max(0, min(255, colour[band] * light.gain + light.offset + jitter)))
                }
            }
        }
        let raster = try ByteRaster(path: nil, grid: try RasterGrid(width: width, height: height), bands: 3)
        let all = PixelWindow(x: 0, y: 0, width: width, height: height)
        for band in 0..<3 { try raster.write(bands[band], window: all, band: band + 1) }
        try raster.saveJPEG(to: path, quality: 90)
    }
}

/// The ground the tower sees, in EPSG:4547: the 前时相's colours (bilinear) with a texture fixed to
/// the ground (soil and crops at two scales), and the construction site inside the patch, burnt by GDAL at
/// 0.5 m.
struct GroundPicture {
    private let imagery: [Float]
    private let imageryGrid: (x0: Double, y0: Double, pixel: Double, width: Int, height: Int)
    private let site: [UInt8]
    private let siteGrid: (x0: Double, y0: Double, pixel: Double, width: Int, height: Int)

    init(before path: String, around centre: Coordinate, site shape: Geometry, siteBox: Envelope) throws {
        let source = try RasterSource(path: path)
        guard let t = source.grid.geoTransform else { throw DemoError.noGeoreference(path) }
        let pixel = t[1]
        let column = max(0, Int(((centre.x - 3_000 - t[0]) / pixel).rounded(.down)))
        let row = max(0, Int(((t[3] - (centre.y + 6_000)) / pixel).rounded(.down)))
        let window = PixelWindow(x: column, y: row, width: min(source.grid.width - column, Int(6_000 / pixel)),
                                 height: min(source.grid.height - row, Int(6_100 / pixel)))
        imagery = try source.read(window: window, bands: [1, 2, 3])
        imageryGrid = (t[0] + Double(column) * pixel, t[3] - Double(row) * pixel, pixel, window.width, window.height)

        let sitePixel = 0.5
        let origin = Coordinate(x: siteBox.minX - 5, y: siteBox.maxY + 5)
        let siteWidth = Int(((siteBox.maxX - siteBox.minX + 10) / sitePixel).rounded(.up))
        let siteHeight = Int(((siteBox.maxY - siteBox.minY + 10) / sitePixel).rounded(.up))
        let mask = try ByteRaster(path: nil, grid: try RasterGrid(width: siteWidth, height: siteHeight, origin: origin, pixelSize: sitePixel,
                                                                  crs: DemoCounty.crs), bands: 1)
        try mask.burn(wkb: shape.wkb, value: 1, band: 1)
        site = try mask.read(window: PixelWindow(x: 0, y: 0, width: siteWidth, height: siteHeight), band: 1)
        siteGrid = (origin.x, origin.y, sitePixel, siteWidth, siteHeight)
    }

    /// The colour at `p`, seen from `distance` metres: the texture fades with distance, where a
    /// pixel spans more ground than its scale (it would alias and shimmer from pass to pass).
    func colour(at p: Coordinate, distance: Double, siteStands: Bool) -> SIMD3<Double> {
        if siteStands, inSite(p) {
            // 彩钢板 roofs 14 m × 7 m in rows, on bare soil with wheel tracks.
            let u = p.x.truncatingRemainder(dividingBy: 18), v = p.y.truncatingRemainder(dividingBy: 11)
            let roof = (u + 18).truncatingRemainder(dividingBy: 18) < 14 && (v + 11).truncatingRemainder(dividingBy: 11) < 7
            if roof { return Int((p.x / 18).rounded(.down) + (p.y / 11).rounded(.down)) % 2 == 0 ? SIMD3(70, 112, 176) : SIMD3(214, 218, 222) }
            return SIMD3(176, 150, 112) * (0.8 + 0.4 * Self.noise(p.x / 2, p.y / 2))
        }
        let strength = max(0, 1 - distance / 700)
        let texture = 1 + strength * (0.3 * (Self.noise(p.x / 2.5, p.y / 2.5) - 0.5) + 0.3 * (Self.noise(p.x / 9, p.y / 9) - 0.5))
        return imageryColour(at: p) * texture
    }

    private func inSite(_ p: Coordinate) -> Bool {
        let column = Int(((p.x - siteGrid.x0) / siteGrid.pixel).rounded(.down)), row = Int(((siteGrid.y0 - p.y) / siteGrid.pixel).rounded(.down))
        guard column >= 0, row >= 0, column < siteGrid.width, row < siteGrid.height else { return false }
        return site[row * siteGrid.width + column] != 0
    }

    private func imageryColour(at p: Coordinate) -> SIMD3<Double> {
        let g = imageryGrid
        let fx = (p.x - g.x0) / g.pixel - 0.5, fy = (g.y0 - p.y) / g.pixel - 0.5
        let x0 = Int(fx.rounded(.down)), y0 = Int(fy.rounded(.down))
        guard x0 >= 0, y0 >= 0, x0 + 1 < g.width, y0 + 1 < g.height else { return SIMD3(150, 160, 140) }
        let ax = fx - Double(x0), ay = fy - Double(y0), plane = g.width * g.height
        func at(_ x: Int, _ y: Int) -> SIMD3<Double> {
            let i = y * g.width + x
            return SIMD3(Double(imagery[i]), Double(imagery[plane + i]), Double(imagery[2 * plane + i]))
        }
        let top = at(x0, y0) * (1 - ax) + at(x0 + 1, y0) * ax, bottom = at(x0, y0 + 1) * (1 - ax) + at(x0 + 1, y0 + 1) * ax
        return top * (1 - ay) + bottom * ay
    }

    /// Smooth value noise in 0…1 on a unit lattice, the lattice values hashed by SplitMix64.
    private static func noise(_ x: Double, _ y: Double) -> Double {
        func lattice(_ i: Int, _ j: Int) -> Double {
            var hash = SeededGenerator(seed: UInt64(bitPattern: Int64(i) &* 73_856_093 ^ Int64(j) &* 19_349_663))
            return Double(hash.next() % 1000) / 1000
        }
        let i = Int(x.rounded(.down)), j = Int(y.rounded(.down)), fx = x - Double(i), fy = y - Double(j)
        let top = lattice(i, j) * (1 - fx) + lattice(i + 1, j) * fx, bottom = lattice(i, j + 1) * (1 - fx) + lattice(i + 1, j + 1) * fx
        return top * (1 - fy) + bottom * fy
    }
}

/// Why the demo tower could not be set up.
enum DemoError: Error, CustomStringConvertible {
    case aboveHorizon(Double, Double)
    case noGeoreference(String)

    var description: String {
        switch self {
        case .aboveHorizon(let x, let y): "示范铁塔控制点 (\(x), \(y)) 在地平线以上 / demo control point above the horizon"
        case .noGeoreference(let path): "\(path) 没有地理参考 / has no georeference"
        }
    }
}
