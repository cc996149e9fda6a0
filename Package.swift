// swift-tools-version: 6.0
import PackageDescription

// The pure core (FieldworkDiagnostics … FieldworkEngine, FieldworkScreen) does no I/O and links no C
// library. The shells around it (journal, cases, export, terminal, command line) do.
let package = Package(
    name: "Fieldwork",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "fieldwork", targets: ["fieldwork"]),
        .executable(name: "fieldwork-bench", targets: ["FieldworkBenchmarks"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
    ],
    targets: [
        // MARK: Pure core
        // Shared basics every layer may use: calendar dates, text made safe for terminals, "did you mean".
        .target(name: "FieldworkBasics", path: "Sources/Core/FieldworkBasics"),
        .target(name: "FieldworkDiagnostics", path: "Sources/Core/FieldworkDiagnostics"),
        .target(name: "PositionedJSON", dependencies: ["FieldworkBasics", "FieldworkDiagnostics"], path: "Sources/Core/PositionedJSON"),
        .target(name: "FieldworkExpressions", dependencies: ["FieldworkBasics", "FieldworkDiagnostics"], path: "Sources/Core/FieldworkExpressions"),
        .target(name: "FieldworkModel", dependencies: ["FieldworkBasics", "FieldworkDiagnostics", "PositionedJSON", "FieldworkExpressions"], path: "Sources/Core/FieldworkModel"),
        .target(name: "FieldworkChecker", dependencies: ["FieldworkBasics", "FieldworkModel", "FieldworkExpressions", "FieldworkDiagnostics"], path: "Sources/Core/FieldworkChecker"),
        .target(name: "FieldworkEngine", dependencies: ["FieldworkBasics", "FieldworkModel", "FieldworkExpressions", "FieldworkDiagnostics", "FieldworkChecker"], path: "Sources/Core/FieldworkEngine"),
        .target(name: "FieldworkScreen", dependencies: ["FieldworkBasics", "FieldworkEngine", "FieldworkModel", "FieldworkExpressions"], path: "Sources/Core/FieldworkScreen"),
        .target(name: "FieldworkWeighting", path: "Sources/Core/FieldworkWeighting"),

        // MARK: C libraries
        .systemLibrary(name: "CNcurses", path: "Sources/System/CNcurses", providers: [.apt(["libncurses-dev"])]),
        .systemLibrary(name: "CReadStat", path: "Sources/System/CReadStat", providers: [.apt(["libreadstat-dev"])]),
        .systemLibrary(name: "CLibPQ", path: "Sources/System/CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),

        // MARK: Shells
        .target(name: "FieldworkJournal", dependencies: [
            "FieldworkBasics", "FieldworkEngine", "FieldworkChecker", "FieldworkExpressions", "PositionedJSON", .product(name: "Crypto", package: "swift-crypto"),
        ], path: "Sources/Shells/FieldworkJournal"),
        .target(name: "FieldworkCases", dependencies: [
            "FieldworkBasics", "FieldworkWeighting", "FieldworkPostgres",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "CSV", package: "CSV.swift"),
        ], path: "Sources/Shells/FieldworkCases"),
        // PostgreSQL: the client (libpq, synchronous; docs/architecture.md says why), and the survey's
        // tables on it (journal events, roles).
        .target(name: "FieldworkPostgres", dependencies: ["CLibPQ"], path: "Sources/Shells/FieldworkPostgres"),
        .target(name: "FieldworkPostgresStore", dependencies: [
            "FieldworkPostgres", "FieldworkJournal", "FieldworkCases",
        ], path: "Sources/Shells/FieldworkPostgresStore"),
        // Opens a survey's stores where its directory says they are (journal files and cases.sqlite,
        // or PostgreSQL): the one seam the commands use.
        .target(name: "FieldworkSurveyStores", dependencies: [
            "FieldworkJournal", "FieldworkCases", "FieldworkPostgres", "FieldworkPostgresStore",
        ], path: "Sources/Shells/FieldworkSurveyStores"),
        .target(name: "FieldworkExport", dependencies: [
            "CReadStat", "FieldworkBasics", "FieldworkJournal", "FieldworkChecker", "FieldworkEngine", "FieldworkModel", "FieldworkExpressions",
        ], path: "Sources/Shells/FieldworkExport"),
        .target(name: "FieldworkDashboard", dependencies: [
            "FieldworkBasics", "FieldworkJournal", "FieldworkCases", "FieldworkChecker", "FieldworkEngine", "FieldworkExpressions", "FieldworkModel",
            "FieldworkExport", "FieldworkSurveyStores",
            .product(name: "CSV", package: "CSV.swift"),
        ], path: "Sources/Shells/FieldworkDashboard"),
        .target(name: "FieldworkRehearsal", dependencies: [
            "FieldworkBasics", "FieldworkJournal", "FieldworkCases", "FieldworkChecker", "FieldworkEngine", "FieldworkExpressions",
        ], path: "Sources/Shells/FieldworkRehearsal"),
        .target(name: "FieldworkReconciliation", dependencies: [
            "FieldworkJournal", "FieldworkCases", "FieldworkChecker", "FieldworkEngine",
        ], path: "Sources/Shells/FieldworkReconciliation"),
        .target(name: "FieldworkReport", dependencies: [
            "FieldworkBasics", "FieldworkEngine", "FieldworkCases", "FieldworkExport", "FieldworkJournal", "FieldworkChecker", "FieldworkScreen",
            "FieldworkSurveyStores",
        ], path: "Sources/Shells/FieldworkReport"),
        .target(name: "FieldworkTerminal", dependencies: ["FieldworkBasics", "FieldworkScreen", "FieldworkEngine", "FieldworkJournal", "FieldworkCases", "CNcurses"], path: "Sources/Shells/FieldworkTerminal"),
        .executableTarget(name: "fieldwork", dependencies: [
            "FieldworkBasics", "FieldworkDiagnostics", "PositionedJSON", "FieldworkExpressions", "FieldworkModel", "FieldworkChecker", "FieldworkEngine",
            "FieldworkScreen", "FieldworkJournal", "FieldworkCases", "FieldworkExport", "FieldworkTerminal", "FieldworkReconciliation", "FieldworkRehearsal", "FieldworkDashboard", "FieldworkWeighting", "FieldworkReport",
            "FieldworkPostgres", "FieldworkPostgresStore", "FieldworkSurveyStores",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "CSV", package: "CSV.swift"),
        ], path: "Sources/fieldwork"),
        .executableTarget(name: "FieldworkBenchmarks", dependencies: [
            "FieldworkBasics", "FieldworkDiagnostics", "PositionedJSON", "FieldworkExpressions", "FieldworkModel", "FieldworkChecker", "FieldworkEngine",
            "FieldworkJournal", "FieldworkCases", "FieldworkScreen", "FieldworkPostgres", "FieldworkPostgresStore",
        ], path: "Benchmarks/FieldworkBenchmarks"),

        // MARK: Test aids (built with the package, never shipped: no product names them)
        .target(name: "FieldworkTestSupport", dependencies: ["FieldworkExport"], path: "Sources/TestSupport/FieldworkTestSupport"),
        .executableTarget(name: "fieldwork-testkit", dependencies: [
            "FieldworkBasics", "FieldworkTestSupport", "FieldworkJournal", "FieldworkCases", "FieldworkExport", "FieldworkScreen", "FieldworkTerminal",
            "FieldworkChecker", "FieldworkEngine", "FieldworkPostgres", "FieldworkPostgresStore", "FieldworkReconciliation", "FieldworkSurveyStores",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], path: "Sources/TestSupport/fieldwork-testkit"),

        // MARK: Tests
        .testTarget(name: "PositionedJSONTests", dependencies: ["FieldworkDiagnostics", "PositionedJSON"], path: "Tests/PositionedJSONTests"),
        .testTarget(name: "FieldworkExpressionsTests", dependencies: ["FieldworkDiagnostics", "FieldworkBasics", "FieldworkExpressions"], path: "Tests/FieldworkExpressionsTests"),
        .testTarget(name: "FieldworkCheckerTests", dependencies: ["FieldworkDiagnostics", "FieldworkBasics", "FieldworkChecker", "FieldworkModel", "PositionedJSON"], path: "Tests/FieldworkCheckerTests", resources: [.copy("Corpus")]),
        .testTarget(name: "FieldworkEngineTests", dependencies: ["FieldworkDiagnostics", "FieldworkExpressions", "FieldworkBasics", "FieldworkEngine", "FieldworkModel", "FieldworkChecker"], path: "Tests/FieldworkEngineTests"),
        .testTarget(name: "FieldworkScreenTests", dependencies: ["FieldworkBasics", "FieldworkScreen", "FieldworkEngine", "FieldworkChecker", "FieldworkModel", "FieldworkCases", "FieldworkTerminal", "FieldworkJournal"], path: "Tests/FieldworkScreenTests"),
        .testTarget(name: "FieldworkJournalTests", dependencies: ["FieldworkEngine", "FieldworkBasics", "FieldworkJournal"], path: "Tests/FieldworkJournalTests"),
        .testTarget(name: "FieldworkPostgresTests", dependencies: [
            "FieldworkBasics", "FieldworkPostgres", "FieldworkPostgresStore", "FieldworkJournal", "FieldworkCases", "FieldworkChecker", "FieldworkEngine",
        ], path: "Tests/FieldworkPostgresTests"),
        .testTarget(name: "FieldworkDashboardTests", dependencies: ["FieldworkDashboard"], path: "Tests/FieldworkDashboardTests"),
        .testTarget(name: "FieldworkRehearsalTests", dependencies: ["FieldworkRehearsal", "FieldworkCases", "FieldworkEngine"],
                    path: "Tests/FieldworkRehearsalTests"),
        .testTarget(name: "FieldworkCasesTests", dependencies: [.product(name: "GRDB", package: "GRDB.swift"), "FieldworkBasics", "FieldworkCases", "FieldworkWeighting", "FieldworkPostgres"], path: "Tests/FieldworkCasesTests"),
        .testTarget(name: "FieldworkWeightingTests", dependencies: ["FieldworkWeighting"], path: "Tests/FieldworkWeightingTests"),
        .testTarget(name: "FieldworkReportTests", dependencies: [
            "FieldworkBasics", "FieldworkReport", "FieldworkCases", "FieldworkExport", "FieldworkJournal", "FieldworkChecker", "FieldworkEngine", "FieldworkModel",
            .product(name: "GRDB", package: "GRDB.swift"),
        ], path: "Tests/FieldworkReportTests"),
        .testTarget(name: "FieldworkExportTests", dependencies: ["FieldworkExpressions", 
            "FieldworkBasics", "FieldworkExport", "FieldworkTestSupport", "FieldworkJournal", "FieldworkChecker", "FieldworkEngine", "FieldworkModel",
        ], path: "Tests/FieldworkExportTests"),
    ],
    swiftLanguageModes: [.v6]
)
