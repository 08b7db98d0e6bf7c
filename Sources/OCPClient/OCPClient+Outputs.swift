public import OCPModel

extension OCPClient {
    /// A cluster's outputs: URLs and references, never a credential.
    public func outputs(namespace: String, name: String) async throws -> ClusterOutputsDocument {
        try await call("GET", Self.clusterPath(namespace, name) + "/outputs")
    }

    /// The cluster's kubeconfig, for its team.
    public func kubeconfig(namespace: String, name: String) async throws -> String {
        try await text(Self.clusterPath(namespace, name) + "/outputs/kubeconfig")
    }

    /// The kubeadmin password, for admins; every reveal is audited.
    public func kubeadminPassword(namespace: String, name: String) async throws -> String {
        try await text(Self.clusterPath(namespace, name) + "/outputs/kubeadmin-password")
    }

    private func text(_ path: String) async throws -> String {
        let response = try await send("GET", path)
        guard (200..<300).contains(response.code) else {
            let _: ClusterOutputsDocument = try Self.decode(response)
            throw ClientError.unexpectedResponse(code: response.code, message: response.text)
        }
        return response.text
    }
}
