import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// The worker MachineSets of an installed cluster, through its API with the stored kubeconfig, as Hive's
/// MachinePool controller scales them.
struct MachineSets: Sendable {
    static let namespace = "openshift-machine-api"
    static let path = "/apis/machine.openshift.io/v1beta1/namespaces/\(namespace)/machinesets"
    static let roleLabel = "machine.openshift.io/cluster-api-machine-role"

    let kubeconfig: Kubeconfig
    let http: HTTPClient
    var timeout: TimeAmount = .seconds(30)

    /// Worker MachineSet names with their replicas, sorted by name.
    func workers() async throws -> [(name: String, replicas: Int)] {
        let body = try await send("GET", Self.path, body: nil)
        guard let list = try JSONSerialization.jsonObject(with: body) as? [String: Any], let items = list["items"] as? [[String: Any]] else {
            throw InstallerError.clusterAPI("GET \(Self.path): not a MachineSetList")
        }
        return items.compactMap { item in
            let metadata = item["metadata"] as? [String: Any] ?? [:]
            guard let name = metadata["name"] as? String else { return nil }
            let labels = ((item["spec"] as? [String: Any])?["template"] as? [String: Any]).flatMap {
                ($0["metadata"] as? [String: Any])?["labels"] as? [String: String]
            } ?? [:]
            let role = labels[Self.roleLabel] ?? (metadata["labels"] as? [String: String])?[Self.roleLabel]
            guard role == nil || role == "worker" else { return nil }
            return (name, (item["spec"] as? [String: Any])?["replicas"] as? Int ?? 0)
        }.sorted { $0.name < $1.name }
    }

    /// Sets `spec.replicas` of one MachineSet with a JSON merge patch.
    func scale(_ name: String, to replicas: Int) async throws {
        let patch = Data(#"{"spec":{"replicas":\#(replicas)}}"#.utf8)
        _ = try await send("PATCH", "\(Self.path)/\(name)", body: patch, contentType: "application/merge-patch+json")
    }

    /// `total` spread over `count` MachineSets as the installer spreads replicas over zones: the first ones get one more.
    static func spread(_ total: Int, over count: Int) -> [Int] {
        guard count > 0 else { return [] }
        return (0..<count).map { total / count + ($0 < total % count ? 1 : 0) }
    }

    private func send(_ method: String, _ path: String, body: Data?, contentType: String = "application/json") async throws -> Data {
        var request = HTTPClientRequest(url: kubeconfig.server + path)
        request.method = HTTPMethod(rawValue: method)
        request.headers.add(name: "Accept", value: "application/json")
        if let token = kubeconfig.token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if let body {
            request.headers.add(name: "Content-Type", value: contentType)
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        let response: HTTPClientResponse
        do {
            response = try await http.execute(request, timeout: timeout)
        } catch {
            throw InstallerError.clusterAPI("\(method) \(path): \(error)")
        }
        let bytes = try await response.body.collect(upTo: 16 << 20)
        let data = Data(bytes.readableBytesView)
        guard (200...299).contains(Int(response.status.code)) else {
            let status = (try? JSONSerialization.jsonObject(with: data) as? [String: Any])?["message"] as? String
            throw InstallerError.clusterAPI("\(method) \(path): HTTP \(response.status.code)\(status.map { ": \($0)" } ?? "")")
        }
        return data
    }
}
