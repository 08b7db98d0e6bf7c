import Crypto
import Foundation
import OCPModel

/// The OpenAPI documents: v2 for every path and v3 per group version, both from the model's schemas
/// (`APISchemas`) and the served resources, so they describe what the API decodes and nothing else.
struct OpenAPIDocuments: Sendable {
    /// The v3 document of `ocpctl.io/v1alpha1`.
    let v3: [UInt8]
    /// The v3 index, pointing at `v3` by its hash, as kube-apiserver does.
    let v3Index: [UInt8]
    /// The v2 (Swagger 2.0) document.
    let v2: [UInt8]
    /// The same v2 document as protobuf, which kubectl 1.27 asks for.
    let v2Protobuf: [UInt8]

    enum Flavor { case v2, v3 }

    init(version: String) throws {
        let kinds = Dictionary(uniqueKeysWithValues: try APISchemas.kinds().map { ($0.kind, $0) })
        let v3 = try Self.json(Self.document(.v3, kinds: kinds, version: version))
        let hash = SHA512.hash(data: v3).map { String(format: "%02X", $0) }.joined()
        let groupPath = String(APIServer.apiBase.dropFirst())
        self.v3 = v3
        v3Index = try Self.json(["paths": [groupPath: ["serverRelativeURL": "/openapi/v3/\(groupPath)?hash=\(hash)"]]])
        let v2Document = Self.document(.v2, kinds: kinds, version: version)
        v2 = try Self.json(v2Document)
        v2Protobuf = try OpenAPIv2Protobuf.encode(v2Document)
    }

    static func json(_ value: Any) throws -> [UInt8] {
        Array(try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .withoutEscapingSlashes]))
    }

    /// The definition name of a kind, as Kubernetes names a custom kind's: the group reversed, the version, the kind.
    static func definition(_ kind: String) -> String { "io.ocpctl.\(ServedResources.version).\(kind)" }

    static func ref(_ flavor: Flavor, _ kind: String) -> [String: Any] {
        ["$ref": (flavor == .v2 ? "#/definitions/" : "#/components/schemas/") + definition(kind)]
    }

    static func gvk(_ kind: String) -> [[String: String]] {
        [["group": ServedResources.group, "version": ServedResources.version, "kind": kind]]
    }

    static func document(_ flavor: Flavor, kinds: [String: APISchemas.Kind], version: String) -> [String: Any] {
        var schemas: [String: Any] = [:]
        var paths: [String: Any] = [:]
        for resource in ServedResources.all {
            guard let kind = kinds[resource.names.kind] else { continue }
            var schema = SchemaJSON.object(kind.schema)
            schema["description"] = kind.description
            schema["x-kubernetes-group-version-kind"] = gvk(kind.kind)
            schemas[definition(kind.kind)] = schema
            schemas[definition(kind.kind + "List")] = [
                "type": "object", "description": "A page of \(resource.names.plural).", "required": ["items"],
                "x-kubernetes-group-version-kind": gvk(kind.kind + "List"),
                "properties": [
                    "apiVersion": ["type": "string"], "kind": ["type": "string"],
                    "metadata": ["type": "object", "properties": ["resourceVersion": ["type": "string"], "continue": ["type": "string"]]],
                    "items": ["type": "array", "items": ref(flavor, kind.kind)],
                ],
            ]
            paths.merge(OpenAPIPaths(flavor: flavor, resource: resource).paths) { first, _ in first }
        }
        let info: [String: Any] = ["title": "ocpctl", "version": "v" + version]
        switch flavor {
        case .v2: return ["swagger": "2.0", "info": info, "paths": paths, "definitions": schemas]
        case .v3: return ["openapi": "3.0.0", "info": info, "paths": paths, "components": ["schemas": schemas]]
        }
    }
}

/// A model schema as an OpenAPI schema object (the subset Swagger 2.0 and OpenAPI 3.0 share).
enum SchemaJSON {
    static func object(_ node: SchemaNode) -> [String: Any] {
        switch node {
        case .string(let format, let allowed):
            var schema: [String: Any] = ["type": "string"]
            if let format { schema["format"] = format }
            if let allowed { schema["enum"] = allowed }
            return schema
        case .integer(let format): return ["type": "integer", "format": format]
        case .number: return ["type": "number", "format": "double"]
        case .boolean: return ["type": "boolean"]
        case .array(let items): return ["type": "array", "items": object(items)]
        case .map(let values): return ["type": "object", "additionalProperties": object(values)]
        case .object(let properties):
            var schema: [String: Any] = ["type": "object"]
            schema["properties"] = Dictionary(uniqueKeysWithValues: properties.map { property -> (String, Any) in
                var child = object(property.node)
                if let description = property.description { child["description"] = description }
                return (property.name, child)
            })
            let required = properties.filter(\.required).map(\.name)
            if !required.isEmpty { schema["required"] = required }
            return schema
        }
    }
}
