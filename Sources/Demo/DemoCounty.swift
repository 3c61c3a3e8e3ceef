import Enforcement
import Foundation
import Geo
import GeoIO
import Workspace

/// 示范市: a fictional city of three counties in CGCS2000 3-degree Gauss-Krüger CM 114E (EPSG:4547),
/// generated deterministically from a seed: region boundaries, a 三调 land-class layer with
/// GB/T 21010 codes, permanent basic farmland, an ecological red line and an urban development
/// boundary with thousands of vertices, approvals, land supply, facility farmland, and a batch of
/// change patches of 0.1-50 亩 spread over them. Like real deliveries it contains a few patches whose
/// region code is wrong or missing and a few self-intersecting polygons.
public struct DemoCounty {
    public static let crs = CRS.epsg(4547)
    public static let city = (code: "449900", name: "示范市")
    public static let counties = [(code: "449901", name: "东岭县"), (code: "449902", name: "青禾县"), (code: "449903", name: "南川县")]
    public static let batchCode = "2024Q1"

    public var seed: UInt64
    public var parcelColumns = 250
    public var parcelRows = 200
    public var patchCount = 2000

    public init(seed: UInt64 = 42) { self.seed = seed }

    /// The source files written by `generate`, as a bureau would receive them.
    public struct Files: Sendable {
        public let regions: String
        public let cultivatedLand: String
        public let basicFarmland: String
        public let ecologicalRedLine: String
        public let urbanBoundary: String
        public let approvedLand: String
        public let landSupply: String
        public let facilityFarmland: String
        /// The ministry-style delivery: a GBK shapefile.
        public let patches: String
    }

    // Farmland grid origin and cell size (metres, EPSG:4547).
    private static let x0 = 485_000.0, y0 = 2_555_000.0, cellWidth = 120.0, cellHeight = 100.0
    private static let town = Coordinate(x: 500_000, y: 2_565_000)
    private static let redLineCentres = [(Coordinate(x: 488_500, y: 2_573_000), 2_500.0), (Coordinate(x: 512_000, y: 2_557_500), 2_000.0)]

    public func generate(into folder: URL, progress: JobProgress = SilentProgress()) throws -> Files {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
        var rng = SeededGenerator(seed: seed)
        let files = Files(regions: path("行政区划.gpkg"), cultivatedLand: path("三调地类图斑.gpkg"), basicFarmland: path("永久基本农田.gpkg"),
                          ecologicalRedLine: path("生态保护红线.gpkg"), urbanBoundary: path("城镇开发边界.gpkg"),
                          approvedLand: path("批准用地.gpkg"), landSupply: path("供地.gpkg"), facilityFarmland: path("设施农用地.gpkg"),
                          patches: path("2024Q1_卫片图斑.shp"))

        let countyShapes = Self.countyBoundaries()
        try writeRegions(countyShapes, to: files.regions)
        let locator = try countyShapes.map { try PreparedGeometry($0.1) }
        func county(of c: Coordinate) throws -> String {
            let point = Geometry(.point(c))
            for (i, prepared) in locator.enumerated() where try prepared.covers(point) { return countyShapes[i].0 }
            return Self.counties[1].code
        }

        let parcels = try writeLandParcels(files: files, county: county, rng: &rng, progress: progress)
        let redLines = try writeRedLines(to: files.ecologicalRedLine)
        let urban = DemoShapes.polygon(DemoShapes.blob(center: Self.town, radius: 3_000, vertices: 1_500, phase: 0.7))
        try write(files.urbanBoundary, "城镇开发边界", [FieldDefinition("KFBJMC", .string(width: 40))],
                  [(urban, ["KFBJMC": .string("示范市中心城区城镇开发边界")])])
        let approvals = try writeApprovals(files: files, rng: &rng)
        let facilities = try writeFacilities(parcels: parcels, to: files.facilityFarmland, rng: &rng)
        try writePatches(to: files.patches, parcels: parcels, approvals: approvals, facilities: facilities,
                         redLines: redLines, county: county, rng: &rng, progress: progress)
        return files
    }

    // MARK: Regions

