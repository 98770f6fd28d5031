import CoinageTestSupport
import Foundation

/// The grammar as Docs/Language.md writes it, and the files of the repository it is
/// checked against.
enum GrammarDocument {
    /// The repository's root.
    static let root = RepositoryPaths.root

    static let languagePage = root.appendingPathComponent("Docs/Language.md")

    /// The rules every other rule must be reachable from: the file, and its characters.
    static let roots = ["file", "SOURCE"]

    /// The grammar read from the page's one ```` ```ebnf ```` block.
    static func grammar() throws -> EBNFGrammar {
        let page = try String(contentsOf: languagePage, encoding: .utf8)
        let blocks = fencedBlocks(in: page).filter { $0.info == "ebnf" }
        guard blocks.count == 1 else {
            throw EBNFError(description: "Docs/Language.md has \(blocks.count) ```ebnf blocks; the grammar must be in exactly one")
        }
        return try EBNFReader.read(blocks[0].text)
    }

    /// A fenced code block of a Markdown page: its info string (`ebnf`, `json`, or
    /// empty) and its lines, without the fence's indentation.
    struct FencedBlock {
        let info: String
        let text: String
        let line: Int
    }

    static func fencedBlocks(in page: String) -> [FencedBlock] {
        var blocks: [FencedBlock] = []
        var open: (info: String, indent: Int, line: Int, lines: [Substring])?
        for (number, line) in page.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let indent = line.prefix { $0 == " " }.count
            let rest = line.dropFirst(indent)
            if var block = open {
                if rest.hasPrefix("```"), rest.dropFirst(3).allSatisfy({ $0 == "`" || $0 == " " }) {
                    blocks.append(FencedBlock(info: block.info, text: block.lines.joined(separator: "\n") + "\n", line: block.line))
                    open = nil
                } else {
                    block.lines.append(line.dropFirst(min(indent, block.indent)))
                    open = block
                }
            } else if rest.hasPrefix("```") {
                let info = rest.dropFirst(3).trimmingCharacters(in: .whitespaces)
                open = (info, indent, number + 1, [])
            }
        }
        return blocks
    }

    /// A text that may hold rules: a `.coin` file, or a code block of a Docs page.
    struct Sample {
        let name: String
        let bytes: [UInt8]
    }

    /// Every `.coin` file in the repository (outside hidden and build directories),
    /// and every code block of Docs/*.md without a language or marked `coin`.
    static func samples() throws -> [Sample] {
        var samples: [Sample] = []
        let manager = FileManager.default
        let options: FileManager.DirectoryEnumerationOptions = [.skipsHiddenFiles]
        if let walk = manager.enumerator(at: root, includingPropertiesForKeys: nil, options: options) {
            for case let url as URL in walk where url.pathExtension == "coin" {
                let name = String(url.path.dropFirst(root.path.count + 1))
                samples.append(Sample(name: name, bytes: [UInt8](try Data(contentsOf: url))))
            }
        }
        let docs = root.appendingPathComponent("Docs")
        for page in try manager.contentsOfDirectory(atPath: docs.path).filter({ $0.hasSuffix(".md") }) {
            let text = try String(contentsOf: docs.appendingPathComponent(page), encoding: .utf8)
            for block in fencedBlocks(in: text) where block.info.isEmpty || block.info == "coin" {
                samples.append(Sample(name: "Docs/\(page) line \(block.line)", bytes: Array(block.text.utf8)))
            }
        }
        return samples.sorted { $0.name < $1.name }
    }

    /// The text of the parser's source files, wherever they are under Sources/:
    /// the files whose names start with `Parser`.
    static func parserSources() throws -> [String] {
        var texts: [String] = []
        let sources = root.appendingPathComponent("Sources")
        if let walk = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil) {
            for case let url as URL in walk where url.lastPathComponent.hasPrefix("Parser") && url.pathExtension == "swift" {
                texts.append(try String(contentsOf: url, encoding: .utf8))
            }
        }
        return texts
    }
}
