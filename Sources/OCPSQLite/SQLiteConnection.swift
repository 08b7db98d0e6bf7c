internal import CSQLite
import Foundation
public import NIOPosix

/// One connection to a SQLite file. Calls run one at a time on the connection's own thread (or a pool the
/// caller passes), because SQLite blocks on disk and locks: a writer waiting for fsync then never holds up
/// another connection's reads. Each distinct SQL text is prepared once and kept (see `StatementCache`).
public final class SQLiteConnection: @unchecked Sendable {
    // Everything below is touched only on the thread pool, under `lock`.
    private let lock = NSLock()
    private var handle: OpaquePointer?
    private var statements: StatementCache
    private let threadPool: NIOThreadPool
    private let ownsThreadPool: Bool
    private let path: String

    private init(handle: OpaquePointer, path: String, threadPool: NIOThreadPool, ownsThreadPool: Bool, cacheCapacity: Int) {
        self.handle = handle
        self.path = path
        self.threadPool = threadPool
        self.ownsThreadPool = ownsThreadPool
        self.statements = StatementCache(capacity: cacheCapacity)
    }

    deinit {
        if let handle { Self.closeHandle(handle, &statements) }
    }

    /// Opens (creating if needed) the database file at `path`. A call that finds the file locked by another
    /// connection retries for up to `busyTimeout` before failing with SQLITE_BUSY. Without a `threadPool`
    /// the connection starts a thread of its own, stopped by `close()`.
    public static func open(path: String, busyTimeout: Duration = .seconds(5), threadPool: NIOThreadPool? = nil,
                            statementCacheCapacity: Int = 64) async throws -> SQLiteConnection {
        let pool = threadPool ?? NIOThreadPool(numberOfThreads: 1)
        if threadPool == nil { pool.start() }
        do {
            return try await openHandle(path: path, busyTimeout: busyTimeout, threadPool: pool, ownsThreadPool: threadPool == nil,
                                        statementCacheCapacity: statementCacheCapacity)
        } catch {
            if threadPool == nil { try? await pool.shutdownGracefully() }
            throw error
        }
    }

    private static func openHandle(path: String, busyTimeout: Duration, threadPool: NIOThreadPool, ownsThreadPool: Bool,
                                   statementCacheCapacity: Int) async throws -> SQLiteConnection {
        try await threadPool.runIfActive {
            var handle: OpaquePointer?
            // NOMUTEX: the connection serialises its own callers, so SQLite's per-call mutex is pure cost.
            let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
            let code = sqlite3_open_v2(path, &handle, flags, nil)
            guard code == SQLITE_OK, let handle else {
                let error = SQLiteError(handle, code: code, context: path)
                sqlite3_close_v2(handle)
                throw error
            }
            sqlite3_extended_result_codes(handle, 1)
            // Set before the caller's first statement: even `PRAGMA journal_mode` can meet another process's lock.
            sqlite3_busy_timeout(handle, Int32(clamping: busyTimeout.components.seconds * 1000
                                                   + busyTimeout.components.attoseconds / 1_000_000_000_000_000))
            return SQLiteConnection(handle: handle, path: path, threadPool: threadPool, ownsThreadPool: ownsThreadPool,
                                    cacheCapacity: statementCacheCapacity)
        }
    }

    /// The version of the SQLite library linked, e.g. "3.40.1".
    public static var libraryVersion: String { String(cString: sqlite3_libversion()) }

    /// How many prepared statements the connection keeps; never more than its cache capacity.
    public var cachedStatementCount: Int { lock.withLock { statements.count } }

    /// Whether `close()` has run.
    public var isClosed: Bool { lock.withLock { handle == nil } }

    /// Runs one statement with `binds` for its `?`/`?N` placeholders and returns every row it produces.
    @discardableResult
    public func query(_ sql: String, _ binds: [SQLiteValue] = []) async throws -> [SQLiteRow] {
        try await perform { try self.run(sql, binds) }
    }

    /// Finalises the cached statements, closes the file and stops the connection's own thread; later calls fail.
    /// Closing again does nothing.
    public func close() async throws {
        // The thread may already be stopped, so a second close must not ask it for anything.
        guard !isClosed else { return }
        let wasOpen = try await perform {
            self.lock.withLock {
                guard let handle = self.handle else { return false }
                Self.closeHandle(handle, &self.statements)
                self.handle = nil
                return true
            }
        }
        if wasOpen, ownsThreadPool { try await threadPool.shutdownGracefully() }
    }

