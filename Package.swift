// swift-tools-version:6.0
import PackageDescription

/// Dependencies point one way:
/// facteur → FacteurDaemon → {FacteurStore, FacteurTransport} → {FacteurMail, FacteurCore}.
/// Only FacteurStore imports CSQLite and only FacteurTransport imports CCurl.
let package = Package(
    name: "Facteur",
    products: [
        .executable(name: "facteur", targets: ["facteur"])
    ],
    targets: [
        .systemLibrary(
            name: "CSQLite", path: "Sources/CSQLite",
            providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(
            name: "CCurl", path: "Sources/CCurl", pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]),
        .target(name: "FacteurCore"),
        .target(name: "FacteurMail", dependencies: ["FacteurCore"]),
        .target(name: "FacteurStore", dependencies: ["CSQLite", "FacteurCore"]),
        .target(name: "FacteurTransport", dependencies: ["CCurl", "FacteurCore"]),
        .target(
            name: "FacteurDaemon",
            dependencies: ["FacteurCore", "FacteurMail", "FacteurStore", "FacteurTransport"]),
        .executableTarget(name: "facteur", dependencies: ["FacteurDaemon"]),
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "FacteurCoreTests", dependencies: ["FacteurCore"]),
        .testTarget(name: "FacteurMailTests", dependencies: ["FacteurMail", "TestSupport"], exclude: ["Golden"]),
        .testTarget(name: "FacteurStoreTests", dependencies: ["FacteurStore", "TestSupport"]),
        .testTarget(name: "FacteurTransportTests", dependencies: ["FacteurTransport", "TestSupport"]),
        .testTarget(
            name: "FacteurDaemonTests", dependencies: ["FacteurDaemon", "FacteurStore", "FacteurCore", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
