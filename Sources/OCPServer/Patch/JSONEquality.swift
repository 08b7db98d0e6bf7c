import Foundation

/// Equality of values `JSONSerialization` returns: objects and arrays compared member by member, numbers by value.
enum JSONEquality {
    static func equal(_ left: Any, _ right: Any) -> Bool {
        switch (left, right) {
        case let (left as [String: Any], right as [String: Any]):
            left.count == right.count && left.allSatisfy { key, value in right[key].map { equal(value, $0) } ?? false }
        case let (left as [Any], right as [Any]):
            left.count == right.count && zip(left, right).allSatisfy { equal($0, $1) }
        case let (left as String, right as String):
            left == right
        case let (left as NSNumber, right as NSNumber):
            left == right
        case (is NSNull, is NSNull):
            true
        default:
            false
        }
    }
}
