import Foundation
import OCPModel
import Testing

/// The schemas read from the model's decoders: every field the API writes is described, with the right shape.
@Suite("Schemas from the model")
struct SchemaReaderTests {
    /// A cluster with every field set, as the API returns it.
    static var fullCluster: Cluster {
        var cluster = Cluster(metadata: ObjectMeta(name: "full", namespace: "team-a", labels: ["tier": "gold"]), spec: ClusterSpec(profile: "aws-minimal-test"))
        cluster.metadata.annotations = ["a": "b"]
        cluster.metadata.uid = "u"
        cluster.metadata.resourceVersion = "7"
        cluster.metadata.generation = 2
        cluster.metadata.creationTimestamp = Timestamp(secondsSinceEpoch: 1_700_000_000)
        cluster.metadata.deletionTimestamp = Timestamp(secondsSinceEpoch: 1_700_000_100)
        cluster.metadata.finalizers = [Cluster.finalizer]
        cluster.spec.version = "4.16"
        cluster.spec.region = "eu-west-1"
        cluster.spec.baseDomain = "labs.example.com"
        cluster.spec.owner = "alice"
        cluster.spec.costCenter = "cc"
        cluster.spec.ttl = TTLDuration("24h")
        cluster.spec.workers = 2
        cluster.spec.powerState = .hibernating
        cluster.spec.tags = ["team": "a"]
        var status = ClusterStatus()
        status.observedGeneration = 2
        status.phase = .running
        status.conditions = [Condition(type: "Ready", status: .true, reason: "Up", message: "up", observedGeneration: 2, lastTransitionTime: Timestamp(secondsSinceEpoch: 1))]
        status.infraID = "full-abcde"
        status.apiURL = "https://api"
        status.consoleURL = "https://console"
        status.workers = WorkerStatus(desired: 2, ready: 2)
        status.expiresAt = Timestamp(secondsSinceEpoch: 2)
        status.provisionAttempts = 1
        status.lastOperation = OperationSummary(id: "op", type: .create, state: .succeeded, startedAt: Timestamp(secondsSinceEpoch: 1))
        cluster.status = status
        return cluster
    }

    /// Every key path in `json` that `schema` does not describe, or describes with another type.
    static func undescribed(_ json: Any, _ schema: SchemaNode, path: String = "") -> [String] {
        switch (json, schema) {
        case let (object as [String: Any], .object(properties)):
            return object.flatMap { key, value -> [String] in
                guard let property = properties.first(where: { $0.name == key }) else { return ["\(path).\(key)"] }
                return undescribed(value, property.node, path: "\(path).\(key)")
            }
        case let (object as [String: Any], .map(values)):
            return object.flatMap { undescribed($0.value, values, path: "\(path).\($0.key)") }
        case let (array as [Any], .array(items)):
            return array.flatMap { undescribed($0, items, path: "\(path)[]") }
        case (is String, .string), (is NSNumber, .integer), (is NSNumber, .number), (is NSNumber, .boolean):
            return []
        default:
            return ["\(path): \(type(of: json)) is not \(schema)"]
        }
    }

    @Test("every field of a fully set cluster is in the Cluster schema with its type")
    func clusterCovered() throws {
        let json = try JSONSerialization.jsonObject(with: try ResourceEncoding.jsonData(Self.fullCluster))
        let schema = try SchemaReader.schema(of: Cluster.self)
        #expect(Self.undescribed(json, schema) == [])
    }

    @Test("the checker finds a field the schema lacks, so the coverage test can fail")
    func checkerFindsGaps() throws {
        let json: [String: Any] = ["spec": ["workers": 2, "unknown": "x"]]
        let schema = SchemaNode.object([SchemaProperty(name: "spec", node: .object([SchemaProperty(name: "workers", node: .integer(format: "int64"), required: false)]), required: true)])
        #expect(Self.undescribed(json, schema) == [".spec.unknown"])
    }

    @Test("required fields are those decoded without a default; enums, maps, formats and descriptions are kept")
    func shapes() throws {
        let schema = try SchemaReader.schema(of: Cluster.self)
        #expect(schema.property("apiVersion")?.required == true)
        #expect(schema.property("status")?.required == false)
        let spec = try #require(schema.property("spec"))
        #expect(spec.node.property("profile")?.required == true)
        #expect(spec.node.property("workers")?.required == false)
        #expect(spec.node.property("workers")?.node == .integer(format: "int64"))
        #expect(spec.node.property("tags")?.node == .map(.string()))
        #expect(spec.node.property("powerState")?.node == .string(allowed: ["Running", "Hibernating"]))
        #expect(spec.node.property("workers")?.description?.contains("Worker replicas") == true)
        let status = try #require(schema.property("status")?.node)
        #expect(status.property("expiresAt")?.node == .string(format: "date-time"))
        guard case .array(let condition)? = status.property("conditions")?.node else { Issue.record("conditions is not an array"); return }
        #expect(condition.property("type")?.required == true)
        #expect(condition.property("status")?.node == .string(allowed: ["True", "False", "Unknown"]))
    }

    @Test("SyncSource and Token schemas read, and the token's spec requires user and role")
    func otherKinds() throws {
        let kinds = try APISchemas.kinds()
        #expect(kinds.map(\.kind) == ["Cluster", "SyncSource", "Token"])
        let token = try #require(kinds.last?.schema.property("spec")?.node)
        #expect(token.property("user")?.required == true && token.property("role")?.required == true)
        #expect(token.property("teams")?.node == .array(.string()))
    }
}
