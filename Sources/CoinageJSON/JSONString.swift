/// The one JSON string escaper: every JSON the package writes quotes its strings here.
public enum JSONString {
    /// `value` as a JSON string literal, escaping what RFC 8259 requires: quotes,
    /// backslashes and every control character.
    public static func quoted(_ value: String) -> String {
        var output = ""
        write(value, to: &output)
        return output
    }

    /// Appends `value` to `output` as a JSON string literal.
    public static func write(_ value: String, to output: inout String) {
        output += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default:
                output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }
}
