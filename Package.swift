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
            ]
        ),
        .testTarget(
            name: "MIMEParserTests",
            dependencies: ["MIMEParser"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "MailIntakeTests",
            dependencies: ["MailIntake", "MIMEParser"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
