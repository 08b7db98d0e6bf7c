import OCPModel
@testable import OCPStore
import Testing

extension Conformance {
    static let sqlText: [ConformanceCase] = [
        ConformanceCase("a ? inside a string literal is text, and placeholders are the backend's own") { h in
            var statement = Statement(h.store.dialect)
            statement.append("SELECT 'what?', 'a ?1 b', \(statement.bind("bound")) AS value")
            let row = try #require(try await h.store.db.read(statement).first)
            #expect(try row.text(0) == "what?")
            #expect(try row.text(1) == "a ?1 b")
            #expect(try row.text(2) == "bound")
        },
        ConformanceCase("JSON operators that contain ? work beside bound values") { h in
            var statement = Statement(h.store.dialect)
            if h.backend == .postgres {
                // The jsonb key-exists operator is a bare `?`; a rewrite of every `?` would break it.
                statement.append("SELECT ('{\"team\": 1}'::jsonb ? \(statement.bind("team")))::int, ('{\"team\": 1}'::jsonb ?| ARRAY['x'])::int")
            } else {
                statement.append("SELECT json_extract('{\"team?\": 1}', '$.\"team?\"') = 1, instr(\(statement.bind("a?b")), '?') = 2")
            }
            let row = try #require(try await h.store.db.read(statement).first)
            #expect(try row.int(0) == 1)
            #expect(try row.int(1) == (h.backend == .postgres ? 0 : 1))
        },
        ConformanceCase("a migration with block comments and a dollar-quoted body runs as whole statements") { h in
            let sql = h.backend == .postgres
                ? """
                  /* a block comment; with a semicolon */
                  CREATE TABLE sql_text_case (a text);
                  CREATE FUNCTION sql_text_case_f() RETURNS text LANGUAGE plpgsql AS $body$
                  BEGIN
                      INSERT INTO sql_text_case VALUES ('from; the body $$ still inside');
                      RETURN 'a;b';
                  END;
                  $body$;
                  SELECT sql_text_case_f();
                  """
                : """
                  /* a block comment; with a semicolon */
                  CREATE TABLE sql_text_case (a text);
                  CREATE TRIGGER sql_text_case_t AFTER INSERT ON sql_text_case WHEN NEW.a = 'x;y'
                  BEGIN
                      INSERT INTO sql_text_case VALUES ('from; the body');
                  END;
                  INSERT INTO sql_text_case VALUES ('x;y');
                  """
            let migration = Migration(name: "9998_sql_text", sql: sql)
            #expect(try await Migrator.migrate(h.store.db, [migration], now: h.now) == ["9998_sql_text"])
            let rows = try await h.store.db.read("SELECT a FROM sql_text_case ORDER BY a", []).map { try $0.text(0) }
            #expect(rows == (h.backend == .postgres ? ["from; the body $$ still inside"] : ["from; the body", "x;y"]))
        },
    ]
}
