public import OCPModel
import Yams

/// The install-config.yaml of one install: `InstallConfigRenderer`'s document, with what only the driver knows
/// added: the cluster uid and the request's tags in `platform.aws.userTags`, and overridden service endpoints.
public enum InstallConfigComposer {
    /// The tag every resource of the cluster carries, so leftovers are found by uid before metadata.json exists.
    public static let uidTag = "ocpctl.io/cluster-uid"

    /// Renders the cluster with `secrets`, then adds the uid tag, `tags` and `serviceEndpoints`.
    public static func compose(cluster: Cluster, profile: Profile, secrets: InstallConfigRenderer.Secrets, clusterUID: String,
                               tags: [String: String], serviceEndpoints: [ServiceEndpoint]) throws -> String {
        let rendered = try InstallConfigRenderer.render(cluster, profile: profile, secrets: secrets)
        guard var document = try Yams.compose(yaml: rendered), var aws = document["platform"]?["aws"] else {
            throw InstallerError.badRequest("the profile \(profile.name) does not render an AWS install-config")
        }
        // The installer refuses user tags under kubernetes.io/cluster/: it sets that one itself.
        var userTags = tags.filter { !$0.key.hasPrefix("kubernetes.io/cluster/") }
        for (key, value) in aws["userTags"]?.mapping ?? [:] {
            if let key = key.string, userTags[key] == nil { userTags[key] = value.string ?? "" }
        }
        userTags[uidTag] = clusterUID
        aws["userTags"] = .mapping(Node.Mapping(userTags.sorted { $0.key < $1.key }.map { key, value in
            (Node(key), Node(value, Tag(.str), .doubleQuoted))
        }))
        if !serviceEndpoints.isEmpty {
            aws["serviceEndpoints"] = .sequence(Node.Sequence(serviceEndpoints.map { endpoint in
                Node.mapping(Node.Mapping([(Node("name"), Node(endpoint.name)), (Node("url"), Node(endpoint.url))]))
            }))
        }
        document["platform"]?["aws"] = aws
        return try Yams.serialize(node: document)
    }
}
