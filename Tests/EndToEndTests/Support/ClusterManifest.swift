import Foundation

/// Writes one Cluster manifest to `DIRECTORY/NAME.yaml` and returns its path, for `ocpctl apply -f`.
@discardableResult
func writeClusterManifest(in directory: String, name: String, namespace: String = "team-a", profile: String = "aws-minimal-test",
                          workers: Int? = nil) throws -> String {
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let path = "\(directory)/\(name).yaml"
    try """
        apiVersion: ocpctl.io/v1alpha1
        kind: Cluster
        metadata:
          name: \(name)
          namespace: \(namespace)
        spec:
          profile: \(profile)
        \(workers.map { "  workers: \($0)" } ?? "")
        """.write(toFile: path, atomically: true, encoding: .utf8)
    return path
}
