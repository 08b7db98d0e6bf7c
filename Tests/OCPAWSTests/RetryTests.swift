import Foundation
@testable import OCPAWS
import Testing

/// Backoff and retries through an injected transport, sleep and random source.
@Suite struct RetryTests {
    static let throttled = ScriptedTransport.xml(400, """
        <ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error>\
        <RequestId>req-1</RequestId></ErrorResponse>
        """)
    static let identity = ScriptedTransport.xml(200, """
        <GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/test</Arn>\
        <UserId>AIDA</UserId><Account>123456789012</Account></GetCallerIdentityResult></GetCallerIdentityResponse>
        """)

    static func client(_ transport: ScriptedTransport, _ recorder: SleepRecorder, maxAttempts: Int = 5) -> AWSClient {
        AWSClient(configuration: AWSConfiguration(region: "us-east-1"),
                  credentials: AWSCredentials(accessKeyID: "AKID", secretAccessKey: "secret"), transport: transport,
                  retry: recorder.policy(maxAttempts: maxAttempts), clock: { Date(timeIntervalSince1970: 1_700_000_000) })
    }

    @Test func throttlingThenSuccess() async throws {
        let transport = ScriptedTransport([Self.throttled, Self.throttled, Self.identity])
        let recorder = SleepRecorder()
        let identity = try await Self.client(transport, recorder).sts.getCallerIdentity()
        #expect(identity.account == "123456789012")
        #expect(transport.sent.count == 3)
        // Full jitter: half (the injected random) of 100 ms, then of 200 ms.
        #expect(recorder.recorded == [.milliseconds(50), .milliseconds(100)])
        #expect(transport.sent.allSatisfy { $0.headers.values("authorization").count == 1 })
    }

    @Test func fiveFailuresGiveUpWithTheAttemptCount() async throws {
        let transport = ScriptedTransport(Array(repeating: ScriptedTransport.xml(503, "<Error><Code>ServiceUnavailable</Code>"
            + "<Message>try later</Message><RequestId>req-5</RequestId></Error>"), count: 6))
        let recorder = SleepRecorder()
        let error = await #expect(throws: AWSError.self) { try await Self.client(transport, recorder).sts.getCallerIdentity() }
        #expect(error?.attempts == 5)
        #expect(error?.statusCode == 503)
        #expect(error?.code == "ServiceUnavailable")
        #expect(error?.requestID == "req-5")
        #expect(error?.service == "sts")
        #expect(error?.operation == "GetCallerIdentity")
        #expect(transport.sent.count == 5)
        #expect(recorder.recorded.count == 4)
        #expect(error.map { "\($0)" } == "sts GetCallerIdentity failed (HTTP 503): ServiceUnavailable: try later [request id req-5] after 5 attempts")
    }

    @Test func connectionErrorsAreRetried() async throws {
        let transport = ScriptedTransport([.fail("connection refused"), .fail("connection reset"), Self.identity])
        let recorder = SleepRecorder()
        _ = try await Self.client(transport, recorder).sts.getCallerIdentity()
        #expect(transport.sent.count == 3)
    }

    @Test func connectionErrorsGiveUpToo() async throws {
        let transport = ScriptedTransport(Array(repeating: .fail("connection refused"), count: 3))
        let error = await #expect(throws: AWSError.self) {
            try await Self.client(transport, SleepRecorder(), maxAttempts: 3).sts.getCallerIdentity()
        }
        #expect(error?.code == "ConnectionError")
        #expect(error?.statusCode == nil)
        #expect(error?.attempts == 3)
    }

    @Test func clientErrorsAreNotRetried() async throws {
        let transport = ScriptedTransport([ScriptedTransport.xml(400, """
            <Response><Errors><Error><Code>InvalidInstanceID.NotFound</Code><Message>The instance ID 'i-1' does not exist</Message>\
            </Error></Errors><RequestID>req-ec2</RequestID></Response>
            """)])
        let error = await #expect(throws: AWSError.self) {
            try await Self.client(transport, SleepRecorder()).ec2.stopInstances(["i-1"])
        }
        #expect(error?.code == "InvalidInstanceID.NotFound")
        #expect(error?.requestID == "req-ec2")
        #expect(error?.attempts == 1)
        #expect(transport.sent.count == 1)
    }

    @Test func jsonErrorsAndThrottlingCodes() async throws {
        let body = #"{"__type":"com.amazonaws.secretsmanager#ThrottlingException","message":"slow down"}"#
        let throttled = ScriptedTransport.Step.respond(AWSResponse(status: 400, headers: AWSHeaders([("x-amzn-RequestId", "req-j")]),
                                                                   body: Data(body.utf8)))
        let notFound = ScriptedTransport.Step.respond(AWSResponse(
            status: 400, body: Data(#"{"__type":"ResourceNotFoundException","Message":"no such secret"}"#.utf8)))
        let transport = ScriptedTransport([throttled, notFound])
        let error = await #expect(throws: AWSError.self) {
            try await Self.client(transport, SleepRecorder()).secretsManager.getSecretValue(secretID: "x")
        }
        #expect(error?.code == "ResourceNotFoundException")
        #expect(error?.message == "no such secret")
        #expect(error?.attempts == 2)
        #expect(transport.sent.first?.headers["X-Amz-Target"] == "secretsmanager.GetSecretValue")
    }

    @Test func s3SlowDownAnd429AreThrottling() {
        let slowDown = AWSError(service: "s3", operation: "PutObject", statusCode: 503, code: "SlowDown", message: "", requestID: nil,
                                attempts: 1)
        let tooMany = AWSError(service: "x", operation: "y", statusCode: 429, code: "TooManyRequests", message: "", requestID: nil,
                               attempts: 1)
        let limit = AWSError(service: "ec2", operation: "RunInstances", statusCode: 503, code: "RequestLimitExceeded", message: "",
                             requestID: nil, attempts: 1)
        #expect(slowDown.isThrottling && tooMany.isThrottling && limit.isThrottling)
        #expect(AWSError(service: "x", operation: "y", statusCode: 404, code: "NoSuchKey", message: "", requestID: nil, attempts: 1)
            .isRetryable == false)
    }

    @Test func backoffIsCappedFullJitter() {
        let policy = AWSRetryPolicy(baseDelay: .milliseconds(100), maxDelay: .seconds(1), sleep: { _ in }, random: { 0.999 })
        #expect(policy.delay(beforeRetry: 1) < .milliseconds(100))
        #expect(policy.delay(beforeRetry: 4) > .milliseconds(790))
        #expect(policy.delay(beforeRetry: 40) <= .seconds(1))
        #expect(AWSRetryPolicy(sleep: { _ in }, random: { 0 }).delay(beforeRetry: 3) == .zero)
    }

    @Test func paginationFollowsTokensAndRefusesLoops() async throws {
        let items = try await AWSPagination.collect { token -> AWSPage<Int> in
            switch token {
            case nil: AWSPage(items: [1, 2], nextToken: "a")
            case "a": AWSPage(items: [3], nextToken: "b")
            default: AWSPage(items: [4], nextToken: "")
            }
        }
        #expect(items == [1, 2, 3, 4])
        await #expect(throws: AWSPaginationError.self) {
            _ = try await AWSPagination.collect { _ in AWSPage(items: [0], nextToken: "same") }
        }
    }
}
