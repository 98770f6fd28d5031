import CoinageIO
import Coinage
import CoinageFoundation
import CoinageSyntax
import Foundation

struct BenchmarkError: Error, CustomStringConvertible {
    let description: String
}

/// The measurements of `coinage-bench`, each printed as one line of a table.
enum Benchmarks {
    /// The instant every generated request is quoted at: Saturday 2026-11-28 19:00 UTC,
    /// inside Black Friday and weekend evening hours, so windows are exercised.
    static let instant: Int64 = 1_795_892_400

    static func suite(quick: Bool) throws {
        print("coinage-bench: release build, one core; median of 50 rounds")
        print("")
        let sampleRules = FileManager.default.fileExists(atPath: "rules") ? "rules" : "../rules"
        let sample = try load(sampleRules)
        let sampleRequests = allCells(sample.rules)
        let sampleMeasured = measureQuotes(sample.book, sampleRequests)
        report("rules/ (\(sample.rules.promotions.count) promotions, \(sampleRequests.count) cells)", sampleMeasured)
        let handWritten = try compareWithHandWritten(sample, requests: sampleRequests, engine: sampleMeasured)
        AnalysisBenchmarks.report("of rules/", sample.rules, sample.book)

        var perQuote: [Int: Double] = [:]
        var largest: (directory: String, check: Double)?
        for count in quick ? [20, 2_000] : [20, 200, 2_000, 20_000] {
            var generator = RuleSetGenerator(promotions: count)
            let files = generator.files()
            var sources = SourceMap()
            for file in files { sources.add(path: file.name, text: file.text) }
            let start = ContinuousClock.now
            // The phases of `Pipeline.check` one by one, so each has its own time.
            let result = Checker.check(ParsedSources(sources), zones: SystemTimeZones())
            let checkSeconds = seconds(ContinuousClock.now - start)
            guard let rules = result.ruleSet else {
                throw BenchmarkError(description: "generated rules with \(count) promotions do not check: \(result.diagnostics.first?.message ?? "")")
            }
            let compileStart = ContinuousClock.now
            let book = PriceBook(rules)
            let compileSeconds = seconds(ContinuousClock.now - compileStart)
            let requests = randomRequests(rules, count: 4_096, seed: UInt64(count))
            let measured = measureQuotes(book, requests)
            perQuote[count] = measured.medianNanoseconds
            report("\(count) promotions, 200 regions, 100 bundles", measured)
            print(String(format: "    %.2f× the hand-written quote of rules/ (%.2f× through the Result)",
                         measured.medianNanoseconds / handWritten, measured.resultMedianNanoseconds / handWritten))
            print(String(format: "    parse + check %.3f s, compile %.3f s", checkSeconds, compileSeconds))
            if count <= 2_000 { AnalysisBenchmarks.report("of \(count) promotions", rules, book, rounds: 1) }
            if count == 20_000 || (quick && count == 2_000) {
                let directory = NSTemporaryDirectory() + "coinage-bench-\(count)"
                try? FileManager.default.removeItem(atPath: directory)
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
                for file in files { try file.text.write(toFile: directory + "/" + file.name, atomically: true, encoding: .utf8) }
                largest = (directory, checkSeconds)
            }
        }
        if let low = perQuote[20], let high = perQuote[quick ? 2_000 : 20_000] {
            print(String(format: "  growth of the time per quote from 20 to %@ promotions: %.2f×", quick ? "2,000" : "20,000", high / low))
        }

        print("")
        try batch(rules: sampleRules, label: "rules/", lines: quick ? 100_000 : 1_000_000, ruleSet: sample.rules)
        if let largest {
            let shop = try load(largest.directory)
            try batch(rules: largest.directory, label: "\(shop.rules.promotions.count) promotions", lines: quick ? 100_000 : 500_000, ruleSet: shop.rules)
        }
        print(String(format: "\npeak memory of this process: %.1f MB", peakMegabytes(RUSAGE_SELF)))
    }

    /// `--rules DIR --requests FILE`: in-process quotes per second on a shop's own rules.
    static func custom(rules: String, requests path: String) throws {
        let (ruleSet, book) = try load(rules)
        let requests = try readRequests(path, rules: ruleSet)
        report("\(rules) (\(ruleSet.promotions.count) promotions), \(requests.count) requests from \(path)",
               measureQuotes(book, requests))
    }

