import Foundation
import OCPSQLite
public import Logging
public import OCPModel

extension SQLStore {
    /// The database file's name inside the data directory.
    public static let sqliteFileName = "ocpctl.db"

    /// Opens (creating if needed) the SQLite store in `directory` and applies pending migrations.
    public static func openSQLite(directory: String, now: Timestamp, logger: Logger = Logger(label: "ocpctl.store")) async throws -> SQLStore {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = (directory as NSString).appendingPathComponent(sqliteFileName)
        let backend = try await SQLiteBackend.open(path: path)
        do {
            let applied = try await migrateWaitingForLock(backend, now: now)
            if !applied.isEmpty { logger.info("applied migrations", metadata: ["migrations": "\(applied)", "path": "\(path)"]) }
        } catch {
            try? await backend.close()
            throw error
        }
        return SQLStore(db: backend, logger: logger)
    }

    /// Each attempt waits the busy timeout for the lock; a process starting beside another one's migration
    /// (or a loaded machine slowing it) waits several of them before it gives up.
    private static func migrateWaitingForLock(_ backend: SQLiteBackend, now: Timestamp, attempts: Int = 12) async throws -> [String] {
        var attempt = 1
        while true {
            do {
                return try await Migrator.migrate(backend, Migration.sqlite, now: now)
            } catch let error as SQLiteError where error.isBusy && attempt < attempts {
                attempt += 1
            }
        }
    }

    /// Closes the store's connections (SQLite); the store must not be used afterwards.
    public func close() async throws {
        if let backend = db as? SQLiteBackend { try await backend.close() }
    }
}
