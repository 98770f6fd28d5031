import CoinageServer
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `coinage serve`: the rules as an HTTP service (see Docs/Service.md). Loads the
/// rules (they must have no errors), listens, logs one JSON line per event on
/// standard error, reloads on SIGHUP or a changed file, and drains on SIGTERM.
enum ServeCommand: Command {
    static let name = "serve"
    static let summary = "Serve quotes over HTTP, reloading the rules when they change"
    static let usage = "coinage serve [--rules DIR] [--host ADDRESS] [--port N] [--access-log] [OPTIONS]"
    static let options: [OptionSpec] = [
        .value(.rules, "DIR", "the rules directory (default: ./rules)"),
        .value(.host, "ADDRESS", "the address to listen on: IPv4, IPv6 (::1) or a host name, every address it resolves to (default: \(ServerConfiguration.defaultHost))"),
        .value(.port, "N", "the port, 0 for any free one (default: \(ServerConfiguration.defaultPort))"),
        .flag(.accessLog, "log one line per request"),
        .flag(.noWatch, "reload only on SIGHUP, not when a file changes"),
        .value(.maxBodyBytes, "N", "the longest request body (default: \(HTTPLimits.defaultMaxBodyBytes))"),
        .value(.maxHeaderBytes, "N", "the longest header section (default: \(HTTPLimits.defaultMaxHeaderBytes))"),
        .value(.maxHeaders, "N", "the most header lines (default: \(HTTPLimits.defaultMaxHeaderCount))"),
        .value(.maxURLBytes, "N", "the longest url (default: \(HTTPLimits.defaultMaxTargetBytes))"),
        .value(.maxConnections, "N", "the most connections at once (default: \(ServerConfiguration.defaultMaxConnections))"),
        .value(.idleTimeout, "SECONDS", "how long a kept-alive connection may idle (default: \(ServerConfiguration.defaultIdleTimeout))"),
        .value(.requestTimeout, "SECONDS", "how long a request may take to arrive (default: \(ServerConfiguration.defaultRequestTimeout))"),
    ]

    static func run(_ arguments: ParsedArguments, console: Console) -> ExitCode {
        let configuration: ServerConfiguration
        do {
            configuration = try self.configuration(arguments)
        } catch {
            return CoinageCLI.usageError(error, usage: usage, console: console)
        }
        let log = ServerLog.standardError()
        let service: CoinageService
        do {
            service = try CoinageService(configuration: configuration, log: log)
        } catch {
            guard case .rules(let failure) = error else { return .usage }
            // A directory that cannot be read (no diagnostics) is a wrong command line, as for every command.
            if failure.errorCount == 0 {
                console.writeError("error: \(failure.message)\n")
                return .usage
            }
            console.writeError(failure.message.hasSuffix("\n") ? failure.message : failure.message + "\n")
            console.writeError("error: the rules in `\(configuration.rulesDirectory)` have \(failure.errorCount) error\(failure.errorCount == 1 ? "" : "s");"
                + " `coinage check \(configuration.rulesDirectory)` lists them\n")
            return .failure
        }
        do {
            _ = try service.start()
        } catch {
            if case .socket(let socketError) = error { console.writeError("error: \(socketError.description)\n") }
            return .usage
        }
        // Only once listening: a command that fails to start leaves the signals as they were.
        service.handleSignals()
        service.wait()
        return .success
    }

    static func configuration(_ arguments: ParsedArguments) throws(UsageError) -> ServerConfiguration {
        if let extra = arguments.positionals.first { throw .unexpectedArgument(extra) }
        func number(_ option: Option, default value: Int, range: ClosedRange<Int>) throws(UsageError) -> Int {
            guard let text = arguments.value(option) else { return value }
            guard let parsed = Int(text), range.contains(parsed) else {
                throw .invalidValue(option: option.name, value: text,
                                    reason: "write a whole number from \(range.lowerBound) to \(range.upperBound)")
            }
            return parsed
        }
        let limits = HTTPLimits(
            maxBodyBytes: try number(.maxBodyBytes, default: HTTPLimits.defaultMaxBodyBytes, range: 0...(1 << 30)),
            maxHeaderBytes: try number(.maxHeaderBytes, default: HTTPLimits.defaultMaxHeaderBytes, range: 256...(1 << 20)),
            maxHeaderCount: try number(.maxHeaders, default: HTTPLimits.defaultMaxHeaderCount, range: 1...10_000),
            maxTargetBytes: try number(.maxURLBytes, default: HTTPLimits.defaultMaxTargetBytes, range: 16...(1 << 20)))
        return ServerConfiguration(
            rulesDirectory: arguments.value(.rules) ?? "rules",
            host: arguments.value(.host) ?? ServerConfiguration.defaultHost,
            port: try number(.port, default: ServerConfiguration.defaultPort, range: 0...65_535),
            limits: limits,
            maxConnections: try number(.maxConnections, default: ServerConfiguration.defaultMaxConnections, range: 1...100_000),
            idleTimeout: try number(.idleTimeout, default: ServerConfiguration.defaultIdleTimeout, range: 1...86_400),
            requestTimeout: try number(.requestTimeout, default: ServerConfiguration.defaultRequestTimeout, range: 1...86_400),
            accessLog: arguments.flag(.accessLog),
            watch: !arguments.flag(.noWatch))
    }
}
