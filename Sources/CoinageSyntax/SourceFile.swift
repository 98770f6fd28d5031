/// Identifies one source file within a `SourceMap`.
public struct SourceFileID: Hashable, Comparable, Sendable {
    public let rawValue: UInt32

    public init(_ rawValue: UInt32) { self.rawValue = rawValue }

    public static func < (lhs: SourceFileID, rhs: SourceFileID) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A half-open byte range `start..<end` in one source file.
///
/// Offsets are UTF-8 byte offsets; line and column are computed on demand through
/// the file's `LineTable`, so spans stay small and cheap to copy.
public struct SourceSpan: Hashable, Sendable {
    public let file: SourceFileID
    public let start: UInt32
    public let end: UInt32

    public init(file: SourceFileID, start: Int, end: Int) {
        self.file = file
        self.start = UInt32(clamping: start)
        self.end = UInt32(clamping: max(start, end))
    }

    /// A span whose bounds are known to be in order (the lexer's).
    init(file: SourceFileID, checkedStart start: UInt32, end: UInt32) {
        self.file = file
        self.start = start
        self.end = end
    }

    /// The span covering both `self` and `other` (same file assumed).
    public func merged(with other: SourceSpan) -> SourceSpan {
        SourceSpan(file: file, start: Int(min(start, other.start)), end: Int(max(end, other.end)))
    }

    /// A zero-width span at this span's end, used for "expected ... here" diagnostics.
    public var endPoint: SourceSpan { SourceSpan(file: file, start: Int(end), end: Int(end)) }
}

/// A 1-based line and column; the column counts Unicode scalars, not bytes.
public struct SourceLocation: Hashable, Sendable {
    public let line: Int
    public let column: Int
}

/// A rules file as text, with the table that maps offsets to lines.
public struct SourceFile: Sendable {
    public let id: SourceFileID
    /// The path as the user should see it (relative to where they ran the command).
    public let path: String
    public let bytes: [UInt8]
    public let lines: LineTable

    public init(id: SourceFileID, path: String, text: String) {
        self.init(id: id, path: path, bytes: Array(text.utf8))
    }

    public init(id: SourceFileID, path: String, bytes: [UInt8]) {
        self.id = id
        self.path = path
        self.bytes = bytes
        self.lines = LineTable(bytes)
    }

    /// True for a CSV file: a price-point table (`points NAME from "FILE.csv"`),
    /// not rules.
    public var isPricePointFile: Bool { path.hasSuffix(".csv") }

    public func location(of offset: UInt32) -> SourceLocation {
        let line = lines.lineIndex(containing: Int(offset))
        let lineStart = lines.start(ofLine: line)
        let end = min(Int(offset), bytes.count)
        var column = 1
        var index = lineStart
        while index < end {
            // Count scalar starts only: continuation bytes are 0b10xxxxxx.
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        return SourceLocation(line: line + 1, column: column)
    }

    /// The text of a 1-based line without its line terminator.
    public func lineText(_ line: Int) -> String {
        let index = line - 1
        guard index >= 0, index < lines.count else { return "" }
        let start = lines.start(ofLine: index)
        var end = index + 1 < lines.count ? lines.start(ofLine: index + 1) : bytes.count
        while end > start, bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D { end -= 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    public func text(of span: SourceSpan) -> String {
        let start = min(Int(span.start), bytes.count)
        let end = min(Int(span.end), bytes.count)
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}

/// Offsets at which each line of a file starts.
///
/// Four bytes an offset, as in a `SourceSpan`: the table lives as long as the
/// diagnostics may be shown, beside everything else a big rule set keeps.
public struct LineTable: Sendable {
    private let offsets: [UInt32]

    public init(_ bytes: [UInt8]) {
        var offsets: [UInt32] = [0]
        for (offset, byte) in bytes.enumerated() where byte == 0x0A {
            offsets.append(UInt32(clamping: offset + 1))
        }
        self.offsets = offsets
    }

    /// The number of lines: one more than the newlines.
    public var count: Int { offsets.count }

    /// The offset at which the 0-based line `index` starts.
    public func start(ofLine index: Int) -> Int { Int(offsets[index]) }

    /// The 0-based index of the line that holds `offset`.
    public func lineIndex(containing offset: Int) -> Int {
        var low = 0
        var high = offsets.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if Int(offsets[mid]) <= offset { low = mid } else { high = mid - 1 }
        }
        return low
    }
}

/// Every source file of one rule set, by id.
public struct SourceMap: Sendable {
    public private(set) var files: [SourceFile] = []

    public init() {}

    /// Adds a file and returns its id.
    @discardableResult
    public mutating func add(path: String, bytes: [UInt8]) -> SourceFileID {
        let id = SourceFileID(UInt32(files.count))
        files.append(SourceFile(id: id, path: path, bytes: bytes))
        return id
    }

    @discardableResult
    public mutating func add(path: String, text: String) -> SourceFileID {
        add(path: path, bytes: Array(text.utf8))
    }

    public subscript(id: SourceFileID) -> SourceFile { files[Int(id.rawValue)] }

    public func location(of span: SourceSpan) -> SourceLocation {
        self[span.file].location(of: span.start)
    }
}
