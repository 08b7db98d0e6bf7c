/// Kubernetes and OpenShift naming rules.
public enum NameRules {
    /// Longest cluster name OpenShift Cluster Manager accepts; longer names break generated host names.
    public static let maxClusterNameLength = 54

    /// Errors for a DNS-1123 label: lower-case alphanumerics and `-`, starting and ending alphanumeric.
    public static func dns1123Label(_ value: String, field: String, maxLength: Int = 63) -> [FieldError] {
        if value.isEmpty {
            return [FieldError(reason: .required, field: field, message: "must not be empty")]
        }
        var errors: [FieldError] = []
        let bytes = value.utf8
        if bytes.count > maxLength {
            errors.append(FieldError(reason: .tooLong, field: field,
                                     message: "must be no more than \(maxLength) characters, got \(bytes.count)"))
        }
        if !isDNS1123Label(value) {
            errors.append(FieldError(
                reason: .invalid, field: field,
                message: "\"\(value)\" is not a DNS-1123 label: use lower-case letters, digits and '-', starting and ending with a letter or digit"))
        }
        return errors
    }

    /// True when `value` matches `[a-z0-9]([-a-z0-9]*[a-z0-9])?`.
    public static func isDNS1123Label(_ value: String) -> Bool {
        var last: UInt8 = 0
        var count = 0
        for byte in value.utf8 {
            let alphanumeric = (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            guard alphanumeric || (byte == UInt8(ascii: "-") && count > 0) else { return false }
            last = byte
            count += 1
        }
        return count > 0 && last != UInt8(ascii: "-")
    }

    /// True when `value` is a valid label value: empty, or up to 63 of `[A-Za-z0-9._-]` starting and ending alphanumeric.
    public static func isLabelValue(_ value: String) -> Bool {
        let bytes = Array(value.utf8)
        if bytes.isEmpty { return true }
        guard bytes.count <= 63 else { return false }
        func alphanumeric(_ byte: UInt8) -> Bool {
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
        }
        guard alphanumeric(bytes[0]), alphanumeric(bytes[bytes.count - 1]) else { return false }
        return bytes.allSatisfy { alphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") }
    }

    /// True when `key` is a valid label key: an optional DNS prefix and `/`, then a name like a label value.
    public static func isLabelKey(_ key: String) -> Bool {
        let parts = key.split(separator: "/", omittingEmptySubsequences: false)
        switch parts.count {
        case 1:
            return !key.isEmpty && isLabelValue(key)
        case 2:
            let prefix = parts[0]
            let prefixOK = !prefix.isEmpty && prefix.utf8.count <= 253
                && prefix.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { isDNS1123Label(String($0)) }
            return prefixOK && !parts[1].isEmpty && isLabelValue(String(parts[1]))
        default:
            return false
        }
    }
}
