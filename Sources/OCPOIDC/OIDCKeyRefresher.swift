import Logging
public import ServiceLifecycle

/// Keeps an issuer's keys fresh: loads them when the server starts, so the first token waits for nothing, then reloads
/// them on a schedule, so a key the issuer withdrew stops being trusted even when no token names a new one.
public struct OIDCKeyRefresher: Service {
    let cache: OIDCKeyCache
    let interval: Duration
    let logger: Logger

    /// Loads, then reloads every interval until a graceful shutdown; a failed load is logged and the keys there were kept.
    public func run() async throws {
        do throws(OIDCError) {
            try await cache.loadIfNeeded()
        } catch {
            logger.warning("could not load the OIDC issuer's keys; OIDC tokens are refused until they load", metadata: ["error": "\(error)"])
        }
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch {
                return
            }
            do throws(OIDCError) {
                try await cache.reload()
            } catch {
                logger.warning("could not reload the OIDC issuer's keys; the keys loaded before stay in use", metadata: ["error": "\(error)"])
            }
        }
    }
}
