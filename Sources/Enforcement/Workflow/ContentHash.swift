import Crypto
import Foundation

/// SHA-256 as the workflow writes it everywhere (seeds, ranks, the audit chain, photo names): lower-case hex.
public enum ContentHash {
    /// Every API request hashes its token: hex digits by table, not String(format:) per byte.
    private static let digits = Array("0123456789abcdef".utf8)

    public static func sha256Hex(_ data: Data) -> String {
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in SHA256.hash(data: data) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }
}
