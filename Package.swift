// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "PhuongSo",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "phuongso", targets: ["phuongso"])
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/JohnSundell/Plot.git", from: "0.14.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.1"),
    ],
    targets: [
        // The domain core: rules as values, no Vapor, no Fluent.
        .target(name: "PhuongSoCore", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        // The server: Vapor, Fluent, HTTP, views.
        .target(
            name: "PhuongSoApp",
            dependencies: [
                "PhuongSoCore",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Plot", package: "Plot"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "X509", package: "swift-certificates"),
            ],
            resources: [.copy("Demo/data")]
        ),
        .executableTarget(name: "phuongso", dependencies: ["PhuongSoApp"]),
        // Release-mode benchmark of the working-day clock (core only: builds in seconds).
        .executableTarget(name: "phuongso-bench", dependencies: ["PhuongSoCore"], path: "Benchmarks/phuongso-bench"),
        .testTarget(
            name: "PhuongSoCoreTests",
            dependencies: ["PhuongSoCore", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(
            name: "PhuongSoAppTests",
            dependencies: [
                "PhuongSoApp",
                .product(name: "VaporTesting", package: "vapor"),
            ],
            exclude: ["Fixtures"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