    /// Runs `work` on the thread pool. Task cancellation does not withdraw it: a statement once asked for
    /// runs, so the ROLLBACK after a cancelled transaction body is never the part that gets skipped.
    private func perform<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            threadPool.submit { state in
                guard case .active = state else {
                    return continuation.resume(throwing: SQLiteError(code: SQLITE_MISUSE, extendedCode: SQLITE_MISUSE,
                                                                     message: "connection is closed", context: self.path))
                }
                continuation.resume(with: Result { try work() })
            }
        }
    }

    private func run(_ sql: String, _ binds: [SQLiteValue]) throws -> [SQLiteRow] {
        try lock.withLock {
            guard let handle else {
                throw SQLiteError(code: SQLITE_MISUSE, extendedCode: SQLITE_MISUSE, message: "connection is closed", context: sql)
            }
            let prepared = try statements.statement(for: sql, on: handle)
            defer {
                // Reset at once: a statement left mid-step would hold a read snapshot open.
                sqlite3_reset(prepared)
                sqlite3_clear_bindings(prepared)
            }
            try bind(binds, to: prepared, handle: handle, sql: sql)
            var rows: [SQLiteRow] = []
            var names: [String] = []
            while true {
                let code = sqlite3_step(prepared)
                if code == SQLITE_DONE { return rows }
                guard code == SQLITE_ROW else { throw SQLiteError(handle, code: code, context: sql) }
                // Read after the first step: a schema change since the statement was cached re-prepares it there.
                if rows.isEmpty { names = Self.columnNames(of: prepared) }
                rows.append(SQLiteRow(columnNames: names, values: Self.cells(of: prepared, count: names.count)))
            }
        }
    }

    private func bind(_ binds: [SQLiteValue], to statement: OpaquePointer, handle: OpaquePointer, sql: String) throws {
        for (offset, value) in binds.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32 = switch value {
            case .null: sqlite3_bind_null(statement, index)
            case let .integer(value): sqlite3_bind_int64(statement, index, value)
            case let .real(value): sqlite3_bind_double(statement, index, value)
            case let .text(value): sqlite3_bind_text64(statement, index, value, UInt64(value.utf8.count), Self.transient, UInt8(SQLITE_UTF8))
            case let .blob(value):
                value.withUnsafeBytes { sqlite3_bind_blob64(statement, index, $0.baseAddress, UInt64($0.count), Self.transient) }
            }
            guard code == SQLITE_OK else { throw SQLiteError(handle, code: code, context: sql) }
        }
    }

    private static func columnNames(of statement: OpaquePointer) -> [String] {
        (0..<sqlite3_column_count(statement)).map { String(cString: sqlite3_column_name(statement, $0)) }
    }

    private static func cells(of statement: OpaquePointer, count: Int) -> [SQLiteValue] {
        (0..<Int32(count)).map { column in
            switch sqlite3_column_type(statement, column) {
            case SQLITE_INTEGER: .integer(sqlite3_column_int64(statement, column))
            case SQLITE_FLOAT: .real(sqlite3_column_double(statement, column))
            case SQLITE_TEXT:
                .text(String(decoding: UnsafeBufferPointer(start: sqlite3_column_text(statement, column),
                                                           count: Int(sqlite3_column_bytes(statement, column))), as: UTF8.self))
            case SQLITE_BLOB:
                .blob(Array(UnsafeRawBufferPointer(start: sqlite3_column_blob(statement, column),
                                                   count: Int(sqlite3_column_bytes(statement, column)))))
            default: .null
            }
        }
    }

    private static func closeHandle(_ handle: OpaquePointer, _ statements: inout StatementCache) {
        statements.finalizeAll()
        sqlite3_close_v2(handle)
    }

    /// SQLITE_TRANSIENT: SQLite copies the bound bytes before the call returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}

extension SQLiteError {
    init(_ handle: OpaquePointer?, code: Int32, context: String) {
        let message = handle.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(code))
        self.init(code: code & 0xFF, extendedCode: handle.map { sqlite3_extended_errcode($0) } ?? code, message: message,
                  context: context)
    }
}
