import CoinageSyntax

/// The documents the client has open: their text as the editor holds it, which
/// wins over the file on disk, and the version the client gave with each change.
package struct DocumentStore: Sendable {
    /// One open document.
    package struct Document: Sendable {
        package let uri: String
        package let path: String
        package var bytes: [UInt8]
        package var version: Int?
    }

    package private(set) var documents: [String: Document] = [:]

    package init() {}

    package subscript(uri: String) -> Document? { documents[uri] }

    /// The open document at file path `path`, if any.
    package func document(atPath path: String) -> Document? {
        documents.values.first { $0.path == path }
    }

    package mutating func open(uri: String, text: String, version: Int?) {
        documents[uri] = Document(uri: uri, path: DocumentURI.path(of: uri), bytes: Array(text.utf8), version: version)
    }

    package mutating func close(uri: String) {
        documents[uri] = nil
    }

    /// Applies `didChange` content changes in order: a change with a range replaces
    /// that range (positions in `encoding`), one without replaces the whole text.
    /// Returns false when the document is not open.
    @discardableResult
    package mutating func change(uri: String, version: Int?, changes: [(range: (LSPPosition, LSPPosition)?, text: String)],
                                 encoding: PositionEncoding) -> Bool {
        guard var document = documents[uri] else { return false }
        for change in changes {
            guard let (from, to) = change.range else {
                document.bytes = Array(change.text.utf8)
                continue
            }
            let converter = PositionConverter(bytes: document.bytes, encoding: encoding)
            let start = converter.offset(of: from)
            let end = max(start, converter.offset(of: to))
            document.bytes.replaceSubrange(start..<end, with: Array(change.text.utf8))
        }
        document.version = version
        documents[uri] = document
        return true
    }
}

/// `file:` URIs and the paths they name.
package enum DocumentURI {
    /// The path of a `file://` URI, percent-decoded; another scheme's URI is kept
    /// whole, as a name no file on disk has.
    package static func path(of uri: String) -> String {
        guard uri.hasPrefix("file://") else { return uri }
        var rest = Substring(uri.dropFirst("file://".count))
        // `file://host/path`: only an empty host or `localhost` is this machine.
        if rest.hasPrefix("localhost/") { rest = rest.dropFirst("localhost".count) }
        return percentDecoded(String(rest))
    }

    /// The `file://` URI of an absolute path, with everything but unreserved
    /// characters and `/` percent-encoded.
    package static func uri(ofPath path: String) -> String {
        var encoded = "file://"
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".unicodeScalars)
                encoded.unicodeScalars.append("%")
                encoded.unicodeScalars.append(hex[Int(byte >> 4)])
                encoded.unicodeScalars.append(hex[Int(byte & 0x0F)])
            }
        }
        return encoded
    }

    static func percentDecoded(_ text: String) -> String {
        var bytes: [UInt8] = []
        let source = Array(text.utf8)
        var index = 0
        while index < source.count {
            if source[index] == UInt8(ascii: "%"), index + 2 < source.count,
               let high = hexValue(source[index + 1]), let low = hexValue(source[index + 2]) {
                bytes.append(high << 4 | low)
                index += 3
            } else {
                bytes.append(source[index])
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x41 + 10
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }
}
