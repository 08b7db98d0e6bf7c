import OCPAWS
import OCPCloud
import OCPModel
import Foundation

/// Create: render install-config.yaml, run `openshift-install create cluster`, keep what it leaves.
extension InstallerDriver {
    func create(_ work: OperationWork) async throws {
        let record = work.record
        guard let cluster = record.cluster, let profile = record.profile else {
            throw InstallerError.badRequest("Create needs the cluster and its profile; the request carried neither")
        }
        let spec = cluster.spec.defaulted(by: profile)
        let region = spec.region ?? record.region
        let installer = try config.installer.path(forVersion: spec.version)
        _ = try await aws.verify(region: region)
        let client = try await aws.client(region: region)

        // Never two resource sets for one cluster: whatever an earlier attempt left goes first (the planner destroys it).
        let leftovers = try await ClusterInventory.load(client, clusterUID: work.uid)
        guard leftovers.isEmpty else {
            throw InstallerError.leftovers(infraID: leftovers.infraIDs.sorted().joined(separator: ", "), resources: leftovers.names)
        }

        let pullSecret = try await loadPullSecret(region: region)
        let yaml = try InstallConfigComposer.compose(
            cluster: cluster, profile: profile,
            secrets: .init(pullSecret: pullSecret, sshPublicKey: try loadSSHKey()), clusterUID: work.uid, tags: record.tags,
            serviceEndpoints: ServiceEndpoints.from(client.configuration, variables: aws.environment.variables))
        let directory = try freshDirectory(uid: work.uid, name: record.id)
        try Self.writePrivate(yaml, to: "\(directory)/install-config.yaml")

        // Recorded before the installer runs: from here on a crash is recovered by the uid tag and this record.
        var install = try await state.cluster(work.uid)
            ?? ClusterRecord(uid: work.uid, name: cluster.metadata.name, baseDomain: spec.baseDomain ?? "", region: region)
        install.name = cluster.metadata.name
        install.baseDomain = spec.baseDomain ?? ""
        install.region = region
        install.version = spec.version
        install.infraID = nil
        install.clusterID = nil
        install.installed = false
        install.poweredOn = true
        install.apiURL = nil
        install.consoleURL = nil
        install.snapshotURI = nil
        install.installDirectory = directory
        try await state.save(install)

        let scrubber = SharedScrubber(LogScrubber(secrets: LogScrubber.pullSecretValues(pullSecret)), directory: directory)
        let uid = work.uid
        let run = try await runInstaller(installer, command: ["create", "cluster"], directory: directory, work: work, scrubber: scrubber) { _ in
            // The installer writes metadata.json before it creates anything: keep its infraID at once.
            await self.recordInfraID(uid: uid, directory: directory)
        }
        await recordInfraID(uid: uid, directory: directory)
        try await keepInstallDirectory(work, directory: directory, lines: run.lines, scrubber: scrubber)
        guard run.code == 0 else {
            throw InstallerError.installerFailed(command: "create cluster", exitCode: run.code, detail: Self.failureDetail(run.lines))
        }
        try await finishInstall(work, directory: directory, client: client)
    }

    /// Copies the infraID from metadata.json into the cluster record once it exists.
    func recordInfraID(uid: String, directory: String) async {
        guard let metadata = Self.readMetadata(directory) else { return }
        guard (try? await state.cluster(uid))??.infraID != metadata.infraID else { return }
        do {
            try await state.updateCluster(uid) {
                $0.infraID = metadata.infraID
                $0.clusterID = metadata.clusterID
            }
            logger.info("installer chose its infraID", metadata: ["cluster": "\(uid)", "infraID": "\(metadata.infraID)"])
        } catch {
            logger.warning("cannot record the infraID", metadata: ["cluster": "\(uid)", "error": "\(error)"])
        }
    }