    /// Two wavy lines split the city's rectangle into three counties.
    private static func countyBoundaries() -> [(String, Geometry)] {
        let yMin = 2_553_000.0, yMax = 2_577_000.0
        let steps = 80
        func line(_ x: Double, wiggle: Double, phase: Double) -> [Coordinate] {
            (0...steps).map { k in
                let y = yMin + (yMax - yMin) * Double(k) / Double(steps)
                return Coordinate(x: x + wiggle * (sin(y / 2_300 + phase) * 800 + sin(y / 700) * 300), y: y)
            }
        }
        let lines = [line(483_000, wiggle: 0, phase: 0), line(494_300, wiggle: 1, phase: 1),
                     line(505_700, wiggle: 1, phase: 2), line(517_000, wiggle: 0, phase: 0)]
        return counties.enumerated().map { i, county in
            (county.code, DemoShapes.polygon(lines[i] + lines[i + 1].reversed()))
        }
    }

    private func writeRegions(_ countyShapes: [(String, Geometry)], to path: String) throws {
        let cityShape = DemoShapes.polygon([Coordinate(x: 483_000, y: 2_553_000), Coordinate(x: 517_000, y: 2_553_000),
                                            Coordinate(x: 517_000, y: 2_577_000), Coordinate(x: 483_000, y: 2_577_000)])
        var features: [(Geometry, [String: AttributeValue])] = [(cityShape, ["XZQDM": .string(Self.city.code), "XZQMC": .string(Self.city.name)])]
        for (i, (code, shape)) in countyShapes.enumerated() {
            features.append((shape, ["XZQDM": .string(code), "XZQMC": .string(Self.counties[i].name)]))
        }
        try write(path, "行政区划", [FieldDefinition("XZQDM", .string(width: 12)), FieldDefinition("XZQMC", .string(width: 40))], features)
    }

    // MARK: Land survey parcels and basic farmland

    struct Parcel {
        let geometry: Geometry
        let center: Coordinate
        let classCode: String
    }

    private func writeLandParcels(files: Files, county: (Coordinate) throws -> String, rng: inout SeededGenerator,
                                  progress: JobProgress) throws -> [Parcel] {
        // Shared jittered vertices make the parcels tile the plain without gaps or overlaps.
        var vertices = [[Coordinate]]()
        for i in 0...parcelColumns {
            vertices.append((0...parcelRows).map { j in
                let edge = i == 0 || j == 0 || i == parcelColumns || j == parcelRows
                let jx = edge ? 0 : rng.uniform(-0.28...0.28) * Self.cellWidth
                let jy = edge ? 0 : rng.uniform(-0.28...0.28) * Self.cellHeight
                return Coordinate(x: Self.x0 + Double(i) * Self.cellWidth + jx, y: Self.y0 + Double(j) * Self.cellHeight + jy)
            })
        }
        let villages = (0..<45).map { _ in
            Coordinate(x: rng.uniform(Self.x0...(Self.x0 + Double(parcelColumns) * Self.cellWidth)),
                       y: rng.uniform(Self.y0...(Self.y0 + Double(parcelRows) * Self.cellHeight)))
        }
        let landFields = [FieldDefinition("TBBH", .string(width: 20)), FieldDefinition("DLBM", .string(width: 4)),
                          FieldDefinition("DLMC", .string(width: 20)), FieldDefinition("ZLDWDM", .string(width: 12))]
        let land = try VectorWriter(path: files.cultivatedLand, format: .gpkg, layerName: "DLTB", crs: Self.crs, fields: landFields)
        let farmland = try VectorWriter(path: files.basicFarmland, format: .gpkg, layerName: "JBNTBHTB", crs: Self.crs,
                                        fields: [FieldDefinition("JBNTTBBH", .string(width: 20)), FieldDefinition("DLBM", .string(width: 4))])
        var parcels: [Parcel] = []
        parcels.reserveCapacity(parcelColumns * parcelRows)
        progress.begin("生成三调地类图斑 / generating land parcels", total: parcelColumns * parcelRows)
        for i in 0..<parcelColumns {
            for j in 0..<parcelRows {
                let corners = [vertices[i][j], vertices[i + 1][j], vertices[i + 1][j + 1], vertices[i][j + 1]]
                let geometry = DemoShapes.polygon(corners)
                let center = Coordinate(x: corners.map(\.x).reduce(0, +) / 4, y: corners.map(\.y).reduce(0, +) / 4)
                let code = landClass(at: center, column: i, row: j, villages: villages, rng: &rng)
                let number = String(format: "%06d", i * parcelRows + j + 1)
                try land.write(geometry: geometry, attributes: [
                    "TBBH": .string(number), "DLBM": .string(code), "DLMC": .string(LandClass.name(of: code) ?? ""),
                    "ZLDWDM": .string(try county(center)),
                ])
                if LandClass.isCultivated(code), isProtected(center) {
                    try farmland.write(geometry: geometry, attributes: ["JBNTTBBH": .string("JB" + number), "DLBM": .string(code)])
                }
                parcels.append(Parcel(geometry: geometry, center: center, classCode: code))
                progress.advance(to: parcels.count)
            }
        }
        progress.end()
        try land.finish()
        try farmland.finish()
        return parcels
    }

