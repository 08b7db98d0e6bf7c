import Foundation
import SWXMLHash

/// Helpers over SWXMLHash for the XML that the Query and REST-XML protocols answer with.
enum XMLResponse {
    /// Parses a document; a malformed one yields an indexer without an element.
    static func parse(_ data: Data) -> XMLIndexer {
        XMLHash.config { $0.detectParsingErrors = true }.parse(data)
    }

    /// Parses a success body, throwing an `AWSError` that names the operation when it is not XML.
    static func document(_ data: Data, service: AWSService, operation: String) throws -> XMLIndexer {
        let xml = parse(data)
        guard xml.children.first?.element != nil else {
            throw AWSError(service: service.signingName, operation: operation, statusCode: nil, code: "InvalidResponse",
                           message: "the answer is not XML: \(String(decoding: data.prefix(200), as: UTF8.self))",
                           requestID: nil, attempts: 1)
        }
        return xml
    }

    /// The text of the first element named `name` anywhere below `node`, depth first.
    static func firstText(_ node: XMLIndexer, named name: String) -> String? {
        for child in node.children {
            if child.element?.name == name { return child.element?.text }
            if let found = firstText(child, named: name) { return found }
        }
        return nil
    }
}

extension XMLIndexer {
    /// The element's text, nil when the element is missing.
    var text: String? { element?.text }

    /// The `<item>` children of a Query-protocol list.
    var items: [XMLIndexer] { self["item"].all }
}
