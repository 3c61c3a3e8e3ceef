import Foundation
import GeoIO

/// A single-channel image, row-major, values 0–255 (luma of a colour frame): what the camera module
/// compares. Frames are read through GDAL (PNG, JPEG, TIFF), so a corrupt file is an error, not a crash.
public struct GrayImage: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public var pixels: [Float]

    public init(width: Int, height: Int, pixels: [Float]) {
        precondition(pixels.count == width * height, "one value per pixel")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// The frame at `path`: one band is taken as it is, three or more as Rec. 601 luma of bands 1–3.
    public init(path: String) throws(CameraError) {
        do {
            let source = try RasterSource(path: path)
            let window = PixelWindow(x: 0, y: 0, width: source.grid.width, height: source.grid.height)
            let pixels = window.pixelCount
            if source.bandCount >= 3 {
                let rgb = try source.read(window: window, bands: [1, 2, 3])
                self.init(width: window.width, height: window.height,
                          pixels: (0..<pixels).map { 0.299 * rgb[$0] + 0.587 * rgb[pixels + $0] + 0.114 * rgb[2 * pixels + $0] })
            } else {
                self.init(width: window.width, height: window.height, pixels: try source.read(window: window, bands: [1]))
            }
        } catch {
            throw .unreadableFrame(path: path, reason: "\(error)")
        }
    }

    public subscript(x: Int, y: Int) -> Float {
        get { pixels[y * width + x] }
        set { pixels[y * width + x] = newValue }
    }

    /// Half the size, each pixel the mean of a 2×2 block: less sensor noise and a quarter of the work.
    public func halved() -> GrayImage {
        let w = width / 2, h = height / 2
        var out = [Float](repeating: 0, count: w * h)
        for y in 0..<h {
            let top = 2 * y * width, bottom = top + width
            for x in 0..<w {
                out[y * w + x] = 0.25 * (pixels[top + 2 * x] + pixels[top + 2 * x + 1] + pixels[bottom + 2 * x] + pixels[bottom + 2 * x + 1])
            }
        }
        return GrayImage(width: w, height: h, pixels: out)
    }
}
