/// A description of an AST value without its source positions: two parses of
/// the same rules give the same fingerprint however the files are laid out.
///
/// It walks the value by reflection, so a field added to the AST later is
/// compared too, without this file changing. Spans and file ids are left out.
enum StructuralFingerprint {
    static func of(_ value: Any) -> String {
        var text = ""
        write(value, into: &text)
        return text
    }

    private static func write(_ value: Any, into text: inout String) {
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .struct?, .class?, .tuple?:
            text += "\(mirror.subjectType)("
            for child in mirror.children where !isPosition(child.value) {
                text += "\(child.label ?? "_"):"
                write(child.value, into: &text)
                text += ","
            }
            text += ")"
        case .enum?:
            guard let payload = mirror.children.first else {
                text += "\(mirror.subjectType).\(value)"
                return
            }
            text += "\(mirror.subjectType).\(payload.label ?? "_")"
            if !isPosition(payload.value) { write(payload.value, into: &text) }
        case .optional?:
            if let wrapped = mirror.children.first { write(wrapped.value, into: &text) } else { text += "nil" }
        case .collection?, .set?, .dictionary?:
            text += "["
            for child in mirror.children {
                write(child.value, into: &text)
                text += ","
            }
            text += "]"
        default:
            text += String(reflecting: value)
        }
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
