@testable import CoinageCLI
import Testing

/// The diff `coinage fmt --diff` prints, against what `diff -u` prints for the
/// same texts (headers aside).
@Suite struct UnifiedDiffTests {
    private static func hunks(_ old: String, _ new: String) -> String {
        let diff = UnifiedDiff.render(path: "f.coin", old: old, new: new)
        guard !diff.isEmpty else { return "" }
        #expect(diff.hasPrefix("--- a/f.coin\n+++ b/f.coin\n"))
        return String(diff.split(separator: "\n", maxSplits: 2, omittingEmptySubsequences: false)[2])
    }

    @Test func equalTextsGiveNoDiff() {
        #expect(UnifiedDiff.render(path: "f.coin", old: "a\nb\n", new: "a\nb\n").isEmpty)
    }

    @Test func nearbyChangesShareAHunkAndAMissingNewlineIsMarked() {
        let old = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\n"
        let new = "x\na\nb\nc\nd\ne\nF\ng\nh\ni\nj\nk\nl"
        #expect(Self.hunks(old, new) == """
            @@ -1,12 +1,13 @@
            +x
             a
             b
             c
             d
             e
            -f
            +F
             g
             h
             i
             j
             k
            -l
            +l
            \\ No newline at end of file

            """)
    }

    @Test func distantChangesGetTheirOwnHunks() {
        let old = (1...20).map { "line \($0)\n" }.joined()
        let new = old.replacingOccurrences(of: "line 2\n", with: "line two\n").replacingOccurrences(of: "line 19\n", with: "")
        #expect(Self.hunks(old, new) == """
            @@ -1,5 +1,5 @@
             line 1
            -line 2
            +line two
             line 3
             line 4
             line 5
            @@ -16,5 +16,4 @@
             line 16
             line 17
             line 18
            -line 19
             line 20

            """)
    }

    @Test func anEmptyOldTextIsAllAdded() {
        #expect(Self.hunks("", "a\nb\n") == "@@ -0,0 +1,2 @@\n+a\n+b\n")
        #expect(Self.hunks("a\n", "") == "@@ -1 +0,0 @@\n-a\n")
    }

    @Test func theScriptRebuildsBothTexts() {
        let old = UnifiedDiff.lines("a\nb\nc\nb\na\nc\n")
        let new = UnifiedDiff.lines("c\nb\na\nb\na\nc\nd\n")
        let script = UnifiedDiff.editScript(old, new)
        var before: [Substring] = []
        var after: [Substring] = []
        for edit in script {
            switch edit {
            case let .keep(o, n): before.append(old[o]); after.append(new[n])
            case .remove(let o): before.append(old[o])
            case .add(let n): after.append(new[n])
            }
        }
        #expect(before == old && after == new)
    }
}
