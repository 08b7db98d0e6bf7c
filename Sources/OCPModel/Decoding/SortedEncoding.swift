extension KeyedEncodingContainer {
    /// Encodes a string map with its keys in sorted order, so output and hashes are stable across processes.
    mutating func encodeSorted(_ map: [String: String]?, forKey key: Key) throws {
        guard let map else { return }
        var nested = nestedContainer(keyedBy: DynamicKey.self, forKey: key)
        for name in map.keys.sorted() {
            try nested.encode(map[name], forKey: DynamicKey(stringValue: name))
        }
    }
}
