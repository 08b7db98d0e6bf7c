import Foundation
import Logging
import OCPClient
import OCPServer

/// The tokens the API accepts and where the local client config goes: on first start an admin token is made,
/// its hash stored in the tokens file and the token itself only in the owner-only client config.
struct FirstStart: Sendable {
    let tokens: TokenFile
    let clientConfigPath: String
    /// The admin token made on this start, if one was.
    let newToken: String?

    static func prepare(dataDir: String, tokensPath: String?, logger: Logger) throws -> FirstStart {
        let clientConfigPath = dataDir + "/client.yaml"
        let path = tokensPath ?? dataDir + "/tokens.yaml"
        if FileManager.default.fileExists(atPath: path) {
            return FirstStart(tokens: try TokenFile.load(path: path), clientConfigPath: clientConfigPath, newToken: nil)
        }
        guard tokensPath == nil else { throw TokenFileError(path: path, message: "no such file") }
        let token = TokenFile.generateToken()
        let tokens = TokenFile(tokens: [TokenFile.Entry(sha256: TokenFile.hash(token), user: "admin", teams: [], role: .admin)])
        try tokens.write(path: path)
        logger.info("first start: created an admin token", metadata: ["tokensFile": "\(path)", "clientConfig": "\(clientConfigPath)"])
        return FirstStart(tokens: tokens, clientConfigPath: clientConfigPath, newToken: token)
    }

    /// Points the client config at the running server, keeping the token it has (or the new admin token).
    func publish(server: String, logger: Logger) {
        let existing = try? ClientConfigFile.load(path: clientConfigPath)
        guard let token = newToken ?? existing?.token else {
            logger.warning("no client config written: the tokens file was made elsewhere", metadata: ["clientConfig": "\(clientConfigPath)"])
            return
        }
        do {
            try ClientConfigFile(server: server, token: token).write(path: clientConfigPath)
        } catch {
            logger.warning("could not write the client config", metadata: ["path": "\(clientConfigPath)", "error": "\(error)"])
        }
    }
}