    /// The request lines of a file, read as `quote --batch` reads them.
    static func readRequests(_ path: String, rules ruleSet: RuleSet) throws -> [QuoteRequest] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw BenchmarkError(description: "cannot read `\(path)`")
        }
        let bytes = [UInt8](data)
        var requests: [QuoteRequest] = []
        var lineNumber = 0
        for line in bytes.split(separator: 10, omittingEmptySubsequences: false) {
            lineNumber += 1
            guard line.contains(where: { $0 != 32 && $0 != 13 }) else { continue }
            switch RequestLineParser.parse(line, rules: ruleSet, now: instant) {
            case .success(let request): requests.append(request)
            case .failure(let error): throw BenchmarkError(description: "\(path):\(lineNumber): \(error.message)")
            }
        }
        guard !requests.isEmpty else { throw BenchmarkError(description: "`\(path)` holds no requests") }
        return requests
    }

    /// `--write-generated N --to DIR`: the generated rule set with `N` promotions as
    /// files in `DIR`, and the requests the suite quotes on it as `DIR/requests.jsonl`,
    /// so one set can be measured alone (under a profiler, say) with `--rules --requests`.
    static func writeGenerated(promotions count: Int, to directory: String, quiet: Bool = false) throws {
        var generator = RuleSetGenerator(promotions: count)
        let files = generator.files()
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for file in files { try file.text.write(toFile: directory + "/" + file.name, atomically: true, encoding: .utf8) }
        let shop = try load(directory)
        var lines = ""
        for request in randomRequests(shop.rules, count: 4_096, seed: UInt64(count)) { lines += request.jsonLine + "\n" }
        try lines.write(toFile: directory + "/requests.jsonl", atomically: true, encoding: .utf8)
        if !quiet { print("wrote \(files.count) rule files and 4096 requests to \(directory)") }
    }

    /// The checked rules of a directory and their price book.
    static func load(_ directory: String) throws -> (rules: RuleSet, book: PriceBook) {
        let result = try Pipeline.load(rulesDirectory: directory)
        guard let rules = result.ruleSet, let book = result.priceBook else {
            throw BenchmarkError(description: RulesError.invalid(result.checked).description)
        }
        return (rules, book)
    }

    // MARK: - In-process quoting

    struct Measurement {
        /// The median of `PriceBook.quoted(_:)`, the fast path.
        let medianNanoseconds: Double
        /// The median of `PriceBook.quote(_:)`, the same quote returned in a `Result`.
        let resultMedianNanoseconds: Double
        let quoted: Int
        let refused: Int
    }

    static func measureQuotes(_ book: PriceBook, _ requests: [QuoteRequest]) -> Measurement {
        var checksum: Int64 = 0
        var refused = 0
        for request in requests {  // warm up, and count refusals once
            switch book.quote(request) {
            case .success(let quote): checksum &+= quote.total.minorUnits
            case .failure: refused += 1
            }
        }
        if checksum == 42 { print("") }  // keeps the warm-up observable
        let median = timed(requests) { request in (try? book.quoted(request))?.total.minorUnits ?? 0 }
        let resultMedian = timed(requests) { request in
            if case .success(let quote) = book.quote(request) { return quote.total.minorUnits }
            return 0
        }
        return Measurement(medianNanoseconds: median, resultMedianNanoseconds: resultMedian,
                           quoted: requests.count - refused, refused: refused)
    }

    /// Times the hand-written quote of `rules/` (`HandWrittenShop`) on the same requests
    /// as the engine, after checking the two agree on every one of them (and on
    /// random requests over the month), and prints the ratio. Returns its median.
    static func compareWithHandWritten(_ sample: (rules: RuleSet, book: PriceBook), requests: [QuoteRequest],
                                       engine: Measurement) throws -> Double {
        guard let shop = HandWrittenShop(rules: sample.rules, book: sample.book) else {
            throw BenchmarkError(description: "the hand-written quote does not fit these rules: it is written for rules/")
        }
        // Random buyers over the month, and each with the facts and counters the
        // bench's requests leave out: a signup date, the code in any case, redemptions.
        let random = randomRequests(sample.rules, count: 20_000, seed: 11)
        let varied = random.enumerated().map { index, request -> QuoteRequest in
            var request = request
            if index % 3 == 0, let signup = CivilDate(year: 2025 + index % 2, month: 6, day: 1) { request.user["signup"] = .date(signup) }
            if index % 5 == 0 { request.codes = [index % 2 == 0 ? "vip2026" : "VIP2026"] }
            if index % 7 == 0 { request.redemptions = ["vip_code": Redemptions(total: Int64(9_999 + index % 3), perUser: Int64(index % 2)),
                                                       "first_purchase_bonus": Redemptions(total: 0, perUser: Int64(index % 2))] }
            return request
        }
        let checked = requests + random + varied
        let disagreements = shop.disagreements(with: sample.book, on: checked)
        guard disagreements.isEmpty else {
            throw BenchmarkError(description: "the hand-written quote disagrees with the engine on \(disagreements.count) of \(checked.count) requests, first: \(disagreements[0])")
        }
        let median = timed(requests) { shop.quote($0)?.total ?? 0 }
        // The quote alone, from requests resolved beforehand: the floor of the work.
        let resolved = requests.compactMap(shop.resolve)
        let quoteAlone = timed(resolved) { shop.quote($0).total }
        // The engine's quote from requests resolved beforehand (`PriceBook.resolve`).
        let engineResolved = requests.compactMap { try? sample.book.resolve($0).get() }
        let engineAlone = timed(engineResolved) { request in (try? sample.book.quoted(request))?.totalMinor ?? 0 }
        let engineAloneResult = timed(engineResolved) { request in
            if case .success(let quote) = sample.book.quote(request) { return quote.totalMinor }
            return 0
        }
        print(String(format: "  the same requests quoted by hand (HandWrittenShop, agrees on %d requests)\n    median quote %.0f ns: the engine takes %.2f× as long (%.2f× through the Result)\n    from requests resolved beforehand, %.0f ns a quote by hand, %.0f ns by the engine: %.2f× (%.0f ns, %.2f× through the Result)",
                     checked.count, median, engine.medianNanoseconds / median, engine.resultMedianNanoseconds / median,
                     quoteAlone, engineAlone, engineAlone / quoteAlone, engineAloneResult, engineAloneResult / quoteAlone))
        return median
    }

    /// The median time per call of `work` over `inputs`, in nanoseconds, measured as
    /// `measureQuotes` measures the engine: rounds of at least 20,000 calls
    /// (`COINAGE_BENCH_ROUNDS` lowers the rounds, for runs under a profiler).
    ///
    /// Each input is moved out of its slot for the call and back after it, never
    /// copied: an input read out of the array for an opaque call was copied first,
    /// every string and dictionary of a request retained and released, which took
    /// 20–35 ns a call (measured with a call that did nothing) on both sides of a
    /// ratio and flattered it.
    @inline(__always)
    static func timed<Input>(_ inputs: [Input], _ work: (borrowing Input) -> Int64) -> Double {
        var checksum: Int64 = 0
        let perRound = max(inputs.count, 20_000)
        var samples: [Double] = []
        let rounds = ProcessInfo.processInfo.environment["COINAGE_BENCH_ROUNDS"].flatMap { Int($0) } ?? 50
        var held = inputs
        held.withUnsafeMutableBufferPointer { held in
            guard let base = held.baseAddress else { return }
            for _ in 0..<max(1, rounds) {
                let start = ContinuousClock.now
                for index in 0..<perRound {
                    let slot = base + index % held.count
                    let input = slot.move()
                    checksum &+= work(input)
                    slot.initialize(to: consume input)
                }
                samples.append(seconds(ContinuousClock.now - start) * 1e9 / Double(perRound))
            }
        }
        samples.sort()
        if checksum == 42 { print("") }
        return samples[samples.count / 2]
    }

    static func report(_ label: String, _ measurement: Measurement) {
        let perSecond = 1e9 / measurement.medianNanoseconds
        print(String(format: "  %@\n    median quote %.0f ns, %.2f million quotes/s (%d requests, %d refused); %.0f ns through the Result",
                     label, measurement.medianNanoseconds, perSecond / 1e6, measurement.quoted + measurement.refused, measurement.refused,
                     measurement.resultMedianNanoseconds))
    }

    /// Every bundle × region × channel of a rule set.
    static func allCells(_ rules: RuleSet) -> [QuoteRequest] {
        var requests: [QuoteRequest] = []
        for bundle in rules.bundles {
            for region in rules.regions {
                for channel in rules.channels.isEmpty ? [nil] : rules.channels.map({ Optional($0.name) }) {
                    requests.append(QuoteRequest(item: .bundle(bundle.name), region: region.code, channel: channel, instant: instant,
                                                 user: ["segment": .value("vip"), "purchases": .int(12), "first_purchase": .bool(false)],
                                                 codes: ["VIP2026"]))
                }
            }
        }
        return requests
    }

    static func randomRequests(_ rules: RuleSet, count: Int, seed: UInt64) -> [QuoteRequest] {
        var random = SplitMix64(seed: seed)
        let segments = ["new", "casual", "whale", "vip", "lapsed"]
        return (0..<count).map { _ in
            let bundle = rules.bundles[Int(random.next(UInt64(rules.bundles.count)))]
            let region = rules.regions[Int(random.next(UInt64(rules.regions.count)))]
            let channel = rules.channels[Int(random.next(UInt64(rules.channels.count)))]
            return QuoteRequest(item: .bundle(bundle.name), region: region.code, channel: channel.name,
                                instant: instant + Int64(random.next(86_400 * 30)),
                                user: ["segment": .value(segments[Int(random.next(5))]), "purchases": .int(Int64(random.next(40))),
                                       "first_purchase": .bool(random.next(2) == 0)],
                                codes: random.next(10) == 0 ? ["PROMO\(random.next(100))"] : [])
        }
    }

    // MARK: - Batch through the CLI

    /// Runs the release `coinage quote --batch` on a file of JSON lines, end to end.
    static func batch(rules: String, label: String, lines: Int, ruleSet: RuleSet) throws {
        let requests = randomRequests(ruleSet, count: 10_000, seed: 7)
        var text = ""
        for index in 0..<lines {
            let request = requests[index % requests.count]
            guard case .bundle(let bundle) = request.item else { continue }
            var user = ""
            if case .value(let segment)? = request.user["segment"] { user += "\"segment\":\"\(segment)\"" }
            text += "{\"bundle\":\"\(bundle)\",\"region\":\"\(request.region)\",\"channel\":\"\(request.channel ?? "")\",\"at\":\"2026-11-28T19:00:00Z\",\"user\":{\(user)}}\n"
        }
        let input = NSTemporaryDirectory() + "coinage-bench-requests.jsonl"
        try text.write(toFile: input, atomically: true, encoding: .utf8)
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("coinage").path
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw BenchmarkError(description: "no `coinage` binary beside coinage-bench at \(binary): build with `swift build -c release`")
        }
        let start = ContinuousClock.now
        let (status, peak) = try spawnAndWait(binary, ["quote", "--batch", "--rules", rules], stdin: input, stdout: "/dev/null")
        let elapsed = seconds(ContinuousClock.now - start)
        guard status <= 1 else {
            throw BenchmarkError(description: "coinage quote --batch exited with \(status)")
        }
        print(String(format: "  quote --batch on %@: %d lines in %.2f s, %.0f quotes/s end to end, peak memory %.1f MB",
                     label, lines, elapsed, Double(lines) / elapsed, peak))
    }

    /// Runs a program with its standard input and output redirected to files and
    /// returns its exit status and its own peak memory in MB.
    ///
    /// The peak is read from the child's `/proc/PID/status` (`VmHWM`) while it runs:
    /// `getrusage` and `wait4` would report this (large) process's peak too, which
    /// Linux carries into a child across `exec`.
    static func spawnAndWait(_ path: String, _ arguments: [String], stdin: String, stdout: String,
                             stderr: String? = nil) throws -> (Int32, Double) {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdin, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY, 0)
        if let stderr { posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o644) }
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, path, &actions, nil, argv, environ)
        guard spawned == 0 else { throw BenchmarkError(description: "cannot start \(path): error \(spawned)") }
        var status: Int32 = 0
        var peakKilobytes = 0
        while true {
            if let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
               let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
               let kilobytes = Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") {
                peakKilobytes = max(peakKilobytes, kilobytes)
            }
            let done = waitpid(pid, &status, WNOHANG)
            if done == pid { break }
            guard done == 0 else { throw BenchmarkError(description: "lost the child process") }
            usleep(2_000)
        }
        let exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return (exitStatus, Double(peakKilobytes) / 1024)
    }

    // MARK: - Helpers

    static func seconds(_ duration: Duration) -> Double {
        let (whole, fraction) = duration.components
        return Double(whole) + Double(fraction) / 1e18
    }

    /// Peak resident memory (Linux reports kilobytes).
    static func peakMegabytes(_ who: __rusage_who) -> Double {
        var usage = rusage()
        getrusage(Int32(who.rawValue), &usage)
        return Double(usage.ru_maxrss) / 1024
    }
}
