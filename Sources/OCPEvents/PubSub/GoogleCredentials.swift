import _CryptoExtras
import AsyncHTTPClient
import Crypto
import Foundation
import NIOCore
import Synchronization

/// Application Default Credentials, as Google's client libraries find them: `GOOGLE_APPLICATION_CREDENTIALS`,
/// then gcloud's `application_default_credentials.json`. A service-account key signs a JWT (RS256) that is
/// exchanged for an access token; gcloud's user credentials use their refresh token. Tokens are cached until a
/// minute before they expire. No key, token or secret ever reaches an error message or a log.
public final class GoogleCredentials: Sendable {
    /// What a credentials file holds.
    enum Source: Sendable {
        case serviceAccount(email: String, key: _RSA.Signing.PrivateKey, tokenURI: String)
        case authorizedUser(clientID: String, clientSecret: String, refreshToken: String, tokenURI: String)
    }

    let source: Source
    /// The project the file names, if any.
    public let projectID: String?
    private let cached = Mutex<(token: String, expires: Date)?>(nil)
    private let now: @Sendable () -> Date

    static let scope = "https://www.googleapis.com/auth/pubsub"

    init(source: Source, projectID: String?, now: @escaping @Sendable () -> Date = Date.init) {
        self.source = source
        self.projectID = projectID
        self.now = now
    }

    /// The credentials ADC would find in `environment`, or nil when there are none.
    public static func applicationDefault(environment: [String: String]) throws(GoogleCredentialsError) -> GoogleCredentials? {
        if let path = environment["GOOGLE_APPLICATION_CREDENTIALS"], !path.isEmpty {
            return try load(path: path)
        }
        let base = environment["CLOUDSDK_CONFIG"] ?? (environment["HOME"].map { "\($0)/.config/gcloud" } ?? "")
        let path = "\(base)/application_default_credentials.json"
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        return try load(path: path)
    }

    /// Reads a service-account key or gcloud user credentials file.
    public static func load(path: String) throws(GoogleCredentialsError) -> GoogleCredentials {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw GoogleCredentialsError("credentials file \(path) cannot be read")
        }
        return try parse(data, origin: path)
    }

    static func parse(_ data: Data, origin: String) throws(GoogleCredentialsError) -> GoogleCredentials {
        struct File: Decodable {
            var type: String?
            var project_id: String?
            var quota_project_id: String?
            var client_email: String?
            var private_key: String?
            var token_uri: String?
            var client_id: String?
            var client_secret: String?
            var refresh_token: String?
        }
        let file: File
        do { file = try JSONDecoder().decode(File.self, from: data) } catch {
            throw GoogleCredentialsError("credentials file \(origin) is not JSON")
        }
        let tokenURI = file.token_uri ?? "https://oauth2.googleapis.com/token"
        switch file.type {
        case "service_account":
            guard let email = file.client_email, let pem = file.private_key else {
                throw GoogleCredentialsError("credentials file \(origin): a service account needs client_email and private_key")
            }
            let key: _RSA.Signing.PrivateKey
            do { key = try _RSA.Signing.PrivateKey(pemRepresentation: pem) } catch {
                throw GoogleCredentialsError("credentials file \(origin): private_key is not an RSA key in PEM")
            }
            return GoogleCredentials(source: .serviceAccount(email: email, key: key, tokenURI: tokenURI), projectID: file.project_id)
        case "authorized_user":
            guard let id = file.client_id, let secret = file.client_secret, let refresh = file.refresh_token else {
                throw GoogleCredentialsError("credentials file \(origin): user credentials need client_id, client_secret and refresh_token")
            }
            return GoogleCredentials(source: .authorizedUser(clientID: id, clientSecret: secret, refreshToken: refresh, tokenURI: tokenURI),
                                     projectID: file.quota_project_id)
        default:
            throw GoogleCredentialsError("credentials file \(origin): type \"\(file.type ?? "")\" is not service_account or authorized_user")
        }
    }

    /// A valid access token, fetched again a minute before the cached one expires.
    func accessToken(http: HTTPClient) async throws -> String {
        if let cached = cached.withLock({ $0 }), cached.expires > now().addingTimeInterval(60) { return cached.token }
        let (uri, form) = try tokenRequest()
        var request = HTTPClientRequest(url: uri)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.body = .bytes(ByteBuffer(string: form))
        let response = try await http.execute(request, timeout: .seconds(15))
        let body = try await response.body.collect(upTo: 1 << 16)
        struct Token: Decodable {
            var access_token: String
            var expires_in: Double?
        }
        guard response.status.code == 200, let token = try? JSONDecoder().decode(Token.self, from: Data(buffer: body)) else {
            // The body may echo the request; only the status is safe to show.
            throw GoogleCredentialsError("the token endpoint \(uri) answered HTTP \(response.status.code)")
        }
        cached.withLock { $0 = (token.access_token, now().addingTimeInterval(token.expires_in ?? 3600)) }
        return token.access_token
    }

    /// The token endpoint and the form to post to it.
    func tokenRequest() throws -> (String, String) {
        switch source {
        case let .serviceAccount(email, key, tokenURI):
            let assertion = try Self.signedJWT(issuer: email, audience: tokenURI, scope: Self.scope, key: key, now: now())
            return (tokenURI, "grant_type=\(Self.formEncode("urn:ietf:params:oauth:grant-type:jwt-bearer"))&assertion=\(assertion)")
        case let .authorizedUser(clientID, clientSecret, refreshToken, tokenURI):
            let form = ["grant_type=refresh_token", "client_id=\(Self.formEncode(clientID))", "client_secret=\(Self.formEncode(clientSecret))",
                        "refresh_token=\(Self.formEncode(refreshToken))"]
            return (tokenURI, form.joined(separator: "&"))
        }
    }

    /// A JWT for Google's OAuth 2.0 service-account flow, RS256-signed, valid for an hour.
    static func signedJWT(issuer: String, audience: String, scope: String, key: _RSA.Signing.PrivateKey, now: Date) throws -> String {
        let issued = Int64(now.timeIntervalSince1970)
        let header = #"{"alg":"RS256","typ":"JWT"}"#
        struct Claims: Encodable {
            var iss: String
            var scope: String
            var aud: String
            var iat: Int64
            var exp: Int64
        }
        let claims = try EventJSON.encode(Claims(iss: issuer, scope: scope, aud: audience, iat: issued, exp: issued + 3600))
        let input = base64URL(Array(header.utf8)) + "." + base64URL(claims)
        let signature = try key.signature(for: Array(input.utf8), padding: .insecurePKCS1v1_5)
        return input + "." + base64URL(Array(signature.rawRepresentation))
    }

    static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func formEncode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}

/// Credentials that cannot be read or used; never carries key material.
public struct GoogleCredentialsError: Error, Sendable, CustomStringConvertible {
    public var message: String
    init(_ message: String) { self.message = message }
    public var description: String { message }
}
