import Foundation

/// Scale workers: set the worker MachineSets' replicas through the cluster's API, then wait for EC2 to run them.
extension InstallerDriver {
    func scaleWorkers(_ work: OperationWork) async throws {
        guard let install = try await state.cluster(work.uid), install.installed, let uri = install.kubeconfigURI,
              let bytes = try await artifacts.get(uri: uri) else {
            throw InstallerError.badRequest("no kubeconfig is recorded for cluster \(work.uid)")
        }
        let kubeconfig = try Kubeconfig.parse(String(decoding: bytes, as: UTF8.self))
        let wanted = work.record.workers
        try await KubeHTTPClient.with(kubeconfig, shared: http) { client in
            let machineSets = MachineSets(kubeconfig: kubeconfig, http: client)
            let sets = try await machineSets.workers()
            guard !sets.isEmpty || wanted == 0 else { throw InstallerError.clusterAPI("the cluster has no worker MachineSets to scale") }
            for (set, replicas) in zip(sets, MachineSets.spread(wanted, over: sets.count)) where set.replicas != replicas {
                try await machineSets.scale(set.name, to: replicas)
                await logSink.append(operationID: work.id, text: "MachineSet \(set.name): replicas \(set.replicas) -> \(replicas)\n")
            }
        }
        let client = try await aws.client(region: install.region)
        try await waitUntil("\(wanted) workers of \(install.name) are running", work: work) {
            let inventory = try await ClusterInventory.load(client, clusterUID: work.uid)
            let running = inventory.instances(.worker, in: ["running"]).count
            let starting = inventory.instances(.worker, in: ["pending"]).count
            return running == wanted && starting == 0
        }
    }
}
