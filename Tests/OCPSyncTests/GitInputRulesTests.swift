import OCPModel
import Testing

/// One value for one rule, and the message fragment it must be refused with (nil when it is accepted).
struct GitInputCase: Sendable, CustomTestStringConvertible {
    let value: String
    let allowLocal: Bool
    let refusal: String?

    static func accepts(_ value: String, allowLocal: Bool = false) -> GitInputCase {
        GitInputCase(value: value, allowLocal: allowLocal, refusal: nil)
    }

    static func refuses(_ value: String, allowLocal: Bool = false, _ refusal: String) -> GitInputCase {
        GitInputCase(value: value, allowLocal: allowLocal, refusal: refusal)
    }

    var testDescription: String { "\(refusal == nil ? "accepts" : "refuses") \(value.debugDescription)\(allowLocal ? " (local allowed)" : "")" }

    /// Checks `errors` against the case: none when accepted; otherwise all on `field`, one naming the rule.
    func check(_ errors: [FieldError], field: String, sourceLocation: SourceLocation = #_sourceLocation) {
        guard let refusal else {
            #expect(errors.isEmpty, "\(errors)", sourceLocation: sourceLocation)
            return
        }
        #expect(!errors.isEmpty, "accepted", sourceLocation: sourceLocation)
        #expect(errors.allSatisfy { $0.field == field }, "\(errors)", sourceLocation: sourceLocation)
        #expect(errors.contains { $0.message.contains(refusal) }, "\(errors)", sourceLocation: sourceLocation)
    }
}

@Suite("Git input rules")
struct GitInputRulesTests {
    static let repos: [GitInputCase] = [
        .accepts("https://github.com/example/clusters.git"),
        .accepts("https://git.example.com:8443/team-a/clusters"),
        .accepts("ssh://git@github.com/example/clusters.git"),
        .accepts("ssh://git.example.com:2222/srv/clusters.git"),
        .accepts("git@github.com:example/clusters.git"),
        .accepts("deploy_bot@git.example.com:/srv/git/clusters.git"),
        .accepts("file:///srv/git/clusters.git", allowLocal: true),
        .accepts("/srv/git/clusters", allowLocal: true),
        .accepts("./clusters", allowLocal: true),
        .refuses("", "must name a repository"),
        .refuses("--upload-pack=touch /tmp/marker", allowLocal: true, #"must not begin with "-""#),
        .refuses("-oProxyCommand=touch%20marker", #"must not begin with "-""#),
        .refuses("ext::sh -c touch% /tmp/marker", allowLocal: true, "must not contain whitespace"),
        .refuses("ext::sh", allowLocal: true, #"must not use a remote helper ("ext::")"#),
        .refuses("fd::17", allowLocal: true, #"must not use a remote helper ("fd::")"#),
        .refuses("https://alice:hunter2@github.com/example/clusters.git", "configure credentials for this repository on the server"),
        .refuses("https://ghp_0123456789@github.com/example/clusters.git", "must not embed credentials"),
        .refuses("http://github.com/example/clusters.git", "must not use http://"),
        .refuses("git://github.com/example/clusters.git", "must not use git://"),
        .refuses("ftp://example.com/clusters.git", #""ftp://" is not allowed"#),
        .refuses("file:///srv/git/clusters.git", "must not be a local path or file:// URL"),
        .refuses("/srv/git/clusters", "must not be a local path"),
        .refuses("./clusters", "must not be a local path"),
        .refuses("https://-oProxyCommand=x/clusters", "must have a host"),
        .refuses("ssh://-oProxyCommand=x/clusters", "must have a host"),
        .refuses("ssh://git@example.com:ssh/clusters", "must have a numeric port"),
        .refuses("https://github.com", "must name a repository path"),
        .refuses("git@-oProxyCommand=x:clusters", "must have a user and host"),
        .refuses("git@github.com:-x", #"must not have a path beginning with "-""#),
        .refuses("https://github.com/example/clusters\n.git", "must not contain whitespace or control characters"),
        .refuses("github.com/example/clusters", "must be an https:// or ssh:// URL, or user@host:path"),
    ]

    @Test(arguments: repos)
    func repo(_ testCase: GitInputCase) {
        testCase.check(GitInputRules.repo(testCase.value, allowLocal: testCase.allowLocal), field: "spec.repo")
    }

    static let revisions: [GitInputCase] = [
        .accepts("HEAD"),
        .accepts("main"),
        .accepts("release/4.20"),
        .accepts("v1.2.3"),
        .accepts("feature_x-1"),
        .accepts("0123456789abcdef0123456789abcdef01234567"),
        .refuses("", "must not be empty"),
        .refuses("--output=/tmp/marker", #"must not begin with "-""#),
        .refuses("main branch", "must not contain whitespace"),
        .refuses("main~1", "any of ~ ^ : ? * [ \\"),
        .refuses("main^{tree}", "any of ~ ^ : ? * [ \\"),
        .refuses("refs/heads/main:refs/heads/x", "any of ~ ^ : ? * [ \\"),
        .refuses("ma?n", "any of ~ ^ : ? * [ \\"),
        .refuses("ma*n", "any of ~ ^ : ? * [ \\"),
        .refuses("ma[n", "any of ~ ^ : ? * [ \\"),
        .refuses("ma\\n", "any of ~ ^ : ? * [ \\"),
        .refuses("ma\u{7}n", "control characters"),
        .refuses("main..other", #"must not contain "..""#),
        .refuses("main@{1}", #"must not contain "@{""#),
        .refuses("main.lock", #"must not end with ".lock""#),
        .refuses("main/", #"must not end with "/""#),
        .refuses("main.", #"must not end with ".""#),
        .refuses("release/.hidden", #"must not have a part beginning with ".""#),
        .refuses(String(repeating: "a", count: 256), "must be at most 255 bytes, got 256"),
    ]

    @Test(arguments: revisions)
    func revision(_ testCase: GitInputCase) {
        testCase.check(GitInputRules.revision(testCase.value), field: "spec.revision")
    }

    static let paths: [GitInputCase] = [
        .accepts(""),
        .accepts("clusters"),
        .accepts("teams/a/clusters"),
        .refuses("/etc", "must be a relative path inside the repository"),
        .refuses("-clusters", #"must not begin with "-""#),
        .refuses("../other", #"must not have a ".." part"#),
        .refuses("clusters/../../other", #"must not have a ".." part"#),
        .refuses("clusters\u{0}x", "must not contain control characters"),
    ]

    @Test(arguments: paths)
    func path(_ testCase: GitInputCase) {
        testCase.check(GitInputRules.path(testCase.value), field: "spec.path")
    }

    @Test("a SyncSource spec is checked with these rules, and local repositories only when the server allows them")
    func syncSourceSpec() {
        var spec = SyncSourceSpec(repo: "file:///srv/git/clusters.git")
        spec.revision = "--upload-pack=x"
        spec.path = "../x"
        #expect(Set(spec.validate().map(\.field)) == ["spec.repo", "spec.revision", "spec.path"])
        spec.revision = "main"
        spec.path = "clusters"
        #expect(spec.validate().map(\.field) == ["spec.repo"])
        #expect(spec.validate(allowLocalRepos: true).isEmpty)
    }
}
