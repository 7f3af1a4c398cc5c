// claim-worker: a tiny driver of the JobStore claim primitive for multi-process tests and benchmarks.
//
//   claim-worker --db PATH --seed N [--prefix P]
//       create N pending jobs due now (ids P000000...), in one transaction
//   claim-worker --db PATH [--owner NAME] [--batch N] [--lease S] [--loop] [--clock-offset S]
//       claim up to N due jobs, print "<id> <token>" per job, finish each as completed;
//       with --loop repeat until nothing is due. Exit 0. --clock-offset runs S seconds in the future, so a
//       test can let other workers' leases expire without waiting for them.
//   claim-worker --db PATH --bench-claims K [--batch N]
//       time K claims of N jobs (each batch finished untimed afterwards); print the median and p90 in µs
//   claim-worker --db PATH --copy-to PATH2
//       JobStore.copy from --db into PATH2 (one transaction on the target); print the counts and the time
// PATH is a SQLite file or a postgresql:// URL (the password from PGPASSWORD or ~/.pgpass).
import BatchStateSpelling
import Foundation
import JobStore

struct Options {
    var db: String?
    var owner = "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)"
    var batch = 10
    var lease = 60
    var loop = false
    var seed: Int?
    var prefix = "batches/seed-"
    var benchClaims: Int?
    var copyTo: String?
    var clockOffset: TimeInterval = 0
}

func usage(_ message: String) -> Never {
    FileHandle.standardError.write(Data("claim-worker: \(message)\n".utf8))
    exit(2)
}

func parse(_ arguments: [String]) -> Options {
    var options = Options()
    var rest = arguments[...]
    func value(_ flag: String) -> String {
        guard let next = rest.popFirst() else { usage("\(flag) needs a value") }
        return next
    }
    func number(_ flag: String) -> Int {
        guard let n = Int(value(flag)), n >= 0 else { usage("\(flag) needs a non-negative integer") }
        return n
    }
    while let flag = rest.popFirst() {
        switch flag {
        case "--db": options.db = value(flag)
        case "--owner": options.owner = value(flag)
        case "--batch": options.batch = number(flag)
        case "--lease": options.lease = number(flag)
        case "--loop": options.loop = true
        case "--seed": options.seed = number(flag)
        case "--prefix": options.prefix = value(flag)
        case "--bench-claims": options.benchClaims = number(flag)
        case "--copy-to": options.copyTo = value(flag)
        case "--clock-offset": options.clockOffset = TimeInterval(number(flag))
        default: usage("unknown argument \(flag)")
        }
    }
    return options
}

func seed(_ store: JobStore, count: Int, prefix: String) throws {
    let width = max(6, String(count).count)
    let now = Timestamp(Date())
    let entries = (0..<count).map { n in
        let digits = String(n)
        return JobImport(id: prefix + String(repeating: "0", count: width - digits.count) + digits,
                         status: .pending, submittedAt: now)
    }
    let start = DispatchTime.now()
    let inserted = try store.insertMissingJobs(entries)
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    print("seeded \(inserted.count) jobs in \(String(format: "%.2f", seconds)) s")
}

func work(_ store: JobStore, _ options: Options) throws {
    var output = ""
    repeat {
        let claims = try store.claimDueJobs(owner: options.owner, limit: options.batch, leaseSeconds: options.lease,
                                            now: Date().addingTimeInterval(options.clockOffset))
        if claims.isEmpty { break }
        for claim in claims {
            output += "\(claim.jobID) \(claim.token)\n"
            try store.finish(claim, status: .completed, remoteState: BatchStateSpelling.wire("SUCCEEDED"),
                             now: Date().addingTimeInterval(options.clockOffset))
        }
        if output.utf8.count > 1 << 16 {
            FileHandle.standardOutput.write(Data(output.utf8))
            output = ""
        }
    } while options.loop
    FileHandle.standardOutput.write(Data(output.utf8))
}

func benchClaims(_ store: JobStore, count: Int, options: Options) throws {
    var micros: [Double] = []
    for _ in 0..<count {
        let start = DispatchTime.now()
        let claims = try store.claimDueJobs(owner: options.owner, limit: options.batch, leaseSeconds: options.lease)
        micros.append(Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e3)
        guard !claims.isEmpty else { usage("nothing due to claim; seed first") }
        for claim in claims { try store.finish(claim, status: .completed) }
    }
    micros.sort()
    let median = micros[micros.count / 2]
    let p90 = micros[min(micros.count - 1, micros.count * 9 / 10)]
    print("claim of \(options.batch) jobs: median \(String(format: "%.0f", median)) µs, p90 \(String(format: "%.0f", p90)) µs over \(count) claims")
}

func copy(_ store: JobStore, to target: String) throws {
    let destination = try JobStore(path: target)
    let start = DispatchTime.now()
    let report = try JobStore.copy(from: store, to: destination)
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    let tables = report.tables.map { "\($0.name) \($0.inserted)/\($0.source)" }.joined(separator: ", ")
    print("copied \(tables) in \(String(format: "%.2f", seconds)) s")
}

let options = parse(Array(CommandLine.arguments.dropFirst()))
guard let path = options.db else { usage("--db PATH is required") }
do {
    let store = try JobStore(path: path)
    if let count = options.seed {
        try seed(store, count: count, prefix: options.prefix)
    } else if let target = options.copyTo {
        try copy(store, to: target)
    } else if let count = options.benchClaims {
        try benchClaims(store, count: count, options: options)
    } else {
        try work(store, options)
    }
} catch {
    FileHandle.standardError.write(Data("claim-worker: \(error)\n".utf8))
    exit(1)
}
