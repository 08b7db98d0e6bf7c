import OCPCloud
import OCPAWS
import Foundation
import Synchronization

/// Running `openshift-install` and `tar` for an operation, and the files of an install directory.
extension InstallerDriver {
    /// Runs `openshift-install <command> --dir <directory> --log-level info`, streaming each scrubbed line to the
    /// operation's log; returns the exit code and every scrubbed line.
    func runInstaller(_ installer: String, command: [String], directory: String, work: OperationWork, scrubber: SharedScrubber,
                      onLine: @escaping @Sendable (String) async -> Void = { _ in }) async throws -> (code: Int32, lines: [String]) {
        let lines = Mutex<[String]>([])
        let runner = InstallerRunner(executable: installer, arguments: command + ["--dir", directory, "--log-level", "info"],
                                     environment: installerEnvironment())
        await logSink.append(operationID: work.id, text: "$ openshift-install \(command.joined(separator: " ")) --dir \(directory) --log-level info\n")
        let code = try await runner.run(started: { pid in
            await self.recordProcess(work, pid: pid, directory: directory)
        }, onLine: { raw in
            let line = scrubber.scrub(raw)
            lines.withLock { $0.append(line) }
            await self.logSink.append(operationID: work.id, text: line + "\n")
            await onLine(line)
        })
        await recordProcess(work, pid: nil, directory: nil)
        return (code, lines.withLock { $0 })
    }

    /// Keeps the installer's pid in the operation record, so a controller restarted after a crash can kill it.
    func recordProcess(_ work: OperationWork, pid: Int32?, directory: String?) async {
        guard var record = try? await state.operation(work.id) else { return }
        record.pid = pid
        record.workDirectory = directory ?? record.workDirectory
        do {
            try await state.save(record)
        } catch {
            logger.warning("cannot record the installer's pid", metadata: ["operation": "\(work.id)", "error": "\(error)"])
        }
    }

    /// The installer's environment: this process's, whose AWS variables the installer reads as our client does.
    func installerEnvironment() -> [String: String] {
        aws.environment.variables
    }

    /// The error lines of an installer run (`level=error`, `level=fatal`), else its last lines, for an operation's error.
    static func failureDetail(_ lines: [String]) -> String {
        let errors = lines.filter { $0.contains("level=error") || $0.contains("level=fatal") }
        let chosen = errors.isEmpty ? Array(lines.suffix(3)) : Array(errors.suffix(3))
        return chosen.map { $0.replacingOccurrences(of: "level=error msg=", with: "").replacingOccurrences(of: "level=fatal msg=", with: "") }
            .joined(separator: "; ")
    }

    /// A fresh, private directory for one installer run.
    func freshDirectory(uid: String, name: String) throws -> String {
        let directory = "\(config.workDirectory)/\(DriverState.safe(uid))/\(DriverState.safe(name))"
        if FileManager.default.fileExists(atPath: directory) { try FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        return directory
    }

    /// Writes `text` to `path`, readable by this user only.
    static func writePrivate(_ text: String, to path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw InstallerError.configuration("cannot write \(path)")
        }
    }

    /// `infraID` and `clusterID` from metadata.json, nil when it is not there (yet).
    static func readMetadata(_ directory: String) -> InstallMetadata? {
        guard let data = FileManager.default.contents(atPath: "\(directory)/metadata.json") else { return nil }
        return try? JSONDecoder().decode(InstallMetadata.self, from: data)
    }

    /// Runs the system `tar` with `arguments`; throws with its message when it fails.
    func tar(_ arguments: [String]) async throws {
        let tar = try InstallerLocation.binary("tar").path(forVersion: nil)
        let lines = Mutex<[String]>([])
        let code = try await InstallerRunner(executable: tar, arguments: arguments, environment: ["PATH": "/usr/bin:/bin", "LC_ALL": "C"])
            .run(started: { _ in }, onLine: { line in lines.withLock { $0.append(line) } })
        guard code == 0 else {
            throw InstallerError.configuration("tar \(arguments.first ?? "") failed (\(code)): \(lines.withLock { $0.suffix(3).joined(separator: "; ") })")
        }
    }

    /// A tar.gz of `directory` without the kubeadmin password (kept in Secrets Manager instead).
    func snapshot(_ directory: String) async throws -> [UInt8] {
        let archive = directory + ".tar.gz"
        defer { try? FileManager.default.removeItem(atPath: archive) }
        try await tar(["czf", archive, "--exclude=./auth/kubeadmin-password", "-C", directory, "."])
        guard let data = FileManager.default.contents(atPath: archive) else { throw InstallerError.configuration("cannot read \(archive)") }
        return [UInt8](data)
    }

    /// Unpacks a snapshot into `directory`.
    func unpack(_ bytes: [UInt8], into directory: String) async throws {
        let archive = directory + ".tar.gz"
        defer { try? FileManager.default.removeItem(atPath: archive) }
        guard FileManager.default.createFile(atPath: archive, contents: Data(bytes), attributes: [.posixPermissions: 0o600]) else {
            throw InstallerError.configuration("cannot write \(archive)")
        }
        try await tar(["xzf", archive, "-C", directory])
    }
}

/// The fields of the installer's metadata.json the driver reads and writes.
struct InstallMetadata: Codable, Sendable, Hashable {
    var clusterName: String
    var clusterID: String
    var infraID: String
    var aws: AWS?

    struct AWS: Codable, Sendable, Hashable {
        var region: String
        var identifier: [[String: String]]
        var serviceEndpoints: [ServiceEndpoint]?
        var clusterDomain: String?
    }

    /// The metadata.json `openshift-install destroy cluster` needs when no install directory survived, as Hive writes
    /// it: the cluster's resources found by its ownership tag (and its cluster id when known).
    static func forDestroy(name: String, clusterID: String?, infraID: String, region: String, endpoints: [ServiceEndpoint]) -> InstallMetadata {
        var identifier = [[CloudTags.ownership(infraID): CloudTags.owned]]
        if let clusterID, !clusterID.isEmpty { identifier.append(["openshiftClusterID": clusterID]) }
        return InstallMetadata(clusterName: name, clusterID: clusterID ?? "", infraID: infraID,
                               aws: AWS(region: region, identifier: identifier, serviceEndpoints: endpoints.isEmpty ? nil : endpoints))
    }
}
