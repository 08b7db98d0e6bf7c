import Foundation
import Hummingbird
import OCPModel

/// Keeps `metadata.managedFields` as kube-apiserver does: every write records who set which fields, so
/// server-side apply knows whose field it would take over.
enum ManagedFields {
    /// The manager a write is recorded under: `?fieldManager=`, else the client's User-Agent name (as kube does).
    static func manager(_ request: Request, required: Bool) throws(APIError) -> String {
        if let manager = request.query("fieldManager") {
            guard !manager.isEmpty, manager.utf8.count <= 128, manager.unicodeScalars.allSatisfy({ $0.value >= 32 && $0.value < 127 }) else {
                throw APIError(.badRequest, "fieldManager must be 1..128 printable ASCII characters, got \"\(manager.prefix(128))\"")
            }
            return manager
        }
        if required {
            throw APIError(.badRequest, "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch")
        }
        let agent = request.headers[.userAgent].flatMap { $0.split(separator: "/").first.map(String.init) } ?? ""
        let name = String(agent.unicodeScalars.filter { $0.value > 32 && $0.value < 127 }.map(Character.init).prefix(128))
        return name.isEmpty ? "unknown" : name
    }

    /// `desired` with the managedFields of a non-apply write from `current`: the fields it changed become
    /// `manager`'s (operation Update) and nobody else's; fields it removed are nobody's.
    static func recordUpdate<Object: APIObject>(_ desired: inout Object, current: Object?, manager: String, now: Timestamp) throws(APIError) {
        let before = try current.map { object throws(APIError) in try FieldPaths.leaves(of: object) } ?? [:]
        let after = try FieldPaths.leaves(of: desired)
        let changed = after.keys.filter { !FieldPaths.same(before[$0], after[$0]) }
        let removed = before.keys.filter { after[$0] == nil }
        var entries = current?.metadata.managedFields ?? []
        if changed.isEmpty && removed.isEmpty {
            desired.metadata.managedFields = entries.isEmpty ? nil : entries
            return
        }
        let touched = changed + removed
        entries = entries.map { entry in
            var entry = entry
            entry.fieldsV1 = FieldPaths.fieldsV1(FieldPaths.paths(entry.fieldsV1).filter { path in !touched.contains { FieldPaths.overlap($0, path) } })
            return entry
        }
        if !changed.isEmpty {
            let mine = entries.firstIndex { $0.manager == manager && $0.operation == "Update" }
            let owned = mine.map { FieldPaths.paths(entries[$0].fieldsV1) } ?? []
            let entry = ManagedFieldsEntry(manager: manager, operation: "Update", apiVersion: desired.apiVersion, time: now,
                                           fields: FieldPaths.fieldsV1(owned.union(changed)))
            if let mine { entries[mine] = entry } else { entries.append(entry) }
        }
        entries.removeAll { $0.fieldsV1.children.isEmpty }
        desired.metadata.managedFields = entries.isEmpty ? nil : entries
    }
}