    private func landClass(at c: Coordinate, column: Int, row: Int, villages: [Coordinate], rng: inout SeededGenerator) -> String {
        func distance(_ a: Coordinate, _ b: Coordinate) -> Double { ((a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y)).squareRoot() }
        if distance(c, Self.town) < 2_600 {
            return rng.pick([("0701", 0.55), ("0601", 0.2), ("1003", 0.1), ("0102", 0.15)])
        }
        if Self.redLineCentres.contains(where: { distance(c, $0.0) < $0.1 * 0.95 }) {
            return rng.pick([("0301", 0.7), ("0305", 0.2), ("0103", 0.1)])
        }
        let river = 2_562_000 + 1_500 * sin(c.x / 3_000) + 400 * sin(c.x / 900)
        if abs(c.y - river) < 60 { return "1101" }
        if column % 25 == 12 { return "1003" }
        if row % 40 == 20 { return "1006" }
        if villages.contains(where: { distance(c, $0) < 230 }) { return "0702" }
        return rng.pick([("0101", 0.55), ("0102", 0.15), ("0103", 0.18), ("0201", 0.04), ("1104", 0.05), ("1202", 0.03)])
    }

    /// Protected zones of 永久基本农田: broad bands of the plain, away from the town.
    private func isProtected(_ c: Coordinate) -> Bool {
        let dx = c.x - Self.town.x, dy = c.y - Self.town.y
        return (dx * dx + dy * dy).squareRoot() > 3_500 && sin(c.x / 4_000) + cos(c.y / 3_000) > -0.6
    }

    // MARK: Control lines

    private func writeRedLines(to path: String) throws -> [Geometry] {
        let (c1, r1) = Self.redLineCentres[0], (c2, r2) = Self.redLineCentres[1]
        let first = DemoShapes.polygon(DemoShapes.blob(center: c1, radius: r1, vertices: 3_000, phase: 0.3))
        let enclave = DemoShapes.ring(DemoShapes.blob(center: Coordinate(x: c2.x + 300, y: c2.y - 200), radius: 300, vertices: 64, phase: 1.1))
        let second = Geometry(.polygon(Polygon(exterior: DemoShapes.ring(DemoShapes.blob(center: c2, radius: r2, vertices: 2_500, phase: 2.1)),
                                               holes: [enclave])))
        try write(path, "STBHHX", [FieldDefinition("HXMC", .string(width: 40)), FieldDefinition("HXLX", .string(width: 20))], [
            (first, ["HXMC": .string("东岭山水源涵养生态保护红线"), "HXLX": .string("水源涵养")]),
            (second, ["HXMC": .string("南川湿地生物多样性维护红线"), "HXLX": .string("生物多样性维护")]),
        ])
        return [first, second]
    }

    // MARK: Approvals, land supply, facility farmland

