import CoinageJSON
import CoinageSyntax

extension DiagnosticRenderer {
    /// GitLab's Code Quality report: a JSON array of Code Climate issues, which a
    /// job names under `artifacts: reports: codequality:` to see them in merge requests.
    ///
    /// Each issue has the fields GitLab reads: `description` (the message, then the
    /// help), `check_name` (the code), `fingerprint`, `severity` and
    /// `location.path` with `location.lines.begin`.
    func renderGitLab(_ diagnostics: [Diagnostic]) -> String {
        var seen: [String: Int] = [:]
        let issues = diagnostics.map { diagnostic -> JSONValue in
            let at = position(of: diagnostic.span)
            // GitLab matches the issues of two pipelines by fingerprint: it leaves out
            // the line, so an issue stays the same issue when lines above it move.
            let identity = "\(diagnostic.code.rawValue)\u{0}\(at.path)\u{0}\(diagnostic.message)"
            let occurrence = seen[identity, default: 0]
            seen[identity] = occurrence + 1
            var description = diagnostic.message
            if let help = diagnostic.help { description += " (help: \(help))" }
            return .object([
                ("description", .string(description)),
                ("check_name", .string(diagnostic.code.rawValue)),
                ("fingerprint", .string(Self.fingerprint("\(identity)\u{0}\(occurrence)"))),
                ("severity", .string(gitLabSeverity(diagnostic.severity))),
                ("location", .object([
                    ("path", .string(at.path)),
                    ("lines", .object([("begin", .integer(Int64(at.line)))])),
                ])),
            ])
        }
        return JSONValue.array(issues).serialized(pretty: true) + "\n"
    }

    /// Errors fail the check, so they rank above warnings in GitLab's scale
    /// (`info`, `minor`, `major`, `critical`, `blocker`).
    private func gitLabSeverity(_ severity: Severity) -> String {
        switch severity {
        case .error: "major"
        case .warning: "minor"
        case .note: "info"
        }
    }

    /// 32 hex digits of FNV-1a (128 bits) of the text: stable on every platform and
    /// run, which Swift's `Hasher` is not.
    static func fingerprint(_ text: String) -> String {
        var hash: UInt128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d
        let prime: UInt128 = 0x0000_0000_0100_0000_0000_0000_0000_013b
        for byte in text.utf8 {
            hash ^= UInt128(byte)
            hash = hash &* prime
        }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 32 - digits.count) + digits
    }
}
