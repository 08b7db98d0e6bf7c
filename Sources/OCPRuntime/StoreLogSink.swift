public import Logging
public import OCPCloud
public import OCPModel
public import OCPStore

/// Streams a driver's operation log into the store, where `ocpctl logs -f` follows it.
public struct StoreLogSink: OperationLogSink {
    let store: any ControlPlaneStore
    let now: @Sendable () -> Timestamp
    let logger: Logger

    /// A sink over `store`.
    public init(store: any ControlPlaneStore, now: @escaping @Sendable () -> Timestamp, logger: Logger) {
        self.store = store
        self.now = now
        self.logger = logger
    }

    public func append(operationID: String, text: String) async {
        do {
            // Unfenced: a log line is not desired state, and losing one to a racing replica loses nothing that matters.
            _ = try await store.heartbeatOperation(id: operationID, now: now(), appendingLog: text, fence: nil)
        } catch {
            logger.debug("operation log line dropped", metadata: ["operation": "\(operationID)", "error": "\(error)"])
        }
    }
}
