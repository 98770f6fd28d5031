import CoinageSyntax

// The fingerprints of the standard types and the literals, in exactly the text
// reflection gives (`Type(field:value,...)`, `Type.case` then the payload), leaving
// out positions as reflection did. `FingerprintTests` checks both agree on every
// construct, so a field added to one of these types and missed here fails a test.
// The declarations are in DeclarationFingerprints.swift, the promotions in
// PromotionFingerprints.swift, the tests in TestFingerprints.swift.

extension String: Fingerprinted {
    func writeFingerprint(into writer: inout FingerprintWriter) { writer.text += debugDescription }
}

extension Int: Fingerprinted {
    func writeFingerprint(into writer: inout FingerprintWriter) { writer.text += String(self) }
}

extension Int64: Fingerprinted {
    func writeFingerprint(into writer: inout FingerprintWriter) { writer.text += String(self) }
}

extension Bool: Fingerprinted {
    func writeFingerprint(into writer: inout FingerprintWriter) { writer.text += self ? "true" : "false" }
}

extension Optional: Fingerprinted where Wrapped: Fingerprinted {
    func writeFingerprint(into writer: inout FingerprintWriter) {
        if let self { writer.write(self) } else { writer.text += "nil" }
    }
}

extension Array: Fingerprinted where Element: Fingerprinted {
    func writeFingerprint(into writer: inout FingerprintWriter) {
        writer.text += "["
        for element in self {
            writer.write(element)
            writer.text += ","
        }
        writer.text += "]"
    }
}

// MARK: - Literals

extension ExactDecimal: Fingerprinted {
    func writeFingerprint(into w: inout FingerprintWriter) {
        w.open("ExactDecimal"); w.field("significand", significand); w.field("scale", scale); w.close()
    }
}

extension Name: Fingerprinted {
    func writeFingerprint(into w: inout FingerprintWriter) { w.open("Name"); w.field("text", text); w.close() }
}

extension Code: Fingerprinted {
    func writeFingerprint(into w: inout FingerprintWriter) { w.open("Code"); w.field("text", text); w.close() }
}

extension NumberLiteral: Fingerprinted {
    func writeFingerprint(into w: inout FingerprintWriter) {
        w.open("NumberLiteral"); w.field("value", value); w.field("isInteger", isInteger); w.field("unit", unit); w.close()
    }
}

extension PercentLiteral: Fingerprinted {
    func writeFingerprint(into w: inout FingerprintWriter) { w.open("PercentLiteral"); w.field("value", value); w.close() }
}

extension MoneyLiteral: Fingerprinted {
    func writeFingerprint(into w: inout FingerprintWriter) {
        w.open("MoneyLiteral"); w.field("amount", amount); w.field("currency", currency); w.close()
    }
}

extension StringLiteral: Fingerprinted {
    func writeFingerprint(into w: inout FingerprintWriter) { w.open("StringLiteral"); w.field("value", value); w.close() }
}

extension CivilDate: Fingerprinted {
    func writeFingerprint(into w: inout FingerprintWriter) {
        w.open("CivilDate"); w.field("year", year); w.field("month", month); w.field("day", day); w.close()
    }
}

extension TimeOfDay: Fingerprinted {
    func writeFingerprint(into w: inout FingerprintWriter) {
        w.open("TimeOfDay"); w.field("hour", hour); w.field("minute", minute); w.field("second", second); w.close()
    }
}

extension TimePoint: Fingerprinted {
    func writeFingerprint(into w: inout FingerprintWriter) { w.open("TimePoint"); w.field("date", date); w.field("time", time); w.close() }
}

extension TimeLiteral: Fingerprinted {
    func writeFingerprint(into w: inout FingerprintWriter) { w.open("TimeLiteral"); w.field("time", time); w.close() }
}

extension ZoneSpec: Fingerprinted {
    func writeFingerprint(into w: inout FingerprintWriter) {
        switch self {
        case .local: w.enumCase("ZoneSpec", "local")
        case .named(let code): w.enumCase("ZoneSpec", "named", code)
        }
    }
}
