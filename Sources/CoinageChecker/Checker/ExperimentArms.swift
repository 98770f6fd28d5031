import CoinageSyntax

/// Each experiment arm's rules: control's declarations with the arm's in place of
/// the ones of the same key, checked as a rule set of their own.
///
/// Re-checking the whole rule set per arm keeps one meaning for every declaration:
/// an arm's price or promotion is checked, derived and later compiled exactly as
/// control's are, so the arm's price book, guards and diff need nothing of their own.
enum ExperimentArms {
    /// The experiments with their arms' rule sets; the diagnostics of arms whose
    /// rules do not check go to `bag` (errors, each naming its arm, and the warnings
    /// found inside the arm's block).
    static func derive(_ experiments: [CheckedExperiment], files: [RuleFile], sources: SourceMap,
                       zones: (any TimeZoneDatabase)?, into bag: inout DiagnosticBag) -> [Experiment] {
        experiments.map { experiment in
            let arms = experiment.arms.map { arm -> ExperimentArmRules in
                guard let body = arm.body, arm.name != Experiment.controlArm else {
                    return ExperimentArmRules(name: arm.name, weight: arm.weight, rules: nil, span: arm.span)
                }
                let rules = armRules(body, of: experiment.name, arm: arm.name, armSpan: arm.span, files: files,
                                     sources: sources, zones: zones, into: &bag)
                return ExperimentArmRules(name: arm.name, weight: arm.weight, rules: rules, span: arm.span)
            }
            return Experiment(name: experiment.name, salt: experiment.salt, unitAttribute: experiment.unitAttribute,
                              audience: experiment.audience, window: experiment.window, start: experiment.start,
                              end: experiment.end, arms: arms, span: experiment.span)
        }
    }

    private static func armRules(_ body: [Declaration], of experiment: String, arm: String, armSpan: SourceSpan,
                                 files: [RuleFile], sources: SourceMap, zones: (any TimeZoneDatabase)?,
                                 into bag: inout DiagnosticBag) -> RuleSet? {
        let replaced = Set(body.compactMap(key))
        var armFiles = files.map { file in
            RuleFile(file: file.file, declarations: file.declarations.filter { declaration in
                guard let key = key(declaration) else { return true }
                return !replaced.contains(key)
            }, incomplete: file.incomplete)
        }
        armFiles.append(RuleFile(file: armSpan.file, declarations: body))
        var checker = Checker(sources: sources, zones: zones)
        checker.isArmRun = true
        checker.pinnedArm = ExperimentPin(experiment: experiment, arm: arm)
        let rules = checker.run(armFiles)
        let note = DiagnosticNote("in arm `\(arm)` of experiment `\(experiment)`", at: armSpan)
        for diagnostic in checker.diagnostics.all {
            let inArm = diagnostic.span.file == armSpan.file && diagnostic.span.start >= armSpan.start && diagnostic.span.end <= armSpan.end
            guard diagnostic.severity == .error || inArm else { continue }
            bag.add(Diagnostic(diagnostic.code, diagnostic.message, at: diagnostic.span,
                               notes: diagnostic.notes + (inArm ? [] : [note]), help: diagnostic.help,
                               severity: diagnostic.severity))
        }
        return rules
    }

    /// What an arm's declaration replaces in control: the declaration of the same kind
    /// and name (of the same bundle, place and channel for a price). Nil for the
    /// declarations an arm cannot hold, which are never replaced.
    static func key(_ declaration: Declaration) -> String? {
        switch declaration {
        case .price(let d): "price \(d.bundle.text) \(d.scope?.text ?? "*") \(d.channel?.text ?? "*")"
        case .promotion(let d): "promotion \(d.name.text)"
        case .bundle(let d): "bundle \(d.name.text)"
        case .custom(let d): "bundle \(d.name.text)"
        case .region(let d): "region \(d.code.text)"
        case .channel(let d): "channel \(d.name.text)"
        case .rounding(let d): "round \(d.currency.text) \(d.scope?.text ?? "*") \(d.channel?.text ?? "*")"
        case .rate(let d): "rate \(d.currency.text)"
        case .points(let d): "points \(d.name.text)"
        default: nil
        }
    }
}
