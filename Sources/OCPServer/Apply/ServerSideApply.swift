import Foundation
import OCPModel

/// Server-side apply (`PATCH` with `application/apply-patch+yaml`): the applied configuration names the fields
/// its manager wants to own, with their values. A field another manager owns with a different value is a
/// conflict (409, naming both) unless `force` takes it over; a field the manager applied before and leaves
/// out now is removed, unless someone else owns it too.
struct ServerSideApply<Object: APIObject> {
    let manager: String
    let force: Bool
    let now: Timestamp

    /// The merged object as JSON bytes, for the kind's strict decoding and admission, and its managedFields.
    func merge(applied: Object, current: Object?) throws(APIError) -> (body: [UInt8], managedFields: [ManagedFieldsEntry]?) {
        let wanted = try FieldPaths.leaves(of: applied)
        let live = try current.map { object throws(APIError) in try FieldPaths.leaves(of: object) } ?? [:]
        var entries = current?.metadata.managedFields ?? []

        var conflicts: [(manager: String, path: FieldPaths.Path)] = []
        for entry in entries where entry.manager != manager {
            let owned = FieldPaths.paths(entry.fieldsV1)
            for (path, value) in wanted where owned.contains(where: { FieldPaths.overlap($0, path) }) && !FieldPaths.same(live[path], value) {
                conflicts.append((entry.manager, path))
            }
        }
        if !conflicts.isEmpty && !force { throw Self.conflict(conflicts, apiVersion: applied.apiVersion, name: applied.metadata.name) }

        let mine = entries.firstIndex { $0.manager == manager && $0.operation == "Apply" }
        let previously = mine.map { FieldPaths.paths(entries[$0].fieldsV1) } ?? []
        // Forced fields leave their old owners; the rest may be shared.
        let taken = conflicts.map { $0.path }
        entries = entries.map { entry in
            guard entry.manager != manager, !taken.isEmpty else { return entry }
            var entry = entry
            entry.fieldsV1 = FieldPaths.fieldsV1(FieldPaths.paths(entry.fieldsV1).filter { path in !taken.contains { FieldPaths.overlap($0, path) } })
            return entry
        }
        let others = entries.filter { $0.manager != manager || $0.operation != "Apply" }.flatMap { FieldPaths.paths($0.fieldsV1) }

        var tree = try FieldPaths.jsonTree((current ?? applied).withoutStatus)
        for path in previously where wanted[path] == nil && !others.contains(where: { FieldPaths.overlap($0, path) }) {
            tree = FieldPaths.removing(path, from: tree)
        }
        for (path, value) in wanted { tree = FieldPaths.setting(value, at: path, in: tree) }
        if var meta = tree["metadata"] as? [String: Any] {
            meta["managedFields"] = nil
            meta["resourceVersion"] = nil
            tree["metadata"] = meta
        }

        let fields = FieldPaths.fieldsV1(wanted.keys)
        let unchanged = mine.map { entries[$0].fieldsV1 == fields } ?? false
        let entry = ManagedFieldsEntry(manager: manager, operation: "Apply", apiVersion: applied.apiVersion,
                                       time: unchanged ? mine.flatMap { entries[$0].time } : now, fields: fields)
        if let mine { entries[mine] = entry } else { entries.append(entry) }
        entries.removeAll { $0.fieldsV1.children.isEmpty }
        do {
            return (Array(try JSONSerialization.data(withJSONObject: tree, options: [.sortedKeys])), entries.isEmpty ? nil : entries)
        } catch {
            throw APIError(.internalError, "could not encode the applied object: \(error)")
        }
    }

    /// kube's 409: `Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using ocpctl.io/v1alpha1: .spec.workers`.
    static func conflict(_ conflicts: [(manager: String, path: FieldPaths.Path)], apiVersion: String, name: String) -> APIError {
        let sorted = conflicts.sorted { ($0.manager, FieldPaths.display($0.path)) < ($1.manager, FieldPaths.display($1.path)) }
        let managers = Dictionary(grouping: sorted, by: { $0.manager })
        let count = "\(sorted.count) conflict\(sorted.count == 1 ? "" : "s")"
        let message: String
        if sorted.count == 1, let only = sorted.first {
            message = "Apply failed with \(count): conflict with \"\(only.manager)\" using \(apiVersion): \(FieldPaths.display(only.path))"
        } else {
            let parts = managers.keys.sorted().map { manager in
                "conflicts with \"\(manager)\" using \(apiVersion):\n" + managers[manager, default: []].map { "- \(FieldPaths.display($0.path))" }.joined(separator: "\n")
            }
            message = "Apply failed with \(count): " + parts.joined(separator: "\n")
        }
        var error = APIError(.conflict, message, name: name)
        error.status.details?.causes = sorted.map {
            StatusDocument.Cause(reason: "FieldManagerConflict", message: "conflict with \"\($0.manager)\" using \(apiVersion)", field: FieldPaths.display($0.path))
        }
        return error
    }
}
