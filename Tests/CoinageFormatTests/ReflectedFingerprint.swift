@testable import CoinageFormat
import CoinageSyntax

extension StructuralFingerprint {
    /// The fingerprint by reflection alone, for `FingerprintTests` to compare with
    /// the one every AST type writes itself: a field added to the AST that the
    /// hand-written fingerprint misses makes the two differ. (The formatter cannot
    /// reflect: the WebAssembly build has no `Mirror`.)
    static func reflected(_ value: Any) -> String {
        var writer = ReflectingWriter()
        writer.write(value)
        return writer.text
    }
}

/// Walks a value with `Mirror`: `Type(label:value,...)` for a struct or a tuple,
/// `Type.case` then the payload for an enum, positions left out.
private struct ReflectingWriter {
    var text = ""

    mutating func write(_ value: Any) {
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .struct?, .class?, .tuple?:
            text += "\(mirror.subjectType)("
            for child in mirror.children where !Self.isPosition(child.value) {
                text += child.label ?? "_"
                text += ":"
                write(child.value)
                text += ","
            }
            text += ")"
        case .enum?:
            guard let payload = mirror.children.first else {
                text += "\(mirror.subjectType).\(value)"
                return
            }
            text += "\(mirror.subjectType).\(payload.label ?? "_")"
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

    private static func isPosition(_ value: Any) -> Bool {
        value is SourceSpan || value is SourceFileID
    }
}
