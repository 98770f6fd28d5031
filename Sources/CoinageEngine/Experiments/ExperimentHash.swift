/// The hash that assigns a request to an experiment's arm: FNV-1a, 64 bits.
///
/// Chosen because another system reproduces it in a few lines, in any language,
/// with no library: start from the offset basis, and for each byte of the key xor
/// it in and multiply by the prime, modulo 2^64. The key is the UTF-8 text
/// `EXPERIMENT/SALT/UNIT` (an int unit in decimal, `-` before a negative one; a
/// text unit as it is, so the id `42` hashes alike written either way); the
/// bucket is the hash modulo the sum of the arms' weights. Docs/Experiments.md
/// works an example through.
public enum ExperimentHash {
    public static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    public static let prime: UInt64 = 0x0000_0100_0000_01b3

    /// FNV-1a 64 of `bytes`.
    public static func fnv1a64(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var hash = offsetBasis
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* prime
        }
        return hash
    }

    /// The key hashed for `unit` in an experiment: `EXPERIMENT/SALT/UNIT`.
    public static func key(experiment: String, salt: String, unit: String) -> String {
        "\(experiment)/\(salt)/\(unit)"
    }

    /// The key of an int unit: its decimal text.
    public static func key(experiment: String, salt: String, unit: Int64) -> String {
        key(experiment: experiment, salt: salt, unit: String(unit))
    }

    /// The bucket, in `0..<buckets`, of `unit`; `buckets` must be positive.
    public static func bucket(experiment: String, salt: String, unit: String, buckets: Int64) -> Int64 {
        let hash = fnv1a64(key(experiment: experiment, salt: salt, unit: unit).utf8)
        return Int64(hash % UInt64(max(1, buckets)))
    }

    /// The bucket of an int unit: that of its decimal text.
    public static func bucket(experiment: String, salt: String, unit: Int64, buckets: Int64) -> Int64 {
        bucket(experiment: experiment, salt: salt, unit: String(unit), buckets: buckets)
    }
}