    private func writeApprovals(files: Files, rng: inout SeededGenerator) throws -> [Geometry] {
        var approvals: [(Geometry, [String: AttributeValue])] = []
        var supplies: [(Geometry, [String: AttributeValue])] = []
        for n in 1...320 {
            let inTown = rng.chance(0.7)
            let center: Coordinate
            let width: Double, height: Double
            if inTown {
                let t = rng.uniform(0...(2 * Double.pi)), r = rng.uniform(0...3_400)
                center = Coordinate(x: Self.town.x + r * cos(t), y: Self.town.y + r * sin(t))
                width = rng.uniform(40...250); height = rng.uniform(40...250)
            } else {
                center = Coordinate(x: rng.uniform(486_000...514_000), y: rng.uniform(2_556_000...2_574_000))
                width = rng.uniform(15...60); height = rng.uniform(15...60)
            }
            let angle = rng.uniform(-0.3...0.3)
            let shape = DemoShapes.rectangle(center: center, width: width, height: height, angle: angle)
            let geometry = DemoShapes.polygon(shape)
            approvals.append((geometry, [
                "PZWH": .string("示政土批〔2023〕\(n)号"), "PZRQ": .string(String(format: "2023-%02d-%02d", n % 12 + 1, n % 27 + 1)),
                "PZMJ": .real((width * height).rounded()),
            ]))
            if rng.chance(0.6) {
                let supplied = DemoShapes.polygon(DemoShapes.rectangle(center: center, width: width * 0.98, height: height * 0.98, angle: angle))
                supplies.append((supplied, ["GDBH": .string("GD2023-\(n)"), "GDFS": .string(rng.chance(0.7) ? "出让" : "划拨")]))
            }
        }
        try write(files.approvedLand, "PZYD", [FieldDefinition("PZWH", .string(width: 60)), FieldDefinition("PZRQ", .string(width: 10)),
                                                FieldDefinition("PZMJ", .real)], approvals)
        try write(files.landSupply, "GDXX", [FieldDefinition("GDBH", .string(width: 20)), FieldDefinition("GDFS", .string(width: 10))], supplies)
        return approvals.map(\.0)
    }

    private func writeFacilities(parcels: [Parcel], to path: String, rng: inout SeededGenerator) throws -> [Geometry] {
        let farmland = parcels.filter { LandClass.isCultivated($0.classCode) }
        var features: [(Geometry, [String: AttributeValue])] = []
        for _ in 0..<120 {
            let parcel = farmland[Int(rng.uniform(0...Double(farmland.count - 1)))]
            let shape = DemoShapes.rectangle(center: parcel.center, width: rng.uniform(20...70), height: rng.uniform(20...60),
                                             angle: rng.uniform(-0.2...0.2))
            features.append((DemoShapes.polygon(shape), ["SSLX": .string(rng.chance(0.5) ? "种植设施" : "畜禽养殖设施")]))
        }
        try write(path, "SSNYD", [FieldDefinition("SSLX", .string(width: 20))], features)
        return features.map(\.0)
    }

    // MARK: Patches

    private enum Placement: CaseIterable { case approved, partlyApproved, facility, farmland, urban, redLine, elsewhere }

