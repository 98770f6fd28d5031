// swift-tools-version:6.0
import PackageDescription

/// Coinage: a pricing and promotions rules engine.
///
/// The core (`CoinageSyntax`, `Coinage`) imports nothing but the standard library so
/// it builds wherever Swift does; Foundation enters only in `CoinageFoundation`.
let package = Package(
    name: "Coinage",
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
        .testTarget(name: "CoinageSyntaxTests", dependencies: ["CoinageSyntax"]),
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
