/// A Kubernetes label selector: a conjunction of requirements, e.g. `env=dev,tier in (a,b),!legacy`.
public struct LabelSelector: Sendable, Hashable, CustomStringConvertible {
    /// One requirement on one label key.
    public enum Requirement: Sendable, Hashable {
        case equals(String, String)
        case notEquals(String, String)
        case `in`(String, [String])
        case notIn(String, [String])
        case exists(String)
        case doesNotExist(String)
    }

    /// Every requirement must hold.
    public var requirements: [Requirement]

    /// The selector that matches every object.
    public static let everything = LabelSelector(requirements: [])

    /// Creates a selector from requirements.
    public init(requirements: [Requirement]) {
        self.requirements = requirements
    }

    /// True when every requirement holds for `labels`.
    public func matches(_ labels: [String: String]?) -> Bool {
        let labels = labels ?? [:]
        return requirements.allSatisfy { requirement in
            switch requirement {
            case let .equals(key, value): labels[key] == value
            case let .notEquals(key, value): labels[key] != value
            case let .in(key, values): labels[key].map(values.contains) ?? false
            case let .notIn(key, values): labels[key].map { !values.contains($0) } ?? true
            case let .exists(key): labels[key] != nil
            case let .doesNotExist(key): labels[key] == nil
            }
        }
    }

    public var isEverything: Bool { requirements.isEmpty }

    public var description: String {
        requirements.map { requirement in
            switch requirement {
            case let .equals(key, value): "\(key)=\(value)"
            case let .notEquals(key, value): "\(key)!=\(value)"
            case let .in(key, values): "\(key) in (\(values.joined(separator: ",")))"
            case let .notIn(key, values): "\(key) notin (\(values.joined(separator: ",")))"
            case let .exists(key): key
            case let .doesNotExist(key): "!\(key)"
            }
        }.joined(separator: ",")
    }
}
