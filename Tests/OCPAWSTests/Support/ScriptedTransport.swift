import Foundation
import OCPAWS
import Synchronization

/// A transport that answers from a script and records what it was sent.
final class ScriptedTransport: AWSTransport {
    /// One scripted answer: a response, or a connection failure.
    enum Step: Sendable {
        case respond(AWSResponse)
        case fail(String)
    }

    private let state: Mutex<(steps: [Step], sent: [AWSRequest])>

    init(_ steps: [Step]) {
        state = Mutex((steps, []))
    }

    /// The requests sent so far.
    var sent: [AWSRequest] { state.withLock { $0.sent } }

    func send(_ request: AWSRequest, timeout: Duration) async throws -> AWSResponse {
        let step = state.withLock { state -> Step? in
            state.sent.append(request)
            return state.steps.isEmpty ? nil : state.steps.removeFirst()
        }
        switch step {
        case .respond(let response)?: return response
        case .fail(let message)?: throw AWSTransportError(message)
        case nil: throw AWSTransportError("the script has no more answers")
        }
    }

    /// An XML answer.
    static func xml(_ status: Int, _ body: String, headers: [(name: String, value: String)] = []) -> Step {
        .respond(AWSResponse(status: status, headers: AWSHeaders(headers), body: Data(body.utf8)))
    }
}

/// Records the waits a retry policy asked for, without waiting.
final class SleepRecorder: Sendable {
    private let delays = Mutex<[Duration]>([])

    var recorded: [Duration] { delays.withLock { $0 } }

    /// A retry policy that records instead of sleeping and always draws `random`.
    func policy(maxAttempts: Int = 5, random: Double = 0.5) -> AWSRetryPolicy {
        AWSRetryPolicy(maxAttempts: maxAttempts, baseDelay: .milliseconds(100), maxDelay: .seconds(1),
                       sleep: { [self] duration in self.delays.withLock { $0.append(duration) } }, random: { random })
    }
}
