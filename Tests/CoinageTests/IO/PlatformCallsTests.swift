import CoinageFoundation
import Foundation
import Testing

/// The program's edge reads the process's facts and handles paths with the C
/// library alone (`PlatformCalls`, `FilePaths`); each must give what Foundation
/// gave before it, which the tests may still ask.
@Suite struct PlatformCallsTests {
    @Test func theEnvironmentIsTheOneFoundationSees() {
        #expect(PlatformCalls.environment() == ProcessInfo.processInfo.environment)
    }

    @Test func theWorkingDirectoryAndTheClockAgreeWithFoundation() {
        #expect(PlatformCalls.currentDirectory() == FileManager.default.currentDirectoryPath)
        let foundation = Int64(Date().timeIntervalSince1970)
        let platform = PlatformCalls.secondsSinceEpoch()
        #expect(abs(platform - foundation) <= 2)
    }

    @Test func theProcessorCountIsTheOneTheProcessMayUse() {
        // Foundation's count ignores a container's quota, which this one honours: it may only be smaller.
        #expect(PlatformCalls.activeProcessorCount >= 1)
        #expect(PlatformCalls.activeProcessorCount <= ProcessInfo.processInfo.activeProcessorCount)
    }

    @Test func readAndWriteMoveEveryByteThroughAPipe() {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        defer { close(ends[0]) }
        let bytes: [UInt8] = Array("priced\n".utf8)
        let written = bytes.withUnsafeBytes { PlatformCalls.write(ends[1], $0.baseAddress, $0.count) }
        close(ends[1])
        var back = [UInt8](repeating: 0, count: 64)
        let read = back.withUnsafeMutableBytes { PlatformCalls.read(ends[0], $0.baseAddress, $0.count) }
        #expect(written == bytes.count && read == bytes.count)
        #expect(Array(back[..<max(0, read)]) == bytes)
        #expect(PlatformCalls.read(-1, nil, 0) == -1)
    }

    @Test func aChunkIsWhatOneReadGaveNoneAtTheEndOrWhyItFailed() {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        defer { close(ends[0]) }
        #expect(PlatformCalls.writeAll(Array("priced\n".utf8), to: ends[1]) == nil)
        close(ends[1])
        let first = PlatformCalls.readChunk(ends[0], upTo: 4)
        #expect(first.bytes == Array("pric".utf8) && first.failure == nil)
        #expect(PlatformCalls.readChunk(ends[0], upTo: 1 << 20).bytes == Array("ed\n".utf8))
        let end = PlatformCalls.readChunk(ends[0], upTo: 1 << 20)
        #expect(end.bytes.isEmpty && end.failure == nil)
        let failed = PlatformCalls.readChunk(-1, upTo: 16)
        #expect(failed.bytes.isEmpty && failed.failure == EBADF)
    }

    @Test func writingAllSaysWhyItStopped() {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        defer { close(ends[0]) }
        let bytes = [UInt8](repeating: 7, count: 40_000)   // more than one write may take
        #expect(PlatformCalls.writeAll(bytes, to: ends[1]) == nil)
        close(ends[1])
        var back: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 8_192)
        while true {
            let count = chunk.withUnsafeMutableBytes { PlatformCalls.read(ends[0], $0.baseAddress, $0.count) }
            if count <= 0 { break }
            back += chunk[..<count]
        }
        #expect(back == bytes)
        #expect(PlatformCalls.writeAll([], to: -1) == nil, "nothing to write is no failure")
        #expect(PlatformCalls.writeAll([1], to: -1) == EBADF)
        let full = open("/dev/full", O_WRONLY)
        if full >= 0 {
            #expect(PlatformCalls.writeAll([1, 2, 3], to: full) == ENOSPC)
            close(full)
        }
    }
}

/// Paths joined, tidied and resolved the way the language server and the writers need.
@Suite struct FilePathsTests {
    @Test(arguments: [
        ("/", "/"), ("/a/./b/../c/", "/a/c"), ("//a//b", "/a/b"), ("/..", "/"), ("/a/../../b", "/b"), ("/a/b/.", "/a/b"),
    ])
    func normalizingAppliesDotsAndDropsEmptyComponents(path: String, expected: String) {
        #expect(FilePaths.normalized(path) == expected)
    }

    @Test func joiningPutsOneSlashBetweenAndKeepsAnAbsolutePath() {
        #expect(FilePaths.join("/rules", "shop.coin") == "/rules/shop.coin")
        #expect(FilePaths.join("/rules/", "shop.coin") == "/rules/shop.coin")
        #expect(FilePaths.join("/rules", "/etc/shop.coin") == "/etc/shop.coin")
        #expect(FilePaths.join("", "shop.coin") == "shop.coin")
    }

    @Test func anAbsolutePathResolvesLinksWhereThePathExists() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("filepaths-\(UInt32.random(in: 0...UInt32.max))").path
        try FileManager.default.createDirectory(atPath: base + "/real/rules", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: base) }
        try FileManager.default.createSymbolicLink(atPath: base + "/link", withDestinationPath: base + "/real")
        let real = FilePaths.absolute(base + "/real")
        #expect(FilePaths.absolute(base + "/link/rules/") == real + "/rules")
        #expect(FilePaths.absolute(base + "/link/./rules/../rules") == real + "/rules")
        #expect(FilePaths.absolute(base + "/missing/../real/x/..") == real)
        #expect(FilePaths.absolute(base + "/real/not-there") == FilePaths.normalized(base + "/real/not-there"))
        #expect(FilePaths.isDirectory(base + "/link/rules"))
        #expect(!FilePaths.isDirectory(base + "/missing"))
        #expect(FilePaths.absolute("relative").hasPrefix("/"))
    }
}
