import Crypto
import Foundation
import OCPModel
import OCPStore

/// A response as the API sends it: code and body, replayable byte for byte.
struct APIResponse: Sendable, Hashable {
    var code: Int
    var body: [UInt8]
    /// True when this is a stored response replayed for a repeated Idempotency-Key.
    var replayed = false
}

/// `Idempotency-Key` (architecture.md §6): the first response is stored, scoped to the caller, for 24 h; keys live in the store, so replicas share them.
struct IdempotencyGate: Sendable {
    let store: any ControlPlaneStore
    let now: @Sendable () -> Timestamp
    /// How long a key is remembered.
    var lifetime: Int64 = 24 * 3600
    /// How long a repeat waits for the first request to finish before answering 409.
    var inFlightWait: Duration = .seconds(5)
    /// The body stored for a refused request: a Kubernetes Status, or another API's error shape.
    var errorBody: @Sendable (any Error) -> [UInt8] = { error in (try? Array(ResourceEncoding.jsonData(APIError.from(error).status))) ?? [] }

    /// Runs `body` once per (caller, key, request); repeats get the first response, another request under the key 422.
    func run(caller: String, key: String, requestHash: String, _ body: () async throws -> APIResponse) async throws -> APIResponse {
        guard !key.isEmpty, key.utf8.count <= 255 else {
            throw APIError(.badRequest, "Idempotency-Key must be 1 to 255 characters")
        }
        let storeKey = IdempotencyKey(caller: caller, key: key)
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: inFlightWait)
        var pause = Duration.milliseconds(2)
        while true {
            let started = now()
            switch try await store.beginIdempotentRequest(storeKey, requestHash: requestHash, now: started,
                                                          expiresAt: started.adding(seconds: lifetime)) {
            case .new:
                return try await execute(storeKey, body)
            case .completed(let response):
                return APIResponse(code: response.statusCode, body: response.body, replayed: true)
            case .mismatch:
                throw APIError(.invalid, "Idempotency-Key \"\(key)\" was already used with a different request; use a new key for a new request")
            case .inFlight:
                // Concurrent repeats wait briefly for the first to finish, so that they can all get its answer.
                guard clock.now < deadline else {
                    throw APIError(.conflict, "a request with Idempotency-Key \"\(key)\" is still in progress; retry later")
                }
                try await Task.sleep(for: pause)
                pause = min(pause * 2, .milliseconds(50))
            }
        }
    }

    /// Stores answers worth replaying (everything but server errors); forgets the key otherwise so a retry runs again.
    private func execute(_ key: IdempotencyKey, _ body: () async throws -> APIResponse) async throws -> APIResponse {
        let response: APIResponse
        do {
            response = try await body()
        } catch {
            let apiError = APIError.from(error)
            guard apiError.status.code < 500 else {
                try? await store.abandonIdempotentRequest(key)
                throw error
            }
            response = APIResponse(code: apiError.status.code, body: errorBody(error))
        }
        do {
            try await store.completeIdempotentRequest(key, response: IdempotentResponse(statusCode: response.code, body: response.body))
        } catch {
            try? await store.abandonIdempotentRequest(key)
            throw error
        }
        return response
    }

    /// The request's fingerprint: method, path and body; a body that decodes as a Cluster is hashed in its canonical form.
    static func hash(method: String, path: String, body: [UInt8]) -> String {
        var canonical = body
        if let text = String(validating: body, as: UTF8.self) {
            let results = ManifestParser.parse(text, source: "request body")
            if results.count == 1, case .success(let document) = results[0], let data = try? ResourceEncoding.jsonData(document.cluster) {
                canonical = Array(data)
            }
        }
        var hasher = SHA256()
        hasher.update(data: Data("\(method) \(path)\n".utf8))
        hasher.update(data: canonical)
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
