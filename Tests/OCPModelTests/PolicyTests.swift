import Testing
import OCPModel

@Suite("Defaulting and policy")
struct PolicyTests {
    let profile = Fixtures.minimalProfile

    func errors(_ change: (inout Cluster) -> Void, profile: Profile? = Fixtures.minimalProfile, previous: Cluster? = nil) -> [FieldError] {
        var cluster = Fixtures.cluster()
        change(&cluster)
        if let profile { cluster.spec = cluster.spec.defaulted(by: profile) }
        return ClusterPolicy.validate(cluster, profile: profile, previous: previous, knownProfiles: ["aws-minimal-test"])
    }

    @Test("defaults come from the profile and the requester")
    func defaults() {
        let spec = ClusterSpec(profile: "aws-minimal-test").defaulted(by: profile, requester: "alice@example.com")
        #expect(spec.version == "4.20.3")
        #expect(spec.region == "us-east-1")
        #expect(spec.baseDomain == "labs.example.com")
        #expect(spec.ttl == .hours(24))
        #expect(spec.workers == 0)
        #expect(spec.powerState == .running)
        #expect(spec.owner == "alice@example.com")
        #expect(spec.defaulted(by: profile) == spec)
    }

    @Test("a defaulted cluster is valid")
    func valid() {
        #expect(errors { _ in }.isEmpty)
    }

    @Test("names must be DNS-1123 labels within the OpenShift length", arguments: [
        ("Upper", FieldError.Reason.invalid), ("under_score", .invalid), ("-lead", .invalid), ("trail-", .invalid),
        ("", .required), (String(repeating: "a", count: 55), .tooLong),
    ])
    func names(name: String, reason: FieldError.Reason) {
        let found = errors { $0.metadata.name = name }
        #expect(found.contains { $0.field == "metadata.name" && $0.reason == reason })
    }

    @Test("a missing or disabled profile is reported")
    func profiles() {
        let missing = errors({ $0.spec.profile = "gcp-huge" }, profile: nil)
        #expect(missing.map(\.field) == ["spec.profile"])
        #expect(missing[0].message.contains("known profiles: aws-minimal-test"))
        var disabled = profile
        disabled.enabled = false
        #expect(errors({ _ in }, profile: disabled).map(\.reason) == [.forbidden])
    }

    @Test("every violation is reported at once, each with field, reason and message")
    func allAtOnce() {
        let found = errors {
            $0.spec.version = "4.19.0"
            $0.spec.region = "ap-south-1"
            $0.spec.baseDomain = "evil.example.org"
            $0.spec.ttl = TTLDuration("30d")
            $0.spec.workers = 9
            $0.spec.powerState = PowerState(rawValue: "Sleeping")
        }
        #expect(found.map(\.field) == ["spec.version", "spec.region", "spec.baseDomain", "spec.ttl", "spec.workers", "spec.powerState"])
        #expect(found.allSatisfy { !$0.message.isEmpty })
    }

    @Test("custom TTLs need the profile's permission")
    func customTTL() {
        var strict = profile
        strict.lifecycle.allowCustomTTL = false
        #expect(errors({ $0.spec.ttl = TTLDuration("12h") }, profile: strict).map(\.reason) == [.forbidden])
        #expect(errors({ $0.spec.ttl = TTLDuration("1d") }, profile: strict).isEmpty)
    }

    @Test("required tags must be present")
    func requiredTags() {
        var standard = Fixtures.standardProfile
        standard.compute.workers.minReplicas = 0
        let found = errors({ $0.spec.profile = "aws-standard"; $0.spec.workers = 3 }, profile: standard)
        #expect(found.map(\.field) == ["spec.tags.cost-center"])
        #expect(errors({ $0.spec.profile = "aws-standard"; $0.spec.workers = 3; $0.spec.tags = ["cost-center": "x"] }, profile: standard).isEmpty)
    }

    @Test("spec.costCenter satisfies a required cost-center tag and tags the cloud resources; an explicit tag wins")
    func costCenterIsTheTag() {
        var standard = Fixtures.standardProfile
        standard.compute.workers.minReplicas = 0
        #expect(errors({ $0.spec.profile = "aws-standard"; $0.spec.workers = 3; $0.spec.costCenter = "cc-42" }, profile: standard).isEmpty)
        #expect(errors({ $0.spec.profile = "aws-standard"; $0.spec.workers = 3; $0.spec.costCenter = "" }, profile: standard).map(\.field)
            == ["spec.tags.cost-center"])
        var spec = ClusterSpec(profile: "aws-standard")
        spec.costCenter = "cc-42"
        #expect(spec.effectiveTags(profile: standard)["cost-center"] == "cc-42")
        spec.tags = ["cost-center": "explicit"]
        #expect(spec.effectiveTags(profile: standard)["cost-center"] == "explicit")
    }

    @Test("on update, profile, region and base domain are immutable and version changes are refused")
    func immutable() {
        var previous = Fixtures.cluster()
        previous.spec = previous.spec.defaulted(by: profile)
        let found = errors({
            $0.spec.region = "us-west-2"
            $0.spec.baseDomain = "other.example.com"
            $0.spec.version = "4.20.4"
        }, previous: previous)
        #expect(found.contains { $0.field == "spec.region" && $0.reason == .forbidden && $0.message.contains("immutable") })
        #expect(found.contains { $0.field == "spec.version" && $0.message.contains("upgrades") })
        #expect(found.contains { $0.field == "spec.baseDomain" })
        #expect(errors({ $0.spec.workers = 2 }, previous: previous).isEmpty)
    }

    @Test("label keys and values follow Kubernetes rules")
    func labels() {
        #expect(errors { $0.metadata.labels = ["ocpctl.io/team": "a"] }.isEmpty)
        #expect(errors { $0.metadata.labels = ["bad key": "a"] }.map(\.field) == ["metadata.labels"])
        #expect(errors { $0.metadata.labels = ["k": "-bad"] }.map(\.field) == ["metadata.labels.k"])
    }
}
