// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "mail-intake",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "MIMEParser", targets: ["MIMEParser"]),
        .library(name: "MailIntake", targets: ["MailIntake"]),
        .executable(name: "mail-bot", targets: ["mail-bot"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.5.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
    ],
    targets: [
        // Bytes in, message model out. No I/O, no logging, no knowledge of clinics.
        .target(name: "MIMEParser", exclude: ["API-PLAN.md"]),
        // libcurl, with typed wrappers around its variadic calls. Only MailIntake's edges import it.
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        // The intake: pure core, IO edges, runtime wiring.
        .target(
            name: "MailIntake",
            dependencies: [
                "MIMEParser",
                "CCurl",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // The command line: argument parsing and wiring only.
        .executableTarget(
            name: "mail-bot",
            dependencies: [
                "MailIntake",
                "MIMEParser",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                // run wires the Prometheus backend and the service group; the library only uses swift-metrics.
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .testTarget(
            name: "MIMEParserTests",
            dependencies: ["MIMEParser"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "MailIntakeTests",
            dependencies: [
                "MailIntake", "MIMEParser",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            exclude: ["Fixtures", "Golden"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
