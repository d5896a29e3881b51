// swift-tools-version:6.0
import PackageDescription

/// Dependencies point one way:
/// facteur → FacteurDaemon → {FacteurStore, FacteurTransport} → {FacteurMail, FacteurCore}.
/// Only FacteurStore imports CSQLite, only FacteurTransport imports CCurl, and only FacteurSystem imports the
/// other C libraries (libcrypto's HMAC, libpsl, glibc's iconv and malloc tuning, libfreexl for .xls), behind small value types FacteurMail may use.
/// FacteurSystem also holds the serial executor that keeps the store's and the transport's blocking C calls off
/// the cooperative thread pool.
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
        .systemLibrary(
            name: "CCrypto", path: "Sources/CCrypto", pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]),
        .systemLibrary(
            name: "CPSL", path: "Sources/CPSL", pkgConfig: "libpsl",
            providers: [.apt(["libpsl-dev", "publicsuffix"])]),
        .systemLibrary(
            name: "CFreeXL", path: "Sources/CFreeXL", pkgConfig: "freexl",
            providers: [.apt(["libfreexl-dev"])]),
        .systemLibrary(name: "CMalloc", path: "Sources/CMalloc"),
        .target(name: "FacteurCore"),
        .target(name: "FacteurSystem", dependencies: ["CCrypto", "CPSL", "CFreeXL", "CMalloc"]),
        .target(name: "FacteurMail", dependencies: ["FacteurCore", "FacteurSystem"]),
        .target(name: "FacteurStore", dependencies: ["CSQLite", "FacteurCore", "FacteurSystem"]),
        .target(name: "FacteurTransport", dependencies: ["CCurl", "FacteurCore", "FacteurSystem"]),
        .target(
            name: "FacteurDaemon",
            dependencies: ["FacteurCore", "FacteurSystem", "FacteurMail", "FacteurStore", "FacteurTransport"]),
        .executableTarget(name: "facteur", dependencies: ["FacteurDaemon", "FacteurSystem"]),
        .systemLibrary(name: "CSpawn", path: "Tests/CSpawn"),
        .target(name: "TestSupport", dependencies: ["CSpawn"], path: "Tests/TestSupport"),
        .testTarget(name: "FacteurCoreTests", dependencies: ["FacteurCore", "TestSupport"]),
        .testTarget(
            name: "FacteurMailTests", dependencies: ["FacteurMail", "FacteurSystem", "TestSupport"], exclude: ["Golden"]),
        .testTarget(name: "FacteurStoreTests", dependencies: ["FacteurStore", "TestSupport"]),
        .testTarget(name: "FacteurTransportTests", dependencies: ["FacteurTransport", "TestSupport"]),
        .testTarget(
            name: "FacteurDaemonTests", dependencies: ["FacteurDaemon", "FacteurStore", "FacteurCore", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
