import Coinage
import CoinageFoundation
import CoinageIO
import CoinageJSON
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `coinage diff --prove CLAIM` and `--claims FILE`: reading the claims, and the
/// proofs section of each format.
enum DiffProof {
    /// The options `diff` takes for proofs.
    static let options: [OptionSpec] = [
        .value(.prove, "CLAIM", repeatable: true,
               "prove a claim over every request: no-price-increase, same-quotes, no-lost-promotion, unchanged-outside:bundle=a,b;region=US;channel=web"),
        .value(.claims, "FILE", "prove the claims of FILE, one per line (`#` starts a comment)"),
        .value(.proveBudget, "N", "most requests a proof quotes before it says incomplete (default 2000000)"),
        .value(.sarif, "FILE", "also write the proofs to FILE as SARIF 2.1.0, for code scanning"),
    ]

    /// What the command line asks to prove.
    struct Asked {
        let claims: [ProofClaim]
        let budget: ProofBudget
        let sarif: String?
        let claimsFile: String?
    }

    /// The proofs asked for, nil when none; a usage error for a claim, file or budget
    /// that cannot be read, or `--sarif` without a claim.
    static func asked(_ arguments: ParsedArguments) throws(UsageError) -> Asked? {
        let claims = try claims(arguments)
        let budget = try budget(arguments)
        guard !claims.isEmpty else {
            if let path = arguments.value(.sarif) {
                throw .invalidValue(option: Option.sarif.name, value: path, reason: "it holds proofs: give `--prove CLAIM` or `--claims FILE`")
            }
            return nil
        }
        return Asked(claims: claims, budget: budget, sarif: arguments.value(.sarif), claimsFile: arguments.value(.claims))
    }

    /// After the report: the proofs section of `text` and `markdown`, the SARIF file,
    /// and the exit status.
    static func finish(_ asked: Asked, _ proof: ArmChangeProof?, format: String, old: String, new: String,
                       console: Console) -> ExitCode {
        guard let proof else { return .success }
        switch format {
        case "markdown": console.writeText("\n" + markdown(proof, old: old, new: new))
        case "text": console.writeText(text(proof, old: old, new: new))
        default: break
        }
        if let path = asked.sarif, let failure = write(sarif(proof, old: old, new: new, claimsFile: asked.claimsFile), to: path) {
            console.writeError("error: \(failure)\n")
            return .usage
        }
        return status(proof)
    }

    /// The claims of the command line, then those of the claims file, without repeats;
    /// a usage error for a claim or file that cannot be read.
    static func claims(_ arguments: ParsedArguments) throws(UsageError) -> [ProofClaim] {
        var claims: [ProofClaim] = []
        for text in arguments.allValues(.prove) {
            switch ProofClaim.parse(text) {
            case .success(let claim): if !claims.contains(claim) { claims.append(claim) }
            case .failure(let error): throw .invalidValue(option: Option.prove.name, value: text, reason: error.message + "; " + error.help)
            }
        }
        if let path = arguments.value(.claims) {
            guard let bytes = try? RulesDirectory.readBounded(path), let text = String(validating: bytes, as: UTF8.self) else {
                throw .invalidValue(option: Option.claims.name, value: path, reason: "the file cannot be read as UTF-8 text")
            }
            switch ClaimsFile.parse(text) {
            case .success(let found): claims += found.filter { !claims.contains($0) }
            case .failure(let error):
                throw .invalidValue(option: Option.claims.name, value: path, reason: error.message + "; " + error.help)
            }
        }
        return claims
    }

    /// The budget of `--prove-budget N`, or the standard one.
    static func budget(_ arguments: ParsedArguments) throws(UsageError) -> ProofBudget {
        guard let text = arguments.value(.proveBudget) else { return .standard }
        guard let requests = Int(text.filter { $0 != "_" }), requests > 0 else {
            throw .invalidValue(option: Option.proveBudget.name, value: text, reason: "give a positive number of requests")
        }
        return ProofBudget(requests: requests)
    }

    /// The exit status: 0 every claim proven (in control and every arm), 1 one
    /// disproven, 3 none disproven but one incomplete.
    static func status(_ proof: ArmChangeProof) -> ExitCode {
        proof.anyDisproven ? .failure : proof.allProven ? .success : .incomplete
    }

    /// The lines of one proof run in the text report: its classes, then one line per
    /// claim, each counterexample with its replay. `arm` is nil for control.
    static func textLines(_ proof: ChangeProof, arm: ArmProof?, old: String, new: String) -> [String] {
        var lines: [String] = []
        if let space = proof.space { lines.append("  \(spaceSummary(space)); \(DiffVocabulary.count(proof.requestsQuoted)) requests quoted") }
        let place = arm.map { " in arm `\($0.arm)`" } ?? ""
        for (claim, outcome) in zip(proof.claims, proof.outcomes) {
            switch outcome {
            case .proven: lines.append("  ✓ \(claim): proven\(place)")
            case .incomplete(let reason): lines.append("  ? \(claim): incomplete\(place): \(reason)")
            case .disproven(let example):
                lines.append("  ✗ \(claim): disproven\(place): \(example.request.cellText): \(example.reason)")
                lines += replay(example, claim: claim, old: old, new: new, arm: arm).map { "      " + $0 }
            }
        }
        return lines
    }

