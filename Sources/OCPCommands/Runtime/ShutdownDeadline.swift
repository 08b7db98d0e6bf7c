import Foundation
import Logging
import ServiceLifecycle

/// Keeps `--shutdown-seconds` a promise: armed when a graceful stop begins, it ends the process if the stop has
/// not finished by then. The group's own timeouts cover the services; this covers what comes after them (closing
/// the store and the cloud) and anything that ignores cancellation. Placed last in the group, so it hears of the
/// stop first.
struct ShutdownDeadline: Service {
    let seconds: Double
    let logger: Logger

    func run() async throws {
        try? await gracefulShutdown()
        let logger = logger
        let seconds = seconds
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds) {
            logger.error("still stopping after --shutdown-seconds; exiting", metadata: ["seconds": "\(seconds)"])
            exit(1)
        }
    }
}
