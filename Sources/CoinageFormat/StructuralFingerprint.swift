import CoinageSyntax

/// A description of an AST value without its source positions: two parses of
/// the same rules give the same fingerprint however the files are laid out.
///
/// Every AST type writes its own fingerprint (`Fingerprinted`: the literals in
/// LiteralFingerprints.swift, then DeclarationFingerprints.swift,
/// PromotionFingerprints.swift and TestFingerprints.swift), with no reflection:
/// the WebAssembly build (Embedded Swift) has none, and reflection cost
/// microseconds a node. The text is the one reflection would give
/// (`Type(field:value,...)`, `Type.case` then the payload, positions left out), and
/// `FingerprintTests` compares it with a reflective walk on every construct, so a
/// field added to the AST and missed here fails a test rather than going unchecked.
enum StructuralFingerprint {
    static func of<Value: Fingerprinted>(_ value: Value) -> String {
        var writer = FingerprintWriter()
        writer.write(value)
        return writer.text
    }
}

/// An AST value that writes its fingerprint, leaving out spans and file ids.
protocol Fingerprinted {
    func writeFingerprint(into writer: inout FingerprintWriter)
}

/// Builds a fingerprint in the text reflection gives for the same value.
struct FingerprintWriter {
    var text = ""

    mutating func write<Value: Fingerprinted>(_ value: Value) {
        value.writeFingerprint(into: &self)
    }

    /// `Type(`, before the fields of a struct or a tuple.
    mutating func open(_ type: String) {
        text += type
        text += "("
    }

    /// `)`, after the fields.
    mutating func close() {
        text += ")"
    }

    /// `label:value,`, one field of a struct or a tuple.
    mutating func field<Value: Fingerprinted>(_ label: String, _ value: Value) {
        text += label
        text += ":"
        write(value)
        text += ","
    }

    /// `Type.case`, an enum case without a payload (or one whose payload is a position).
    mutating func enumCase(_ type: String, _ name: String) {
        text += type
        text += "."
        text += name
    }

    /// `Type.case` then the payload.
    mutating func enumCase<Payload: Fingerprinted>(_ type: String, _ name: String, _ payload: Payload) {
        enumCase(type, name)
        write(payload)
    }
}

extension RuleFile {
    /// True when both files declare the same rules, wherever each piece stands.
    public func hasSameDeclarations(as other: RuleFile) -> Bool {
        StructuralFingerprint.of(declarations) == StructuralFingerprint.of(other.declarations)
    }
}
