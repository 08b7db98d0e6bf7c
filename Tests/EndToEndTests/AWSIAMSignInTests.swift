import Foundation
import OCPModel
import OCPStore
import Testing

/// Signing in with AWS IAM as on EKS, with the real binary on both ends against moto's STS: `ocpctl token aws-iam`
/// presigns GetCallerIdentity; `serve --aws-iam-sts-endpoint` checks the URL, asks STS and maps the ARN.
@Suite("Sign-in with AWS IAM against moto's STS", .serialized, .enabled(if: AWSTestbed.enabled, AWSTestbed.disabledReason))
struct AWSIAMSignInTests {
    /// An IAM user with an access key, a role assumed by a session, and a user no mapping names, made in moto.
    struct Principals: Decodable {
        struct Keys: Decodable {
            let arn: String
            let accessKeyID: String
            let secretAccessKey: String
            let sessionToken: String?
        }
        let user: Keys
        let role: Keys
        let stranger: Keys
    }

    static func principals(_ moto: String) throws -> Principals {
        let script = """
            import boto3, json, sys, uuid
            ep = sys.argv[1]
            suffix = uuid.uuid4().hex[:8]
            admin = dict(endpoint_url=ep, region_name="us-east-1", aws_access_key_id="testing", aws_secret_access_key="testing")
            iam = boto3.client("iam", **admin)
            def user(name):
                arn = iam.create_user(UserName=name)["User"]["Arn"]
                key = iam.create_access_key(UserName=name)["AccessKey"]
                return dict(arn=arn, accessKeyID=key["AccessKeyId"], secretAccessKey=key["SecretAccessKey"], sessionToken=None)
            role = iam.create_role(RoleName="ops-" + suffix, AssumeRolePolicyDocument="{}")["Role"]["Arn"]
            creds = boto3.client("sts", **admin).assume_role(RoleArn=role, RoleSessionName="carol")["Credentials"]
            print(json.dumps(dict(user=user("alice-" + suffix), stranger=user("mallory-" + suffix),
                                  role=dict(arn=role, accessKeyID=creds["AccessKeyId"], secretAccessKey=creds["SecretAccessKey"],
                                            sessionToken=creds["SessionToken"]))))
            """
        let result = try Binary.run(["python3", "-c", script, moto], executable: "/usr/bin/env")
        try #require(result.status == 0, "python3 boto3 against moto: \(result.stderr)")
        return try JSONDecoder().decode(Principals.self, from: Data(result.stdout.utf8))
    }

    static func awsEnvironment(_ keys: Principals.Keys, moto: String) -> [String: String] {
        var environment = ["AWS_ACCESS_KEY_ID": keys.accessKeyID, "AWS_SECRET_ACCESS_KEY": keys.secretAccessKey, "AWS_REGION": "us-east-1",
                           "AWS_ENDPOINT_URL_STS": moto, "AWS_CONFIG_FILE": "/nonexistent", "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent"]
        if let token = keys.sessionToken { environment["AWS_SESSION_TOKEN"] = token }
        return environment
    }

    @Test("an IAM user and an assumed role get their mapping's teams and role; unmapped is 401; a URL for another host is refused unsent")
    func signIn() async throws {
        let moto = try #require(AWSTestbed.motoURL, "CI=true: moto must run (OCPCTL_TEST_MOTO_URL)")
        let principals = try Self.principals(moto)
        let listener = try RecordingListener()
        defer { listener.close() }
        try await Serve.with(["--aws-iam-sts-endpoint", moto, "--aws-iam-cluster-id", "e2e"]) { serve in
            let now = Timestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970))
            try await SQLStore.withStore(at: .sqlite(directory: serve.dataDir), now: now) { store in
                try await store.putRBACMapping(RBACMapping(principal: principals.user.arn, team: "team-a", role: "requester"))
                // The role's ARN, not the session's: sessions of the role are normalised to it.
                try await store.putRBACMapping(RBACMapping(principal: principals.role.arn, team: "team-b", role: "auditor"))
            }
            func token(_ keys: Principals.Keys, extra: [String] = []) throws -> String {
                let result = try Binary.run(["token", "aws-iam", "--cluster-id", "e2e"] + extra, environment: Self.awsEnvironment(keys, moto: moto))
                try #require(result.status == 0, "token aws-iam: \(result.stderr)")
                return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            func cli(_ token: String) -> CLI {
                CLI(environment: serve.cli.environment.merging(["OCPCTL_TOKEN": token]) { _, new in new })
            }

            // The user: a requester in team-a, whose writes the audit trail names by its ARN.
            let userToken = try token(principals.user)
            #expect(userToken.hasPrefix("k8s-aws-v1."))
            let alice = cli(userToken)
            let manifest = serve.dataDir + "/iam.yaml"
            try """
                apiVersion: ocpctl.io/v1alpha1
                kind: Cluster
                metadata:
                  name: iam-made
                  namespace: team-a
                spec:
                  profile: aws-minimal-test
                  costCenter: sandbox
                """.write(toFile: manifest, atomically: true, encoding: .utf8)
            #expect(try alice.ok(["apply", "-f", manifest]).contains("cluster.ocpctl.io/iam-made created"))
            let elsewhere = try alice.run(["get", "clusters", "-n", "team-b"])
            #expect(elsewhere.status != 0 && elsewhere.stderr.contains("Forbidden"), "\(elsewhere.stderr)")
            let events = try serve.cli.ok(["describe", "cluster", "iam-made", "-n", "team-a"])
            #expect(events.contains(principals.user.arn), "the audit trail names the IAM user:\n\(events)")

            // The role's session: an auditor of team-b through the role's mapping; it reads, it does not write.
            let carol = cli(try token(principals.role))
            #expect(try carol.ok(["get", "clusters", "-A"]).contains("iam-made"))
            let write = try carol.run(["delete", "cluster", "iam-made", "-n", "team-a"])
            #expect(write.status != 0 && write.stderr.contains("Forbidden"), "\(write.stderr)")

            // A principal no mapping names: 401.
            let stranger = try cli(try token(principals.stranger)).run(["get", "clusters", "-n", "team-a"])
            #expect(stranger.status != 0 && stranger.stderr.contains("has no RBAC mapping"), "\(stranger.stderr)")

            // A token presigned for another host is refused without a connection to it.
            let foreign = try token(principals.user, extra: ["--sts-endpoint", "http://127.0.0.1:\(listener.port)"])
            let refused = try cli(foreign).run(["get", "clusters", "-n", "team-a"])
            #expect(refused.status != 0 && refused.stderr.contains("not for a trusted STS endpoint"), "\(refused.stderr)")
            #expect(listener.connections == 0, "the server connected to a host it does not trust")

            // (A token signed for another x-k8s-aws-id is refused by STS's signature check, which moto does not make; the
            // unit tests show the server sends its own id.)

            let log = (try? String(contentsOfFile: serve.dataDir + "/serve.log", encoding: .utf8)) ?? ""
            for secret in [userToken, foreign, String(userToken.dropFirst(11).prefix(40))] {
                #expect(!log.contains(secret), "a token reached the log")
            }
        }
    }
}
