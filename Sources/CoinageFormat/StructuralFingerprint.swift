import CoinageSyntax

/// A description of an AST value without its source positions: two parses of
/// the same rules give the same fingerprint however the files are laid out.
///
/// It walks the value by reflection, so a field added to the AST later is
/// compared too, without this file changing. Spans and file ids are left out.
///
/// Reflection costs microseconds a node, which made `fmt` of a big file spend most
/// of its time here; so the small leaf types that make up most nodes (names, codes,
/// literals) and optionals and arrays write themselves directly, in exactly the
/// text reflection would give. `reflected(_:)` is reflection alone: the tests check
/// that both agree, so a field added to a leaf type cannot be missed silently.
enum StructuralFingerprint {
    static func of(_ value: Any) -> String {
        var writer = FingerprintWriter(fast: true)
        writer.write(value)
        return writer.text
    }

    /// The fingerprint by reflection alone, for tests to compare `of` with.
    static func reflected(_ value: Any) -> String {
        var writer = FingerprintWriter(fast: false)
        writer.write(value)
        return writer.text
    }
}

/// Builds a fingerprint, with the names of the types met so far cached: naming a
/// type at run time demangles it.
struct FingerprintWriter {
    let fast: Bool
    var text = ""
    private var typeNames: [ObjectIdentifier: String] = [:]

    init(fast: Bool) {
        self.fast = fast
    }

    mutating func write(_ value: Any) {
        if fast, let leaf = value as? any FingerprintLeaf {
            leaf.writeFingerprint(into: &self)
            return
        }
        reflect(value)
    }

    /// The fingerprint of `value` by reflection, its parts by `write`.
    mutating func reflect(_ value: Any) {
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .struct?, .class?, .tuple?:
            text += typeName(mirror.subjectType)
            text += "("
            for child in mirror.children where !Self.isPosition(child.value) {
                field(child.label ?? "_", child.value)
            }
            text += ")"
        case .enum?:
            guard let payload = mirror.children.first else {
                text += "\(typeName(mirror.subjectType)).\(value)"
                return
            }
            text += "\(typeName(mirror.subjectType)).\(payload.label ?? "_")"
            if !Self.isPosition(payload.value) { write(payload.value) }
        case .optional?:
            if let wrapped = mirror.children.first { write(wrapped.value) } else { text += "nil" }
        case .collection?, .set?, .dictionary?:
            text += "["
            for child in mirror.children {
                write(child.value)
                text += ","
            }
            text += "]"
        default:
            text += String(reflecting: value)
        }
    }

    /// `label:value,` as reflection writes one field of a struct.
    mutating func field(_ label: String, _ value: Any) {
        text += label
        text += ":"
        write(value)
        text += ","
    }

    /// `Type(label:value,...)`, as reflection writes a struct or a tuple.
    mutating func record(_ type: Any.Type, _ fields: KeyValuePairs<String, Any>) {
        text += typeName(type)
        text += "("
        for (label, value) in fields { field(label, value) }
        text += ")"
    }

    /// `Type.case`, then the payload, as reflection writes an enum case.
    mutating func enumCase(_ type: Any.Type, _ name: String, _ payload: Any? = nil) {
        text += typeName(type)
        text += "."
        text += name
        if let payload { write(payload) }
    }

    mutating func typeName(_ type: Any.Type) -> String {
        let key = ObjectIdentifier(type)
        if let name = typeNames[key] { return name }
        let name = "\(type)"
        typeNames[key] = name
        return name
    }

    private static func isPosition(_ value: Any) -> Bool {
        value is SourceSpan || value is SourceFileID
    }
}

extension RuleFile {
    /// True when both files declare the same rules, wherever each piece stands.
    public func hasSameDeclarations(as other: RuleFile) -> Bool {
        StructuralFingerprint.of(declarations) == StructuralFingerprint.of(other.declarations)
    }
}
