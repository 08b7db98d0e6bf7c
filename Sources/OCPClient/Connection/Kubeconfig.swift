public import Foundation
import Yams

/// A kubeconfig file, as kubectl reads and writes it: clusters, users and contexts by name, and a current context.
/// Fields ocpctl does not use (exec plugins, extensions, preferences) are ignored, as kubectl ignores what it does not know.
public struct Kubeconfig: Sendable, Hashable, Codable {
    public var apiVersion: String? = "v1"
    public var kind: String? = "Config"
    public var clusters: [NamedCluster]?
    public var users: [NamedUser]?
    public var contexts: [NamedContext]?
    public var currentContext: String?

    enum CodingKeys: String, CodingKey {
        case apiVersion, kind, clusters, users, contexts
        case currentContext = "current-context"
    }

    public struct NamedCluster: Sendable, Hashable, Codable {
        public var name: String
        public var cluster: Cluster
    }

    public struct Cluster: Sendable, Hashable, Codable {
        public var server: String?
        public var certificateAuthorityData: String?
        public var certificateAuthority: String?
        public var insecureSkipTLSVerify: Bool?

        enum CodingKeys: String, CodingKey {
            case server
            case certificateAuthorityData = "certificate-authority-data"
            case certificateAuthority = "certificate-authority"
            case insecureSkipTLSVerify = "insecure-skip-tls-verify"
        }
    }

    public struct NamedUser: Sendable, Hashable, Codable {
        public var name: String
        public var user: User
    }

    public struct User: Sendable, Hashable, Codable {
        public var token: String?
        public var tokenFile: String?
    }

    public struct NamedContext: Sendable, Hashable, Codable {
        public var name: String
        public var context: Context

        public init(name: String, context: Context) {
            self.name = name
            self.context = context
        }
    }

    public struct Context: Sendable, Hashable, Codable {
        public var cluster: String
        public var user: String?
        public var namespace: String?

        public init(cluster: String, user: String?, namespace: String?) {
            self.cluster = cluster
            self.user = user
            self.namespace = namespace
        }
    }

    /// The one-context kubeconfig `ocpctl serve` writes: its server, its CA, a token and a default namespace.
    public init(name: String, server: String, certificateAuthorityPEM: String?, token: String, namespace: String) {
        clusters = [NamedCluster(name: name, cluster: Cluster(server: server,
                                                              certificateAuthorityData: certificateAuthorityPEM.map { Data($0.utf8).base64EncodedString() }))]
        users = [NamedUser(name: name + "-admin", user: User(token: token))]
        contexts = [NamedContext(name: name, context: Context(cluster: name, user: name + "-admin", namespace: namespace))]
        currentContext = name
    }

    init() {}

    /// The file as YAML.
    public func yaml() throws -> String { try YAMLEncoder().encode(self) }

    /// Writes the file readable by its owner only: it holds a token.
    public func write(path: String) throws {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(try yaml().utf8).write(to: url, options: .atomic)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
    }

    /// Reads one file; relative file references in it are made relative to its directory, as kubectl does.
    public static func load(path: String) throws -> Kubeconfig {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw KubeconfigError("kubeconfig \(path): cannot read it: \(error.localizedDescription)")
        }
        var config: Kubeconfig
        do {
            config = text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? Kubeconfig() : try YAMLDecoder().decode(Kubeconfig.self, from: text)
        } catch {
            throw KubeconfigError("kubeconfig \(path): not a kubeconfig: \(error)")
        }
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        func absolute(_ file: String?) -> String? {
            guard let file, !file.isEmpty, !file.hasPrefix("/") else { return file }
            return directory + "/" + file
        }
        config.clusters = config.clusters?.map { var named = $0; named.cluster.certificateAuthority = absolute(named.cluster.certificateAuthority); return named }
        config.users = config.users?.map { var named = $0; named.user.tokenFile = absolute(named.user.tokenFile); return named }
        return config
    }

    /// Merges files the way kubectl merges `KUBECONFIG`: the first file to name a cluster, user or context wins,
    /// and the first file to set a current context sets it.
    public static func load(paths: [String]) throws -> Kubeconfig {
        var merged = Kubeconfig()
        for path in paths {
            let next = try load(path: path)
            merged.currentContext = merged.currentContext ?? (next.currentContext?.isEmpty == false ? next.currentContext : nil)
            merged.clusters = mergeNamed(merged.clusters, next.clusters, \.name)
            merged.users = mergeNamed(merged.users, next.users, \.name)
            merged.contexts = mergeNamed(merged.contexts, next.contexts, \.name)
        }
        return merged
    }

    private static func mergeNamed<T>(_ first: [T]?, _ second: [T]?, _ name: KeyPath<T, String>) -> [T]? {
        guard let second else { return first }
        var result = first ?? []
        let known = Set(result.map { $0[keyPath: name] })
        result += second.filter { !known.contains($0[keyPath: name]) }
        return result
    }

    /// Where one context leads: the server, the CA to trust, the token and the default namespace.
    public struct Resolved: Sendable, Hashable {
        public var server: String
        public var certificateAuthorityPEM: String?
        public var insecureSkipTLSVerify: Bool
        public var token: String?
        public var namespace: String?
    }

    /// Resolves `context` (default: the current context); throws naming what is missing.
    public func resolve(context requested: String?, origin: String) throws -> Resolved {
        guard let name = requested ?? currentContext, !name.isEmpty else {
            throw KubeconfigError("\(origin): no current-context is set: pass --context NAME")
        }
        guard let context = contexts?.first(where: { $0.name == name })?.context else {
            throw KubeconfigError("\(origin): context \"\(name)\" does not exist")
        }
        guard let cluster = clusters?.first(where: { $0.name == context.cluster })?.cluster else {
            throw KubeconfigError("\(origin): context \"\(name)\" names cluster \"\(context.cluster)\", which does not exist")
        }
        guard let server = cluster.server, !server.isEmpty else {
            throw KubeconfigError("\(origin): cluster \"\(context.cluster)\" has no server")
        }
        var pem: String?
        if let data = cluster.certificateAuthorityData {
            guard let bytes = Data(base64Encoded: data), let text = String(data: bytes, encoding: .utf8) else {
                throw KubeconfigError("\(origin): cluster \"\(context.cluster)\": certificate-authority-data is not base64 of a PEM certificate")
            }
            pem = text
        } else if let file = cluster.certificateAuthority {
            do { pem = try String(contentsOfFile: file, encoding: .utf8) } catch {
                throw KubeconfigError("\(origin): cluster \"\(context.cluster)\": cannot read certificate-authority \(file)")
            }
        }
        var token: String?
        if let userName = context.user {
            guard let user = users?.first(where: { $0.name == userName })?.user else {
                throw KubeconfigError("\(origin): context \"\(name)\" names user \"\(userName)\", which does not exist")
            }
            if let value = user.token {
                token = value
            } else if let file = user.tokenFile {
                do { token = try String(contentsOfFile: file, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines) } catch {
                    throw KubeconfigError("\(origin): user \"\(userName)\": cannot read tokenFile \(file)")
                }
            }
        }
        return Resolved(server: server, certificateAuthorityPEM: pem, insecureSkipTLSVerify: cluster.insecureSkipTLSVerify ?? false,
                        token: token, namespace: context.namespace.flatMap { $0.isEmpty ? nil : $0 })
    }
}

/// A kubeconfig could not be read or does not lead to a server.
public struct KubeconfigError: Error, CustomStringConvertible, Sendable {
    public let description: String
    init(_ description: String) { self.description = description }
}