    private func writePatches(to path: String, parcels: [Parcel], approvals: [Geometry], facilities: [Geometry], redLines: [Geometry],
                              county: (Coordinate) throws -> String, rng: inout SeededGenerator, progress: JobProgress) throws {
        let fields = [FieldDefinition("JCBH", .string(width: 24)), FieldDefinition("XZQDM", .string(width: 12)),
                      FieldDefinition("QSX", .string(width: 10)), FieldDefinition("HSX", .string(width: 10)),
                      FieldDefinition("BHLX", .string(width: 20)), FieldDefinition("TBMJ", .real)]
        let writer = try VectorWriter(path: path, format: .shp, layerName: "WPTB", crs: Self.crs, fields: fields)
        let farmland = parcels.filter { LandClass.isCultivated($0.classCode) }
        let codes = Self.counties.map(\.code)
        progress.begin("生成卫片图斑 / generating change patches", total: patchCount)
        for k in 0..<patchCount {
            let placement = rng.pick([(Placement.approved, 0.25), (.partlyApproved, 0.05), (.facility, 0.08), (.farmland, 0.37),
                                      (.urban, 0.12), (.redLine, 0.05), (.elsewhere, 0.08)])
            let areaM2 = exp(rng.uniform(log(0.1)...log(50))) * Area.squareMetresPerMu
            var shape: [Coordinate]
            switch placement {
            case .approved, .partlyApproved, .facility:
                let host = placement == .facility ? facilities[Int(rng.uniform(0...Double(facilities.count - 1)))]
                    : approvals[Int(rng.uniform(0...Double(approvals.count - 1)))]
                let hostArea = try host.planarArea()
                var center = host.envelope!.center
                if placement == .partlyApproved { center.x += host.envelope!.width * 0.45 }
                shape = DemoShapes.patch(center: center, area: min(areaM2, hostArea * rng.uniform(0.3...0.7)), using: &rng)
                if placement != .partlyApproved {
                    var tries = 0
                    while tries < 6, !(try host.covers(DemoShapes.polygon(shape))) {
                        shape = shape.map { Coordinate(x: center.x + ($0.x - center.x) * 0.8, y: center.y + ($0.y - center.y) * 0.8) }
                        tries += 1
                    }
                }
            case .farmland:
                shape = DemoShapes.patch(center: farmland[Int(rng.uniform(0...Double(farmland.count - 1)))].center, area: areaM2, using: &rng)
            case .urban:
                let t = rng.uniform(0...(2 * Double.pi)), r = rng.uniform(0...2_800)
                shape = DemoShapes.patch(center: Coordinate(x: Self.town.x + r * cos(t), y: Self.town.y + r * sin(t)), area: areaM2, using: &rng)
            case .redLine:
                let (c, radius) = Self.redLineCentres[Int(rng.uniform(0...1.999))]
                let t = rng.uniform(0...(2 * Double.pi)), r = rng.uniform(0...(radius * 0.7))
                shape = DemoShapes.patch(center: Coordinate(x: c.x + r * cos(t), y: c.y + r * sin(t)), area: areaM2, using: &rng)
            case .elsewhere:
                let c = Coordinate(x: rng.uniform(484_000...516_000), y: rng.uniform(2_554_000...2_576_000))
                shape = DemoShapes.patch(center: c, area: areaM2, using: &rng)
            }
            // Three self-intersecting deliveries, as real batches have.
            if k % 700 == 3 { shape = DemoShapes.bowTie(center: shape[0], size: 30) }
            let geometry = DemoShapes.polygon(shape)
            let center = Coordinate(x: shape.map(\.x).reduce(0, +) / Double(shape.count), y: shape.map(\.y).reduce(0, +) / Double(shape.count))
            let trueCounty = try county(center)
            // Real deliveries: about 1.5% carry a neighbouring county's code, 0.5% none at all.
            let roll = rng.uniform(0...1)
            let stated = roll < 0.015 ? codes.first { $0 != trueCounty }! : (roll < 0.02 ? "" : trueCounty)
            let change: String
            switch placement {
            case .farmland: change = rng.pick([("新增建设", 0.6), ("推填土", 0.25), ("挖塘", 0.15)])
            case .redLine: change = rng.pick([("植被减少", 0.6), ("新增建设", 0.4)])
            default: change = "新增建设"
            }
            try writer.write(geometry: geometry, attributes: [
                "JCBH": .string(trueCounty + "24Q1" + String(format: "%04d", k + 1)), "XZQDM": .string(stated),
                "QSX": .string("2023-12-15"), "HSX": .string("2024-03-20"), "BHLX": .string(change),
                "TBMJ": .real(((try geometry.planarArea()) / Area.squareMetresPerMu * 100).rounded() / 100),
            ])
            progress.advance(to: k + 1)
        }
        progress.end()
        try writer.finish()
    }

    private func write(_ path: String, _ layer: String, _ fields: [FieldDefinition], _ features: [(Geometry, [String: AttributeValue])]) throws {
        let writer = try VectorWriter(path: path, format: .gpkg, layerName: layer, crs: Self.crs, fields: fields)
        for (geometry, attributes) in features { try writer.write(geometry: geometry, attributes: attributes) }
        try writer.finish()
    }
}
