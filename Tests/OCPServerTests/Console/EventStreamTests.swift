@testable import OCPConsole
import Testing

/// The console's Server-Sent Events made from the API's watch lines.
@Suite("Console live stream")
struct EventStreamTests {
    @Test("a watch bookmark becomes an SSE comment, so a stream whose page has gone is written to, noticed and ended")
    func bookmarkIsAComment() {
        let bookmark = #"{"type":"BOOKMARK","object":{"kind":"Cluster","apiVersion":"ocpctl.io/v1alpha1","metadata":{"resourceVersion":"12"}}}"#
        #expect(EventStreamWriter.event(Array(bookmark.utf8)) == ": bookmark\n\n")
        #expect(EventStreamWriter.event(Array(#"{"type":"ERROR","object":{"kind":"Status","code":410}}"#.utf8)) == nil)
        #expect(EventStreamWriter.event(Array("not json".utf8)) == nil)
    }
}
