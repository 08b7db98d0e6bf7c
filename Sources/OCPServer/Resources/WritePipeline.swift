import Foundation
import HTTPTypes
import Hummingbird
import OCPModel

/// What the audit event of a write says; filled in as the write learns more.
struct AuditNote: Sendable {
    var name: String?
    var summary = ""
    /// What the response's `Warning` headers say (`fieldValidation=Warn`); not part of the audit event.
    var warnings: [String] = []
}

/// What every mutating request goes through, whatever its kind: the body within the limit, the caller's
/// `Idempotency-Key`, and one audit event on success and on refusal. Dry runs change nothing and are not audited.
struct WritePipeline: Sendable {
    let idempotency: IdempotencyGate
    let audit: AuditRecorder
    let maxBodyBytes: Int

    /// Runs `body` for an authenticated caller and answers `code` with what it returns, as JSON. `authorize` runs
    /// first, outside the idempotency gate, so a refused request stores nothing but its audit event. A body may ask
    /// for a dry run too (`DeleteOptions.dryRun`): `dryRunInBody` reads that from it.
    func run(_ request: Request, _ context: APIContext, resource: String, verb: String, code: Int, dryRun: Bool = false,
             dryRunInBody: (@Sendable ([UInt8]) throws -> Bool)? = nil,
             authorize: @Sendable (Identity) throws -> Void,
             _ body: @escaping @Sendable (Caller, [UInt8], inout AuditNote) async throws -> any Encodable & Sendable) async throws -> Response {
        let caller = try context.caller()
        let namespace = context.parameters.get("namespace")
        let refusals = Audited(audit: audit, caller: caller, resource: resource, verb: verb, namespace: namespace, dryRun: dryRun)
        let note = AuditNote(name: context.parameters.get("name"))
        try await refusals.refusals(note) { try authorize(caller.identity) }
        let bytes = try await request.readBody(limit: maxBodyBytes)
        let bodyDryRun = try dryRunInBody?(bytes) ?? false
        let audited = Audited(audit: audit, caller: caller, resource: resource, verb: verb, namespace: namespace, dryRun: dryRun || bodyDryRun)
        let warnings = Warnings()
        let run: @Sendable () async throws -> APIResponse = { [note] in
            var note = note
            let result = try await audited.run(&note) { note in try await body(caller, bytes, &note) }
            warnings.set(note.warnings)
            return APIResponse(code: code, body: Array(try ResourceEncoding.jsonData(result)))
        }
        let response: APIResponse
        if let key = request.headers[IdempotencyGate.header] {
            let hash = IdempotencyGate.hash(method: request.method.rawValue, path: request.uri.description, body: bytes)
            response = try await idempotency.run(caller: caller.identity.user, key: key, requestHash: hash, run)
        } else {
            response = try await run()
        }
        var http = EnvelopeMiddleware.bytes(response.body, code: response.code)
        if response.replayed { http.headers[IdempotencyGate.replayedHeader] = "true" }
        for warning in warnings.values { http.headers.append(HTTPField(name: Self.warningHeader, value: Self.warning(warning))) }
        return http
    }

    static let warningHeader = HTTPField.Name("Warning")!

    /// A `Warning` header value as kube-apiserver writes it: code 299, no agent, the text quoted.
    static func warning(_ text: String) -> String {
        "299 - \"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}

/// The warnings a write's body collected, carried out of the idempotency gate's closure.
private final class Warnings: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []

    func set(_ warnings: [String]) { lock.withLock { stored = warnings } }
    var values: [String] { lock.withLock { stored } }
}

/// One write's audit: an event on refusal or failure always, on success only once the write is done.
private struct Audited: Sendable {
    let audit: AuditRecorder
    let caller: Caller
    let resource: String
    let verb: String
    let namespace: String?
    let dryRun: Bool

    /// Runs the write `body` and records its outcome, success or not.
    func run<T>(_ note: inout AuditNote, _ body: (inout AuditNote) async throws -> T) async throws -> T {
        let result: T
        do {
            result = try await body(&note)
        } catch {
            await recordFailure(error, note)
            throw error
        }
        if !dryRun { await record(note, outcome: "Success", summary: note.summary) }
        return result
    }

    /// Runs a check that comes before the write, recording only a refusal.
    func refusals(_ note: AuditNote, _ check: () throws -> Void) async throws {
        do {
            try check()
        } catch {
            await recordFailure(error, note)
            throw error
        }
    }

    private func recordFailure(_ error: any Error, _ note: AuditNote) async {
        guard !dryRun else { return }
        let status = APIError.from(error).status
        await record(note, outcome: status.code == 401 || status.code == 403 ? "Denied" : "Failure",
                     summary: "\(status.code) \(status.reason.rawValue): \(status.message)")
    }

    private func record(_ note: AuditNote, outcome: String, summary: String) async {
        await audit.record(actor: caller.identity.user, verb: verb, resource: resource, namespace: namespace, name: note.name,
                           requestID: caller.requestID, outcome: outcome, summary: summary, logger: caller.logger)
    }
}

extension IdempotencyGate {
    static let header = HTTPField.Name("Idempotency-Key")!
    static let replayedHeader = HTTPField.Name("Idempotent-Replayed")!
}
