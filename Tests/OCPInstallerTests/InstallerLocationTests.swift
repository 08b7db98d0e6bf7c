@testable import OCPInstaller
import Testing

/// Which installer runs a cluster: one binary for every version, or the one for its version from a directory.
@Suite("Installer selection")
struct InstallerLocationTests {
    static let directory = "/opt/installers"
    static let files = ["openshift-install-4.20.3", "openshift-install-4.19", "openshift-install-4.20.4", "README"]

    func path(_ location: InstallerLocation, _ version: String?, executables: Set<String>? = nil) throws(InstallerError) -> String {
        let executable = executables ?? Set(Self.files.map { "\(Self.directory)/\($0)" })
        return try location.path(forVersion: version, searchPath: "/usr/bin:/opt/bin", isExecutable: { executable.contains($0) },
                                 list: { $0 == Self.directory ? Self.files : [] })
    }

    @Test("a directory gives the installer of the exact version, else of its minor version")
    func perVersion() throws {
        let location = InstallerLocation.directory(Self.directory)
        #expect(try path(location, "4.20.3") == "/opt/installers/openshift-install-4.20.3")
        #expect(try path(location, "4.20.4") == "/opt/installers/openshift-install-4.20.4")
        #expect(try path(location, "4.19.7") == "/opt/installers/openshift-install-4.19")
        #expect(try path(location, nil) == "/opt/installers/openshift-install-4.20.4", "no version: the newest")
    }

    @Test("a missing version is an error naming what the directory has")
    func missingVersion() {
        #expect {
            try path(.directory(Self.directory), "4.18.1")
        } throws: { error in
            "\(error)".contains("no openshift-install-4.18.1") && "\(error)".contains("openshift-install-4.20.4, openshift-install-4.20.3, openshift-install-4.19")
        }
    }

    @Test("one binary serves every version; a bare name is found on PATH")
    func binary() throws {
        #expect(try path(.binary("/tmp/openshift-install"), "4.20.3", executables: ["/tmp/openshift-install"]) == "/tmp/openshift-install")
        #expect(try path(.binary("openshift-install"), "4.1", executables: ["/opt/bin/openshift-install"]) == "/opt/bin/openshift-install")
        #expect(throws: InstallerError.self) { try path(.binary("openshift-install"), nil, executables: []) }
        #expect(throws: InstallerError.self) { try path(.binary("/nope/openshift-install"), nil, executables: []) }
    }

    @Test("--installer is a directory when it names one")
    func parse() {
        #expect(InstallerLocation.parse(nil) == .binary("openshift-install"))
        #expect(InstallerLocation.parse("/x", isDirectory: { _ in true }) == .directory("/x"))
        #expect(InstallerLocation.parse("/x/openshift-install", isDirectory: { _ in false }) == .binary("/x/openshift-install"))
    }
}
