#ifndef FACTEUR_CSQLITE_SHIM_H
#define FACTEUR_CSQLITE_SHIM_H
#include <sqlite3.h>

/* SQLITE_TRANSIENT is a macro over a cast function pointer and does not import into Swift.
   Text given with its length, from the string's own bytes: no C string made for each value bound (issue 15); an
   empty text is an empty string, not NULL (a null pointer binds SQL NULL). */
static inline int csqlite_bind_text64_transient(sqlite3_stmt *s, int i, const char *v, sqlite3_uint64 n) {
    return sqlite3_bind_text64(s, i, v ? v : "", n, SQLITE_TRANSIENT, SQLITE_UTF8);
}
static inline int csqlite_bind_blob_transient(sqlite3_stmt *s, int i, const void *v, int n) {
    return sqlite3_bind_blob(s, i, v, n, SQLITE_TRANSIENT);
}

/* Turns off SQLite's memory statistics (sqlite3_config is variadic and does not import into Swift). With them on,
   as Debian builds it, every allocation of every connection takes one process-wide mutex. Only before SQLite is
   initialised: afterwards SQLite refuses it with SQLITE_MISUSE and nothing changes. */
static inline int csqlite_disable_memory_statistics(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

/* Syncs the connection's journal (in WAL mode, the write-ahead log) to disk: the commits already made
   become durable without waiting for a checkpoint. SQLITE_FCNTL_JOURNAL_POINTER hands back the WAL's
   sqlite3_file (sqlite3PagerJrnlFile); no journal open means nothing to sync. */
static inline int csqlite_sync_journal(sqlite3 *db) {
    sqlite3_file *file = 0;
    int rc = sqlite3_file_control(db, "main", SQLITE_FCNTL_JOURNAL_POINTER, &file);
    if (rc != SQLITE_OK) return rc;
    if (file == 0 || file->pMethods == 0) return SQLITE_OK;
    return file->pMethods->xSync(file, SQLITE_SYNC_NORMAL);
}
#endif
