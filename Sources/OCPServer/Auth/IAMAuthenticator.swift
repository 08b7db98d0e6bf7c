public import Foundation
import OCPAWS
import OCPModel
import OCPStore

/// Signing in with AWS IAM, as EKS's aws-iam-authenticator: which STS endpoints a `k8s-aws-v1.` token may name, and
/// the id tokens must be bound to.
public struct AWSIAMAuthConfig: Sendable {
    /// The STS endpoints trusted to answer, e.g. `https://sts.us-east-1.amazonaws.com`; a token naming another is refused unsent.
    public var stsEndpoints: [URL]
    /// The `x-k8s-aws-id` value tokens must sign.
    public var clusterID: String

    /// Creates a configuration.
    public init(stsEndpoints: [URL], clusterID: String) {
        self.stsEndpoints = stsEndpoints
        self.clusterID = clusterID
    }
}

/// Maps a verified IAM principal to an identity through the store's `rbac_mappings`: the principal's ARN (an assumed
/// role's session normalised to its role) names its teams and role; no mapping, no access.
struct IAMAuthenticator: Sendable {
    let verifier: IAMTokenVerifier
    let store: any ControlPlaneStore

    /// The identity for a `k8s-aws-v1.` token, or a 401 naming the rule it broke; the token never appears in it.
    func authenticate(_ token: String) async throws -> Identity {
        let principal: IAMPrincipal
        do {
            principal = try await verifier.verify(token)
        } catch {
            throw APIError(.unauthorized, "invalid AWS IAM token: \(error.message)")
        }
        let grants = try await GroupGrant.mapped(to: principal.canonicalARN, in: store)
        guard let identity = GroupGrant.identity(user: principal.arn, grants: grants) else {
            throw APIError(.unauthorized, "AWS principal \(principal.canonicalARN) has no RBAC mapping")
        }
        return identity
    }
}
