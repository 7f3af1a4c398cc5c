import Foundation
import JobStore
import PFCConfig

extension Doctor {
    /// `database` (integrity) and `migrations` (schema version), plus the open store for the job
    /// checks when the file is usable. A missing file is not opened, so doctor never creates one.
    func databaseChecks(_ config: Config) -> (checks: [DoctorCheck], store: JobStore?) {
        if config.paths.databaseIsServer { return serverChecks(config) }
        let file = config.paths.database
        let moveAside = "move it aside (mv '\(file.path)' '\(file.path).broken'), then restore a backup or rebuild it "
            + "with pfc-jobs import-json from the tracking file"
        switch FileProbe.kind(file) {
        case .missing:
            return ([DoctorCheck(check: .database, verdict: .warn, detail: "\(file.path) does not exist yet",
                                 hint: "pfc-jobs init creates it (and imports a tracking file if there is one)")], nil)
        case .folder:
            return ([DoctorCheck(check: .database, verdict: .fail, detail: "\(file.path) is a folder, not a database file",
                                 hint: "fix jobs_database in the config")], nil)
        case .file:
            break
        }
        let found: Int
        do {
            found = try JobStore.peekVersion(path: file.path)
        } catch {
            return ([DoctorCheck(check: .database, verdict: .fail, detail: "\(file.path) is not a readable job database: \(Self.describe(error))",
                                 hint: moveAside)], nil)
        }
        let latest = JobStore.latestSupportedVersion
        if found > latest {
            return ([DoctorCheck(check: .migrations, verdict: .fail,
                                 detail: "\(file.path) is at schema version \(found); this pfc-jobs knows up to \(latest)",
                                 hint: "use the newer pfc-jobs that wrote it (this one will not touch the file)")], nil)
        }
        let store: JobStore
        do {
            store = try JobStore(path: file.path)
        } catch {
            return ([DoctorCheck(check: .database, verdict: .fail, detail: Self.describe(error), hint: moveAside)], nil)
        }
        var checks: [DoctorCheck] = []
        do {
            let problems = try store.integrityCheck()
            if problems.isEmpty {
                checks.append(DoctorCheck(check: .database, verdict: .pass, detail: "\(file.path): integrity check ok"))
            } else {
                let shown = problems.prefix(3).joined(separator: "; ")
                checks.append(DoctorCheck(check: .database, verdict: .fail,
                                          detail: "\(file.path): \(problems.count) integrity problem(s): \(shown)", hint: moveAside))
            }
        } catch {
            checks.append(DoctorCheck(check: .database, verdict: .fail,
                                      detail: "\(file.path): integrity check failed: \(Self.describe(error))", hint: moveAside))
            return (checks, nil)
        }
        let current = (try? store.schemaVersion) ?? found
        checks.append(DoctorCheck(check: .migrations, verdict: current == latest ? .pass : .fail,
                                  detail: found == current
                                      ? "schema version \(current) (the latest this pfc-jobs knows)"
                                      : "schema version \(current) (migrated from \(found) just now)",
                                  hint: current == latest ? nil : "run any pfc-jobs command to migrate, and check the log"))
        return (checks, store)
    }

    static func describe(_ error: any Error) -> String {
        String(describing: error)
    }
}
