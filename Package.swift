// swift-tools-version:6.0
import PackageDescription

/// Coinage: a pricing and promotions rules engine.
///
/// The core (`CoinageSyntax`, `Coinage`) imports nothing but the standard library so
/// it builds wherever Swift does; Foundation enters only in `CoinageFoundation`.
let package = Package(
    name: "Coinage",
    // Exact money arithmetic uses the standard library's 128-bit integers, which
    // Apple platforms have from these versions on; Linux, Windows, Android and
    // WebAssembly have them with any Swift 6 toolchain.
    platforms: [.macOS(.v15), .iOS(.v18), .tvOS(.v18), .watchOS(.v11), .visionOS(.v2)],
    products: [
        .library(name: "Coinage", targets: ["CoinageSyntax", "Coinage", "CoinageFoundation"]),
        .executable(name: "coinage", targets: ["coinage"]),
    ],
    dependencies: [],
    targets: [
        .target(name: "CoinageSyntax"),
        .target(name: "Coinage", dependencies: ["CoinageSyntax"]),
        .target(name: "CoinageFoundation", dependencies: ["Coinage", "CoinageSyntax"]),
        .target(name: "CoinageCLI", dependencies: ["CoinageFoundation", "Coinage", "CoinageSyntax"]),
        .executableTarget(name: "coinage", dependencies: ["CoinageCLI"]),
        .executableTarget(name: "coinage-bench", dependencies: ["Coinage", "CoinageSyntax", "CoinageFoundation"]),
        .testTarget(name: "CoinageSyntaxTests", dependencies: ["CoinageSyntax"], exclude: ["Goldens"]),
        .testTarget(
            name: "CoinageTests", dependencies: ["Coinage", "CoinageSyntax", "CoinageFoundation"],
            exclude: ["Goldens"]
        ),
        .testTarget(
            name: "CoinageCLITests", dependencies: ["CoinageCLI", "CoinageFoundation", "Coinage", "CoinageSyntax"],
            exclude: ["Fixtures", "Snapshots"]
        ),
    ]
)
