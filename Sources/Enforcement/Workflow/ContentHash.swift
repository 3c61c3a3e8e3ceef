import Crypto
import Foundation

/// SHA-256 as the workflow writes it everywhere (seeds, ranks, the audit chain, photo names): lower-case hex.
public enum ContentHash {
    public static func sha256Hex(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }
}
