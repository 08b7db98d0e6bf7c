import Crypto
public import Foundation
import SwiftASN1
import X509

/// The CA and serving certificate `ocpctl serve` keeps in its data directory: made on first start, reused after,
/// and the serving certificate made again when the hosts it must name change or it nears its end.
public struct ServingCertificates: Sendable, Hashable {
    /// The CA certificate clients trust, PEM.
    public var caPEM: String
    /// The serving certificate, PEM, signed by the CA.
    public var certificatePEM: String
    /// The serving certificate's private key, PEM (PKCS#8).
    public var privateKeyPEM: String

    /// The four files, under `directory`.
    public struct Paths: Sendable {
        public let caCertificate: String
        public let caKey: String
        public let certificate: String
        public let key: String

        public init(directory: String) {
            caCertificate = directory + "/ca.crt"
            caKey = directory + "/ca.key"
            certificate = directory + "/serving.crt"
            key = directory + "/serving.key"
        }
    }

    /// How long a CA lives, and a serving certificate; a serving certificate this close to its end is made again.
    static let caLifetime: TimeInterval = 10 * 365 * 86_400
    static let servingLifetime: TimeInterval = 365 * 86_400
    static let renewBefore: TimeInterval = 30 * 86_400

    /// Reads the files in `directory`, making what is missing: a CA once, and a serving certificate for `hosts`
    /// (DNS names or IP addresses) whenever the stored one names other hosts or ends within 30 days.
    public static func loadOrCreate(directory: String, hosts: [String], now: Date = Date()) async throws -> ServingCertificates {
        let paths = Paths(directory: directory)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let names = try hosts.reduce(into: [GeneralName]()) { names, host in
            let name = try generalName(host)
            if !names.contains(name) { names.append(name) }
        }
        let (caCertificate, caKey) = try await loadOrCreateCA(paths, now: now)
        if let existing = try? reusable(paths, names: names, ca: caCertificate, now: now) { return existing }

        let key = P256.Signing.PrivateKey()
        let certificate = try await Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(key.publicKey),
            notValidBefore: now - 300, notValidAfter: now + servingLifetime,
            issuer: caCertificate.subject, subject: try DistinguishedName { CommonName("ocpctl serve") },
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true, keyEncipherment: true))
                try ExtendedKeyUsage([.serverAuth])
                SubjectAlternativeNames(names)
            },
            issuerAsyncPrivateKey: .init(caKey))
        let result = ServingCertificates(caPEM: try caCertificate.serializeAsPEM().pemString,
                                         certificatePEM: try certificate.serializeAsPEM().pemString,
                                         privateKeyPEM: key.pemRepresentation)
        try writePrivate(result.privateKeyPEM, to: paths.key)
        try writePrivate(result.certificatePEM, to: paths.certificate, mode: 0o644)
        return result
    }

    /// The stored CA, or a new one written owner-only.
    private static func loadOrCreateCA(_ paths: Paths, now: Date) async throws -> (Certificate, P256.Signing.PrivateKey) {
        if FileManager.default.fileExists(atPath: paths.caCertificate), FileManager.default.fileExists(atPath: paths.caKey) {
            let certificate = try Certificate(pemEncoded: try String(contentsOfFile: paths.caCertificate, encoding: .utf8))
            let key = try P256.Signing.PrivateKey(pemRepresentation: try String(contentsOfFile: paths.caKey, encoding: .utf8))
            return (certificate, key)
        }
        let key = P256.Signing.PrivateKey()
        let name = try DistinguishedName {
            OrganizationName("ocpctl")
            CommonName("ocpctl CA \(UUID().uuidString.prefix(8).lowercased())")
        }
        let certificate = try await Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(key.publicKey),
            notValidBefore: now - 300, notValidAfter: now + caLifetime, issuer: name, subject: name,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
            },
            issuerAsyncPrivateKey: .init(key))
        try writePrivate(key.pemRepresentation, to: paths.caKey)
        try writePrivate(try certificate.serializeAsPEM().pemString, to: paths.caCertificate, mode: 0o644)
        return (certificate, key)
    }

    /// The stored serving certificate if it was signed by this CA, names exactly `names` and is not near its end.
    private static func reusable(_ paths: Paths, names: [GeneralName], ca: Certificate, now: Date) throws -> ServingCertificates? {
        let text = try String(contentsOfFile: paths.certificate, encoding: .utf8)
        let keyText = try String(contentsOfFile: paths.key, encoding: .utf8)
        let certificate = try Certificate(pemEncoded: text)
        guard certificate.issuer == ca.subject, certificate.notValidAfter > now + renewBefore,
              let stored = try certificate.extensions.subjectAlternativeNames, Set(stored) == Set(names) else { return nil }
        let key = try P256.Signing.PrivateKey(pemRepresentation: keyText)
        guard Certificate.PublicKey(key.publicKey) == certificate.publicKey else { return nil }
        return ServingCertificates(caPEM: try ca.serializeAsPEM().pemString, certificatePEM: text, privateKeyPEM: keyText)
    }

    /// An IP address SAN for an address, a DNS SAN otherwise.
    static func generalName(_ host: String) throws -> GeneralName {
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        var v4 = in_addr()
        if inet_pton(AF_INET, bare, &v4) == 1 {
            return .ipAddress(ASN1OctetString(contentBytes: withUnsafeBytes(of: &v4) { ArraySlice($0) }))
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, bare, &v6) == 1 {
            return .ipAddress(ASN1OctetString(contentBytes: withUnsafeBytes(of: &v6) { ArraySlice($0) }))
        }
        guard !bare.isEmpty, bare.utf8.allSatisfy({ $0 > 32 && $0 < 127 }) else {
            throw CertificateError(message: "cannot name host \"\(host)\" in a certificate: not an IP address or a DNS name")
        }
        return .dnsName(bare)
    }

    /// Writes `text` atomically with `mode` (owner-only by default: keys).
    private static func writePrivate(_ text: String, to path: String, mode: Int = 0o600) throws {
        let url = URL(fileURLWithPath: path)
        try Data(text.utf8).write(to: url, options: .atomic)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
    }
}

/// A certificate could not be made or read.
public struct CertificateError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
