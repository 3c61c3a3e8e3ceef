import CCameraVision

/// Re-registration of a frame to its preset's reference: PTZ presets never return to exactly the
/// same view, and a 1–2 pixel drift would make every edge look like change. The motion is Euclidean
/// (rotation + translation, pixels of the reference), estimated on gradient magnitudes by OpenCV's
/// ECC (`lw_register_euclidean` → `cv::findTransformECC`), so a change of light does not pull it.
public struct FrameAlignment: Sendable, Equatable, Codable {
    /// 2×3 row-major: reference pixel → frame pixel.
    public let matrix: [Double]
    /// Normalised correlation of the aligned gradient magnitudes, −1…1: low for fog, night, a blocked lens.
    public let correlation: Double

    public var shift: (x: Double, y: Double) { (matrix[2], matrix[5]) }

    /// Aligns `frame` to `reference` (same size) over a 3-level pyramid whose finest level is at most
    /// 1024 pixels wide (the half-size frame a 4K camera gives the monitor is registered at 960 wide,
    /// the translation scaled back).
    public static func estimate(reference: GrayImage, frame: GrayImage) throws(CameraError) -> FrameAlignment {
        var matrix = [Double](repeating: 0, count: 6)
        var correlation = 0.0
        try vision("lw_register_euclidean") { message, capacity in
            lw_register_euclidean(reference.pixels, frame.pixels, Int32(reference.width), Int32(reference.height), 3,
                                  &matrix, &correlation, message, capacity)
        }
        return FrameAlignment(matrix: matrix, correlation: correlation)
    }

    /// `frame` resampled onto the reference's pixel grid (`lw_warp_to_reference` → `cv::warpAffine`).
    public func apply(to frame: GrayImage) throws(CameraError) -> GrayImage {
        var out = [Float](repeating: 0, count: frame.pixels.count)
        try vision("lw_warp_to_reference") { message, capacity in
            lw_warp_to_reference(frame.pixels, Int32(frame.width), Int32(frame.height), matrix, &out, message, capacity)
        }
        return GrayImage(width: frame.width, height: frame.height, pixels: out)
    }
}

/// Calls one function of the OpenCV shim and turns its failure into `CameraError.vision` with OpenCV's
/// own message.
func vision(_ call: String, _ body: (UnsafeMutablePointer<CChar>, Int32) -> Int32) throws(CameraError) {
    var buffer = [CChar](repeating: 0, count: 512)
    let status = buffer.withUnsafeMutableBufferPointer { body($0.baseAddress!, Int32($0.count)) }
    guard status == 0 else {
        throw .vision(call: call, message: String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
    }
}
