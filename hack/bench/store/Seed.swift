import Foundation
import OCPModel
import OCPSQLite
import PostgresNIO

/// Loads many clusters in one statement through the raw driver: the list benchmark measures reading,
/// and creating 100,000 clusters one by one would dominate the run.
enum Seed {
    static func documents() throws -> (spec: String, labels: String, finalizers: String) {
        let spec = String(decoding: try ResourceEncoding.jsonData(StoreBench.cluster("x", namespace: "bench-list").spec), as: UTF8.self)
        return (spec, #"{"purpose":"bench"}"#, #"["\#(Cluster.finalizer)"]"#)
    }

    /// The rows take the revisions after `base`, the store's current revision.
    static func sqlite(_ connection: SQLiteConnection, namespace: String, count: Int, now: Timestamp, after base: Int64) async throws {
        let (spec, labels, finalizers) = try documents()
        _ = try await connection.query("""
            WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < ?1)
            INSERT INTO clusters (uid, namespace, name, base_domain, labels, annotations, spec, status, generation,
                                  resource_version, finalizers, created_at)
            SELECT 'seed-' || i, ?2, printf('c%06d', i), ?3, ?4, '{}', ?5, NULL, 1, ?6 + i, ?7, ?8 FROM s
            """, [.integer(Int64(count)), .text(namespace), .text("bench.example.com"), .text(labels), .text(spec), .integer(base),
                  .text(finalizers), .integer(now.secondsSinceEpoch)])
    }

    static func postgres(_ client: PostgresClient, namespace: String, count: Int, now: Timestamp) async throws {
        let (spec, labels, finalizers) = try documents()
        try await client.withTransaction(logger: Logger(label: "bench")) { connection in
            var base: Int64 = 0
            for try await value in try await connection.query("SELECT value FROM revision WHERE id = 1", logger: Logger(label: "bench"))
                .decode(Int64.self) { base = value }
            try await connection.query("""
                INSERT INTO clusters (uid, namespace, name, base_domain, labels, annotations, spec, status, generation,
                                      resource_version, finalizers, created_at)
                SELECT 'seed-' || i, \(namespace), 'c' || lpad(i::text, 6, '0'), \("bench.example.com"), \(labels)::jsonb, '{}'::jsonb,
                       \(spec)::jsonb, NULL, 1, \(base) + i, \(finalizers)::jsonb, \(now.secondsSinceEpoch)
                FROM generate_series(1, \(Int64(count))) AS s(i)
                """, logger: Logger(label: "bench"))
            try await connection.query("UPDATE revision SET value = (SELECT MAX(resource_version) FROM clusters) WHERE id = 1",
                                       logger: Logger(label: "bench"))
        }
        // Autovacuum vacuums and analyzes after an insert this size (autovacuum_vacuum_insert_threshold); do it now,
        // so the pages are read as in steady state rather than setting every row's hint bits on first read.
        try await client.query("VACUUM (ANALYZE) clusters", logger: Logger(label: "bench"))
    }
}
