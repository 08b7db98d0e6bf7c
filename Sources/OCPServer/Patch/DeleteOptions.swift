import Foundation
import Hummingbird
import OCPModel

/// The `DeleteOptions` body (or query) of a DELETE, as kubectl sends it: preconditions on uid and resourceVersion,
/// a propagation policy (accepted: an ocpctl object owns no dependents to propagate to) and a dry run.
struct DeleteOptions: Sendable {
    /// `?resourceVersion=`: ocpctl's own precondition, answered as a stale write is.
    var queryResourceVersion: String?
    var uid: String?
    var resourceVersion: String?
    var propagationPolicy: String?
    var dryRun = false

    static let policies = ["Orphan", "Background", "Foreground"]

    init(body: [UInt8], request: Request) throws(APIError) {
        queryResourceVersion = request.query("resourceVersion")
        propagationPolicy = request.query("propagationPolicy")
        dryRun = try request.dryRun()
        if !body.isEmpty {
            let decoded: Body
            do {
                decoded = try JSONDecoder().decode(Body.self, from: Data(body))
            } catch {
                throw APIError(.badRequest, "the DELETE body is not a DeleteOptions document: \(error)")
            }
            if let kind = decoded.kind, kind != "DeleteOptions" {
                throw APIError(.badRequest, "the DELETE body must be kind DeleteOptions, got \"\(kind)\"")
            }
            uid = decoded.preconditions?.uid
            resourceVersion = decoded.preconditions?.resourceVersion
            propagationPolicy = decoded.propagationPolicy ?? propagationPolicy
            for value in decoded.dryRun ?? [] {
                guard value == "All" else { throw APIError(.badRequest, "unsupported dryRun value \"\(value)\": only All") }
                dryRun = true
            }
            if let seconds = decoded.gracePeriodSeconds, seconds < 0 {
                throw APIError(.badRequest, "gracePeriodSeconds must be zero or more, got \(seconds)")
            }
        }
        if let propagationPolicy, !Self.policies.contains(propagationPolicy) {
            throw APIError(.badRequest, "propagationPolicy: Unsupported value: \"\(propagationPolicy)\": supported values: \"Orphan\", \"Background\", \"Foreground\"")
        }
    }

    /// Throws 409 when the object is not the one the preconditions name.
    func check(_ meta: ObjectMeta, kind: String) throws(APIError) {
        if let uid, uid != meta.uid {
            throw APIError(.conflict, "Precondition failed: UID in precondition: \(uid), UID in object meta: \(meta.uid ?? "")",
                           name: meta.name, resource: ResourceNames.plural(of: kind))
        }
        if let resourceVersion, resourceVersion != meta.resourceVersion {
            throw APIError(.conflict, "Precondition failed: ResourceVersion in precondition: \(resourceVersion), ResourceVersion in object meta: \(meta.resourceVersion ?? "")",
                           name: meta.name, resource: ResourceNames.plural(of: kind))
        }
    }

    private struct Body: Decodable {
        struct Preconditions: Decodable {
            var uid: String?
            var resourceVersion: String?
        }
        var kind: String?
        var apiVersion: String?
        var preconditions: Preconditions?
        var propagationPolicy: String?
        var gracePeriodSeconds: Int64?
        var orphanDependents: Bool?
        var dryRun: [String]?
    }
}
