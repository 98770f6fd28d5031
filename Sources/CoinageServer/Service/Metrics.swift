import Synchronization

/// The counters behind `GET /metrics`, written in the Prometheus text format
/// (version 0.0.4).
///
/// Labels are bounded: `endpoint` is one of the served paths, `unmatched` for any
/// other path and `none` for a request that could not be parsed, so a scan of
/// random URLs cannot grow the series without end.
final class Metrics: Sendable {
    /// Upper bounds of the latency histogram's buckets, in seconds.
    static let latencyBuckets: [Double] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5]

    private struct Key: Hashable { let endpoint: String; let code: Int }
    private struct Histogram {
        var counts = [Int](repeating: 0, count: Metrics.latencyBuckets.count)
        var sum = 0.0
        var count = 0
    }

    /// The endpoint labels, by index: the routes' paths, then `unmatched` and `none`.
    static let endpoints = Router.routes.map(\.path) + ["unmatched", "none"]

    /// The per-request counters of some of the threads.
    private struct ShardCounts {
        /// Answers by endpoint index × 1,000 + status code.
        var requests: [Int: Int] = [:]
        /// By endpoint index.
        var latency = [Histogram](repeating: Histogram(), count: Metrics.endpoints.count)
        var quoted = 0
        var refused = 0
    }

    /// One shard's counters under a mutex of their own: threads count into different
    /// shards, so counting is not a point where every request of the process meets;
    /// a scrape adds the shards up. A class, because an array cannot hold a `Mutex`.
    private final class Shard: Sendable {
        let counts = Mutex(ShardCounts())
    }

    /// A power of two, more than the threads that answer at once on most machines.
    private static let shardCount = 16
    private let shards = (0..<Metrics.shardCount).map { _ in Shard() }

    /// The counters of the process as a whole, rarely touched.
    private struct ProcessCounts {
        var reloads = 0
        var reloadFailures = 0
        var connections = 0
        var rejectedConnections = 0
        var evictedConnections = 0
    }

    private let process = Mutex(ProcessCounts())

    /// Counts an answer; `shard` is any number that differs between threads that
    /// answer at once (a connection's descriptor).
    func request(endpoint: Int, code: Int, seconds: Double, shard: Int) {
        shards[shard & (Self.shardCount - 1)].counts.withLock { counts in
            counts.requests[endpoint * 1_000 + code, default: 0] += 1
            counts.latency[endpoint].sum += seconds
            counts.latency[endpoint].count += 1
            for index in Self.latencyBuckets.indices where seconds <= Self.latencyBuckets[index] {
                counts.latency[endpoint].counts[index] += 1
            }
        }
    }

    func quotes(quoted: Int, refused: Int, shard: Int = 0) {
        shards[shard & (Self.shardCount - 1)].counts.withLock { counts in
            counts.quoted += quoted
            counts.refused += refused
        }
    }

    func reload(succeeded: Bool) {
        process.withLock { if succeeded { $0.reloads += 1 } else { $0.reloadFailures += 1 } }
    }

    func connectionOpened() { process.withLock { $0.connections += 1 } }
    func connectionClosed() { process.withLock { $0.connections -= 1 } }
    func connectionRejected() { process.withLock { $0.rejectedConnections += 1 } }
    func connectionEvicted() { process.withLock { $0.evictedConnections += 1 } }

    /// The exposition text, series sorted so that two scrapes compare line by line.
    func render(rules: RulesSnapshot, lastFailure: RulesFailure?) -> String {
        var requests: [Key: Int] = [:]
        var latency: [String: Histogram] = [:]
        var quoted = 0
        var refused = 0
        for shard in shards {
            shard.counts.withLock { shard in
                for (key, count) in shard.requests {
                    requests[Key(endpoint: Self.endpoints[key / 1_000], code: key % 1_000), default: 0] += count
                }
                for (index, histogram) in shard.latency.enumerated() where histogram.count > 0 {
                    var total = latency[Self.endpoints[index]] ?? Histogram()
                    for bucket in total.counts.indices { total.counts[bucket] += histogram.counts[bucket] }
                    total.sum += histogram.sum
                    total.count += histogram.count
                    latency[Self.endpoints[index]] = total
                }
                quoted += shard.quoted
                refused += shard.refused
            }
        }
        // A copy, so the text is built without holding the mutex.
        let counts = process.withLock { $0 }
        var text = ""
        func family(_ name: String, _ type: String, _ help: String) {
            text += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n"
        }
        family("coinage_http_requests_total", "counter", "Requests answered, by endpoint and status code.")
        let keys = requests.keys.sorted { ($0.endpoint, $0.code) < ($1.endpoint, $1.code) }
        for key in keys {
            text += "coinage_http_requests_total{endpoint=\"\(key.endpoint)\",code=\"\(key.code)\"} \(requests[key] ?? 0)\n"
        }
        family("coinage_http_errors_total", "counter", "Requests answered with a status of 400 or more, by endpoint and status code.")
        for key in keys where key.code >= 400 {
            text += "coinage_http_errors_total{endpoint=\"\(key.endpoint)\",code=\"\(key.code)\"} \(requests[key] ?? 0)\n"
        }
        family("coinage_http_request_duration_seconds", "histogram", "Time from a request's last byte to its response written, by endpoint.")
        for endpoint in latency.keys.sorted() {
            guard let histogram = latency[endpoint] else { continue }
            for (index, bound) in Self.latencyBuckets.enumerated() {
                text += "coinage_http_request_duration_seconds_bucket{endpoint=\"\(endpoint)\",le=\"\(bound)\"} \(histogram.counts[index])\n"
            }
            text += "coinage_http_request_duration_seconds_bucket{endpoint=\"\(endpoint)\",le=\"+Inf\"} \(histogram.count)\n"
            text += "coinage_http_request_duration_seconds_sum{endpoint=\"\(endpoint)\"} \(histogram.sum)\n"
            text += "coinage_http_request_duration_seconds_count{endpoint=\"\(endpoint)\"} \(histogram.count)\n"
        }
        family("coinage_quotes_total", "counter", "Quote requests answered, by outcome: quoted, or refused (invalid or refused by the rules).")
        text += "coinage_quotes_total{outcome=\"quoted\"} \(quoted)\ncoinage_quotes_total{outcome=\"refused\"} \(refused)\n"
        family("coinage_rules_info", "gauge", "The rule set being served: its content hash as a label.")
        text += "coinage_rules_info{hash=\"\(rules.hash)\"} 1\n"
        family("coinage_rules_loaded_timestamp_seconds", "gauge", "When the served rules were loaded.")
        text += "coinage_rules_loaded_timestamp_seconds \(rules.loadedAt)\n"
        family("coinage_rules_last_reload_failed", "gauge", "1 when the last reload failed and older rules are served.")
        text += "coinage_rules_last_reload_failed \(lastFailure == nil ? 0 : 1)\n"
        family("coinage_reloads_total", "counter", "Reloads of the rules after start-up, by outcome.")
        text += "coinage_reloads_total{outcome=\"success\"} \(counts.reloads)\ncoinage_reloads_total{outcome=\"failure\"} \(counts.reloadFailures)\n"
        family("coinage_connections_active", "gauge", "Connections open now.")
        text += "coinage_connections_active \(counts.connections)\n"
        family("coinage_connections_rejected_total", "counter", "Connections answered 503 because the most were open.")
        text += "coinage_connections_rejected_total \(counts.rejectedConnections)\n"
        family("coinage_connections_evicted_total", "counter", "Idle kept-alive connections closed to admit a new one when the most were open.")
        text += "coinage_connections_evicted_total \(counts.evictedConnections)\n"
        return text
    }
}
