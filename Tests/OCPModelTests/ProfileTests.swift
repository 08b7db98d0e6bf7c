import Foundation
import Testing
import OCPLoader
import OCPModel

@Suite("Profiles")
struct ProfileTests {
    @Test("the four shipped profiles load and validate; the IBM ones are disabled")
    func shipped() {
        let catalog = Fixtures.catalog
        #expect(catalog.sorted.map(\.name) == ["aws-minimal-test", "aws-standard", "ibm-minimal-test", "ibm-standard"])
        #expect(catalog["aws-minimal-test"]?.enabled == true)
        #expect(catalog["ibm-minimal-test"]?.enabled == false)
        #expect(catalog["ibm-standard"]?.platform == .ibmcloud)
        #expect(catalog["aws-minimal-test"]?.lifecycle.maxTTLHours == 72)
        #expect(catalog["aws-standard"]?.costControls.estimatedHourlyCost == 6.75)
    }

    func broken(_ change: (inout Profile) -> Void) -> [FieldError] {
        var profile = Fixtures.minimalProfile
        change(&profile)
        return profile.validate()
    }

    @Test("an even number of control-plane replicas is rejected")
    func evenControlPlane() {
        let errors = broken { $0.compute.controlPlane.replicas = 2 }
        #expect(errors.map(\.field) == ["compute.controlPlane.replicas"])
        #expect(errors.first?.message.contains("odd") == true)
    }

    @Test("each default must be in its allowlist")
    func defaultsInAllowlist() {
        let errors = broken {
            $0.openshiftVersions.default = "4.99.0"
            $0.regions.default = "mars-1"
            $0.baseDomains.default = "nowhere.example"
        }
        #expect(Set(errors.map(\.field)) == ["openshiftVersions.default", "regions.default", "baseDomains.default"])
        #expect(errors.allSatisfy { $0.reason == .notSupported })
    }

    @Test("workers need min ≤ replicas ≤ max")
    func workerBounds() {
        #expect(broken { $0.compute.workers.replicas = 5 }.map(\.field) == ["compute.workers.replicas"])
        #expect(broken { $0.compute.workers.minReplicas = 4 }.map(\.field).contains("compute.workers.minReplicas"))
    }

    @Test("the default TTL must fit under the maximum")
    func ttlBounds() {
        #expect(broken { $0.lifecycle.defaultTTLHours = 100 }.map(\.field) == ["lifecycle.defaultTTLHours"])
    }

    @Test("a profile file with an unknown field fails with file, line and field")
    func strictProfileFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ocpctl-profiles-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var text = try String(contentsOfFile: Fixtures.path("profiles/aws-minimal-test.yaml"), encoding: .utf8)
        text = text.replacingOccurrences(of: "  maxTTLHours: 72", with: "  maxTTLHours: 72\n  maxTTLDays: 3")
        try text.write(toFile: dir + "/aws-minimal-test.yaml", atomically: true, encoding: .utf8)
        do {
            _ = try ProfileLoader.load(directory: dir)
            Issue.record("expected the profile to be rejected")
        } catch {
            #expect(error.description.contains("aws-minimal-test.yaml:"))
            #expect(error.description.contains("lifecycle.maxTTLDays: unknown field"))
        }
    }

    @Test("a profile's name must match its file")
    func nameMatchesFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ocpctl-profiles-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.copyItem(atPath: Fixtures.path("profiles/aws-standard.yaml"), toPath: dir + "/renamed.yaml")
        #expect(throws: LoadError.self) { try ProfileLoader.load(directory: dir) }
    }
}
