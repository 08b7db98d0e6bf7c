import Foundation
@testable import OCPStore
import Testing

/// The .sql files are the source of truth; the binary carries a generated copy.
@Suite struct MigrationFilesTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test(arguments: ["sqlite", "postgres"])
    func embeddedCopyMatchesFiles(dialect: String) throws {
        let embedded = dialect == "sqlite" ? Migration.sqlite : Migration.postgres
        let directory = Self.root.appendingPathComponent("migrations/\(dialect)")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".sql") }.sorted()
        #expect(embedded.map { "\($0.name).sql" } == files, "run hack/gen-migrations.sh")
        for (migration, file) in zip(embedded, files) {
            let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            #expect(migration.sql + "\n" == text, "\(dialect)/\(file) changed: run hack/gen-migrations.sh")
        }
    }

    @Test func namesAreNumberedInOrder() {
        for migrations in [Migration.sqlite, Migration.postgres] {
            let names = migrations.map(\.name)
            #expect(names == names.sorted())
            #expect(names.allSatisfy { $0.range(of: #"^\d{4}_[a-z0-9_]+$"#, options: .regularExpression) != nil })
        }
        #expect(Migration.sqlite.map(\.name) == Migration.postgres.map(\.name))
    }

    @Test func splitterKeepsTriggerBodiesQuotesAndDollarBodiesWhole() {
        let sql = """
            -- a comment; with a semicolon
            CREATE TABLE t (a TEXT DEFAULT 'x;y');
            CREATE TRIGGER t1 AFTER INSERT ON t
            BEGIN
                UPDATE t SET a = 'b';
                SELECT 1;
            END;
            CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1; $$;
            CREATE TRIGGER t2 AFTER INSERT ON t FOR EACH ROW EXECUTE FUNCTION f();
            """
        let statements = Migration(name: "0000_test", sql: sql).statements
        #expect(statements.count == 4)
        #expect(statements[0] == "CREATE TABLE t (a TEXT DEFAULT 'x;y')")
        #expect(statements[1].hasSuffix("END"))
        #expect(statements[2] == "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1; $$")
    }

    @Test func splitterKeepsTaggedDollarBodiesAndQuotedIdentifiersAndDropsBlockComments() {
        let sql = """
            /* leading; comment */ CREATE TABLE "odd;name" (a int);
            CREATE FUNCTION g() RETURNS text LANGUAGE plpgsql AS $fn$ BEGIN RETURN '$$;'; END; $fn$;
            SELECT $1 + 1; SELECT 2
            """
        let statements = Migration(name: "0000_test", sql: sql).statements
        #expect(statements == [
            "CREATE TABLE \"odd;name\" (a int)",
            "CREATE FUNCTION g() RETURNS text LANGUAGE plpgsql AS $fn$ BEGIN RETURN '$$;'; END; $fn$",
            "SELECT $1 + 1",
            "SELECT 2",
        ])
    }
}
