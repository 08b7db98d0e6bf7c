import Foundation
import Hummingbird
import OCPModel

/// `kubectl auth whoami` and `kubectl auth can-i`: the self reviews, answered from ocpctl's RBAC rules.
struct ReviewRoutes: Sendable {
    let maxBodyBytes: Int
    /// The versions of `authentication.k8s.io` kubectl 1.27 to 1.33 ask for SelfSubjectReview.
    static let authenticationVersions = ["v1", "v1beta1", "v1alpha1"]
    /// The kinds ocpctl serves, and whether each lives in a namespace.
    static let resources = ["clusters": true, "syncsources": true, "tokens": false]
    /// Paths outside the API group every caller may read.
    static let openPaths = ["/healthz", "/readyz", "/livez", "/version", "/api", "/apis", "/openapi"]

    /// Registers under `/apis/authentication.k8s.io` and `/apis/authorization.k8s.io`, each behind `auth`.
    func register(on router: Router<APIContext>, auth: AuthMiddleware) {
        let authentication = router.group("/apis/authentication.k8s.io")
        authentication.add(middleware: auth)
        for version in Self.authenticationVersions {
            authentication.post("\(version)/selfsubjectreviews") { request, context in
                _ = try await request.readBody(limit: maxBodyBytes)
                let caller = try context.caller()
                return EnvelopeMiddleware.response(SelfSubjectReview(apiVersion: "authentication.k8s.io/\(version)", identity: caller.identity), code: 201)
            }
        }
        let authorization = router.group("/apis/authorization.k8s.io")
        authorization.add(middleware: auth)
        authorization.post("v1/selfsubjectaccessreviews") { request, context in
            let caller = try context.caller()
            let body = try await request.readBody(limit: maxBodyBytes)
            var review: SelfSubjectAccessReview
            if request.headers[.contentType]?.contains("protobuf") == true {
                // kubectl sends built-in kinds as protobuf and reads a JSON answer as well.
                guard let decoded = ProtobufReview.decode(body) else {
                    throw APIError(.badRequest, "the body is not a protobuf SelfSubjectAccessReview")
                }
                review = decoded
            } else {
                do {
                    review = try JSONDecoder().decode(SelfSubjectAccessReview.self, from: Data(body))
                } catch {
                    throw APIError(.badRequest, "the body is not a SelfSubjectAccessReview: \(error)")
                }
            }
            review.status = try Self.decide(review.spec, identity: caller.identity)
            review.apiVersion = "authorization.k8s.io/v1"
            review.kind = "SelfSubjectAccessReview"
            return EnvelopeMiddleware.response(review, code: 201)
        }
    }

    /// Allowed or not, with the reason the RBAC rules give.
    static func decide(_ spec: SelfSubjectAccessReview.Spec, identity: Identity) throws(APIError) -> SelfSubjectAccessReview.Status {
        if let path = spec.nonResourceAttributes?.path {
            let open = openPaths.contains { path == $0 || path.hasPrefix($0 + "/") }
            let reading = ["get", "head"].contains(spec.nonResourceAttributes?.verb?.lowercased() ?? "get")
            return .init(allowed: open && reading, reason: open && reading ? nil : "ocpctl serves only reads of \(openPaths.joined(separator: ", ")) outside its API group")
        }
        guard let attributes = spec.resourceAttributes, let verb = attributes.verb?.lowercased(), !verb.isEmpty else {
            throw APIError.invalid(kind: "SelfSubjectAccessReview", "", [FieldError(reason: .required, field: "spec.resourceAttributes.verb",
                                                                                   message: "a resource or non-resource attribute with a verb is required")])
        }
        let group = attributes.group ?? ""
        let resource = attributes.resource ?? ""
        guard group == "ocpctl.io" || (group.isEmpty && resources[resource] != nil) || group == "*" else {
            return .init(allowed: false, reason: "ocpctl serves only the ocpctl.io API group")
        }
        let kinds = resource == "*" ? Array(resources.keys) : [resource]
        guard kinds.allSatisfy({ resources[$0] != nil }) else {
            return .init(allowed: false, reason: "ocpctl.io has no resource \"\(resource)\"")
        }
        let access: Authorization.Access
        switch verb {
        case "get", "list", "watch": access = .read
        case "update", "patch": access = attributes.subresource == "status" ? .writeStatus : .write
        case "create", "delete", "deletecollection", "*": access = .write
        default: return .init(allowed: false, reason: "ocpctl.io does not support the verb \"\(verb)\"")
        }
        let namespace = attributes.namespace.flatMap { $0.isEmpty ? nil : $0 }
        do {
            for kind in kinds {
                if resources[kind] == true {
                    try Authorization.check(identity, access, resource: kind, namespace: namespace)
                } else {
                    try Authorization.checkClusterScoped(identity, access, resource: kind)
                }
            }
            return .init(allowed: true, reason: "allowed by ocpctl role \(identity.role.rawValue)")
        } catch {
            return .init(allowed: false, reason: error.message)
        }
    }
}
