import Foundation
import OCPModel
@testable import OCPServer
import Testing

/// Lists are written from each object's kept JSON; the bytes must be what the general encoder writes.
@Suite("List encoding")
struct ListEncodingTests {
    @Test("a cluster list written from kept item JSON equals the encoder's bytes, with and without a continue token")
    func sameBytes() throws {
        var items: [Cluster] = []
        for index in 0..<3 {
            var cluster = Cluster(metadata: ObjectMeta(name: "c\(index)", namespace: "team-a"), spec: ClusterSpec(profile: "aws-minimal-test"))
            cluster.metadata.uid = "uid-\(index)"
            cluster.metadata.resourceVersion = String(10 + index)
            cluster.metadata.labels = ["quote": "a\"b", "path": "x/y", "unicode": "é"]
            cluster.spec.workers = index
            items.append(cluster)
        }
        for (version, token) in [("12", nil), ("12", "dGVhbS1hL2My+/="), (nil, nil)] as [(String?, String?)] {
            let list = ClusterListDocument(items: items, resourceVersion: version, continue: token)
            // Twice: the second time every item comes from the kept JSON.
            for _ in 0..<2 {
                let written = try list.json(TableEncoder.shared)
                #expect(written == Array(try ResourceEncoding.jsonData(list)), "\(String(decoding: written, as: UTF8.self))")
            }
        }
        #expect(try ClusterListDocument(items: [], resourceVersion: "1", continue: nil).json(TableEncoder.shared)
            == Array(try ResourceEncoding.jsonData(ClusterListDocument(items: [], resourceVersion: "1", continue: nil))))
    }
}