    /// The summary and table of one proof run in the markdown comment.
    static func markdownTable(_ proof: ChangeProof) -> [String] {
        var lines: [String] = []
        if let space = proof.space { lines += [spaceSummary(space) + ".", ""] }
        lines += ["| claim | outcome |", "| --- | --- |"]
        for (claim, outcome) in zip(proof.claims, proof.outcomes) {
            let text = switch outcome {
            case .proven: "✅ proven"
            case .incomplete(let reason): "❔ incomplete: " + escaped(reason)
            case .disproven(let example): "❌ disproven: `\(example.request.cellText)`: " + escaped(example.reason)
            }
            lines.append("| `\(claim)` | \(text) |")
        }
        return lines
    }

    /// A collapsed block per counterexample of one proof run in the markdown comment.
    static func markdownDetails(_ proof: ChangeProof, arm: ArmProof?, old: String, new: String) -> [String] {
        var lines: [String] = []
        let place = arm.map { " in arm <code>\($0.arm)</code>" } ?? ""
        for (claim, outcome) in zip(proof.claims, proof.outcomes) {
            guard case .disproven(let example) = outcome else { continue }
            lines += ["", "<details><summary>Counterexample to <code>\(claim)</code>\(place)</summary>", "", "```text"]
            lines += replay(example, claim: claim, old: old, new: new, arm: arm).filter { !$0.isEmpty }
            lines += ["```", "", "</details>"]
        }
        return lines
    }

    /// `text` inside a markdown table cell.
    static func escaped(_ text: String) -> String { text.replacing("|", with: "\\|") }

    /// One claim's object in the `proofs` member of the JSON document.
    static func claimJSON(_ claim: ProofClaim, _ outcome: ProofOutcome, arm: ArmProof?, old: String, new: String,
                          naming place: [(String, JSONValue)] = []) -> JSONValue {
        var members: [(String, JSONValue)] = [("claim", .string(claim.description))]
        switch outcome {
        case .proven: members.append(("outcome", .string("proven")))
        case .incomplete(let reason): members += [("outcome", .string("incomplete")), ("reason", .string(reason))]
        case .disproven(let example):
            members += [("outcome", .string("disproven"))] + place + [("reason", .string(example.reason)),
                        ("request", example.request.jsonValue),
                        ("old", quoteJSON(example.old)), ("new", quoteJSON(example.new)),
                        ("oldCommand", .string(command(example, rulesDirectory: old, forcing: arm?.oldDeclares == true ? arm : nil))),
                        ("newCommand", .string(command(example, rulesDirectory: new, forcing: arm?.newDeclares == true ? arm : nil))),
                        ("test", .string(testBlock(example, claim: claim, arm: arm)))]
        }
        return .object(members)
    }

    /// A quote as `coinage quote --json` writes it, or its error object.
    private static func quoteJSON(_ outcome: Result<Quote, QuoteError>) -> JSONValue {
        switch outcome {
        case .success(let quote): QuoteJSON.quote(quote)
        case .failure(let error): QuoteJSON.error(error)
        }
    }

    /// Both quotes, the command that makes each, and a test that fails on the new
    /// rules until the claim holds. In an arm, each side that declares it forces it.
    static func replay(_ example: ProofCounterexample, claim: ProofClaim, old: String, new: String, arm: ArmProof?) -> [String] {
        ["old: " + side(example.old), "  " + command(example, rulesDirectory: old, forcing: arm?.oldDeclares == true ? arm : nil),
         "new: " + side(example.new), "  " + command(example, rulesDirectory: new, forcing: arm?.newDeclares == true ? arm : nil),
         "test for the new rules (fails until the claim holds):"]
            + testBlock(example, claim: claim, arm: arm).split(separator: "\n").map { "  " + $0 }
    }

    /// The `coinage quote` command of a counterexample on one side, with `--arm`
    /// when that side declares the arm it was found in.
    private static func command(_ example: ProofCounterexample, rulesDirectory: String, forcing arm: ArmProof?) -> String {
        example.request.commandLine(rulesDirectory: rulesDirectory, arm: arm?.arm.forcing)
    }

    /// One side of a counterexample in words: `6.49 EUR (black_friday)`, or the refusal.
    private static func side(_ outcome: Result<Quote, QuoteError>) -> String {
        switch outcome {
        case .success(let quote):
            "total \(quote.total), \(quote.coins.total) coins" + (quote.applied.isEmpty ? "" : " (\(quote.applied.joined(separator: ", ")))")
        case .failure(let error): "refused: \(error.kind.rawValue)"
        }
    }

