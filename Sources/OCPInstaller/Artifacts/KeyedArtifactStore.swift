public import OCPCloud
import Crypto

/// An artifact store that can name where a key lives, so the driver reads back what it wrote (its own state included).
public protocol KeyedArtifactStore: ArtifactStore {
    /// The URI `put` returns for `key`.
    func uri(forKey key: String) -> String
    /// Whether `uri` points into this store (and so may be read for an output reference).
    func owns(uri: String) -> Bool
}

extension KeyedArtifactStore {
    /// The bytes under `key`, or nil.
    func get(key: String) async throws -> [UInt8]? {
        try await get(uri: uri(forKey: key))
    }
}

/// Lowercase hex SHA-256.
func sha256Hex(_ bytes: [UInt8]) -> String {
    SHA256.hash(data: bytes).map { byte in
        let hex = String(byte, radix: 16)
        return byte < 16 ? "0" + hex : hex
    }.joined()
}
