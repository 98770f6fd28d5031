import Foundation
import Testing

/// The built `coinage serve` as its own process: SIGHUP reloads, SIGTERM drains the
/// requests in flight and exits 0.
@Suite(.enabled(if: Tools.python != nil && BuiltCoinage.path != nil, "needs python3 and a built `coinage`"))
struct SignalTests {
    /// A running `coinage serve` whose log goes to a file the test reads.
    final class ServeProcess {
        let process = Process()
        let log: URL
        let rules: URL
        private(set) var port = 0

        init() throws {
            rules = try TemporaryShop.copy()
            log = FileManager.default.temporaryDirectory.appendingPathComponent("coinage-serve-log-\(UUID().uuidString)")
            _ = FileManager.default.createFile(atPath: log.path, contents: nil)
            process.executableURL = URL(fileURLWithPath: try #require(BuiltCoinage.path))
            process.arguments = ["serve", "--rules", rules.path, "--port", "0", "--no-watch"]
            process.standardError = try FileHandle(forWritingTo: log)
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            let listening = Tools.eventually { self.text.contains(#""event":"listening""#) }
            try #require(listening, "no `listening` line: \(text)")
            let line = try #require(text.split(separator: "\n").first { $0.contains(#""event":"listening""#) })
            let range = try #require(line.range(of: #""port":"#))
            port = Int(line[range.upperBound...].prefix { $0.isNumber }) ?? 0
        }

        var text: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

        func signal(_ number: Int32) { kill(process.processIdentifier, number) }

        deinit {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            try? FileManager.default.removeItem(at: rules)
            try? FileManager.default.removeItem(at: log)
        }
    }

    /// A request whose body is still arriving when SIGTERM comes is answered (with
    /// `Connection: close`), `/readyz` is not asked again, and the process exits 0.
    @Test func sigtermDrainsRequestsInFlight() throws {
        let server = try ServeProcess()
        // The script asks for /healthz first, so its connection is surely accepted and
        // served, then sends half a request, says so, waits for a line on its standard
        // input (sent once the server logs `draining`), then sends the rest.
        let script = """
        import socket, sys
        body = sys.argv[2].encode()
        s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=60)
        s.sendall(b"GET /healthz HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n")
        first = b""
        while not first.endswith(b'{"status":"ok"}\\n'):
            first += s.recv(65536)
        s.sendall(b"POST /v1/quote HTTP/1.1\\r\\nHost: x\\r\\nContent-Length: %d\\r\\n\\r\\n" % len(body) + body[:10])
        print("sent", flush=True)
        sys.stdin.readline()
        s.sendall(body[10:])
        answer = b""
        while True:
            chunk = s.recv(65536)
            if not chunk: break
            answer += chunk
        head = answer.split(b"\\r\\n\\r\\n")[0].decode()
        print(head.split("\\r\\n")[0])
        print("Connection: close" in head)
        """
        let client = Process()
        client.executableURL = URL(fileURLWithPath: try #require(Tools.python))
        client.arguments = ["-c", script, String(server.port), EndpointTests.request]
        let input = Pipe()
        let output = Pipe()
        client.standardInput = input
        client.standardOutput = output
        try client.run()
        let sent = output.fileHandleForReading.readLine()
        #expect(sent == "sent")
        server.signal(SIGTERM)
        #expect(Tools.eventually { server.text.contains(#""event":"draining""#) })
        try input.fileHandleForWriting.write(contentsOf: Data("go\n".utf8))
        let rest = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        client.waitUntilExit()
        #expect(rest == "HTTP/1.1 200 OK\nTrue\n")
        server.process.waitUntilExit()
        #expect(server.process.terminationStatus == 0)
        #expect(server.text.contains(#""event":"stopped","connectionsLeft":0"#))
    }

    /// SIGHUP reloads: a broken file is kept out (old hash served), a fixed one is taken.
    @Test func sighupReloads() throws {
        let server = try ServeProcess()
        let broken = server.rules.appendingPathComponent("broken.coin")
        try "bundle broken: lots of coins\n".write(to: broken, atomically: true, encoding: .utf8)
        server.signal(SIGHUP)
        #expect(Tools.eventually { server.text.contains(#""event":"reload_failed""#) })
        try FileManager.default.removeItem(at: broken)
        try "# changed\n".write(to: server.rules.appendingPathComponent("more.coin"), atomically: true, encoding: .utf8)
        server.signal(SIGHUP)
        #expect(Tools.eventually { server.text.contains(#""event":"reload","trigger":"SIGHUP""#) })
        server.signal(SIGTERM)
        server.process.waitUntilExit()
        #expect(server.process.terminationStatus == 0)
    }
}

extension FileHandle {
    /// One line, read a byte at a time so nothing after it is taken from the pipe.
    func readLine() -> String {
        var bytes: [UInt8] = []
        while let byte = try? read(upToCount: 1), let first = byte.first, first != 10 { bytes.append(first) }
        return String(decoding: bytes, as: UTF8.self)
    }
}
