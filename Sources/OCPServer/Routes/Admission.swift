import Foundation
import OCPModel

/// Turns a request body into a defaulted, policy-checked cluster, or the 400/422 that says why not.
///
/// Everything the store receives has passed here: bad input never reaches it.
struct Admission: Sendable {
    let profiles: ProfileCatalog

    /// Strictly decodes exactly one Cluster document (YAML or JSON): syntax errors are 400, field errors 422.
    func decode(_ body: [UInt8]) throws(APIError) -> Cluster {
        guard !body.isEmpty else { throw APIError(.badRequest, "the request body is empty: send one Cluster document") }
        guard let text = String(validating: body, as: UTF8.self) else {
            throw APIError(.badRequest, "the request body is not UTF-8 text")
        }
        let results = ManifestParser.parse(text, source: "request body")
        guard results.count == 1, let only = results.first else {
            throw APIError(.badRequest, results.isEmpty
                ? "the request body holds no document: send one Cluster document"
                : "the request body holds \(results.count) documents: send exactly one Cluster")
        }
        switch only {
        case .success(let document):
            return document.cluster
        case .failure(let error):
            if error.issue.reason == .syntax {
                throw APIError(.badRequest, "the request body is not valid YAML or JSON: line \(error.issue.line ?? error.location.line): \(error.issue.message)")
            }
            throw APIError.invalid("", [error.issue])
        }
    }

    /// Checks that the body names the same namespace and name as the URL, filling the namespace when left out.
    func place(_ cluster: inout Cluster, namespace: String, name: String?) throws(APIError) {
        if let bodyNamespace = cluster.metadata.namespace, bodyNamespace != namespace {
            throw APIError(.badRequest, "the namespace of the object (\(bodyNamespace)) does not match the namespace of the request (\(namespace))")
        }
        cluster.metadata.namespace = namespace
        if let name, cluster.metadata.name != name {
            throw APIError(.badRequest, "the name of the object (\(cluster.metadata.name)) does not match the name in the URL (\(name))")
        }
    }

    /// Defaults the spec from its profile (owner from `requester`), then validates against `previous` if any: 422 with every error.
    func admit(_ cluster: Cluster, requester: String, previous: Cluster?) throws(APIError) -> Cluster {
        do {
            return try ClusterAdmission.admit(cluster, profiles: profiles, requester: requester, previous: previous)
        } catch {
            throw APIError.invalid(cluster.metadata.name, error.errors)
        }
    }
}
