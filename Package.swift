// swift-tools-version:6.0
import PackageDescription

/// Coinage: a pricing and promotions rules engine.
///
/// A target per phase, each importing only the phases before it:
///
///     source ─ CoinageSyntax ─▶ AST ─ CoinageChecker ─▶ RuleSet ─ CoinageEngine ─▶ PriceBook ─▶ Quote
///                 │                                                   │
///                 └─ CoinageFormat                    CoinageAnalysis, CoinageRuleTests, CoinageDiff
///
/// `Coinage` runs the pipeline in one call and re-exports the phases; `CoinageJSON`
/// is the one JSON writer; `CoinageIO` reads requests, writes quotes and renders
/// diagnostics. Everything up to here imports
/// nothing but the standard library, so it builds wherever Swift does; Foundation
/// enters in `CoinageFoundation` and the CLI. Docs/Architecture.md draws the rest.
let package = Package(
    name: "Coinage",
    // Exact money arithmetic uses the standard library's 128-bit integers, which
    // Apple platforms have from these versions on; Linux, Windows, Android and
    // WebAssembly have them with any Swift 6 toolchain.
    platforms: [.macOS(.v15), .iOS(.v18), .tvOS(.v18), .watchOS(.v11), .visionOS(.v2)],
    products: [
        .library(name: "Coinage", targets: ["Coinage", "CoinageIO", "CoinageFormat", "CoinageFoundation"]),
        .executable(name: "coinage", targets: ["coinage"]),
        // The C library (Sources/CoinageC/include/coinage.h), for other languages: Docs/CLibrary.md.
        .library(name: "CoinageC", type: .dynamic, targets: ["CoinageC"]),
    ],
    dependencies: [],
    targets: [
        .target(name: "CoinageSyntax"),
        .target(name: "CoinageFormat", dependencies: ["CoinageSyntax"]),
        .target(name: "CoinageJSON"),
        .target(name: "CoinageChecker", dependencies: ["CoinageSyntax", "CoinageJSON"]),
        .target(name: "CoinageEngine", dependencies: ["CoinageChecker"]),
        .target(name: "CoinageAnalysis", dependencies: ["CoinageEngine"]),
        .target(name: "CoinageRuleTests", dependencies: ["CoinageAnalysis"]),
        .target(name: "CoinageDiff", dependencies: ["CoinageEngine"]),
        .target(name: "Coinage", dependencies: ["CoinageAnalysis", "CoinageRuleTests", "CoinageDiff"]),
        .target(name: "CoinageIO", dependencies: ["Coinage", "CoinageJSON"]),
        .target(name: "CoinageFoundation", dependencies: ["CoinageIO"]),
        // Pictures: the promotions' calendar, the price ladder and the diff as HTML with inline SVG.
        .target(name: "CoinagePictures", dependencies: ["CoinageIO"]),
        // `coinage serve`: HTTP on the platform's sockets, the edge like the CLI.
        .target(name: "CoinageServer", dependencies: ["CoinageFoundation"]),
        // `coinage lsp`: the Language Server Protocol over stdio, the edge like the server.
        .target(name: "CoinageLanguageServer", dependencies: ["CoinageFoundation", "CoinageFormat"]),
        .target(name: "CoinageCLI", dependencies: ["CoinageFoundation", "CoinageFormat", "CoinageServer", "CoinageLanguageServer", "CoinagePictures"]),
        .executableTarget(name: "coinage", dependencies: ["CoinageCLI"]),
        .executableTarget(name: "coinage-bench", dependencies: ["CoinageFoundation"]),
        .target(name: "CoinageC", dependencies: ["CoinageFoundation"], exclude: ["include"]),
        // What every test target shares: the seeded generator, the tiers, golden files.
        .target(name: "CoinageTestSupport", path: "Tests/Support"),
        .testTarget(name: "CoinageSyntaxTests", dependencies: ["CoinageSyntax", "CoinageTestSupport"]),
        .testTarget(
            name: "CoinageFormatTests", dependencies: ["CoinageFormat", "CoinageSyntax", "CoinageTestSupport"],
            exclude: ["Goldens"]
        ),
        .testTarget(name: "CoinageTests", dependencies: ["CoinageFoundation", "CoinageTestSupport"], exclude: ["Goldens"]),
        .testTarget(name: "CoinageServerTests", dependencies: ["CoinageServer", "CoinageTestSupport"]),
        .testTarget(name: "CoinageLanguageServerTests", dependencies: ["CoinageLanguageServer", "CoinageTestSupport"]),
        .testTarget(
            name: "CoinageCLITests", dependencies: ["CoinageCLI", "CoinageTestSupport"],
            exclude: ["Fixtures", "Snapshots"]
        ),
        .testTarget(
            name: "CoinagePicturesTests", dependencies: ["CoinagePictures", "CoinageFoundation", "CoinageTestSupport"],
            exclude: ["Goldens"]
        ),
        .testTarget(name: "CoinageCTests", dependencies: ["CoinageC", "CoinageCLI", "CoinageTestSupport"]),
    ]
)
