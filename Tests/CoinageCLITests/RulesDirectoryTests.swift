import CoinageCLI
@testable import CoinageFoundation
import Foundation
import Testing

/// A scratch rules directory, removed by the caller.
struct ScratchRules {
    let url: URL
    var path: String { url.path }

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("coinage-rules-\(UInt64.random(in: 0...UInt64.max))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        try write("shop.coin", "base currency USD\nbundle coins_70: 70 coins, 0.99 USD\n")
    }

    func write(_ name: String, _ text: String) throws {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
    }

    func link(_ name: String, to target: String) throws {
        try FileManager.default.createSymbolicLink(atPath: url.appendingPathComponent(name).path, withDestinationPath: target)
    }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

/// Loading a rules directory never skips a rules file silently and never blocks: a
/// named pipe, a dangling link, a link loop or anything that cannot be read stops
/// the load with an error naming the path (exit status 2 for the commands).
@Suite struct RulesDirectoryTests {
    static func load(_ path: String, _ fileSystem: RulesFileSystem = .system) -> Result<[String], RulesLoadError> {
        Result { () throws(RulesLoadError) in try RulesDirectory.load(path, fileSystem: fileSystem).files.map(\.path) }
    }

    @Test func aNamedPipeIsRefusedWithoutBeingOpened() throws {
        let rules = try ScratchRules()
        defer { rules.remove() }
        let pipe = rules.url.appendingPathComponent("x.coin").path
        #expect(mkfifo(pipe, 0o644) == 0)
        // Opening the pipe for reading would block: the test would never end.
        #expect(Self.load(rules.path) == .failure(.notRegularFile(path: pipe, kind: "a named pipe (FIFO)")))
        #expect(Self.load(pipe) == .failure(.notRegularFile(path: pipe, kind: "a named pipe (FIFO)")))
        let result = runCoinage(["check", rules.path])
        #expect(result.status == .usage)
        #expect(result.err == "error: `\(pipe)` is a named pipe (FIFO), not a regular file or a directory\n")
    }

    /// `.csv` files under the directory come with the rules (price-point tables), in
    /// path order; a directory of only CSV files, or one CSV file, is no rule set.
    @Test func priceTablesAreReadBesideTheRulesButAreNoRuleSet() throws {
        let rules = try ScratchRules()
        defer { rules.remove() }
        try rules.write("tables/apple.csv", "tier,USD\n1,0.99\n")
        #expect(Self.load(rules.path) == .success([rules.path + "/shop.coin", rules.path + "/tables/apple.csv"]))
        #expect(Self.load(rules.path + "/tables") == .failure(.noRuleFiles(path: rules.path + "/tables")))
        let csv = rules.path + "/tables/apple.csv"
        #expect(Self.load(csv) == .failure(.noRuleFiles(path: csv)))
        let result = runCoinage(["check", csv])
        #expect(result.status == .usage)
        #expect(result.err == "error: `\(csv)` is a price-point file, not rules: check the rules directory whose `points` names it\n")
        // `fmt` formats the rules files and leaves the CSV alone.
        let formatted = runCoinage(["fmt", "--check", rules.path])
        #expect(formatted.status == .success, "\(formatted.err)")
    }

    @Test func aDanglingLinkIsAnError() throws {
        let rules = try ScratchRules()
        defer { rules.remove() }
        try rules.link("promotions.coin", to: "gone.coin")
        let path = rules.path + "/promotions.coin"
        #expect(Self.load(rules.path) == .failure(.danglingLink(path: path, target: "gone.coin")))
        let result = runCoinage(["quote", "coins_70", "--region", "US", "--rules", rules.path])
        #expect(result.status == .usage && result.out.isEmpty)
        #expect(result.err == "error: `\(path)` is a symbolic link to `gone.coin`, which does not exist\n")
        // A link that leads nowhere is an error whatever its name: it may have been a folder of rules.
        try FileManager.default.removeItem(atPath: path)
        try rules.link("shared", to: "../nowhere")
        #expect(Self.load(rules.path) == .failure(.danglingLink(path: rules.path + "/shared", target: "../nowhere")))
    }

