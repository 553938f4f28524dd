/* backup.c - routine backups with retention, and a restore that checks before it replaces. */
#include "backup.h"
#include "../audit/audit.h"
#include "../audit/key.h"
#include "../core/embedded.h"
#include "../core/util.h"
#include "../db/migrate.h"
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

bool backup_is_routine_name(const char *name)
{
    /* lis-20261204T023000Z.sqlite: "d" a digit, every other character itself */
    static const char shape[] = "lis-ddddddddTddddddZ.sqlite";
    if (strlen(name) != sizeof shape - 1) return false;
    for (size_t i = 0; shape[i]; i++)
        if (shape[i] == 'd' ? !isdigit((unsigned char)name[i]) : name[i] != shape[i]) return false;
    return true;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Copies the file from to to (mode 0600), replacing it. */
static bool copy_file(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb");
    if (!in) return false;
    int fd = open(to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    FILE *o = fd >= 0 ? fdopen(fd, "wb") : NULL;
    char chunk[65536];
    size_t n;
    bool ok = o != NULL;
    while (ok && (n = fread(chunk, 1, sizeof chunk, in)) > 0)
        ok = fwrite(chunk, 1, n, o) == n;
    ok = ok && !ferror(in);
    fclose(in);
    if (o) {
        ok = fflush(o) == 0 && fsync(fd) == 0 && ok;
        ok = fclose(o) == 0 && ok;
    } else if (fd >= 0) {
        close(fd);
    }
    if (!ok) unlink(to);
    return ok;
}

int backup_routine(db *d, const char *key_path, const char *dir, int keep, FILE *out, FILE *err)
{
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    char name[64], path[4200], key[4300];
    strftime(name, sizeof name, "lis-%Y%m%dT%H%M%SZ.sqlite", &tm);
    if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, name) >= sizeof path) {
        fprintf(err, "lis: the directory name %s is too long\n", dir);
        return 1;
    }
    struct stat st;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        fprintf(err, "lis: %s is not a directory\n", dir);
        return 1;
    }
    if (stat(path, &st) == 0) {
        fprintf(err, "lis: %s exists already (one backup a second)\n", path);
        return 1;
    }
    char e[512];
    if (db_sqlite_backup(d, path, e, sizeof e) != DB_OK) {
        fprintf(err, "lis: %s\n", e);
        unlink(path);
        return 1;
    }
    chmod(path, 0600);
    snprintf(key, sizeof key, "%s.key", path);
    if (!copy_file(key_path, key)) {
        fprintf(err, "lis: cannot copy the audit key %s to %s: the backup is removed\n", key_path,
                key);
        unlink(path);
        return 1;
    }
    fprintf(out, "backup written to %s (audit key beside it as %s.key)\n", path, name);

    /* retention: the newest keep routine backups stay */
    DIR *dh = opendir(dir);
    if (!dh) {
        fprintf(err, "lis: cannot list %s: %s\n", dir, strerror(errno));
        return 1;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *ent;
    int rc = 0;
    while ((ent = readdir(dh)) != NULL) {
        if (!backup_is_routine_name(ent->d_name)) continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 32;
            char **grown = realloc(names, cap * sizeof *names);
            if (!grown) {
                rc = 1;
                break;
            }
            names = grown;
        }
        names[n++] = strdup(ent->d_name);
    }
    closedir(dh);
    if (n) qsort(names, n, sizeof *names, by_name); /* the timestamps sort as their names */
    size_t removed = 0;
    for (size_t i = 0; i + (size_t)keep < n; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        snprintf(key, sizeof key, "%s.key", path);
        if (unlink(path) != 0 && errno != ENOENT) {
            fprintf(err, "lis: cannot remove %s: %s\n", path, strerror(errno));
            rc = 1;
        } else {
            unlink(key);
            removed++;
        }
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    fprintf(out, "%zu backup%s kept in %s, %zu older removed\n", n - removed,
            n - removed == 1 ? "" : "s", dir, removed);
    return rc;
}

/* True when a process holds SQLite's WAL lock on the database (every open connection
 * keeps a shared lock on the "DMS" byte, offset 128, of FILE-shm): lis is running on it. */
static bool in_use(const char *target)
{
    char shm[4200];
    snprintf(shm, sizeof shm, "%s-shm", target);
    int fd = open(shm, O_RDWR | O_CLOEXEC);
    if (fd < 0) return false;
    struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 128, .l_len = 1};
    bool held = fcntl(fd, F_GETLK, &fl) == 0 && fl.l_type != F_UNLCK;
    close(fd);
    return held;
}

static bool same_contents(const char *a, const char *b)
{
    FILE *x = fopen(a, "rb"), *y = fopen(b, "rb");
    bool same = x && y;
    while (same) {
        int c = fgetc(x), d = fgetc(y);
        if (c != d) same = false;
        if (c == EOF || d == EOF) break;
    }
    if (x) fclose(x);
    if (y) fclose(y);
    return same;
}

/* The checks of a restore, on the copy at tmp, with the backup's key: 0, or the problem
 * printed to err and 1. */
