import OCPModel

/// What each row of a Table carries besides its cells (`includeObject`).
enum IncludeObject: String, Sendable {
    case none = "None"
    case metadata = "Metadata"
    case object = "Object"
}

/// A `meta.k8s.io` Table: the kind's shared columns (`TableRows`), one row per object.
struct TableDocument<Object: TableRows & Encodable>: Encodable, Sendable {
    struct ColumnDefinition: Encodable, Sendable {
        let name: String
        let type: String
        let format: String
        let description: String
        let priority: Int
    }

    struct ListMeta: Encodable, Sendable {
        let resourceVersion: String?
        let `continue`: String?
    }

    /// The row's object: the whole object, or only its metadata as a PartialObjectMetadata.
    enum RowObject: Encodable, Sendable {
        case metadata(ObjectMeta, apiVersion: String)
        case object(Object)

        private enum Keys: String, CodingKey { case apiVersion, kind, metadata }

        func encode(to encoder: any Encoder) throws {
            switch self {
            case .object(let object): try object.encode(to: encoder)
            case let .metadata(metadata, apiVersion):
                var container = encoder.container(keyedBy: Keys.self)
                try container.encode(apiVersion, forKey: .apiVersion)
                try container.encode("PartialObjectMetadata", forKey: .kind)
                try container.encode(metadata, forKey: .metadata)
            }
        }
    }

    struct Row: Encodable, Sendable {
        let cells: [String]
        let object: RowObject?
    }

    let kind = "Table"
    let apiVersion: String
    let metadata: ListMeta
    let columnDefinitions: [ColumnDefinition]
    let rows: [Row]

    init(_ objects: [Object], resourceVersion: String?, continue token: String?, include: IncludeObject, apiVersion: String, now: Timestamp) {
        self.apiVersion = apiVersion
        metadata = ListMeta(resourceVersion: resourceVersion, continue: token)
        let columns = Object.tableColumns
        columnDefinitions = columns.map {
            ColumnDefinition(name: $0.name, type: $0.type, format: $0.format, description: $0.description, priority: $0.priority)
        }
        rows = objects.map { object in
            let rowObject: RowObject? = switch include {
            case .none: nil
            case .metadata: .metadata(object.metadata, apiVersion: apiVersion)
            case .object: .object(object)
            }
            return Row(cells: columns.map { $0.cell(object, now) }, object: rowObject)
        }
    }
}

/// A list or object the API can answer as a Table.
protocol TableConvertible {
    func table(include: IncludeObject, apiVersion: String, now: Timestamp) -> any Encodable & Sendable
}

extension ClusterListDocument: TableConvertible {
    func table(include: IncludeObject, apiVersion: String, now: Timestamp) -> any Encodable & Sendable {
        TableDocument(items, resourceVersion: metadata.resourceVersion, continue: metadata.continue, include: include, apiVersion: apiVersion, now: now)
    }
}

extension ItemList: TableConvertible where Item: TableRows {
    func table(include: IncludeObject, apiVersion: String, now: Timestamp) -> any Encodable & Sendable {
        TableDocument(items, resourceVersion: nil, continue: nil, include: include, apiVersion: apiVersion, now: now)
    }
}

extension TableRows where Self: Encodable {
    func table(include: IncludeObject, apiVersion: String, now: Timestamp) -> any Encodable & Sendable {
        TableDocument([self], resourceVersion: metadata.resourceVersion, continue: nil, include: include, apiVersion: apiVersion, now: now)
    }
}

extension Cluster: TableConvertible {}
extension SyncSource: TableConvertible {}
extension APIToken: TableConvertible {}
