// swift-tools-version: 6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "ocpctl",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "ocpctl", targets: ["ocpctl"]),
        .library(name: "OCPModel", targets: ["OCPModel"]),
        .library(name: "OCPLoader", targets: ["OCPLoader"]),
        .library(name: "OCPStore", targets: ["OCPStore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        // Up to 4.x: jwt-kit 5 needs swift-crypto 4.1 or later.
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/drmohundro/SWXMLHash.git", from: "8.1.1"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.7.4"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/vapor/jwt-kit.git", from: "5.7.1"),
    ],
    targets: [
        // Pure values and functions: resources, profiles, policy, planner. No I/O.
        .target(
            name: "OCPModel",
            dependencies: [.product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings
        ),
        // Reads manifests and profiles from files, directories and standard input.
        .target(
            name: "OCPLoader",
            dependencies: ["OCPModel"],
            swiftSettings: swiftSettings
        ),
        // The cloud provider protocol every driver implements; no driver of its own.
        .target(
            name: "OCPCloud",
            dependencies: ["OCPModel"],
            swiftSettings: swiftSettings
        ),
        // The simulated cloud: the embedded default driver, a persistent account in its own SQLite file, or in a
        // schema of the control plane's PostgreSQL database so replicas share it.
        .target(
            name: "OCPSimCloud",
            dependencies: ["OCPModel", "OCPCloud", "OCPConcurrency", "OCPSQLite", "OCPStore",
                           .product(name: "PostgresNIO", package: "postgres-nio"),
                           .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        // Work queue, rate limiter, reconciler, leases, resync, janitor.
        .target(
            name: "OCPController",
            dependencies: [
                "OCPModel", "OCPCloud", "OCPStore", "OCPSync",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // The system SQLite library (Debian: libsqlite3-dev).
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        // A small SQLite driver: a thread pool for the blocking calls and a cache of prepared statements.
        .target(
            name: "OCPSQLite",
            dependencies: ["CSQLite", .product(name: "NIOPosix", package: "swift-nio")],
            swiftSettings: swiftSettings
        ),
        // Small concurrency primitives shared by the stores and the simulated cloud.
        .target(
            name: "OCPConcurrency",
            swiftSettings: swiftSettings
        ),
        // Store protocol, SQLite and PostgreSQL backends, embedded migrations. Knows no HTTP.
        .target(
            name: "OCPStore",
            dependencies: [
                "OCPModel",
                "OCPConcurrency",
                "OCPSQLite",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // Thin shim over CrashWorkload: writes in a loop and prints acknowledged ids, for the crash test.
        .executableTarget(
            name: "ocpctl-store-crasher",
            dependencies: ["OCPStore", "OCPModel"],
            swiftSettings: swiftSettings
        ),
        // Store benchmark: ours beside the raw driver ceiling and pgbench. Run in release.
        .executableTarget(
            name: "ocpctl-bench-store",
            dependencies: [
                "OCPStore", "OCPModel", "OCPSQLite",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "hack/bench/store",
            swiftSettings: swiftSettings
        ),
        // The serving CA and certificate `serve` makes on first start and keeps in its data directory.
        .target(
            name: "OCPTLS",
            dependencies: [
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        // The web console at /ui: server-rendered pages from embedded Mustache templates, sessions and CSRF. It calls
        // the API in process with the signed-in user's token, so every read and write takes the API's own rules.
        .target(
            name: "OCPConsole",
            dependencies: [
                "OCPModel",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [
                .embedInCode("Templates/layout.mustache"),
                .embedInCode("Templates/signin.mustache"),
                .embedInCode("Templates/inventory.mustache"),
                .embedInCode("Templates/cluster.mustache"),
                .embedInCode("Templates/confirm.mustache"),
                .embedInCode("Templates/request.mustache"),
                .embedInCode("Templates/syncsources.mustache"),
                .embedInCode("Templates/reports.mustache"),
                .embedInCode("Templates/chart.mustache"),
                .embedInCode("Templates/admin.mustache"),
                .embedInCode("Templates/message.mustache"),
                .embedInCode("Assets/console.css"), .embedInCode("Assets/console.js"),
            ],
            swiftSettings: swiftSettings
        ),
        // Hummingbird app: routes, auth (tokens, AWS IAM through OCPAWS, OIDC through OCPOIDC), RBAC, idempotency, errors.
        // Knows no SQL, only the store protocol.
        .target(
            name: "OCPServer",
            dependencies: [
                "OCPModel", "OCPStore", "OCPCloud", "OCPAWS", "OCPOIDC", "OCPConsole",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // Typed HTTP client used by the CLI and the tests; reads client configs and kubeconfigs.
        .target(
            name: "OCPClient",
            dependencies: [
                "OCPModel",
                .product(name: "Yams", package: "Yams"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // GitOps: syncs a tree of manifests (a directory, or a git checkout) into the API or the store.
        .target(
            name: "OCPSync",
            dependencies: ["OCPModel", "OCPLoader"],
            swiftSettings: swiftSettings
        ),
        // Event fan-out: the outbox publisher (Pub/Sub REST with Application Default Credentials, CloudEvents webhooks)
        // and the reconcile schedule. An edge module: it brings the HTTP client and the signing.
        .target(
            name: "OCPEvents",
            dependencies: [
                "OCPModel", "OCPStore", "OCPController",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // Assembles a control plane from one configuration: store, cloud drivers per platform, profiles, services.
        .target(
            name: "OCPRuntime",
            dependencies: [
                "OCPModel", "OCPLoader", "OCPStore", "OCPCloud", "OCPSimCloud", "OCPController", "OCPSync", "OCPInstaller", "OCPEvents",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // ArgumentParser commands: one folder per noun, one file per verb.
        .target(
            name: "OCPCommands",
            dependencies: [
                "OCPModel",
                "OCPLoader",
                "OCPSync",
                "OCPClient",
                "OCPServer",
                "OCPStore",
                "OCPCloud",
                "OCPSimCloud",
                "OCPController",
                "OCPRuntime",
                "OCPInstaller",
                "OCPEvents",
                "OCPTLS",
                "OCPAWS",
                "OCPOIDC",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        // Our AWS API client: SigV4, the credential chain, retries, and the EC2, S3, tagging, Secrets Manager
        // and STS calls the installer driver needs. An edge module: it depends on no other ocpctl module.
        .target(
            name: "OCPAWS",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "SWXMLHash", package: "SWXMLHash"),
            ],
            swiftSettings: swiftSettings
        ),
        // OIDC bearer tokens, as kube-apiserver's --oidc-* flags take them: JWT signatures against a JWKS (file or URL),
        // issuer, audience and dates, the username and groups claims. An edge module: the only one that sees jwt-kit.
        .target(
            name: "OCPOIDC",
            dependencies: [
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // The real cloud: drives an AWS account through openshift-install, as Hive does, behind the CloudProvider protocol.
        .target(
            name: "OCPInstaller",
            dependencies: [
                "OCPCloud", "OCPModel", "OCPAWS",
                .product(name: "Yams", package: "Yams"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // Thin @main shim.
        .executableTarget(
            name: "ocpctl",
            dependencies: ["OCPCommands"],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "ocpctl-bench-model",
            dependencies: ["OCPModel"],
            path: "hack/bench/model",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "ocpctl-bench-converge",
            dependencies: [
                "OCPModel", "OCPStore", "OCPCloud", "OCPSimCloud", "OCPController", "OCPLoader", "OCPRuntime",
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "hack/bench/converge",
            swiftSettings: swiftSettings
        ),
        // API benchmark: drives a real `ocpctl serve` over loopback at fixed rates. Run with hack/bench/api.sh.
        .executableTarget(
            name: "ocpctl-bench-api",
            dependencies: [
                "OCPModel", "OCPClient", "OCPCloud", "OCPSimCloud", "OCPStore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            path: "hack/bench/api",
            swiftSettings: swiftSettings
        ),
        // Helpers shared by the test targets: a seeded random source that prints its seed, an OIDC issuer that signs tokens.
        .target(
            name: "OCPTestSupport",
            dependencies: [.product(name: "JWTKit", package: "jwt-kit"), .product(name: "_CryptoExtras", package: "swift-crypto")],
            path: "Tests/OCPTestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "OCPModelTests",
            dependencies: [
                "OCPModel",
                "OCPLoader",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            exclude: ["Golden"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "OCPSimCloudTests",
            dependencies: ["OCPSimCloud", "OCPCloud", "OCPModel", "OCPStore"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "OCPControllerTests",
            dependencies: [
                "OCPController", "OCPCloud", "OCPSimCloud", "OCPModel", "OCPStore", "OCPLoader", "OCPRuntime",
                "OCPServer", "OCPClient",
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "MetricsTestKit", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "OCPSyncTests",
            dependencies: ["OCPSync"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "OCPSQLiteTests",
            dependencies: ["OCPSQLite"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "OCPStoreTests",
            dependencies: ["OCPStore", "OCPModel", "OCPConcurrency", "OCPTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "OCPServerTests",
            dependencies: [
                "OCPServer", "OCPConsole", "OCPClient", "OCPModel", "OCPStore", "OCPLoader", "OCPSQLite", "OCPOIDC", "OCPTestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "OCPAWSTests",
            dependencies: ["OCPAWS", .product(name: "Crypto", package: "swift-crypto")],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "OCPEventsTests",
            dependencies: ["OCPEvents", "OCPModel", .product(name: "Crypto", package: "swift-crypto"),
                           .product(name: "_CryptoExtras", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "OCPInstallerTests",
            dependencies: ["OCPInstaller", "OCPCloud", "OCPModel", "OCPLoader", "OCPAWS"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["OCPModel", "OCPStore", "OCPCloud", "OCPSimCloud", "OCPLoader", "OCPClient", "OCPAWS", "OCPTestSupport",
                           .product(name: "AsyncHTTPClient", package: "async-http-client"),
                           .product(name: "JWTKit", package: "jwt-kit"),
                           .product(name: "Crypto", package: "swift-crypto"),
                           .product(name: "Hummingbird", package: "hummingbird"),
                           .product(name: "HTTPTypes", package: "swift-http-types")],
            swiftSettings: swiftSettings
        ),
    ]
)
