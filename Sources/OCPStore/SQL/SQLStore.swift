import Logging

/// The store over SQL: one implementation of every store operation, run on SQLite or PostgreSQL.
public final class SQLStore: ControlPlaneStore {
    let db: any SQLDatabase
    let logger: Logger
    /// The cluster SELECT list, built once: it is part of every cluster read and write.
    let clusterColumns: String
    /// Decoded clusters by uid and resource version, so lists do not decode unchanged rows again.
    let decodedClusters = DecodedClusters()
    /// How many times a list chunk is scanned by keys and versions before it is read whole: under a stream of
    /// writes a chunk's rows may change between the scan and the read of the rows not yet decoded, every time.
    let listKeyScanAttempts: Int

    init(db: any SQLDatabase, logger: Logger, listKeyScanAttempts: Int = 3) {
        self.db = db
        self.logger = logger
        self.clusterColumns = ClusterRow.columns(db.dialect)
        self.listKeyScanAttempts = listKeyScanAttempts
    }

    var dialect: SQLDialect { db.dialect }

    /// Runs a statement, turning driver errors into `StoreError.backend` naming what was being done.
    /// `operation` is built only on failure: it interpolates keys, and this wraps every statement.
    func failing<T>(_ operation: @autoclosure () -> String, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as StoreError {
            throw error
        } catch let error as SQLFailure {
            throw error
        } catch {
            throw StoreError.backend(operation: operation(), message: String(reflecting: error))
        }
    }
}
