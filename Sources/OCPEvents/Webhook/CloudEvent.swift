import OCPModel

/// A CloudEvents 1.0 event in structured JSON mode (`application/cloudevents+json`), carrying one cluster event.
struct CloudEvent: Encodable {
    var specversion = "1.0"
    var id: String
    var source: String
    var type: String
    var subject: String
    var time: String
    var datacontenttype = "application/json"
    var data: ClusterEvent

    init(_ event: ClusterEvent) {
        id = event.id
        source = "/apis/ocpctl.io/v1alpha1/namespaces/\(event.cluster.namespace)/clusters/\(event.cluster.name)"
        type = event.type.rawValue
        subject = event.cluster.uid
        time = CloudEvent.rfc3339(millis: event.timeMillis)
        data = event
    }

    /// RFC 3339 UTC with milliseconds, as CloudEvents' `time` asks.
    static func rfc3339(millis: Int64) -> String {
        let seconds = Timestamp(secondsSinceEpoch: millis / 1000).description
        let fraction = String(1000 + millis % 1000).dropFirst()
        return seconds.dropLast() + ".\(fraction)Z"
    }
}
