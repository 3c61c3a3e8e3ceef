import Foundation
import Geo
import GeoIO
import Testing
@testable import Detection

/// The planted roof (pixels 30…49 × 24…43 of the 2 m grid) seen through cloud masks.
@Suite struct CloudMaskTests {
    /// A one-band mask over the pair's ground with `pixelSize` metre pixels, `value` where `cloud`
    /// holds (at the mask pixel's centre, in the pair's 2 m pixel coordinates), 0 elsewhere.
    static func writeMask(_ fixture: PlantedPair, name: String, pixelSize: Double = PlantedPair.pixelSize, value: UInt8,
                          georeferenced: Bool = true, cloud: (Double, Double) -> Bool) throws -> String {
        let path = fixture.directory.path(name)
        let scale = pixelSize / PlantedPair.pixelSize
        let width = Int((Double(fixture.width) / scale).rounded(.up)), height = Int((Double(fixture.height) / scale).rounded(.up))
        let grid = georeferenced
            ? try RasterGrid(width: width, height: height, origin: PlantedPair.origin, pixelSize: pixelSize, crs: PlantedPair.crs)
            : try RasterGrid(width: width + 1, height: height)
        let raster = try ByteRaster(path: path, grid: grid, bands: 1)
        var values = [UInt8](repeating: 0, count: grid.width * grid.height)
        for y in 0..<grid.height {
            for x in 0..<grid.width where cloud((Double(x) + 0.5) * scale, (Double(y) + 0.5) * scale) { values[y * grid.width + x] = value }
        }
        try raster.write(values, window: PixelWindow(x: 0, y: 0, width: grid.width, height: grid.height), band: 1)
        return path
    }

    /// The patch found is the roof's clear half: nothing east of the cloud's edge at pixel column 40
    /// (x = 500,080 m), and most of the 200 clear pixels (the Otsu threshold moves with half a roof).
    static func isClearHalf(_ found: [CandidatePatch]) -> Bool {
        guard found.count == 1, let patch = found.first, let envelope = patch.geometry.envelope else { return false }
        return envelope.maxX <= PlantedPair.origin.x + 40 * PlantedPair.pixelSize && (180...200).contains(patch.pixelCount)
    }

    static func patches(_ fixture: PlantedPair, clouds: (before: CloudMask?, after: CloudMask?)) throws -> [CandidatePatch] {
        let pair = try ImagePair(beforePath: fixture.before, afterPath: fixture.after, bandMap: .rgb, clouds: clouds)
        return try PlantedPair.patches(try ChangeDetector(pair: pair, scorer: .changeVector), minimumArea: Area(squareMetres: 100))
    }

    @Test func theHalfOfAChangeUnderTheAfterDatesCloudsIsLeftOut() throws {
        let fixture = try PlantedPair(change: ChangeDetectionTests.roof)
        let mask = try Self.writeMask(fixture, name: "scl.tif", value: 9) { x, _ in x >= 40 }
        #expect(Self.isClearHalf(try Self.patches(fixture, clouds: (nil, CloudMask(path: mask, values: [3, 8, 9, 10])))))
    }

    @Test func aCloudOnTheBeforeDateHidesTheChangeToo() throws {
        let fixture = try PlantedPair(change: ChangeDetectionTests.roof)
        let mask = try Self.writeMask(fixture, name: "fmask.tif", value: 4) { x, y in (26...54).contains(x) && (20...48).contains(y) }
        #expect(try Self.patches(fixture, clouds: (CloudMask(path: mask), nil)).isEmpty)
    }

    @Test func aMaskOnACoarserGridIsBroughtOntoTheImageByNearestNeighbour() throws {
        let fixture = try PlantedPair(change: ChangeDetectionTests.roof)
        // 8 m mask pixels: the boundary x = 40 falls on a mask pixel edge, so nearest neighbour keeps it exact.
        let mask = try Self.writeMask(fixture, name: "coarse.tif", pixelSize: 8, value: 1) { x, _ in x >= 40 }
        #expect(Self.isClearHalf(try Self.patches(fixture, clouds: (nil, CloudMask(path: mask)))))
    }

    @Test func onlyTheListedValuesAreClouds() throws {
        let fixture = try PlantedPair(change: ChangeDetectionTests.roof)
        let mask = try Self.writeMask(fixture, name: "water.tif", value: 6) { x, _ in x >= 40 }
        #expect(try Self.patches(fixture, clouds: (nil, CloudMask(path: mask, values: [3, 8, 9, 10]))).map(\.pixelCount) == [400])
    }

    @Test func aMaskThatCannotBeAlignedWithTheImagesIsRefused() throws {
        let fixture = try PlantedPair(change: ChangeDetectionTests.roof)
        let mask = try Self.writeMask(fixture, name: "plain.tif", value: 1, georeferenced: false) { _, _ in false }
        #expect {
            try ImagePair(beforePath: fixture.before, afterPath: fixture.after, bandMap: .rgb, clouds: (CloudMask(path: mask), nil))
        } throws: { error in
            guard case .imagesDiffer(let message) = error as? DetectionError else { return false }
            return message.contains(mask)
        }
    }

    @Test func cloudValuesAreIntegersSeparatedByCommas() {
        #expect(CloudMask.values("3, 8,9,10") == [3, 8, 9, 10])
        #expect(CloudMask.values("cloud") == nil)
    }
}
