import Foundation
import Hummingbird
import OCPModel
import OCPStore

/// External controllers report per cluster (architecture.md §9): `PUT .../clusters/{name}/controllers/{controller}`,
/// and the original design's `PUT /api/v1/clusters/{id}/status` with `controller_name` in the body.
struct ControllerReportRoutes: Sendable {
    let store: any ControlPlaneStore
    let pipeline: WritePipeline
    let now: @Sendable () -> Timestamp

    /// The original design's API base.
    static let legacyBase = "/api/v1"

    func register(on apis: RouterGroup<APIContext>, legacy: RouterGroup<APIContext>) {
        apis.put("namespaces/:namespace/clusters/:name/controllers/:controller") { request, context in
            let controller = try context.parameters.require("controller")
            return try await pipeline.run(request, context, resource: "clusters", verb: "report-controller-status", code: 200,
                                          authorize: { try Authorization.checkControllerReport($0, controller: controller) }) { _, body, note in
                let key = ClusterKey(namespace: try context.parameters.require("namespace"), name: try context.parameters.require("name"))
                var report = try Self.decode(body, snakeCase: false)
                if let named = report.controllerName.nonEmpty, named != controller {
                    throw APIError(.badRequest, "controllerName \"\(named)\" does not match the controller in the URL (\(controller))")
                }
                report.controllerName = controller
                return try await store(report, key: key, note: &note)
            }
        }
        legacy.put("clusters/:id/status") { request, context in
            // The controller is named in the body, so authorization waits for it; the pipeline audits either outcome.
            try await pipeline.run(request, context, resource: "clusters", verb: "report-controller-status", code: 200,
                                   authorize: { _ in }) { caller, body, note in
                let report = try Self.decode(body, snakeCase: true)
                guard !report.controllerName.isEmpty else {
                    throw APIError.invalid(kind: "ControllerStatus", "", [FieldError(reason: .required, field: "controller_name", message: "name the reporting controller")])
                }
                try Authorization.checkControllerReport(caller.identity, controller: report.controllerName)
                let uid = try context.parameters.require("id")
                guard let key = try await store.clusterKey(uid: uid) else {
                    throw APIError(.notFound, "cluster with id \"\(uid)\" not found", name: uid)
                }
                return try await store(report, key: key, note: &note)
            }
        }
    }

    private func store(_ report: ControllerReport, key: ClusterKey, note: inout AuditNote) async throws -> Cluster {
        let cluster = try await store.getCluster(key)
        let errors = ControllerReportValidation.validate(report, generation: cluster.metadata.generation ?? 1)
        guard errors.isEmpty else { throw APIError.invalid(kind: "ControllerStatus", report.controllerName, errors) }
        note.name = key.name
        note.summary = "controller \(report.controllerName) at generation \(report.observedGeneration)"
            + (report.lastError == nil ? "" : ", with an error")
        return try await store.putControllerReport(key, report: report, now: now())
    }

    /// Decodes a report strictly: unknown fields and wrong types are 422 naming the field.
    static func decode(_ body: [UInt8], snakeCase: Bool) throws(APIError) -> ControllerReport {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else {
            throw APIError(.badRequest, "the request body is not a JSON object: send one controller report")
        }
        let allowed = snakeCase ? Set(ControllerReportValidation.fields.map(snake)) : ControllerReportValidation.fields
        if let unknown = object.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw APIError.invalid(kind: "ControllerStatus", "", [FieldError(reason: .unknownField, field: unknown,
                                                                            message: "unknown field; allowed: \(allowed.sorted().joined(separator: ", "))")])
        }
        var normalized = object
        if snakeCase { normalized = Dictionary(uniqueKeysWithValues: object.map { (camel($0.key), $0.value) }) }
        if normalized["controllerName"] == nil { normalized["controllerName"] = "" }
        do {
            let data = try JSONSerialization.data(withJSONObject: normalized)
            return try JSONDecoder().decode(ControllerReport.self, from: data)
        } catch let DecodingError.keyNotFound(key, context) {
            throw fieldError(.required, context.codingPath + [key], "is required", snakeCase)
        } catch let DecodingError.typeMismatch(_, context) {
            throw fieldError(.wrongType, context.codingPath, context.debugDescription, snakeCase)
        } catch let DecodingError.dataCorrupted(context) {
            throw fieldError(.invalid, context.codingPath, context.debugDescription, snakeCase)
        } catch let DecodingError.valueNotFound(_, context) {
            throw fieldError(.required, context.codingPath, "must not be null", snakeCase)
        } catch {
            throw APIError(.badRequest, "the controller report cannot be read: \(error)")
        }
    }

    private static func fieldError(_ reason: FieldError.Reason, _ path: [any CodingKey], _ message: String, _ snakeCase: Bool) -> APIError {
        let field = path.map { key in key.intValue.map { "[\($0)]" } ?? (snakeCase ? snake(key.stringValue) : key.stringValue) }
            .joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
        return APIError.invalid(kind: "ControllerStatus", "", [FieldError(reason: reason, field: field, message: message)])
    }

    static func snake(_ name: String) -> String {
        name.reduce(into: "") { out, character in out += character.isUppercase ? "_" + character.lowercased() : String(character) }
    }

    static func camel(_ name: String) -> String {
        let parts = name.split(separator: "_")
        return (parts.first.map(String.init) ?? "") + parts.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
}

extension String {
    fileprivate var nonEmpty: String? { isEmpty ? nil : self }
}
