import CoinageSyntax

extension Checker {
    /// Base currency, unit, stacking, floor, declared currencies, rates and rounding rules.
    mutating func checkSettings() {
        for declaration in declarations.currencies {
            if ISO4217.entry(declaration.code.text) != nil {
                report(.redefinedStandardCurrency, "`\(declaration.code.text)` is an ISO 4217 currency and cannot be redeclared",
                       at: declaration.code.span, help: "remove the declaration: \(declaration.code.text) is built in")
                continue
            }
            guard let exponent = declaration.exponent.value.integerValue else { continue }
            guard exponent >= 0, exponent <= Int64(Limits.maxCurrencyExponent) else {
                report(.exponentOutOfRange, "exponent of `\(declaration.code.text)` must be 0 to \(Limits.maxCurrencyExponent)",
                       at: declaration.exponent.span)
                continue
            }
            currencies.declare(Currency(code: declaration.code.text, exponent: Int(exponent)))
            recentCurrencies = []
        }

        if let declaration = declarations.baseCurrency.first {
            baseCurrency = currency(declaration.currency)
        } else if !declarations.didFail("setting", "base"), let file = sources.files.first {
            report(.missingBaseCurrency, "the rule set has no base currency", at: SourceSpan(file: file.id, start: 0, end: 0),
                   help: "add `base currency USD` (the currency of bundle base prices) to one of the files")
        }

        if let declaration = declarations.units.first {
            let plural = declaration.plural
            if ["bundle", "region", "channel", "currency", "list"].contains(plural.text) {
                // The plural is also the field of `when bits >= 500`: it cannot shadow another field.
                report(.reservedName, "`\(plural.text)` is a condition field and cannot name the unit", at: plural.span,
                       help: "choose another word: the unit's plural is also a field, as in `when \(plural.text) >= 500`")
            } else {
                unit = CoinUnit(singular: declaration.singular.text, plural: plural.text)
            }
        }

        if let floor = declarations.floor.first {
            _ = percentage(floor.percent, "a floor", from: 0, to: 100)
        }

        for declaration in declarations.rates {
            guard let currency = currency(declaration.currency) else { continue }
            if currency == baseCurrency {
                report(.rateForBaseCurrency, "`\(currency.code)` is the base currency; its rate is always 1",
                       at: declaration.span, help: "remove this line")
                continue
            }
            guard declaration.rate.value.significand > 0 else {
                report(.mustBePositive, "the rate of `\(currency.code)` must be more than zero", at: declaration.rate.span)
                continue
            }
            rates[currency.code] = declaration.rate.value
        }

        for declaration in declarations.roundings where declaration.isCurrencyWide {
            guard let currency = currency(declaration.currency) else { continue }
            if case .tiers = declaration.body, !declaration.isComplete { continue }
            if let rule = roundingRule(declaration.body, currency: currency, declarationSpan: declaration.span) {
                roundingRules[currency.code] = rule
            }
        }
    }

    mutating func roundingRule(_ body: RoundingBody, currency: Currency, declarationSpan: SourceSpan) -> RoundingRule? {
        switch body {
        case .single(let step):
            return grid(step, currency: currency).map(RoundingRule.single)
        case .tiers(let tiers):
            guard !tiers.isEmpty else {
                report(.roundingElseMisplaced, "the rounding of `\(currency.code)` has no tiers", at: declarationSpan,
                       help: "give at least an `else: nearest ...` tier, or write the rule on one line")
                return nil
            }
            var result: [RoundingRule.RoundingTier] = []
            var previousBound: (value: Int64, span: SourceSpan)?
            var ok = true
            for (position, tier) in tiers.enumerated() {
                let isLast = position == tiers.count - 1
                guard let bound = tier.bound else {
                    if !isLast {
                        report(.roundingElseMisplaced, "`else` must be the last tier of the rounding of `\(currency.code)`",
                               at: tier.span, help: "move the `else` tier to the end")
                        ok = false
                    }
                    if let grid = grid(tier.step, currency: currency) { result.append(.init(below: nil, grid: grid)) } else { ok = false }
                    continue
                }
                guard let boundMinor = amount(bound, currency: currency, what: "a tier bound") else { ok = false; continue }
                if let previous = previousBound, boundMinor <= previous.value {
                    report(.roundingTiersNotAscending, "tier bounds of `\(currency.code)` must ascend",
                           at: bound.span, notes: [DiagnosticNote("the tier before is bounded here", at: previous.span)],
                           help: "order the tiers from the smallest bound to the largest")
                    ok = false
                }
                previousBound = (boundMinor, bound.span)
                if let grid = grid(tier.step, currency: currency) {
                    result.append(.init(below: boundMinor, grid: grid))
                } else {
                    ok = false
                }
                if isLast {
                    report(.roundingElseMisplaced, "the rounding of `\(currency.code)` has no `else` tier",
                           at: tier.span, help: "end the tiers with `else: nearest ...` for prices above the last bound")
                    ok = false
                }
            }
            return ok ? .tiers(result) : nil
        }
    }

    private mutating func grid(_ step: RoundingStep, currency: Currency) -> RoundingGrid? {
        guard let stepMinor = amount(step.step, currency: currency, what: "a rounding step") else { return nil }
        guard stepMinor > 0 else {
            report(.mustBePositive, "a rounding step must be more than zero", at: step.step.span)
            return nil
        }
        var endingMinor: Int64 = 0
        if let ending = step.ending {
            guard let value = amount(ending, currency: currency, what: "a rounding ending") else { return nil }
            guard value < stepMinor else {
                report(.roundingEndingNotBelowStep, "ending `\(text(ending.span))` is not below the step `\(text(step.step.span))`",
                       at: ending.span, help: "candidates are `k × step + ending`, so the ending must be smaller than the step")
                return nil
            }
            endingMinor = value
        }
        return RoundingGrid(mode: step.mode, step: stepMinor, ending: endingMinor)
    }

    /// A bare amount written in major units of `currency`, as minor units.
    private mutating func amount(_ literal: NumberLiteral, currency: Currency, what: String) -> Int64? {
        switch Money.exact(literal.value, in: currency) {
        case .success(let money):
            return money.minorUnits
        case .failure(.tooManyDecimals(let allowed)):
            report(.roundingStepTooFine, "\(what) of \(text(literal.span)) is finer than the minor unit of \(currency.code)",
                   at: literal.span, help: "\(currency.code) has \(allowed == 0 ? "no decimals" : allowed == 1 ? "1 decimal" : "\(allowed) decimals")")
            return nil
        case .failure(.overflow):
            report(.amountOverflow, "\(what) is too large for \(currency.code)", at: literal.span)
            return nil
        }
    }
}
