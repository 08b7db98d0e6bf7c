import Metrics

/// HTTP request metrics: a counter and a latency timer per method, route template and status code.
struct HTTPMetrics: Sendable {
    let factory: any MetricsFactory

    func record(method: String, route: String, code: Int, seconds: Double) {
        let dimensions = [("method", method), ("route", route), ("code", String(code))]
        Counter(label: "ocpctl_http_requests_total", dimensions: dimensions, factory: factory).increment()
        Timer(label: "ocpctl_http_request_duration_seconds", dimensions: [("method", method), ("route", route)], factory: factory)
            .recordNanoseconds(Int64(seconds * 1e9))
    }
}
