import CoinageFoundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension Console {
    /// The process's own standard input, output and error, written with `write(2)`
    /// and read with `read(2)`, every call checked.
    ///
    /// A standard stream that is closed when `coinage` starts is opened on
    /// `/dev/null` so that no file the command opens later takes its number (and
    /// receives its output); a closed standard output is then recorded as failed
    /// before the command runs, and a closed standard input fails at its first read.
    public static func standard() -> Console {
        let inputWasClosed = !StandardStreams.isOpen(STDIN_FILENO)
        let outputWasClosed = !StandardStreams.isOpen(STDOUT_FILENO)
        let errorWasClosed = !StandardStreams.isOpen(STDERR_FILENO)
        StandardStreams.occupyClosedDescriptors()
        let console = Console(
            output: { bytes throws(StreamFailure) in try StandardStreams.write(bytes, to: STDOUT_FILENO) },
            errorOutput: { bytes throws(StreamFailure) in try StandardStreams.write(bytes, to: STDERR_FILENO) },
            input: { () throws(StreamFailure) -> [UInt8]? in
                if inputWasClosed { throw StandardStreams.failure(EBADF) }
                return try StandardStreams.read(STDIN_FILENO)
            },
            now: { PlatformCalls.secondsSinceEpoch() },
            outputIsTerminal: !outputWasClosed && isatty(STDOUT_FILENO) == 1,
            environment: PlatformCalls.environment(),
            workingDirectory: PlatformCalls.currentDirectory()
        )
        if outputWasClosed { console.streams.output = StandardStreams.failure(EBADF) }
        if errorWasClosed { console.streams.error = StandardStreams.failure(EBADF) }
        return console
    }
}

/// Checked reads and writes on file descriptors.
enum StandardStreams {
    /// Standard input is read in chunks of this many bytes.
    static let readChunkBytes = 1 << 20

    /// Writes every byte, going on after a partial write or an interrupted call.
    static func write(_ bytes: [UInt8], to descriptor: Int32) throws(StreamFailure) {
        if let failure = PlatformCalls.writeAll(bytes, to: descriptor) { throw Self.failure(failure) }
    }

    /// The next chunk of `descriptor`, nil at its end.
    static func read(_ descriptor: Int32) throws(StreamFailure) -> [UInt8]? {
        let (bytes, failure) = PlatformCalls.readChunk(descriptor, upTo: readChunkBytes)
        if let failure { throw Self.failure(failure) }
        return bytes.isEmpty ? nil : bytes
    }

    static func failure(_ code: Int32) -> StreamFailure {
        StreamFailure(reason: String(cString: strerror(code)))
    }

    static func isOpen(_ descriptor: Int32) -> Bool {
        fcntl(descriptor, F_GETFD) != -1 || errno != EBADF
    }

    /// Opens `/dev/null` on each closed standard descriptor. `open` returns the
    /// lowest free number, so opening until the three are taken fills the gaps.
    static func occupyClosedDescriptors() {
        while !isOpen(STDIN_FILENO) || !isOpen(STDOUT_FILENO) || !isOpen(STDERR_FILENO) {
            let descriptor = open("/dev/null", O_RDWR)
            guard descriptor >= 0 else { return }
            if descriptor > STDERR_FILENO {
                close(descriptor)
                return
            }
        }
    }
}
