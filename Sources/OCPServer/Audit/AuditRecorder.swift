import Logging
import OCPModel
import OCPStore

/// Writes one audit event per mutating request. Summaries name fields and values of the resource only, never headers or tokens.
struct AuditRecorder: Sendable {
    let store: any ControlPlaneStore
    let now: @Sendable () -> Timestamp

    /// Appends the event; a failing audit write is logged but does not undo the request it describes.
    func record(actor: String, verb: String, resource: String, namespace: String?, name: String?, requestID: String, outcome: String,
                summary: String, logger: Logger) async {
        let event = AuditEvent(time: now(), actor: actor, verb: verb, resource: resource, namespace: namespace, name: name,
                               requestID: requestID, outcome: outcome, summary: summary)
        do {
            _ = try await store.appendAuditEvent(event)
        } catch {
            logger.error("audit write failed", metadata: ["verb": "\(verb)", "name": "\(name ?? "")", "error": "\(error)"])
        }
    }
}
