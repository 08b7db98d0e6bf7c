/// Builds one SQL statement whose values are all bound parameters: `bind` appends a value and
/// returns its placeholder in the dialect's own spelling (`?1` for SQLite, `$1` for PostgreSQL), so values
/// never enter the SQL text and the text is never rewritten afterwards: a `?` in a literal or an operator stays.
struct Statement {
    private(set) var sql = ""
    private(set) var binds: [SQLValue] = []
    let dialect: SQLDialect.Kind

    init(_ dialect: SQLDialect, _ sql: String = "") {
        self.dialect = dialect.kind
        self.sql = sql
    }

    mutating func bind(_ value: SQLValue) -> String {
        binds.append(value)
        switch dialect {
        case .sqlite: return "?\(binds.count)"
        case .postgres: return "$\(binds.count)"
        }
    }

    mutating func bind(_ value: String?) -> String { bind(SQLValue(value)) }
    mutating func bind(_ value: Int64?) -> String { bind(SQLValue(value)) }

    /// Binds a value as JSON text and returns the placeholder read as a JSON document.
    mutating func bindJSON<T: Encodable>(_ value: T, _ dialect: SQLDialect) throws -> String {
        bindJSON(text: try JSONColumn.encode(value), dialect)
    }

    /// Binds JSON text already encoded.
    mutating func bindJSON(text: String, _ dialect: SQLDialect) -> String {
        dialect.jsonParameter(bind(.text(text)))
    }

    mutating func append(_ fragment: String) { sql += fragment }
}

extension SQLExecutor {
    func execute(_ statement: Statement) async throws -> [SQLRow] {
        try await execute(statement.sql, statement.binds)
    }
}

extension SQLDatabase {
    func read(_ statement: Statement) async throws -> [SQLRow] {
        try await read(statement.sql, statement.binds)
    }
}
