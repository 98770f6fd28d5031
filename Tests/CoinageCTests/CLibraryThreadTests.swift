import CoinageC
import Dispatch
import Synchronization
import Testing

/// Many threads quoting on one handle at once get the answers one thread gets.
@Suite struct CLibraryThreadTests {
    static let threads = 4
    static let rounds = 25

    @Test func concurrentQuotesOnOneHandleGiveTheSameAnswers() throws {
        let handle = try CCalls.open(CCalls.sampleShop).get()
        defer { coinage_close(handle) }
        let requests = CLibraryQuoteTests.requests
        let expected = requests.map { CCalls.quote(handle, $0) }
        let lines = CLibraryLinesTests.joined(CLibraryLinesTests.mixedLines)
        let expectedLines = CCalls.quoteLines(handle, lines)
        let mismatches = Mutex(0)
        let shared = SharedHandle(handle)
        DispatchQueue.concurrentPerform(iterations: Self.threads) { thread in
            var wrong = 0
            for round in 0..<Self.rounds {
                // Each thread walks the requests from its own start, so different
                // requests are in flight at once.
                let index = (thread + round) % requests.count
                if CCalls.quote(shared.pointer, requests[index]) != expected[index] { wrong += 1 }
                if round % 5 == thread, CCalls.quoteLines(shared.pointer, lines) != expectedLines { wrong += 1 }
            }
            mismatches.withLock { $0 += wrong }
        }
        #expect(mismatches.withLock { $0 } == 0)
    }
}

/// A handle passed to other threads: the header makes it safe to share.
private struct SharedHandle: @unchecked Sendable {
    let pointer: OpaquePointer
    init(_ pointer: OpaquePointer) { self.pointer = pointer }
}
