import ArgumentParser
import Foundation
import OCPAWS

/// `ocpctl token aws-iam`: a `k8s-aws-v1.` token from this machine's AWS credentials, as `aws eks get-token` makes one.
struct TokenAWSIAMCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aws-iam",
        abstract: "Print a bearer token that signs in with this machine's AWS IAM credentials (valid 15 minutes).",
        discussion: "Credentials and region come from the AWS SDKs' usual places (AWS_* variables, web identity, ~/.aws). "
            + "Use it as OCPCTL_TOKEN=$(ocpctl token aws-iam), or with -o exec-credential as a kubeconfig exec plugin.")

    @Option(help: "The STS endpoint to presign for (default: AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL, else https://sts.REGION.amazonaws.com).")
    var stsEndpoint: String?

    @Option(help: "The control plane's id, as its serve --aws-iam-cluster-id says.")
    var clusterID: String = "ocpctl"

    @Option(name: [.customShort("o"), .long], help: "token (default) or exec-credential (client.authentication.k8s.io/v1 ExecCredential JSON).")
    var output: String = "token"

    func validate() throws {
        guard output == "token" || output == "exec-credential" else { throw ValidationError("-o must be token or exec-credential") }
        guard !clusterID.isEmpty, clusterID.utf8.count <= 128 else { throw ValidationError("--cluster-id must be 1 to 128 characters") }
    }

    func run() async throws {
        let client = try await AWSClient.resolve()
        guard let credentials = client.credentials else { throw ValidationError("no AWS credentials") }
        let endpoint = client.configuration.endpoint(for: .sts)
        let text = stsEndpoint ?? (endpoint.isOverridden ? "\(endpoint.scheme)://\(endpoint.host)" : "https://sts.\(client.configuration.region).amazonaws.com")
        guard let url = URL(string: text), url.scheme == "https" || url.scheme == "http", url.host != nil else {
            throw ValidationError("--sts-endpoint: \"\(text)\" is not an http(s) URL")
        }
        let now = Date()
        let token = try IAMToken.make(credentials: credentials, region: client.configuration.region, endpoint: url, clusterID: clusterID, date: now)
        guard output == "exec-credential" else {
            print(token)
            return
        }
        let expiry = ISO8601DateFormatter().string(from: now.addingTimeInterval(TimeInterval(IAMToken.lifetimeSeconds - 60)))
        let credential: [String: Any] = [
            "apiVersion": "client.authentication.k8s.io/v1", "kind": "ExecCredential",
            "status": ["token": token, "expirationTimestamp": expiry],
        ]
        print(String(decoding: try JSONSerialization.data(withJSONObject: credential, options: [.sortedKeys]), as: UTF8.self))
    }
}