    /// Uploads the install log and a snapshot of the install directory, whatever the outcome, so a destroy can run
    /// from any machine; both are scrubbed of the password and the pull secret first.
    func keepInstallDirectory(_ work: OperationWork, directory: String, lines: [String], scrubber: SharedScrubber) async throws {
        let logPath = "\(directory)/.openshift_install.log"
        let log: String
        if let data = FileManager.default.contents(atPath: logPath) {
            log = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
                .map { scrubber.scrub(String($0)) }.joined(separator: "\n")
            try Self.writePrivate(log, to: logPath)
        } else {
            log = lines.joined(separator: "\n") + "\n"
        }
        let prefix = "clusters/\(work.uid)/\(work.id)"
        work.add("InstallLog", try await artifacts.put(key: "\(prefix)/install.log", bytes: Array(log.utf8), contentType: "text/plain"))
        guard Self.readMetadata(directory) != nil else { return }
        let snapshot = try await artifacts.put(key: "\(prefix)/install-dir.tar.gz", bytes: try await snapshot(directory),
                                               contentType: "application/gzip")
        work.add("InstallDirSnapshot", snapshot)
        try await state.updateCluster(work.uid) { $0.snapshotURI = snapshot.uri }
    }

    /// After a successful install: the kubeconfig to the artifact store, the password to Secrets Manager, the URLs.
    func finishInstall(_ work: OperationWork, directory: String, client: AWSClient) async throws {
        guard let kubeconfigData = FileManager.default.contents(atPath: "\(directory)/auth/kubeconfig"),
              let passwordData = FileManager.default.contents(atPath: "\(directory)/auth/kubeadmin-password") else {
            throw InstallerError.installerFailed(command: "create cluster", exitCode: 0, detail: "the installer wrote no auth/kubeconfig or auth/kubeadmin-password")
        }
        let kubeconfigText = String(decoding: kubeconfigData, as: UTF8.self)
        let kubeconfig = try Kubeconfig.parse(kubeconfigText)
        let stored = try await artifacts.put(key: "clusters/\(work.uid)/kubeconfig", bytes: Array(kubeconfigData), contentType: "application/yaml")
        work.add("Kubeconfig", stored)
        let password = String(decoding: passwordData, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let passwordRef = try await storePassword(password, uid: work.uid, client: client)
        try await state.updateCluster(work.uid) { install in
            install.installed = true
            install.poweredOn = true
            install.apiURL = kubeconfig.server
            install.consoleURL = "https://console-openshift-console.apps.\(install.name).\(install.baseDomain)"
            install.kubeconfigURI = stored.uri
            install.passwordRef = passwordRef.description
        }
    }

    /// Puts the kubeadmin password into Secrets Manager as `ocpctl/<uid>/kubeadmin-password`.
    func storePassword(_ password: String, uid: String, client: AWSClient) async throws -> SecretRef {
        let name = Self.passwordSecretName(uid)
        do {
            _ = try await client.secretsManager.createSecret(name: name, secretString: password,
                                                             description: "kubeadmin password of the ocpctl cluster \(uid)")
        } catch let error as AWSError where error.code == "ResourceExistsException" {
            _ = try await client.secretsManager.putSecretValue(secretID: name, secretString: password)
        }
        return SecretRef(region: client.configuration.region, name: name)
    }

    static func passwordSecretName(_ uid: String) -> String { "ocpctl/\(uid)/kubeadmin-password" }

    /// The pull secret from its file or its Secrets Manager secret; validated as JSON with `auths`.
    func loadPullSecret(region: String) async throws -> String {
        let text: String
        switch config.pullSecret {
        case .none:
            throw InstallerError.configuration("no pull secret: start the control plane with --pull-secret-file FILE or --pull-secret-id SECRET")
        case .file(let path):
            guard let data = FileManager.default.contents(atPath: path) else {
                throw InstallerError.configuration("cannot read the pull secret file \(path)")
            }
            text = String(decoding: data, as: UTF8.self)
        case .secretsManager(let id):
            let client = try await aws.client(region: (try? aws.configuration(region: nil).region) ?? region)
            guard let value = try await client.secretsManager.getSecretValue(secretID: id).secretString else {
                throw InstallerError.configuration("the pull secret \(id) holds no text")
            }
            text = value
        }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let document = try? JSONSerialization.jsonObject(with: Data(trimmed.utf8)) as? [String: Any], document["auths"] != nil else {
            throw InstallerError.configuration("the pull secret is not a JSON document with \"auths\"")
        }
        return trimmed
    }

    /// The SSH public key, when one is configured.
    func loadSSHKey() throws -> String? {
        guard let path = config.sshPublicKeyFile else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InstallerError.configuration("cannot read the SSH public key file \(path)")
        }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
