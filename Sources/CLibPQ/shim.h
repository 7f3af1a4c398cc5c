#ifndef PFC_CLIBPQ_SHIM_H
#define PFC_CLIBPQ_SHIM_H
// PostgreSQL's client library (Debian libpq-dev; pkg-config libpq adds -I/usr/include/postgresql).
#include <libpq-fe.h>

// PG_DIAG_* are character-literal macros, which Swift does not import.
static inline int pfc_pq_diag_sqlstate(void) { return PG_DIAG_SQLSTATE; }
static inline int pfc_pq_diag_message_primary(void) { return PG_DIAG_MESSAGE_PRIMARY; }

// Server notices (e.g. "relation already exists, skipping") go to stderr by default; a job tool's
// stderr is for its own errors, so they are dropped.
static void pfc_pq_ignore_notice(void *arg, const char *message) { (void)arg; (void)message; }
static inline void pfc_pq_silence_notices(PGconn *conn) { PQsetNoticeProcessor(conn, pfc_pq_ignore_notice, 0); }
#endif