    @Test func linkLoopsAreErrors() throws {
        let rules = try ScratchRules()
        defer { rules.remove() }
        try FileManager.default.createDirectory(atPath: rules.path + "/sub", withIntermediateDirectories: false)
        try rules.link("sub/up", to: "..")
        #expect(Self.load(rules.path) == .failure(.repeatedDirectory(path: rules.path + "/sub/up", first: rules.path)))
        try FileManager.default.removeItem(atPath: rules.path + "/sub/up")
        try rules.link("self", to: "self")
        guard case .failure(.unreadable(let path, let reason)) = Self.load(rules.path) else {
            Issue.record("a link to itself was not refused")
            return
        }
        #expect(path == rules.path + "/self")
        #expect(reason == String(cString: strerror(ELOOP)))
    }

    @Test func linksToFilesAndDirectoriesAreFollowed() throws {
        let rules = try ScratchRules()
        let shared = try ScratchRules()
        defer { rules.remove(); shared.remove() }
        try shared.write("gifts/gifts.coin", "# shared\n")
        try rules.link("shared", to: shared.path + "/gifts")
        try rules.link("alias.coin", to: shared.path + "/shop.coin")
        #expect(Self.load(rules.path) == .success([rules.path + "/alias.coin", rules.path + "/shared/gifts.coin",
                                                   rules.path + "/shop.coin"]))
    }

    @Test func hiddenEntriesAndOtherFilesArePassedOver() throws {
        let rules = try ScratchRules()
        defer { rules.remove() }
        try rules.write(".git/config.coin", "not rules")
        try rules.link(".#shop.coin", to: "user@host.1234:1700000000")
        try rules.write("README.md", "notes")
        #expect(mkfifo(rules.path + "/control", 0o644) == 0)
        #expect(Self.load(rules.path) == .success([rules.path + "/shop.coin"]))
    }

    /// Root reads every directory whatever its mode, so the failures of listing,
    /// looking at and reading are staged through the file-system calls.
    static func failing(list: String? = nil, look: String? = nil, read: String? = nil,
                        pipeWhenOpened: String? = nil) -> RulesFileSystem {
        let system = RulesFileSystem.system
        var fileSystem = system
        fileSystem.entries = { path in path == list ? .failure(SystemError(code: EACCES)) : system.entries(path) }
        fileSystem.status = { path, follow in path == look ? .failure(SystemError(code: EACCES)) : system.status(path, follow) }
        fileSystem.read = { path, limit in
            if path == read { return .failure(.system(SystemError(code: EIO))) }
            if path == pipeWhenOpened { return .failure(.notRegular(.namedPipe)) }
            return system.read(path, limit)
        }
        return fileSystem
    }

    @Test func anUnlistableDirectoryIsAnError() throws {
        let rules = try ScratchRules()
        defer { rules.remove() }
        try rules.write("private/promotions.coin", "# hidden from us\n")
        let denied = String(cString: strerror(EACCES))
        let sub = rules.path + "/private"
        #expect(Self.load(rules.path, Self.failing(list: sub)) == .failure(.unreadable(path: sub, reason: denied)))
        // The top directory too: not "holds no `.coin` files".
        #expect(Self.load(rules.path, Self.failing(list: rules.path)) == .failure(.unreadable(path: rules.path, reason: denied)))
        #expect(RulesLoadError.unreadable(path: "rules", reason: denied).description == "cannot read `rules`: \(denied)")
    }

    @Test func anEntryThatCannotBeLookedAtOrReadIsAnError() throws {
        let rules = try ScratchRules()
        defer { rules.remove() }
        let shop = rules.path + "/shop.coin"
        let denied = String(cString: strerror(EACCES))
        #expect(Self.load(rules.path, Self.failing(look: shop)) == .failure(.unreadable(path: shop, reason: denied)))
        #expect(Self.load(rules.path, Self.failing(read: shop))
                == .failure(.unreadable(path: shop, reason: String(cString: strerror(EIO)))))
        // A file replaced by a pipe after it was looked at is refused once opened.
        #expect(Self.load(rules.path, Self.failing(pipeWhenOpened: shop))
                == .failure(.notRegularFile(path: shop, kind: "a named pipe (FIFO)")))
    }

    @Test func anEmptyDirectoryStillSaysSo() throws {
        let rules = try ScratchRules()
        defer { rules.remove() }
        try FileManager.default.removeItem(atPath: rules.path + "/shop.coin")
        #expect(Self.load(rules.path) == .failure(.noRuleFiles(path: rules.path)))
        #expect(Self.load(rules.path + "/missing") == .failure(.notFound(path: rules.path + "/missing")))
    }
}
