import Foundation
import OCPModel

/// Which objects one list or watch wants and may see: its namespace, label and field selectors, and the caller's teams.
struct WatchFilter: Sendable {
    var namespace: String?
    var labels: LabelSelector = .everything
    var fields: FieldSelector = .everything
    /// nil for a caller that reads every namespace; otherwise the namespaces it may read.
    var readable: (@Sendable (String) -> Bool)?

    /// True when `object` passes every part of the filter.
    func matches(_ meta: ObjectMeta) -> Bool {
        let objectNamespace = meta.namespace ?? ""
        if let namespace, objectNamespace != namespace { return false }
        if let readable, !readable(objectNamespace) { return false }
        return labels.matches(meta.labels) && fields.matches(meta)
    }
}

/// A Kubernetes field selector over the fields every kind supports: `metadata.name` and `metadata.namespace`,
/// with `=`, `==` and `!=`, comma-separated requirements all of which must hold.
struct FieldSelector: Sendable, Hashable {
    struct Requirement: Sendable, Hashable {
        var field: String
        var value: String
        var equals: Bool
    }

    var requirements: [Requirement]

    static let everything = FieldSelector(requirements: [])
    static let supportedFields = ["metadata.name", "metadata.namespace"]

    /// Parses `metadata.name=x,metadata.namespace!=y`; an unknown field or a malformed term is a 400 naming it.
    init(parsing text: String) throws(APIError) {
        var requirements: [Requirement] = []
        for term in text.split(separator: ",", omittingEmptySubsequences: true).map({ $0.trimmingCharacters(in: .whitespaces) }) where !term.isEmpty {
            let (field, value, equals): (Substring, Substring, Bool)
            if let range = term.range(of: "!=") {
                (field, value, equals) = (term[..<range.lowerBound], term[range.upperBound...], false)
            } else if let range = term.range(of: "==") ?? term.range(of: "=") {
                (field, value, equals) = (term[..<range.lowerBound], term[range.upperBound...], true)
            } else {
                throw APIError(.badRequest, "invalid fieldSelector \"\(text)\": \"\(term)\" is not FIELD=VALUE, FIELD==VALUE or FIELD!=VALUE")
            }
            let name = field.trimmingCharacters(in: .whitespaces)
            guard Self.supportedFields.contains(name) else {
                throw APIError(.badRequest, "invalid fieldSelector \"\(text)\": field label not supported: \(name) (supported: \(Self.supportedFields.joined(separator: ", ")))")
            }
            requirements.append(Requirement(field: name, value: value.trimmingCharacters(in: .whitespaces), equals: equals))
        }
        self.requirements = requirements
    }

    init(requirements: [Requirement]) {
        self.requirements = requirements
    }

    func matches(_ meta: ObjectMeta) -> Bool {
        requirements.allSatisfy { requirement in
            let actual = requirement.field == "metadata.name" ? meta.name : meta.namespace ?? ""
            return (actual == requirement.value) == requirement.equals
        }
    }
}

extension WatchFilter {
    /// The filter of a list or watch request on `namespace` (nil: every namespace) for `identity`.
    init(namespace: String?, parameters: ListParameters, identity: Identity) throws(APIError) {
        self.namespace = namespace
        if let selector = parameters.labelSelector, !selector.isEmpty {
            do {
                labels = try LabelSelector(parsing: selector)
            } catch {
                throw APIError(.badRequest, "unable to parse labelSelector \"\(selector)\": \(error)")
            }
        }
        if let selector = parameters.fieldSelector { fields = try FieldSelector(parsing: selector) }
        if !Authorization.readsEverything(identity) { readable = { [identity] in identity.mayUse(namespace: $0) } }
    }
}
