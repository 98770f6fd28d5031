@testable import CoinageServer
import Foundation
import Testing

/// What the watcher counts as a change of the rules directory (`RulesWatcher.fingerprint`).
@Suite struct RulesWatcherTests {
    /// A fresh directory under the temporary one, removed by the caller.
    static func directory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("watch-\(UInt64.random(in: 0...UInt64.max))").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// A Kubernetes config map: each file a link through the hidden `..data` link to
    /// a hidden, timestamped directory; an update writes a new directory and swaps
    /// `..data` in one rename, so no entry the watcher lists changes but its target.
    @Test func swappingAConfigMapsDataLinkIsAChange() throws {
        let root = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let manager = FileManager.default
        try manager.createDirectory(atPath: root + "/..2026_12_06_a", withIntermediateDirectories: true)
        try "bundle coins_70: 70 coins, 0.99 USD\n".write(toFile: root + "/..2026_12_06_a/shop.coin", atomically: false, encoding: .utf8)
        try manager.createSymbolicLink(atPath: root + "/..data", withDestinationPath: "..2026_12_06_a")
        try manager.createSymbolicLink(atPath: root + "/shop.coin", withDestinationPath: "..data/shop.coin")
        let before = RulesWatcher.fingerprint(root)
        #expect(before.keys.sorted() == [root + "/shop.coin"], "hidden entries are left out")

        try manager.createDirectory(atPath: root + "/..2026_12_06_b", withIntermediateDirectories: true)
        try "bundle coins_70: 70 coins, 1.09 USD\n".write(toFile: root + "/..2026_12_06_b/shop.coin", atomically: false, encoding: .utf8)
        try manager.createSymbolicLink(atPath: root + "/..data_tmp", withDestinationPath: "..2026_12_06_b")
        #expect(rename(root + "/..data_tmp", root + "/..data") == 0)
        #expect(RulesWatcher.fingerprint(root) != before)
        #expect(RulesWatcher.fingerprint(root) == RulesWatcher.fingerprint(root), "an unchanged directory is the same")
    }

    @Test func aLinkBackUpTheTreeIsWalkedOnceAndADanglingLinkIsNoted() throws {
        let root = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let manager = FileManager.default
        try manager.createDirectory(atPath: root + "/shop", withIntermediateDirectories: true)
        try "base currency USD\n".write(toFile: root + "/shop/base.coin", atomically: false, encoding: .utf8)
        try manager.createSymbolicLink(atPath: root + "/shop/loop", withDestinationPath: root)
        try manager.createSymbolicLink(atPath: root + "/gone.coin", withDestinationPath: root + "/nothing-here")
        let prints = RulesWatcher.fingerprint(root)
        #expect(prints.keys.sorted() == [root + "/gone.coin", root + "/shop", root + "/shop/base.coin", root + "/shop/loop"])
        try "bundle coins_70: 70 coins, 0.99 USD\n".write(toFile: root + "/nothing-here", atomically: false, encoding: .utf8)
        #expect(RulesWatcher.fingerprint(root)[root + "/gone.coin"] != prints[root + "/gone.coin"], "the link now leads to a file")
    }
}
