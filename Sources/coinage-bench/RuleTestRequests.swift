import Coinage
import CoinageJSON

/// `--rule-test-requests DIR`: the request of every `test` block of the rules in
/// DIR as a request line of `coinage quote --batch`, one a line, in the order the
/// tests are declared. bindings/js's tests send them through the native batch and
/// the WebAssembly build and require the same quote lines.
///
/// Each line asks for the explanation, as a rule test's quote does. A test whose
/// `at` falls in a skipped hour has no request and is left out.
enum RuleTestRequests {
    static func lines(_ rules: RuleSet) -> [String] {
        rules.tests.compactMap { test in
            guard case .success(let moment) = test.moment(in: rules) else { return nil }
            return line(test, instant: moment.instant)
        }
    }

    static func line(_ test: RuleTest, instant: Int64) -> String {
        var fields: [(String, JSONValue)] = []
        switch test.target {
        case .bundle(let name): fields.append(("bundle", .string(name)))
        case .customAmount(let coins): fields.append(("coins", .integer(coins)))
        }
        fields.append(("region", .string(test.region)))
        if let channel = test.channel { fields.append(("channel", .string(channel))) }
        fields.append(("at", .string(CivilTime.format(instant) + "Z")))
        if !test.user.isEmpty {
            fields.append(("user", .object(test.user.sorted { $0.key < $1.key }.map { ($0.key, value($0.value)) })))
        }
        if !test.codes.isEmpty { fields.append(("codes", .array(test.codes.map(JSONValue.string)))) }
        if !test.redemptions.isEmpty {
            fields.append(("redemptions", .object(test.redemptions.sorted { $0.key < $1.key }.map { name, counts in
                (name, .object([("total", .integer(counts.total)), ("user", .integer(counts.perUser))]))
            })))
        }
        fields.append(("explain", .bool(true)))
        return JSONValue.object(fields).serialized()
    }

    private static func value(_ value: UserValue) -> JSONValue {
        switch value {
        case .bool(let flag): .bool(flag)
        case .int(let number): .integer(number)
        case .date(let date): .string(date.description)
        case .value(let name): .string(name)
        }
    }
}
