/// Kubernetes and OpenShift naming rules.
public enum NameRules {
    /// Longest cluster name OpenShift Cluster Manager accepts; longer names break generated host names.
    public static let maxClusterNameLength = 54

    /// Errors for a DNS-1123 label: lower-case alphanumerics and `-`, starting and ending alphanumeric.
    public static func dns1123Label(_ value: String, field: String, maxLength: Int = 63) -> [FieldError] {
        if value.isEmpty {
            return [FieldError(reason: .required, field: field, message: "must not be empty")]
        }
        let valid = isDNS1123Label(value)
        if valid, value.utf8.count <= maxLength { return [] }
        var errors: [FieldError] = []
        let bytes = value.utf8
        if bytes.count > maxLength {
            errors.append(FieldError(reason: .tooLong, field: field,
                                     message: "must be no more than \(maxLength) characters, got \(bytes.count)"))
        }
        if !valid {
            errors.append(FieldError(
                reason: .invalid, field: field,
                message: "\"\(value)\" is not a DNS-1123 label: use lower-case letters, digits and '-', starting and ending with a letter or digit"))
        }
        return errors
    }

    /// True when `value` matches `[a-z0-9]([-a-z0-9]*[a-z0-9])?`.
    public static func isDNS1123Label(_ value: String) -> Bool {
        isDNS1123Label(value.utf8)
    }

    /// True when `value` is a valid label value: empty, or up to 63 of `[A-Za-z0-9._-]` starting and ending alphanumeric.
    public static func isLabelValue(_ value: String) -> Bool {
        isLabelName(value.utf8)
    }

    /// True when `key` is a valid label key: an optional DNS prefix and `/`, then a name like a label value.
    public static func isLabelKey(_ key: String) -> Bool {
        let bytes = key.utf8
        guard let slash = bytes.firstIndex(of: UInt8(ascii: "/")) else {
            return !bytes.isEmpty && isLabelName(bytes[...])
        }
        let prefix = bytes[..<slash]
        let name = bytes[bytes.index(after: slash)...]
        guard !prefix.isEmpty, prefix.count <= 253, !name.isEmpty, !name.contains(UInt8(ascii: "/")) else { return false }
        return prefix.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false).allSatisfy(isDNS1123Label) && isLabelName(name)
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }

    private static func isLabelName<C: Collection<UInt8>>(_ bytes: C) -> Bool {
        guard let first = bytes.first else { return true }
        var count = 0
        var last = first
        for byte in bytes {
            guard isAlphanumeric(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".") else { return false }
            last = byte
            count += 1
        }
        return count <= 63 && isAlphanumeric(first) && isAlphanumeric(last)
    }

    private static func isDNS1123Label<C: Collection<UInt8>>(_ bytes: C) -> Bool {
        guard let first = bytes.first else { return false }
        var last = first
        for byte in bytes {
            let lowerAlphanumeric = (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            guard lowerAlphanumeric || byte == UInt8(ascii: "-") else { return false }
            last = byte
        }
        return first != UInt8(ascii: "-") && last != UInt8(ascii: "-")
    }
}
