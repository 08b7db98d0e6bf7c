import Foundation
import Logging
import OCPClient
import OCPServer

/// The tokens the API accepts and where the local client config goes: on first start an admin token is made,
/// its hash stored in the tokens file and the token itself only in the owner-only client config.
struct FirstStart: Sendable {
    let tokens: TokenFile
    let clientConfigPath: String
    /// The kubeconfig for kubectl and other Kubernetes clients, beside the client config.
    let kubeconfigPath: String
    /// The admin token made on this start, if one was.
    let newToken: String?

    static func prepare(dataDir: String, tokensPath: String?, logger: Logger) throws -> FirstStart {
        let clientConfigPath = dataDir + "/client.yaml"
        let kubeconfigPath = dataDir + "/kubeconfig"
        let path = tokensPath ?? dataDir + "/tokens.yaml"
        if FileManager.default.fileExists(atPath: path) {
            return FirstStart(tokens: try TokenFile.load(path: path), clientConfigPath: clientConfigPath, kubeconfigPath: kubeconfigPath, newToken: nil)
        }
        guard tokensPath == nil else { throw TokenFileError(path: path, message: "no such file") }
        let token = TokenFile.generateToken()
        let tokens = TokenFile(tokens: [TokenFile.Entry(sha256: TokenFile.hash(token), user: "admin", teams: [], role: .admin)])
        try tokens.write(path: path)
        logger.info("first start: created an admin token", metadata: ["tokensFile": "\(path)", "clientConfig": "\(clientConfigPath)"])
        return FirstStart(tokens: tokens, clientConfigPath: clientConfigPath, kubeconfigPath: kubeconfigPath, newToken: token)
    }

    /// Points the client config and the kubeconfig at the running server and its CA, keeping the token the client config
    /// has (or the new admin token). The kubeconfig is written after the client config, so a client that sees it finds both.
    func publish(server: String, certificateAuthorityPEM: String?, logger: Logger) {
        let existing = try? ClientConfigFile.load(path: clientConfigPath)
        guard let token = newToken ?? existing?.token else {
            logger.warning("no client config written: the tokens file was made elsewhere", metadata: ["clientConfig": "\(clientConfigPath)"])
            return
        }
        do {
            try ClientConfigFile(server: server, token: token, certificateAuthorityPEM: certificateAuthorityPEM).write(path: clientConfigPath)
            try Kubeconfig(name: "ocpctl", server: server, certificateAuthorityPEM: certificateAuthorityPEM, token: token, namespace: "default")
                .write(path: kubeconfigPath)
        } catch {
            logger.warning("could not write the client config or kubeconfig", metadata: ["path": "\(clientConfigPath)", "error": "\(error)"])
        }
    }
}

extension FirstStart {
    /// The names the serving certificate carries: loopback in both families, localhost, and the bind address.
    static func certificateHosts(bindHost: String) -> [String] {
        var hosts = ["127.0.0.1", "::1", "localhost"]
        if !["0.0.0.0", "::", ""].contains(bindHost) { hosts.append(bindHost) }
        return hosts
    }

    /// The URL clients use for a server bound to `bindHost`: a wildcard address is reached over loopback.
    static func url(scheme: String, bindHost: String, port: Int) -> String {
        let host = bindHost == "0.0.0.0" ? "127.0.0.1" : bindHost == "::" ? "::1" : bindHost
        return "\(scheme)://\(host.contains(":") ? "[\(host)]" : host):\(port)"
    }
}
