import Foundation
import OCPAWS
import Testing

@Suite("AWS IAM tokens (aws-iam-authenticator form)")
struct IAMTokenTests {
    static let credentials = AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                                            sessionToken: "session/token+x=")
    /// 2026-12-02T10:00:00Z.
    static let signedAt = Date(timeIntervalSince1970: 1_796_205_600)
    static let sts = URL(string: "https://sts.us-east-1.amazonaws.com")!

    @Test("a presigned GetCallerIdentity URL equals botocore's SigV4QueryAuth for the same credentials and time")
    func presignMatchesBotocore() throws {
        var headers = AWSHeaders()
        headers.add("x-k8s-aws-id", "ocpctl")
        let request = AWSRequest(method: "GET", host: "sts.us-east-1.amazonaws.com",
                                 query: [AWSQueryItem("Action", "GetCallerIdentity"), AWSQueryItem("Version", "2011-06-15")], headers: headers)
        let signed = AWSSigner(credentials: Self.credentials, region: "us-east-1", service: "sts").presign(request, date: Self.signedAt, expires: 60)
        // botocore.auth.SigV4QueryAuth(credentials, "sts", "us-east-1", expires=60) with its clock at 2026-12-02T10:00:00Z.
        #expect(signed.url == "https://sts.us-east-1.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15&X-Amz-Algorithm=AWS4-HMAC-SHA256"
            + "&X-Amz-Credential=AKIDEXAMPLE%2F20261202%2Fus-east-1%2Fsts%2Faws4_request&X-Amz-Date=20261202T100000Z&X-Amz-Expires=60"
            + "&X-Amz-SignedHeaders=host%3Bx-k8s-aws-id&X-Amz-Security-Token=session%2Ftoken%2Bx%3D"
            + "&X-Amz-Signature=2793abcba07727f7c9584a6803d202141b03f1fd92a57927725a5e2455d29e44")
    }

    @Test("a token round-trips to its URL and is checked before anything is sent")
    func checks() async throws {
        let token = try IAMToken.make(credentials: Self.credentials, region: "us-east-1", endpoint: Self.sts, clusterID: "ocpctl", date: Self.signedAt)
        #expect(token.hasPrefix("k8s-aws-v1."))
        #expect(!token.contains("="))
        #expect(IAMToken.url(of: token)?.hasPrefix("https://sts.us-east-1.amazonaws.com/?Action=GetCallerIdentity") == true)

        let answer = """
            <GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>
            <Arn>arn:aws:sts::123456789012:assumed-role/ops/alice</Arn><UserId>AROA:alice</UserId><Account>123456789012</Account>
            </GetCallerIdentityResult></GetCallerIdentityResponse>
            """
        let transport = ScriptedTransport([ScriptedTransport.xml(200, answer)])
        let verifier = IAMTokenVerifier(trustedEndpoints: [Self.sts], clusterID: "ocpctl", transport: transport,
                                        now: { Self.signedAt.addingTimeInterval(60) })
        let principal = try await verifier.verify(token)
        #expect(principal.canonicalARN == "arn:aws:iam::123456789012:role/ops")
        #expect(principal.arn == "arn:aws:sts::123456789012:assumed-role/ops/alice")
        let sent = try #require(transport.sent.first)
        #expect(sent.url == IAMToken.url(of: token))
        #expect(sent.headers["x-k8s-aws-id"] == "ocpctl")

        // Each of these is refused with nothing sent, and no message quotes the token or its signature.
        let other = try IAMToken.make(credentials: Self.credentials, region: "us-east-1", endpoint: URL(string: "https://sts.evil.example")!,
                                      clusterID: "ocpctl", date: Self.signedAt)
        let otherPort = try IAMToken.make(credentials: Self.credentials, region: "us-east-1", endpoint: URL(string: "https://sts.us-east-1.amazonaws.com:8443")!,
                                          clusterID: "ocpctl", date: Self.signedAt)
        let plain = try IAMToken.make(credentials: Self.credentials, region: "us-east-1", endpoint: URL(string: "http://sts.us-east-1.amazonaws.com")!,
                                      clusterID: "ocpctl", date: Self.signedAt)
        let cases: [(String, String, Date)] = [
            (other, "not for a trusted STS endpoint", Self.signedAt),
            (otherPort, "not for a trusted STS endpoint", Self.signedAt),
            (plain, "not for a trusted STS endpoint", Self.signedAt),
            (token, "expired", Self.signedAt.addingTimeInterval(901)),
            (token, "not valid yet", Self.signedAt.addingTimeInterval(-301)),
            ("k8s-aws-v1.!!!", "not a k8s-aws-v1 token", Self.signedAt),
            ("k8s-aws-v1." + String(repeating: "A", count: 9000), "not a k8s-aws-v1 token", Self.signedAt),
            (Self.token(replacing: "GetCallerIdentity", with: "AssumeRole", in: token), "not a presigned STS GetCallerIdentity", Self.signedAt),
            (Self.token(replacing: "host%3Bx-k8s-aws-id", with: "host", in: token), "not bound to this control plane", Self.signedAt),
            (Self.token(replacing: "Version=2011-06-15", with: "Version=2011-06-15&Action=GetCallerIdentity", in: token), "parameter", Self.signedAt),
        ]
        for (candidate, message, time) in cases {
            let idle = ScriptedTransport([])
            let strict = IAMTokenVerifier(trustedEndpoints: [Self.sts], clusterID: "ocpctl", transport: idle, now: { time })
            do {
                _ = try await strict.verify(candidate)
                Issue.record("accepted: \(message)")
            } catch {
                #expect(error.message.contains(message), "\(error.message)")
                #expect(!error.message.contains("2793abcb") && !error.message.contains("X-Amz"))
            }
            #expect(idle.sent.isEmpty, "\(message): nothing may be sent")
        }
    }

    @Test("STS's refusal and silence are 401 reasons without the URL")
    func stsRefuses() async throws {
        let token = try IAMToken.make(credentials: Self.credentials, region: "us-east-1", endpoint: Self.sts, clusterID: "ocpctl", date: Self.signedAt)
        for (step, message) in [(ScriptedTransport.xml(403, "<ErrorResponse/>"), "STS refused the token (HTTP 403)"),
                                (ScriptedTransport.Step.fail("connection refused to https://sts...?X-Amz-Signature=..."), "did not answer"),
                                (ScriptedTransport.xml(200, "<Other/>"), "without an identity")] {
            let verifier = IAMTokenVerifier(trustedEndpoints: [Self.sts], clusterID: "ocpctl", transport: ScriptedTransport([step]),
                                            now: { Self.signedAt })
            do {
                _ = try await verifier.verify(token)
                Issue.record("accepted: \(message)")
            } catch {
                #expect(error.message.contains(message), "\(error.message)")
                #expect(!error.message.contains("X-Amz"))
            }
        }
    }

    @Test("assumed-role sessions map to their role; users, roots and other ARNs stay as they are", arguments: [
        ("arn:aws:sts::123456789012:assumed-role/ops/alice@example.com", "arn:aws:iam::123456789012:role/ops"),
        ("arn:aws-cn:sts::123456789012:assumed-role/ops/s", "arn:aws-cn:iam::123456789012:role/ops"),
        ("arn:aws:iam::123456789012:user/dev/alice", "arn:aws:iam::123456789012:user/dev/alice"),
        ("arn:aws:iam::123456789012:root", "arn:aws:iam::123456789012:root"),
        ("arn:aws:sts::123456789012:federated-user/bob", "arn:aws:sts::123456789012:federated-user/bob"),
        ("arn:aws:sts::123456789012:assumed-role/ops", "arn:aws:sts::123456789012:assumed-role/ops"),
    ])
    func canonical(arn: String, expected: String) {
        #expect(PrincipalARN.canonical(arn) == expected)
    }

    static func token(replacing old: String, with new: String, in token: String) -> String {
        let url = IAMToken.url(of: token)!.replacingOccurrences(of: old, with: new)
        return IAMToken.prefix + Data(url.utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}