static int check_copy(const char *tmp, const char *key, FILE *out, FILE *err)
{
    char e[768];
    audit_signer s;
    /* the backup's own key, whatever the environment names; no syslog copy */
    if (setenv("LIS_AUDIT_KEY_FILE", key, 1) != 0 || unsetenv("LIS_AUDIT_SYSLOG") != 0) return 1;
    if (!audit_signer_open(&s, tmp, false, e, sizeof e)) {
        fprintf(err, "lis: %s\n", e);
        return 1;
    }
    db *d = NULL;
    if (db_open(tmp, &d, e, sizeof e) != DB_OK) {
        fprintf(err, "lis: the backup cannot be opened: %s\n", e);
        audit_signer_close(&s);
        return 1;
    }
    db_set_audit_signer(d, &s);
    arena a;
    arena_init(&a, 0);
    int rc = 1;
    const char *integrity = db_scalar(d, &a, "PRAGMA integrity_check", 0, NULL);
    const char *applied =
        integrity ? db_scalar(d, &a, "SELECT COUNT(*) FROM schema_migrations", 0, NULL) : NULL;
    const char *newest =
        applied ? db_scalar(d, &a, "SELECT MAX(version) FROM schema_migrations", 0, NULL) : NULL;
    int known = 0;
    for (const embedded_file *m = embedded_migrations; m->name; m++)
        known = atoi(m->name) > known ? atoi(m->name) : known;
    if (!integrity || strcmp(integrity, "ok") != 0) {
        fprintf(err, "lis: the backup is damaged: SQLite's integrity check says %s\n",
                integrity ? integrity : db_error(d));
    } else if (!applied || atoi(applied) < 1 || !newest) {
        fprintf(err, "lis: the backup is no lis database: it has no migrations (%s)\n",
                applied ? "schema_migrations is empty" : db_error(d));
    } else if (atoi(newest) > known) {
        fprintf(err,
                "lis: the backup was made by a newer lis (migration %04d; this one knows up to "
                "%04d): restore it with that version\n",
                atoi(newest), known);
    } else {
        fprintf(out, "integrity check: ok; %s migrations applied, the newest %04d\n", applied,
                atoi(newest));
        int problems = audit_verify(d, out);
        if (problems != 0)
            fprintf(err, "lis: the backup's audit log does not verify with its key %s%s\n", key,
                    problems < 0 ? " (it cannot be read)" : "");
        else
            rc = 0;
    }
    arena_free(&a);
    db_close(d);
    audit_signer_close(&s);
    return rc;
}

static void remove_db_files(const char *path)
{
    char p[4300];
    unlink(path);
    if ((size_t)snprintf(p, sizeof p, "%s-wal", path) < sizeof p) unlink(p);
    if ((size_t)snprintf(p, sizeof p, "%s-shm", path) < sizeof p) unlink(p);
}

int backup_restore(const char *file, const char *target, const char *key_path, bool force,
                   FILE *out, FILE *err)
{
    struct stat st;
    if (stat(file, &st) != 0 || !S_ISREG(st.st_mode)) {
        fprintf(err, "lis: no backup file %s\n", file);
        return 1;
    }
    char key[4200], tmp[4200];
    snprintf(key, sizeof key, "%s.key", file);
    if (stat(key, &st) != 0) {
        fprintf(err,
                "lis: no audit key %s beside the backup: without it the backup cannot be "
                "verified or written (lis backup writes it there)\n",
                key);
        return 1;
    }
    if (stat(target, &st) == 0) {
        if (in_use(target)) {
            fprintf(err, "lis: %s is open in a running lis: stop it first (systemctl stop lis)\n",
                    target);
            return 1;
        }
        if (!force) {
            fprintf(err, "lis: %s exists: give --force to replace it (after stopping lis)\n",
                    target);
            return 1;
        }
    }
    if (stat(key_path, &st) == 0 && !same_contents(key, key_path) && !force) {
        fprintf(err,
                "lis: the audit key %s differs from the backup's: give --force to replace it "
                "with the backup's\n",
                key_path);
        return 1;
    }
    /* every check runs on a copy beside the target; the target changes only after all */
    if ((size_t)snprintf(tmp, sizeof tmp, "%s.restoring", target) >= sizeof tmp) {
        fprintf(err, "lis: the target name is too long\n");
        return 1;
    }
    remove_db_files(tmp);
    if (!copy_file(file, tmp)) {
        fprintf(err, "lis: cannot copy %s to %s: %s\n", file, tmp, strerror(errno));
        return 1;
    }
    int rc = check_copy(tmp, key, out, err);
    char tmpwal[4300];
    snprintf(tmpwal, sizeof tmpwal, "%s-wal", tmp);
    if (rc == 0 && stat(tmpwal, &st) == 0) {
        fprintf(err, "lis: the checked copy kept a write-ahead log; nothing was restored\n");
        rc = 1;
    }
    if (rc == 0 && !same_contents(key, key_path) && !copy_file(key, key_path)) {
        fprintf(err, "lis: cannot write the audit key %s: %s\n", key_path, strerror(errno));
        rc = 1;
    }
    if (rc == 0) {
        char p[4300];
        snprintf(p, sizeof p, "%s-wal", target);
        unlink(p);
        snprintf(p, sizeof p, "%s-shm", target);
        unlink(p);
        if (rename(tmp, target) != 0) {
            fprintf(err, "lis: cannot put %s in place: %s\n", target, strerror(errno));
            rc = 1;
        }
    }
    if (rc == 0)
        fprintf(out, "restored %s to %s (audit key %s)\n", file, target, key_path);
    else
        fprintf(err, "lis: nothing was restored\n");
    remove_db_files(tmp);
    return rc;
}
