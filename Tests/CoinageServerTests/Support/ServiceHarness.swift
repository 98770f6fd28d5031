import CoinageTestSupport
import Foundation
import Testing
@testable import CoinageServer

/// The log lines a service wrote, kept for the test to read.
final class LogCapture: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []

    func append(_ line: String) { lock.withLock { lines.append(line) } }
    var text: String { lock.withLock { lines.joined() } }
}

/// A service started in-process on a free port over a private copy of the sample
/// shop, so a test may change its files.
struct RunningService {
    let service: CoinageService
    let port: Int
    let log: LogCapture
    let rules: URL

    var base: String { "http://127.0.0.1:\(port)" }

    static func start(_ configure: (inout ServerConfiguration) -> Void = { _ in }) throws -> RunningService {
        let rules = try TemporaryShop.copy()
        var configuration = ServerConfiguration(rulesDirectory: rules.path, port: 0, accessLog: true)
        configure(&configuration)
        let log = LogCapture()
        let service = try CoinageService(configuration: configuration, log: ServerLog { log.append($0) })
        let port = try service.start()
        return RunningService(service: service, port: port, log: log, rules: rules)
    }

    func stop() {
        service.stop()
        try? FileManager.default.removeItem(at: rules)
    }
}

/// A copy of the sample shop in a fresh temporary directory.
enum TemporaryShop {
    static func copy() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("coinage-serve-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: RepositoryPaths.sampleShop, to: directory)
        return directory
    }
}

/// The outside programs the integration tests drive the server with, found on
/// `PATH`; a test that needs one is skipped, with the reason, when it is missing
/// (`.ci/install-serve-test-tools` installs them).
enum Tools {
    static let curl = find("curl")
    static let python = find("python3")

    static func find(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    struct Output {
        let status: Int32
        let out: String
        let err: String
    }

    /// Runs a program to its end; its outputs go through files, so neither can fill a pipe.
    static func run(_ executable: String, _ arguments: [String]) throws -> Output {
        let directory = FileManager.default.temporaryDirectory
        let outURL = directory.appendingPathComponent("coinage-serve-out-\(UUID().uuidString)")
        let errURL = directory.appendingPathComponent("coinage-serve-err-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, out: try String(contentsOf: outURL, encoding: .utf8),
                      err: try String(contentsOf: errURL, encoding: .utf8))
    }

    /// `curl -sS` with `arguments`; the output ends with the status code on a line of
    /// its own when `arguments` ask for it with `-w`.
    static func curl(_ arguments: [String]) throws -> Output {
        let curl = try #require(Self.curl)
        return try run(curl, ["-sS", "--max-time", "60"] + arguments)
    }

    /// A Python script run with `python3 -c`, its arguments after it.
    static func python(_ script: String, _ arguments: [String] = []) throws -> Output {
        let python = try #require(Self.python)
        return try run(python, ["-c", script] + arguments)
    }

    /// Polls `condition` until it holds or `seconds` have passed: waiting for a
    /// server on a busy machine, never a measure of how long anything takes.
    static func eventually(within seconds: Double = 20, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date(timeIntervalSinceNow: seconds)
        while Date() < deadline {
            if try condition() { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return try condition()
    }
}