    /// A `test` block that pins what the claim asks of the new rules: the old total
    /// and promotions, or the old refusal; in an arm the new rules declare, its
    /// `arm` line forces the arm.
    private static func testBlock(_ example: ProofCounterexample, claim: ProofClaim, arm: ArmProof?) -> String {
        var expectations: [String] = []
        switch example.old {
        case .success(let quote):
            switch claim {
            case .noPriceIncrease: expectations.append("expect total \(quote.total)")
            case .noLostPromotion: expectations += quote.applied.map { "expect applied \($0)" }
            case .sameQuotes, .unchangedOutside:
                expectations += ["expect price \(quote.price)", "expect total \(quote.total)", "expect coins \(quote.coins.total)"]
            }
        case .failure(let error): expectations.append("expect error \(error.kind.rawValue)")
        }
        var body = example.request.testLines(namingUTC: true) + expectations
        if let arm, arm.newDeclares, let experiment = arm.arm.experiment { body.insert("arm \(experiment) \(arm.arm.arm)", at: 0) }
        let place = arm.map { " in arm \($0.arm)" } ?? ""
        return (["test \"\(claim.description.split(separator: ":").first ?? "claim") holds for \(example.request.cellText)\(place)\" {"]
            + body.map { "  " + $0 } + ["}"]).joined(separator: "\n")
    }

    static func spaceSummary(_ space: ProofSpace) -> String {
        let used = Set(space.sliceOfCell)
        let profiles = used.map { space.slices[$0].profileCount }
        let instants = used.map { space.slices[$0].instants.count }
        return "request classes: \(DiffVocabulary.count(space.cells.count)) cells (\(DiffVocabulary.count(space.customCells)) of custom amounts), "
            + "up to \(DiffVocabulary.count(profiles.max() ?? 0)) user profiles and \(instants.max() ?? 0) instants per cell: "
            + "\(DiffVocabulary.count(space.requestCount)) requests"
    }
}

extension DiffProof {
    /// The proofs as SARIF 2.1.0, for `--sarif FILE`: one rule per claim, one result
    /// per claim (`error` disproven, `warning` incomplete, kind `pass` proven), at
    /// the claims file when the claims came from one; then one result per claim in
    /// each arm proven, its message naming the arm, its `properties` the experiment and arm.
    static func sarif(_ proof: ArmChangeProof, old: String, new: String, claimsFile: String?) -> String {
        func ruleId(_ claim: ProofClaim) -> String { "prove/" + claim.description }
        let rules = proof.claims.map { claim in
            JSONValue.object([("id", .string(ruleId(claim))), ("shortDescription", .object([("text", .string("the claim `\(claim)` about the change from `\(old)` to `\(new)`"))]))])
        }
        let runs: [(ChangeProof, ArmProof?)] = [(proof.control, nil)] + proof.arms.compactMap { arm in arm.proof.map { ($0, arm) } }
        let results = runs.flatMap { run, arm in
            zip(run.claims, run.outcomes).map { claim, outcome in
                var members: [(String, JSONValue)] = [("ruleId", .string(ruleId(claim)))]
                let place = arm.map { "in arm `\($0.arm)`: " } ?? ""
                switch outcome {
                case .proven:
                    members += [("kind", .string("pass")), ("level", .string("none")),
                                ("message", .object([("text", .string(place + "`\(claim)` is proven"))]))]
                case .incomplete(let reason):
                    members += [("level", .string("warning")),
                                ("message", .object([("text", .string(place + "`\(claim)` is incomplete: \(reason)"))]))]
                case .disproven(let example):
                    let text = place + "`\(claim)` is disproven: \(example.request.cellText): \(example.reason)\n"
                        + replay(example, claim: claim, old: old, new: new, arm: arm).joined(separator: "\n")
                    members += [("level", .string("error")), ("message", .object([("text", .string(text))]))]
                }
                if let claimsFile {
                    members.append(("locations", .array([.object([("physicalLocation", .object([
                        ("artifactLocation", .object([("uri", .string(claimsFile))])),
                    ]))])])))
                }
                if let arm, let experiment = arm.arm.experiment {
                    members.append(("properties", .object([("experiment", .string(experiment)), ("arm", .string(arm.arm.arm))])))
                }
                return JSONValue.object(members)
            }
        }
        let document = JSONValue.object([
            ("$schema", .string("https://json.schemastore.org/sarif-2.1.0.json")),
            ("version", .string("2.1.0")),
            ("runs", .array([.object([
                ("tool", .object([("driver", .object([("name", .string("coinage")), ("rules", .array(rules))]))])),
                ("results", .array(results)),
            ])])),
        ])
        return document.serialized(pretty: true) + "\n"
    }

    /// Writes `text` to `path` whole or not at all (a temporary file renamed over it).
    static func write(_ text: String, to path: String) -> String? {
        do {
            try AtomicFileWrite.replace(path, with: Array(text.utf8), creating: true)
            return nil
        } catch {
            return "cannot write `\(path)`: \(error.reason)"
        }
    }
}
