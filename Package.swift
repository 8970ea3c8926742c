// swift-tools-version: 6.2
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "Coffer",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "coffer", targets: ["coffer"])
    ],
    dependencies: [
        .package(
            url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1", traits: ["FullFoundation"]
        ),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-collections.git", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.7.4"),
        // Tests only: property-based and mutation fuzzing of every request parser (Tests/FuzzTests).
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
    ],
    targets: [
        // MARK: Leaf
        // The text encodings several layers share: hex and AWS's percent-encoding. No dependencies.
        .target(name: "TextCodings", swiftSettings: swiftSettings),

        // MARK: Domain (no HTTP framework)
        .target(
            name: "SigV4",
            dependencies: ["TextCodings", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        // IAM policy documents and AWS's evaluation logic (key policies, IAM policies, grants): Foundation only.
        .target(name: "AccessPolicy", swiftSettings: swiftSettings),
        .target(
            name: "KMSQuota",
            dependencies: [.product(name: "Metrics", package: "swift-metrics")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "AuditTrail",
            dependencies: [
                "TextCodings",
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // The system's OpenSSL libcrypto, only for what swift-crypto lacks (secp256k1, HMAC-SHA224, RSA over a digest).
        .systemLibrary(name: "COpenSSL"),
        .target(
            name: "KMS",
            dependencies: [
                "COpenSSL", "AccessPolicy", "KMSQuota", "AuditTrail", "TextCodings",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),

        .systemLibrary(name: "CZlib"),
        .target(
            name: "ObjectStore",
            dependencies: [
                "CZlib", "TextCodings",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: Wire layers
        .target(
            name: "HTTPSupport",
            dependencies: [
                "SigV4", "AccessPolicy",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "KMSAPI",
            dependencies: [
                "KMS", "HTTPSupport", "SigV4", "TextCodings",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: swiftSettings
        ),

        .target(
            name: "S3API",
            dependencies: [
                "ObjectStore", "HTTPSupport", "SigV4", "AccessPolicy", "TextCodings",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: swiftSettings
        ),

        // A SigV4-signing HTTP client of a Coffer server: `coffer demo` and the console's experiment drive S3 and KMS
        // with it.
        .target(
            name: "CofferHTTPClient",
            dependencies: ["SigV4", "TextCodings", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        // A small SigV4-signing S3 client of one bucket and prefix, over a shared AsyncHTTPClient: where sealed blobs
        // go when they live in an S3-compatible store.
        .target(
            name: "S3BlobClient",
            dependencies: [
                "SigV4", "TextCodings",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // The console at /_coffer/console/: its hand-written files (Assets/, embedded by
        // scripts/embed-console-assets.py) and the JSON routes only it needs.
        .target(
            name: "CofferConsole",
            dependencies: [
                "HTTPSupport", "KMS", "KMSAPI", "KMSQuota", "ObjectStore", "S3API", "SigV4", "CofferHTTPClient",
                "TextCodings",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            exclude: ["Assets"],
            swiftSettings: swiftSettings
        ),

        // Sealed blobs in an S3-compatible bucket: the object store's BlobStorage over S3BlobClient (issue #13).
        .target(
            name: "S3Blobs",
            dependencies: [
                "ObjectStore", "S3BlobClient", "TextCodings",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),

        // One PostgreSQL database shared by several nodes: the pool, retried transactions, migrations, the change log.
        .target(
            name: "PostgresSupport",
            dependencies: [
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // The object store's metadata (buckets, objects, parts, uploads, bucket keys) in PostgreSQL (issue #13).
        .target(
            name: "PostgresObjectMetadata",
            dependencies: [
                "ObjectStore", "PostgresSupport", "TextCodings",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // The key service's keys, material, aliases, policies, tags and grants in PostgreSQL (issue #13).
        .target(
            name: "PostgresKeyStore",
            dependencies: [
                "KMS", "PostgresSupport",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: Composition root and CLI
        .target(
            name: "CofferServer",
            dependencies: [
                "KMS", "KMSAPI", "HTTPSupport", "SigV4", "ObjectStore", "S3API", "AccessPolicy", "KMSQuota",
                "AuditTrail", "CofferConsole", "S3Blobs", "S3BlobClient", "PostgresSupport", "PostgresObjectMetadata",
                "PostgresKeyStore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // `coffer demo`: an in-process server and a SigV4 HTTP client that show Bucket Keys at work.
        .target(
            name: "CofferDemo",
            dependencies: [
                "CofferServer", "CofferConsole", "CofferHTTPClient", "SigV4", "TextCodings",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "coffer",
            dependencies: [
                "CofferServer", "CofferDemo", "AuditTrail", "KMSQuota",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: Tests
        // Helpers more than one test target needs: a raw TCP connection and an in-test DataKeyProvider.
        .target(
            name: "TestSupport",
            dependencies: [
                "ObjectStore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            path: "Tests/TestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "TextCodingsTests", dependencies: ["TextCodings"], swiftSettings: swiftSettings),
        // The state several nodes share: PostgresSupport, and the conformance suites that run against both
        // implementations of the object metadata and of the key store (SQLite and a real PostgreSQL).
        .testTarget(
            name: "ScaleOutTests",
            dependencies: [
                "PostgresSupport", "PostgresObjectMetadata", "PostgresKeyStore", "ObjectStore", "KMS", "TestSupport",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SigV4Tests",
            dependencies: ["SigV4", "TextCodings"],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AccessPolicyTests",
            dependencies: ["AccessPolicy"],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "KMSTests",
            dependencies: ["KMS", "AccessPolicy", "AuditTrail", "KMSQuota"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CofferServerTests",
            dependencies: [
                "CofferServer", "CofferConsole", "ObjectStore", "KMS", "SigV4", "HTTPSupport", "KMSAPI", "AccessPolicy",
                "AuditTrail", "TestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ObjectStoreTests",
            dependencies: [
                "ObjectStore", "TestSupport",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        // One conformance suite for each BlobStorage: the local files and an S3 bucket on SeaweedFS.
        .testTarget(
            name: "BlobStorageTests",
            dependencies: [
                "ObjectStore", "S3Blobs", "S3BlobClient", "TestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "S3APITests",
            dependencies: [
                "S3API", "ObjectStore", "HTTPSupport", "SigV4", "CofferServer", "KMS", "TestSupport", "TextCodings",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "KMSQuotaTests",
            dependencies: ["KMSQuota", .product(name: "MetricsTestKit", package: "swift-metrics")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AuditTrailTests",
            dependencies: [
                "AuditTrail",
                .product(name: "MetricsTestKit", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "ServiceLifecycleTestKit", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // Fuzz tests: random and mutated inputs to every parser a request reaches end in a value or a typed error.
        .testTarget(
            name: "FuzzTests",
            dependencies: [
                "SigV4", "S3API", "KMSAPI", "AccessPolicy", "ObjectStore",
                .product(name: "PropertyBased", package: "swift-property-based"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "S3BlobClientTests",
            dependencies: [
                "S3BlobClient", "SigV4", "CofferServer", "TestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "InteropTests",
            dependencies: ["coffer", "TestSupport"],
            resources: [.copy("Scripts")],
            swiftSettings: swiftSettings
        ),
    ]
)
