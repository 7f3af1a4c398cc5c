import Foundation
import JobStore
import PFCConfig

extension Doctor {
    /// How far this machine's clock may be from the server's: leases and schedules compare times that
    /// several machines write.
    static let clockToleranceSeconds = 5.0

    /// `database` and `migrations` for a PostgreSQL server: reachable (opening migrates, as any command
    /// does, and refuses a newer schema), its version, the clocks' agreement, the schema version.
    func serverChecks(_ config: Config) -> (checks: [DoctorCheck], store: JobStore?) {
        let location = config.paths.databaseLocation
        let store: JobStore
        do {
            store = try JobStore(path: location)
        } catch let error as JobStoreError {
            if case .databaseTooNew = error {
                return ([DoctorCheck(check: .migrations, verdict: .fail, detail: error.description,
                                     hint: "use the newer pfc-jobs that migrated the server (this one will not touch it)")], nil)
            }
            return ([DoctorCheck(check: .database, verdict: .fail, detail: error.description,
                                 hint: "check the URL, that the server runs and is reachable from here, and the password "
                                     + "(PGPASSWORD in the environment or .env, or ~/.pgpass)")], nil)
        } catch {
            return ([DoctorCheck(check: .database, verdict: .fail, detail: Self.describe(error), hint: nil)], nil)
        }
        var checks: [DoctorCheck] = []
        do {
            if let server = try store.serverStatus() {
                checks.append(DoctorCheck(check: .database, verdict: .pass,
                                          detail: "\(store.path): PostgreSQL \(server.version) answers"))
                let offset = server.clockOffsetSeconds
                let agree = abs(offset) <= Self.clockToleranceSeconds + server.roundTripSeconds / 2
                checks.append(DoctorCheck(check: .database, verdict: agree ? .pass : .fail,
                                          detail: String(format: "the server's clock is %+.1f s from this machine's", offset),
                                          hint: agree ? nil : "synchronise the clocks (NTP): leases compare times that several machines write"))
            }
            let current = try store.schemaVersion
            let latest = JobStore.latestSupportedVersion
            checks.append(DoctorCheck(check: .migrations, verdict: current == latest ? .pass : .fail,
                                      detail: "schema version \(current) (this pfc-jobs knows up to \(latest))",
                                      hint: current == latest ? nil : "run any pfc-jobs command to migrate, and check the log"))
        } catch {
            checks.append(DoctorCheck(check: .database, verdict: .fail, detail: "\(store.path): \(Self.describe(error))", hint: nil))
            return (checks, nil)
        }
        return (checks, store)
    }
}
