import OCPAWS
import OCPCloud
import Foundation

/// Destroy: `openshift-install destroy cluster` from the install-dir snapshot, or from a metadata.json written from the
/// recorded infraID (as Hive destroys by tags), then a check through the tagging API that nothing is left.
extension InstallerDriver {
    func destroy(_ work: OperationWork) async throws {
        let install = try await state.cluster(work.uid)
        let region = install?.region ?? work.record.region
        _ = try await aws.verify(region: region)
        let client = try await aws.client(region: region)
        let endpoints = ServiceEndpoints.from(client.configuration, variables: aws.environment.variables)
        let byUID = try await ClusterInventory.load(client, clusterUID: work.uid)
        var infraIDs = byUID.infraIDs
        if let infraID = install?.infraID { infraIDs.insert(infraID) }
        let installer = try config.installer.path(forVersion: install?.version)
        let scrubber = SharedScrubber(LogScrubber(), directory: nil)

        var log: [String] = []
        var failure: InstallerError?
        for infraID in infraIDs.sorted() {
            let directory = try freshDirectory(uid: work.uid, name: "\(work.id)-\(infraID)")
            try await prepareDestroy(directory, infraID: infraID, install: install, region: region, endpoints: endpoints)
            let run = try await runInstaller(installer, command: ["destroy", "cluster"], directory: directory, work: work, scrubber: scrubber)
            log += run.lines
            if run.code != 0, failure == nil {
                failure = .installerFailed(command: "destroy cluster", exitCode: run.code, detail: Self.failureDetail(run.lines))
            }
        }
        if !log.isEmpty {
            work.add("DestroyLog", try await artifacts.put(key: "clusters/\(work.uid)/\(work.id)/destroy.log",
                                                          bytes: Array((log.joined(separator: "\n") + "\n").utf8), contentType: "text/plain"))
        }
        if let failure { throw failure }

        // The installer reporting success is not enough: what still carries the cluster's tags is named.
        for infraID in infraIDs.sorted() {
            let left = try await ClusterInventory.load(client, key: CloudTags.ownership(infraID), value: nil)
            guard left.isEmpty else { throw InstallerError.destroyLeftResources(infraID: infraID, resources: left.names) }
        }
        let left = try await ClusterInventory.load(client, clusterUID: work.uid)
        guard left.isEmpty else {
            throw InstallerError.destroyLeftResources(infraID: left.infraIDs.sorted().joined(separator: ", "), resources: left.names)
        }
        do {
            _ = try await client.secretsManager.deleteSecret(secretID: Self.passwordSecretName(work.uid), forceDeleteWithoutRecovery: true)
        } catch let error as AWSError where error.code == "ResourceNotFoundException" {
        }
        try await state.updateCluster(work.uid) { install in
            install.installed = false
            install.poweredOn = true
            install.apiURL = nil
            install.consoleURL = nil
            install.passwordRef = nil
        }
        await logSink.append(operationID: work.id, text: "nothing tagged for \(infraIDs.sorted().joined(separator: ", ")) is left\n")
    }

    /// Puts the metadata.json for `infraID` into `directory`: from the snapshot, from the local install directory,
    /// or written from what the record knows.
    func prepareDestroy(_ directory: String, infraID: String, install: ClusterRecord?, region: String, endpoints: [ServiceEndpoint]) async throws {
        if let install, install.infraID == infraID {
            if let uri = install.snapshotURI, let bytes = try await artifacts.get(uri: uri) {
                try await unpack(bytes, into: directory)
                if Self.readMetadata(directory)?.infraID == infraID { return }
            }
            if let local = install.installDirectory, Self.readMetadata(local)?.infraID == infraID {
                try FileManager.default.copyItem(atPath: "\(local)/metadata.json", toPath: "\(directory)/metadata.json.tmp")
                try FileManager.default.moveItem(atPath: "\(directory)/metadata.json.tmp", toPath: "\(directory)/metadata.json")
                return
            }
        }
        let metadata = InstallMetadata.forDestroy(name: install?.name ?? infraID, clusterID: install?.infraID == infraID ? install?.clusterID : nil,
                                                  infraID: infraID, region: region, endpoints: endpoints)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        try Self.writePrivate(String(decoding: try encoder.encode(metadata), as: UTF8.self), to: "\(directory)/metadata.json")
    }

    /// Destroys what an orphaned infraID left (the janitor's sweep found it), logging to the controller's log only.
    func destroyOrphans(infraID: String, region: String) async {
        defer { _ = orphanDestroys.withLock { $0.remove(infraID) } }
        do {
            let client = try await aws.client(region: region)
            let installer = try config.installer.path(forVersion: nil)
            let directory = try freshDirectory(uid: "orphans", name: infraID)
            let metadata = InstallMetadata.forDestroy(name: infraID, clusterID: nil, infraID: infraID, region: region,
                                                      endpoints: ServiceEndpoints.from(client.configuration, variables: aws.environment.variables))
            try Self.writePrivate(String(decoding: try JSONEncoder().encode(metadata), as: UTF8.self), to: "\(directory)/metadata.json")
            let code = try await InstallerRunner(executable: installer, arguments: ["destroy", "cluster", "--dir", directory, "--log-level", "info"],
                                                 environment: installerEnvironment()).run(started: { _ in }, onLine: { _ in })
            logger.info("destroyed orphaned resources", metadata: ["infraID": "\(infraID)", "region": "\(region)", "exitCode": "\(code)"])
        } catch {
            logger.warning("cannot destroy orphaned resources", metadata: ["infraID": "\(infraID)", "error": "\(AWSAccess.describe(error))"])
        }
    }
}
