import Foundation

/// An issuer's keys as last loaded. They are loaded when first needed, again when a token names a key not among them
/// (at most once a minute, so tokens with made-up key ids cannot make this server hammer the issuer), and on the
/// refresher's schedule. Callers arriving while a load runs wait for that load instead of starting another.
actor OIDCKeyCache {
    let loader: JWKSLoader
    /// The server's clock: the minute between loads is counted on it, like the tokens' dates.
    let now: @Sendable () -> Date
    /// The least time between two loads a token can cause.
    let minimumInterval: TimeInterval
    private var current: OIDCKeySet?
    private var lastAttempt: Date?
    private var lastError: OIDCError?
    private var inFlight: Task<Result<OIDCKeySet, OIDCError>, Never>?

    init(loader: JWKSLoader, minimumInterval: TimeInterval = 60, now: @escaping @Sendable () -> Date) {
        self.loader = loader
        self.minimumInterval = minimumInterval
        self.now = now
    }

    /// The keys to check a token whose header names `kid` (nil: none), reloaded first when they lack it and the last
    /// load is a minute old. The caller still checks that the key is there.
    func keys(for kid: String?) async throws(OIDCError) -> OIDCKeySet {
        if let current, current.contains(kid) { return current }
        if let inFlight { return try await inFlight.value.get() }
        if let lastAttempt, now().timeIntervalSince(lastAttempt) < minimumInterval {
            if let current { return current }
            throw lastError ?? OIDCError("the issuer's keys are not loaded yet")
        }
        return try await reload()
    }

    /// Loads the keys when none were ever loaded and the rate allows; for the refresher's first round.
    func loadIfNeeded() async throws(OIDCError) {
        _ = try await keys(for: nil)
    }

    /// Loads the keys now, whatever the rate, or joins the load under way. A failed load keeps the keys there were.
    @discardableResult
    func reload() async throws(OIDCError) -> OIDCKeySet {
        if let inFlight { return try await inFlight.value.get() }
        lastAttempt = now()
        // A task of its own, so that callers who join it while it runs all get its result.
        let task = Task { [loader] () async -> Result<OIDCKeySet, OIDCError> in
            do throws(OIDCError) { return .success(try await loader.load()) } catch { return .failure(error) }
        }
        inFlight = task
        let result = await task.value
        inFlight = nil
        switch result {
        case .success(let keys):
            current = keys
            lastError = nil
        case .failure(let error):
            lastError = error
        }
        return try result.get()
    }
}
