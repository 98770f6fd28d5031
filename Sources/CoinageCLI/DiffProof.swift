import Coinage
import CoinageIO
import CoinageJSON
import Foundation

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
    static func finish(_ asked: Asked, _ proof: ChangeProof?, format: String, old: String, new: String,
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
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
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

    /// The exit status: 0 every claim proven, 1 one disproven, 3 none disproven but
    /// one incomplete.
    static func status(_ proof: ChangeProof) -> ExitCode {
        proof.anyDisproven ? .failure : proof.allProven ? .success : .incomplete
    }

    /// The proofs section of the text report.
    static func text(_ proof: ChangeProof, old: String, new: String) -> String {
        var lines = ["", "proofs"]
        if let space = proof.space { lines.append("  \(spaceSummary(space)); \(DiffVocabulary.count(proof.requestsQuoted)) requests quoted") }
        for (claim, outcome) in zip(proof.claims, proof.outcomes) {
            switch outcome {
            case .proven: lines.append("  ✓ \(claim): proven")
            case .incomplete(let reason): lines.append("  ? \(claim): incomplete: \(reason)")
            case .disproven(let example):
                lines.append("  ✗ \(claim): disproven: \(example.request.cellText): \(example.reason)")
                lines += replay(example, claim: claim, old: old, new: new).map { "      " + $0 }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The proofs section of the markdown comment.
    static func markdown(_ proof: ChangeProof, old: String, new: String) -> String {
        var lines = ["#### Claims", ""]
        if let space = proof.space { lines += [spaceSummary(space) + ".", ""] }
        lines += ["| claim | outcome |", "| --- | --- |"]
        for (claim, outcome) in zip(proof.claims, proof.outcomes) {
            let text = switch outcome {
            case .proven: "✅ proven"
            case .incomplete(let reason): "❔ incomplete: " + reason.replacingOccurrences(of: "|", with: "\\|")
            case .disproven(let example): "❌ disproven: `\(example.request.cellText)`: " + example.reason.replacingOccurrences(of: "|", with: "\\|")
            }
            lines.append("| `\(claim)` | \(text) |")
        }
        for (claim, outcome) in zip(proof.claims, proof.outcomes) {
            guard case .disproven(let example) = outcome else { continue }
            lines += ["", "<details><summary>Counterexample to <code>\(claim)</code></summary>", "", "```text"]
            lines += replay(example, claim: claim, old: old, new: new).filter { !$0.isEmpty }
            lines += ["```", "", "</details>"]
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The proofs member of the JSON document.
    static func json(_ proof: ChangeProof, old: String, new: String) -> JSONValue {
        .object([
            ("requestsQuoted", .integer(Int64(proof.requestsQuoted))),
            ("claims", .array(zip(proof.claims, proof.outcomes).map { claim, outcome in
                var members: [(String, JSONValue)] = [("claim", .string(claim.description))]
                switch outcome {
                case .proven: members.append(("outcome", .string("proven")))
                case .incomplete(let reason): members += [("outcome", .string("incomplete")), ("reason", .string(reason))]
                case .disproven(let example):
                    members += [("outcome", .string("disproven")), ("reason", .string(example.reason)),
                                ("request", example.request.jsonValue),
                                ("old", quoteJSON(example.old)), ("new", quoteJSON(example.new)),
                                ("oldCommand", .string(example.request.commandLine(rulesDirectory: old))),
                                ("newCommand", .string(example.request.commandLine(rulesDirectory: new))),
                                ("test", .string(testBlock(example, claim: claim)))]
                }
                return .object(members)
            })),
        ])
    }

    /// A quote as `coinage quote --json` writes it, or its error object.
    private static func quoteJSON(_ outcome: Result<Quote, QuoteError>) -> JSONValue {
        switch outcome {
        case .success(let quote): QuoteJSON.quote(quote)
        case .failure(let error): QuoteJSON.error(error)
        }
    }

    /// Both quotes, the command that makes each, and a test that fails on the new
    /// rules until the claim holds.
    private static func replay(_ example: ProofCounterexample, claim: ProofClaim, old: String, new: String) -> [String] {
        ["old: " + side(example.old), "  " + example.request.commandLine(rulesDirectory: old),
         "new: " + side(example.new), "  " + example.request.commandLine(rulesDirectory: new),
         "test for the new rules (fails until the claim holds):"]
            + testBlock(example, claim: claim).split(separator: "\n").map { "  " + $0 }
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
    /// and promotions, or the old refusal.
    private static func testBlock(_ example: ProofCounterexample, claim: ProofClaim) -> String {
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
        let body = example.request.testLines(namingUTC: true) + expectations
        return (["test \"\(claim.description.split(separator: ":").first ?? "claim") holds for \(example.request.cellText)\" {"]
            + body.map { "  " + $0 } + ["}"]).joined(separator: "\n")
    }

    private static func spaceSummary(_ space: ProofSpace) -> String {
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
    /// the claims file when the claims came from one.
    static func sarif(_ proof: ChangeProof, old: String, new: String, claimsFile: String?) -> String {
        func ruleId(_ claim: ProofClaim) -> String { "prove/" + claim.description }
        let rules = proof.claims.map { claim in
            JSONValue.object([("id", .string(ruleId(claim))), ("shortDescription", .object([("text", .string("the claim `\(claim)` about the change from `\(old)` to `\(new)`"))]))])
        }
        let results = zip(proof.claims, proof.outcomes).map { claim, outcome in
            var members: [(String, JSONValue)] = [("ruleId", .string(ruleId(claim)))]
            switch outcome {
            case .proven:
                members += [("kind", .string("pass")), ("level", .string("none")),
                            ("message", .object([("text", .string("`\(claim)` is proven"))]))]
            case .incomplete(let reason):
                members += [("level", .string("warning")),
                            ("message", .object([("text", .string("`\(claim)` is incomplete: \(reason)"))]))]
            case .disproven(let example):
                let text = "`\(claim)` is disproven: \(example.request.cellText): \(example.reason)\n"
                    + replay(example, claim: claim, old: old, new: new).joined(separator: "\n")
                members += [("level", .string("error")), ("message", .object([("text", .string(text))]))]
            }
            if let claimsFile {
                members.append(("locations", .array([.object([("physicalLocation", .object([
                    ("artifactLocation", .object([("uri", .string(claimsFile))])),
                ]))])])))
            }
            return JSONValue.object(members)
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
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            return nil
        } catch {
            return "cannot write `\(path)`: \(error.localizedDescription)"
        }
    }
}
