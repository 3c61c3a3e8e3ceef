// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "LandWatch",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "landwatch", targets: ["landwatch"]),
        .library(name: "Geo", targets: ["Geo"]),
        .library(name: "GeoIO", targets: ["GeoIO"]),
        .library(name: "Store", targets: ["Store"]),
        .library(name: "Workspace", targets: ["Workspace"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        .systemLibrary(name: "CGEOS", pkgConfig: "geos", providers: [.apt(["libgeos-dev"])]),
        .systemLibrary(name: "CPROJ", pkgConfig: "proj", providers: [.apt(["libproj-dev"])]),
        .systemLibrary(name: "CGDAL", pkgConfig: "gdal", providers: [.apt(["libgdal-dev"])]),
        .systemLibrary(name: "CXLSX", pkgConfig: "xlsxwriter", providers: [.apt(["libxlsxwriter-dev"])]),

        .target(name: "Geo", dependencies: ["CGEOS", "CPROJ"]),
        .target(name: "GeoIO", dependencies: ["Geo", "CGDAL"]),
        .target(name: "Enforcement", dependencies: ["Geo", .product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "Overlay", dependencies: ["Geo", "Enforcement"]),
        .target(name: "Prejudge", dependencies: ["Geo", "Enforcement", .product(name: "Yams", package: "Yams")]),
        .target(name: "Reports", dependencies: ["CXLSX"]),
        .target(name: "Store", dependencies: ["Geo", "Enforcement", .product(name: "GRDB", package: "GRDB.swift")]),
        .target(name: "Workspace", dependencies: ["Geo", "GeoIO", "Enforcement", "Store", "Overlay", "Prejudge", "Reports"]),
        .target(name: "Demo", dependencies: ["Geo", "GeoIO", "Enforcement", "Store", "Workspace"]),
        .executableTarget(name: "landwatch", dependencies: [
            "Geo", "GeoIO", "Enforcement", "Prejudge", "Reports", "Store", "Workspace", "Demo",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "GeoTests", dependencies: ["Geo"]),
        .testTarget(name: "GeoIOTests", dependencies: ["Geo", "GeoIO", "TestSupport"]),
        .testTarget(name: "EnforcementTests", dependencies: ["Geo", "Enforcement", "TestSupport"]),
        .testTarget(name: "PrejudgeTests", dependencies: ["Geo", "Enforcement", "Prejudge"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "TestSupport", "CGDAL"]),
        .testTarget(name: "OverlayTests", dependencies: ["Geo", "Enforcement", "Overlay", "Demo"]),
        .testTarget(name: "StoreTests", dependencies: ["Geo", "Enforcement", "Store", "TestSupport"]),
        .testTarget(name: "WorkspaceTests", dependencies: ["Geo", "GeoIO", "Enforcement", "Prejudge", "Store", "Workspace", "Demo", "TestSupport",
                                                      .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "LandwatchCLITests", dependencies: ["landwatch", "Geo", "GeoIO", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
