import Foundation
@testable import OCPServer
import Testing

/// The OpenAPI documents pass openapi-spec-validator, the reference checker of Swagger 2.0 and OpenAPI 3.0 documents.
@Suite("OpenAPI documents are valid")
struct OpenAPIValidationTests {
    static var validatorInstalled: Bool { (try? python(["-c", "import openapi_spec_validator"]).status) == 0 }

    static func python(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    @Test("v2 and v3 validate", arguments: ["v2", "v3"])
    func validates(_ flavor: String) throws {
        guard Self.validatorInstalled else {
            if ProcessInfo.processInfo.environment["CI"] == "true" { Issue.record("CI=true but openapi-spec-validator is not installed (pip install openapi-spec-validator)") }
            return
        }
        let documents = try OpenAPIDocuments(version: "0.1.0")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ocpctl-openapi-\(flavor)-\(UUID().uuidString.prefix(8)).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(flavor == "v2" ? documents.v2 : documents.v3).write(to: URL(fileURLWithPath: path))
        let script = "import json, sys\nfrom openapi_spec_validator import validate\nvalidate(json.load(open(sys.argv[1])))\nprint('valid')"
        let result = try Self.python(["-c", script, path])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("valid"))
    }

    @Test("a document with a broken reference is refused by the same check, so the check can fail")
    func brokenIsRefused() throws {
        guard Self.validatorInstalled else { return }
        var document = try #require(try JSONSerialization.jsonObject(with: Data(try OpenAPIDocuments(version: "0.1.0").v3)) as? [String: Any])
        document["components"] = ["schemas": [String: Any]()]
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ocpctl-openapi-broken-\(UUID().uuidString.prefix(8)).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try JSONSerialization.data(withJSONObject: document).write(to: URL(fileURLWithPath: path))
        let result = try Self.python(["-c", "import json, sys\nfrom openapi_spec_validator import validate\nvalidate(json.load(open(sys.argv[1])))", path])
        #expect(result.status != 0)
    }
}
