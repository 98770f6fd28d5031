import Foundation

/// A rules directory holding one `shop.coin` with `text`, for a test that needs rules
/// no fixture has; removed when `body` returns.
func withTemporaryRules<T>(_ text: String, _ body: (String) throws -> T) throws -> T {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("coinage-rules-\(UInt64.random(in: 0...UInt64.max))")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    try text.write(to: directory.appendingPathComponent("shop.coin"), atomically: true, encoding: .utf8)
    return try body(directory.path)
}
