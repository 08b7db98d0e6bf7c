import _CryptoExtras
import Crypto
import Foundation
@testable import OCPEvents
import OCPModel
import Testing

@Suite("Event signing: webhook HMAC, service-account JWTs, CloudEvents")
struct SigningTests {
    let event = ClusterEvent(type: .created, sequence: 7, timeMillis: 1_790_000_000_123,
                             cluster: .init(uid: "c-1", namespace: "team-a", name: "one", generation: 1, platform: "aws",
                                            spec: ClusterSpec(profile: "aws-minimal-test")))

    @Test("the webhook signature is HMAC-SHA256 of the exact body, as a receiver recomputes it")
    func webhookSignature() {
        let body = Array(#"{"id":"c-1/7"}"#.utf8)
        let key = SymmetricKey(data: Array("s3cret".utf8))
        let expected = "sha256=" + HMAC<SHA256>.authenticationCode(for: body, using: key).map { String(format: "%02x", $0) }.joined()
        #expect(WebhookSink.signature(body: body, key: key) == expected)
        #expect(WebhookSink.signature(body: body + [0x20], key: key) != expected)
    }

    @Test("a CloudEvent carries specversion 1.0, the event id and type, and the cluster as data")
    func cloudEvent() throws {
        let json = try JSONSerialization.jsonObject(with: Data(EventJSON.encode(CloudEvent(event)))) as? [String: Any]
        #expect(json?["specversion"] as? String == "1.0")
        #expect(json?["id"] as? String == "c-1/7")
        #expect(json?["type"] as? String == "cluster.created")
        #expect(json?["time"] as? String == "2026-09-21T14:13:20.123Z")
        #expect((json?["data"] as? [String: Any])?["sequence"] as? Int == 7)
    }

    @Test("a service-account JWT is RS256 over header.claims and verifies with the key's public half")
    func serviceAccountJWT() throws {
        let key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let jwt = try GoogleCredentials.signedJWT(issuer: "sa@p.iam.gserviceaccount.com", audience: "https://oauth2.googleapis.com/token",
                                                  scope: GoogleCredentials.scope, key: key, now: Date(timeIntervalSince1970: 1000))
        let parts = jwt.split(separator: ".").map(String.init)
        #expect(parts.count == 3)
        func decode(_ text: String) -> Data {
            var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
            base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
            return Data(base64Encoded: base64)!
        }
        let claims = try JSONSerialization.jsonObject(with: decode(parts[1])) as? [String: Any]
        #expect(claims?["iss"] as? String == "sa@p.iam.gserviceaccount.com")
        #expect(claims?["exp"] as? Int == 4600)
        let signature = _RSA.Signing.RSASignature(rawRepresentation: decode(parts[2]))
        #expect(key.publicKey.isValidSignature(signature, for: Array("\(parts[0]).\(parts[1])".utf8), padding: .insecurePKCS1v1_5))
    }

    @Test("a service-account key file is read; its key never appears in an error")
    func credentialsFile() throws {
        let key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let file = #"{"type":"service_account","project_id":"proj-1","client_email":"sa@proj-1.iam.gserviceaccount.com","private_key":"\#(key.pemRepresentation.replacingOccurrences(of: "\n", with: "\\n"))"}"#
        let credentials = try GoogleCredentials.parse(Data(file.utf8), origin: "test")
        #expect(credentials.projectID == "proj-1")
        let (uri, form) = try credentials.tokenRequest()
        #expect(uri == "https://oauth2.googleapis.com/token")
        #expect(form.hasPrefix("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion="))
        let broken = #"{"type":"service_account","client_email":"x","private_key":"-----BEGIN PRIVATE KEY-----\nnotakey\n-----END PRIVATE KEY-----"}"#
        #expect { try GoogleCredentials.parse(Data(broken.utf8), origin: "test") } throws: { error in
            "\(error)".contains("not an RSA key") && !"\(error)".contains("notakey")
        }
    }

    @Test("topics: full names, bare names in the default project, and refusals naming the flag")
    func topics() throws {
        #expect(try PubSubTopic("projects/p1/topics/events", defaultProject: nil).description == "projects/p1/topics/events")
        #expect(try PubSubTopic("events", defaultProject: "p2").description == "projects/p2/topics/events")
        #expect(throws: EventConfigurationError.self) { try PubSubTopic("events", defaultProject: nil) }
        #expect(throws: EventConfigurationError.self) { try PubSubTopic("projects/p/topics/a b", defaultProject: nil) }
        #expect(throws: EventConfigurationError.self) { try PubSubTopic("projects/p/subs/x", defaultProject: nil) }
    }
}
