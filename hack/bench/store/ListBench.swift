import OCPStore

/// Pages through a large namespace and across all namespaces, timing each page.
enum ListBench {
    static func pageLatencies(_ store: SQLStore, namespace: String?, pageSize: Int, passes: Int) async throws -> (ms: [Double], items: Int) {
        let clock = ContinuousClock()
        var latencies: [Double] = []
        var items = 0
        for _ in 0..<passes {
            items = 0
            var token: String?
            repeat {
                let start = clock.now
                let page = try await store.listClusters(ClusterListQuery(namespace: namespace, limit: pageSize, continueToken: token))
                latencies.append(Measure.seconds(clock.now - start) * 1000)
                items += page.items.count
                token = page.continueToken
            } while token != nil
        }
        return (latencies, items)
    }
}
