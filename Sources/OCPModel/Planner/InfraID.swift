/// The cloud-side identity of a cluster, in the installer's form: up to 21 characters of the name, `-`, 5 characters.
public enum InfraID {
    /// A stable infraID derived from the name and uid, so every reconcile computes the same one.
    public static func make(name: String, uid: String) -> String {
        var prefix = String(name.prefix(21))
        while prefix.hasSuffix("-") { prefix.removeLast() }
        var hash = FNV1a.hash(uid.utf8)
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789".utf8)
        var suffix: [UInt8] = []
        for _ in 0..<5 {
            suffix.append(alphabet[Int(hash % 36)])
            hash /= 36
        }
        return prefix + "-" + String(decoding: suffix, as: UTF8.self)
    }
}
