// swift-tools-version:6.1
// Benchmarks for MIMEParser, kept apart so that benchmark code never enters the main build.
import PackageDescription

// A path dependency is identified by its folder's name, which differs between clones and
// worktrees; derive it so `.product(…, package:)` always matches.
let rootIdentity: String = {
    let parts = Context.packageDirectory.split(separator: "/")
    return parts.dropLast().last.map { String($0).lowercased() } ?? "mail-intake"
}()

let package = Package(
    name: "mime-benchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(path: "../")
    ],
    targets: [
        .executableTarget(
            name: "mime-bench",
            dependencies: [.product(name: "MIMEParser", package: rootIdentity)]
        ),
        // The intake planner over 10,000 generated requests (helper "rules").
        .executableTarget(
            name: "rules-bench",
            dependencies: [
                .product(name: "MailIntake", package: rootIdentity),
                .product(name: "MIMEParser", package: rootIdentity),
            ]
        ),
        // IMAP transport throughput against a loopback Dovecot, next to imaplib and the curl
        // command line (helper "imap"). Rig/ links to the test rig in Tests/MailIntakeTests/Support.
        .executableTarget(
            name: "transport-bench",
            dependencies: [.product(name: "MailIntake", package: rootIdentity)]
        ),
    ],
    swiftLanguageModes: [.v6]
)
