/* main.c - the lis command line: init, serve, demo, user add, backup, migrate,
 * audit verify, routes. Configuration by flags and environment (LIS_DB, LIS_LISTEN). */
#include "app.h"
#include "audit/audit.h"
#include "audit/key.h"
#include "auth/auth.h"
#include "core/util.h"
#include "db/migrate.h"
#include "entity/check.h"
#include "entity/pick.h"
#include "http/page_memo.h"
#include "http/router.h"
#include "http/server.h"
#include "app/generate.h"
#include "org/org.h"
#include "org/seed.h"
#include "app/demo.h"
#include "app/backup.h"
#include "pdf/pdf.h"
#include "requirements/requirements.h"
#include "requirements/generate.h"
#include "requirements/demo.h"
#include "documents/documents.h"
#include "awareness/awareness.h"
#include "entity/entity.h"
#include "scans/scans.h"
#include "remind/remind.h"
#include "dashboard/trends.h"
#include "dashboard/generate.h"
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <fcntl.h>
#include <unistd.h>

typedef struct options {
    const char *db;
    const char *listen;
    const char *password;
    const char *email, *name, *tenant, *tenant_name, *role, *unit, *title, *now, *base_url;
    const char *dir;
    int threads;
    int keep;
    int scale;
    long long seed;
    bool behind_proxy, timing_log, help, force;
    const char *args[8];
    int nargs;
} options;

static const char *usage_main =
    "lis - ledningssystem för informationssäkerhet (information security management)\n"
    "\n"
    "usage: lis COMMAND [options]\n"
    "\n"
    "commands:\n"
    "  init         create the database and a first tenant with its administrator\n"
    "  serve        serve the web UI and the JSON API\n"
    "  demo         create the demo organisation Exempelkommun (prints how to log in)\n"
    "  user add     add a person (and account) to a tenant, optionally with a role\n"
    "  generate-national  the 290 kommuner with maturity answers and opt-ins (national view)\n"
    "  import-scan FILE  import a vulnerability scan (OpenVAS XML, Nessus .nessus or CSV)\n"
    "  import-directory FILE  import an AD/Entra ID account export (directory hygiene)\n"
    "  import-devices FILE  import an Intune/MDM or Entra ID device export\n"
    "  backup FILE  a consistent online copy of the SQLite database (--dir DIR --keep N:\n"
    "               timestamped, the oldest beyond N removed)\n"
    "  restore FILE put a backup in place after checking it (integrity, audit log)\n"
    "  migrate      apply pending database migrations\n"
    "  audit verify check the audit log's keyed hash chains and their signed heads\n"
    "  audit rekey  once, for a database made before keys: sign its audit log\n"
    "  remind       queue and send the reminders by e-mail for a tenant\n"
    "  employment-end  deactivate a tenant's people whose employment has ended\n"
    "  trends-snapshot  count the lägesbild's key figures of the current quarter now\n"
    "  routes       list every HTTP route\n"
    "\n"
    "common options:\n"
    "  --db URL     path.sqlite or postgresql://… (env LIS_DB; default lis.sqlite)\n"
    "  --help       help for a command: lis COMMAND --help\n";

static const char *usage_for(const char *cmd)
{
    if (!strcmp(cmd, "init"))
        return "usage: lis init --tenant CODE --tenant-name NAME --email E --name N "
               "[--password P] [--db URL]\n"
               "Creates the database (if needed), the tenant with a root unit, and its first\n"
               "tenant administrator. Without --password a random one is printed once.\n";
    if (!strcmp(cmd, "serve"))
        return "usage: lis serve [--db URL] [--listen HOST:PORT] [--threads N] [--behind-proxy]\n"
               "                 [--timing-log]\n"
               "Serves on LIS_LISTEN (default 127.0.0.1:8080). Applies pending migrations\n"
               "first and refuses to start, naming it, if one fails. --behind-proxy trusts\n"
               "X-Forwarded-Proto for Secure cookies; --timing-log prints server time per\n"
               "request to stderr.\n";
    if (!strcmp(cmd, "demo"))
        return "usage: lis demo [--password P] [--scale N [--seed S]] [--db URL]\n"
               "Creates Exempelkommun with its organisation and demo users and prints their\n"
               "e-mail addresses and passwords. Run again, it gives the users new passwords.\n"
               "--password P gives every demo user the password P (for tests).\n"
               "--scale N adds a generated data set at N percent of the largest standard size\n"
               "(100: all 290 kommuner, 20,000 people, 50,000+ audit events), the same for the\n"
               "same --seed. For benchmarks; run it on a new database.\n";
    if (!strcmp(cmd, "user"))
        return "usage: lis user add --tenant CODE --email E --name N [--title T]\n"
               "                    [--role ROLE [--unit UNIT_ID]] [--password P] [--db URL]\n"
               "A role without --unit is held for the whole organisation (its top unit).\n"
               "Roles: tenant_admin ledning ciso it_security info_owner system_owner\n"
               "       info_manager coordinator forum_member dpo auditor employee\n"
               "       national_viewer (a body's national view: aggregates only)\n";
    if (!strcmp(cmd, "import-directory"))
        return "usage: lis import-directory FILE --tenant CODE\n"
               "Imports an account export from Active Directory or Entra ID (CSV) and reports\n"
               "inactive, never used and privileged accounts as findings of the directory.\n";
    if (!strcmp(cmd, "import-devices"))
        return "usage: lis import-devices FILE --tenant CODE\n"
               "Imports a device export from Intune, another MDM or Entra ID (CSV) and reports\n"
               "unmanaged devices, non-compliant ones and those without a check-in for the\n"
               "tenant's stale days (default 30) as findings in the förvaltning of each\n"
               "device's primary user. Prints \"N devices: X unmanaged, Y non-compliant, Z\n"
               "stale (no check-in in D days); A new, B still open, C fixed\". A file with a\n"
               "row that cannot be read imports nothing (exit code 1).\n";
    if (!strcmp(cmd, "import-scan"))
        return "usage: lis import-scan FILE --tenant CODE [--unit ID]\n"
               "Imports the findings of a Greenbone/OpenVAS XML report, a Nessus .nessus file or "
               "a\n"
               "Nessus CSV export into the tenant, in one transaction. A finding is the same\n"
               "across scans by host + plugin/NVT + port: a re-scan marks what it no longer\n"
               "reports on the hosts it covered as fixed. Hosts are mapped to systems by the\n"
               "tenant's host rules or a system's name; the others go to --unit (default: the\n"
               "whole organisation) and are listed. Prints \"N findings on M hosts: X new, Y\n"
               "still open, Z fixed\". A file with a row that cannot be a finding imports "
               "nothing.\n";
    if (!strcmp(cmd, "backup"))
        return "usage: lis backup FILE [--db URL]\n"
               "       lis backup --dir DIR [--keep N] [--db URL]\n"
               "Writes a consistent copy of a SQLite database while lis keeps serving, and\n"
               "the audit key beside it as FILE.key: keep the two together (a restored\n"
               "database cannot be verified or written without its key).\n"
               "--dir DIR writes DIR/lis-YYYYMMDDTHHMMSSZ.sqlite (UTC) and keeps the newest N\n"
               "such copies there (--keep, default 14), removing older ones with their keys.\n"
               "For PostgreSQL use: pg_dump --format=custom --file=FILE DBNAME\n";
    if (!strcmp(cmd, "restore"))
        return "usage: lis restore FILE [--db TARGET] [--force]\n"
               "Puts the backup FILE in place as the SQLite database TARGET (--db, LIS_DB)\n"
               "after checking a copy of it: SQLite's integrity check, its migrations (none\n"
               "newer than this lis knows) and its audit log, verified with the backup's key\n"
               "FILE.key, which becomes TARGET's key (LIS_AUDIT_KEY_FILE or TARGET.key).\n"
               "An existing TARGET, or a different key there, is replaced only with --force;\n"
               "a TARGET that a running lis has open never (stop lis first). A backup that\n"
               "fails a check changes nothing. For PostgreSQL use pg_restore.\n";
    if (!strcmp(cmd, "generate-national"))
        return "usage: lis generate-national [--seed S] [--db URL]\n"
               "Adds the 290 kommuner of data/kommuner.csv as tenants (those not there yet)\n"
               "and gives every kommun without an opt-in to the national view its opt-in and\n"
               "this year's maturity answers, drawn with the distribution of SKR's 2019\n"
               "survey (the same for the same --seed). For tests and benchmarks.\n";
    if (!strcmp(cmd, "migrate"))
        return "usage: lis migrate [--db URL]\n"
               "Applies pending migrations, each in its own transaction; a SQLite file that\n"
               "holds data is copied to FILE.before-NNNN first.\n";
    if (!strcmp(cmd, "audit"))
        return "usage: lis audit verify|rekey [--db URL]\n"
               "verify: recomputes every tenant's keyed hash chain, checks it ends where its\n"
               "signed head says and that every tenant has one, and names the tenant and the\n"
               "first row altered or removed. Exit status 0 when intact, 1 otherwise.\n"
               "rekey: once, for a database made before the log was keyed: creates the key if\n"
               "absent, checks the old plain chains and, only when intact, signs them.\n"
               "The key: LIS_AUDIT_KEY_FILE, or FILE.key beside a SQLite database FILE\n"
               "(required for PostgreSQL). LIS_AUDIT_SYSLOG=unix:/dev/log, udp:HOST:PORT,\n"
               "tcp:HOST:PORT or tls:HOST:PORT sends every audit row, every security event and\n"
               "each new chain head to syslog as RFC 5424 lines (never need-to-know content);\n"
               "tls: verifies the collector against the system's CAs or LIS_AUDIT_SYSLOG_CA,\n"
               "with an optional client certificate LIS_AUDIT_SYSLOG_CERT and _KEY.\n";
    if (!strcmp(cmd, "remind"))
        return "usage: lis remind --tenant CODE [--now TIME] [--base-url URL] [--db URL]\n"
               "Queues the reminders due for every person of the tenant (one digest a day, or\n"
               "one message each for those who chose so and for what cannot wait) and sends\n"
               "what is queued through the tenant's SMTP server; a message the server does\n"
               "not take stays queued and is retried later. lis serve sends every tick and\n"
               "queues every tenth (LIS_REMIND_TICK seconds, 60; 0: never). --now acts as of TIME "
               "(UTC\n"
               "2026-12-04T07:00:00Z, or Stockholm 2026-12-04 08:00): \"let a day pass\".\n"
               "Links point at --base-url (env LIS_BASE_URL; default http://LIS_LISTEN).\n"
               "Prints \"N queued, N sent, N failed\".\n";
    if (!strcmp(cmd, "trends-snapshot"))
        return "usage: lis trends-snapshot [--tenant CODE] [--now TIME] [--db URL]\n"
               "Counts the lägesbild's key figures (risks by level, actions open and late,\n"
               "classification and analysis coverage, incidents and legal deadlines, the basic\n"
               "course) of one tenant, or of every tenant, and keeps them as the current\n"
               "quarter's (in Stockholm; --now: the quarter of TIME). lis serve does the same\n"
               "once a day; a quarter's last count stands when it ends. Prints \"CODE QUARTER\n"
               "counted\" per tenant.\n";
    if (!strcmp(cmd, "employment-end"))
        return "usage: lis employment-end --tenant CODE [--now TIME] [--db URL]\n"
               "Deactivates the tenant's active people whose employment has ended (the end date\n"
               "the people import or the person's form set has come, in Stockholm), through the\n"
               "people entity: their sessions and API tokens end, the change is audited as the\n"
               "system. lis serve does the same for every tenant every tenth tick. --now acts as\n"
               "of TIME (UTC 2026-12-04T07:00:00Z, or Stockholm 2026-12-04 08:00). Prints \"N\n"
               "deactivated\".\n";
    if (!strcmp(cmd, "routes"))
        return "usage: lis routes\nPrints METHOD PATTERN [public] — SUMMARY for every route, with "
               "entity "
               "routes\nexpanded for the kinds they exist for.\n";
    return NULL;
}

static int parse_options(int argc, char **argv, int start, options *o)
{
    for (int i = start; i < argc; i++) {
        const char *a = argv[i];
        const char **target = NULL;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            o->help = true;
            continue;
        }
        if (!strcmp(a, "--behind-proxy")) {
            o->behind_proxy = true;
            continue;
        }
        if (!strcmp(a, "--force")) {
            o->force = true;
            continue;
        }
        if (!strcmp(a, "--timing-log")) {
            o->timing_log = true;
            continue;
        }
        if (!strcmp(a, "--db"))
            target = &o->db;
        else if (!strcmp(a, "--listen"))
            target = &o->listen;
        else if (!strcmp(a, "--password"))
            target = &o->password;
        else if (!strcmp(a, "--email"))
            target = &o->email;
        else if (!strcmp(a, "--name"))
            target = &o->name;
        else if (!strcmp(a, "--tenant"))
            target = &o->tenant;
        else if (!strcmp(a, "--tenant-name"))
            target = &o->tenant_name;
        else if (!strcmp(a, "--role"))
            target = &o->role;
        else if (!strcmp(a, "--unit"))
            target = &o->unit;
        else if (!strcmp(a, "--title"))
            target = &o->title;
        else if (!strcmp(a, "--now"))
            target = &o->now;
        else if (!strcmp(a, "--base-url"))
            target = &o->base_url;
        else if (!strcmp(a, "--dir"))
            target = &o->dir;
        else if (!strcmp(a, "--keep")) {
            if (i + 1 >= argc || (o->keep = atoi(argv[++i])) < 1 || o->keep > 10000) {
                fprintf(stderr, "lis: --keep wants a number of backups from 1 to 10000\n");
                return -1;
            }
            continue;
        } else if (!strcmp(a, "--scale")) {
            if (i + 1 >= argc || (o->scale = atoi(argv[++i])) < 1 || o->scale > 100) {
                fprintf(stderr,
                        "lis: --scale wants a number from 1 to 100 (percent of the largest set)\n");
                return -1;
            }
            continue;
        } else if (!strcmp(a, "--seed")) {
            if (i + 1 >= argc || (o->seed = atoll(argv[++i])) < 1) {
                fprintf(stderr, "lis: --seed wants a positive number\n");
                return -1;
            }
            continue;
        } else if (!strcmp(a, "--threads")) {
            if (i + 1 >= argc || (o->threads = atoi(argv[++i])) < 1 || o->threads > 256) {
                fprintf(stderr, "lis: --threads wants a number from 1 to 256\n");
                return -1;
            }
            continue;
        } else if (a[0] == '-') {
            fprintf(stderr, "lis: unknown option %s (see lis --help)\n", a);
            return -1;
        } else {
            if (o->nargs < 8) o->args[o->nargs++] = a;
            continue;
        }
        if (i + 1 >= argc) {
            fprintf(stderr, "lis: %s needs a value\n", a);
            return -1;
        }
        *target = argv[++i];
    }
    return 0;
}

/* Gives the picker the words of rows written outside the engine (the demo, the catalogue,
 * `lis user add`, a migration), so that they can be found. 0, or 1 after saying why. */
static int pick_words_complete(db *d)
{
    if (pick_index_missing(d) >= 0) return 0;
    fprintf(stderr, "lis: could not index names for the picker: %s\n", db_error(d));
    return 1;
}

/* Opens the database and brings its schema up to date (init, demo, migrate). */
static db *open_migrated(const options *o)
{
    char err[512];
    db *d = NULL;
    if (db_open(o->db, &d, err, sizeof err) != DB_OK) {
        fprintf(stderr, "lis: %s\n", err);
        return NULL;
    }
    if (migrate_run(d, o->db, stderr) != DB_OK) {
        fprintf(
            stderr,
            "lis: refusing to start; a failed migration leaves the database as it was before it\n");
        db_close(d);
        return NULL;
    }
    /* descriptors that disagree with the schema would fail later, on some page */
    int problems = entity_check_descriptors(d, stderr);
    if (problems != 0) {
        fprintf(stderr, "lis: refusing to start: %d problem%s in the entity descriptors\n",
                problems, problems == 1 ? "" : "s");
        db_close(d);
        return NULL;
    }
    return d;
}

static db *open_plain(const options *o)
{
    char err[512];
    db *d = NULL;
    if (db_open(o->db, &d, err, sizeof err) != DB_OK) {
        fprintf(stderr, "lis: %s\n", err);
        return NULL;
    }
    return d;
}

/* Loads the audit key (created first when create is set: init, demo, rekey), before the
 * database is touched. False, with the reason printed, when there is none to use. */
static bool load_signer(const options *o, audit_signer *s, bool create)
{
    char err[768];
    if (!audit_signer_open(s, o->db, create, err, sizeof err)) {
        fprintf(stderr, "lis: %s\n", err);
        return false;
    }
    return true;
}

/* Opens the database for a command that writes or checks the audit log, its connection
 * carrying the key; NULL (the signer closed) when either fails. */
static db *open_signed(const options *o, audit_signer *s, bool create, bool migrated)
{
    if (!load_signer(o, s, create)) return NULL;
    db *d = migrated ? open_migrated(o) : open_plain(o);
    if (!d) {
        audit_signer_close(s);
        return NULL;
    }
    db_set_audit_signer(d, s);
    return d;
}

/* lis serve's periodic work: reminders sent every tick, queued every tenth; ended
 * employments every tenth. */
static void serve_tick(app *ap)
{
    db *d = db_pool_get(ap->pool);
    if (!d) return;
    ap->ticks++;
    remind_tick(d, time(NULL), ap->ticks % 10 == 1, ap->base_url);
    if (ap->ticks % 10 == 1) employment_end_tick(d, time(NULL));
    if (ap->ticks % 10 == 1) trends_tick(d, time(NULL));
    db_pool_put(ap->pool, d);
}

static int cmd_serve(options *o)
{
    /* pending migrations are applied before serving (a SQLite file is backed up
     * first); if one fails, nothing of it remains and lis refuses to start */
    audit_signer signer;
    db *d = open_signed(o, &signer, false, true);
    if (!d) return 1;
    int unkeyed = audit_unkeyed_chains(d);
    if (unkeyed != 0) {
        fprintf(stderr, unkeyed > 0
                            ? "lis: the audit log was written before it was keyed: run `lis "
                              "audit rekey` once (see the README)\n"
                            : "lis: cannot read the audit log\n");
        db_close(d);
        audit_signer_close(&signer);
        return 1;
    }
    int synced = catalogue_sync(d, stderr);
    if (synced == DB_OK && pick_words_complete(d) != 0) synced = DB_ERROR;
    /* stale statistics only slow queries down: serving goes on, the failure is logged */
    if (db_kind_of(d) == DB_SQLITE && db_refresh_statistics(d, false) != DB_OK)
        fprintf(stderr, "lis: cannot refresh planner statistics: %s\n", db_error(d));
    db_close(d);
    if (synced != DB_OK) {
        audit_signer_close(&signer);
        return 1;
    }
    app ap = {.db_url = o->db,
              .listen = o->listen,
              .threads = o->threads,
              .behind_proxy = o->behind_proxy,
              .timing_log = o->timing_log,
              .tick = serve_tick,
              .tick_seconds = getenv("LIS_REMIND_TICK") ? atoi(getenv("LIS_REMIND_TICK")) : 60,
              .base_url = o->base_url};
    char err[512];
    if (db_pool_open(o->db, o->threads + 2, &ap.pool, err, sizeof err) != DB_OK) {
        fprintf(stderr, "lis: %s\n", err);
        audit_signer_close(&signer);
        return 1;
    }
    db_pool_set_audit_signer(ap.pool, &signer);
    ap.page_memo = page_memo_new((size_t)64 << 20); /* NULL: the pages are rendered each time */
    int rc = server_run(&ap);
    page_memo_free(ap.page_memo);
    db_pool_close(ap.pool);
    audit_signer_close(&signer);
    pdf_shutdown();
    return rc;
}

static const char *new_password(arena *a, const char *given)
{
    return given ? given : random_token(a, 12);
}

static int cmd_init(options *o)
{
    if (!o->tenant || !o->tenant_name || !o->email || !o->name) {
        fputs(usage_for("init"), stderr);
        return 2;
    }
    if (o->password && password_policy(o->password) >= 0) {
        fprintf(stderr, "lis: the password must be 10 to 200 characters\n");
        return 2;
    }
    audit_signer signer;
    db *d = open_signed(o, &signer, true, true);
    if (!d) return 1;
    arena a;
    arena_init(&a, 0);
    const char *pw = new_password(&a, o->password);
    char hash[128];
    int rc = 1;
    if (password_hash(pw, hash) == 0 && db_begin(d) == DB_OK) {
        int64_t t = seed_tenant(d, &a, o->tenant, o->tenant_name, "kommun");
        int64_t root = t ? seed_unit(d, &a, t, 0, o->tenant_name, "organisation") : 0;
        int64_t person = root ? seed_person(d, &a, t, root, o->name, o->email, NULL, hash) : 0;
        if (person && seed_role(d, &a, t, person, root, "tenant_admin") && db_commit(d) == DB_OK) {
            printf("created tenant %s (%s); administrator %s, password %s\n", o->tenant_name,
                   o->tenant, o->email, pw);
            rc = catalogue_sync(d, stderr) == DB_OK ? pick_words_complete(d) : 1;
        } else {
            fprintf(stderr, "lis: init failed (does tenant %s or %s exist already?): %s\n",
                    o->tenant, o->email, db_error(d));
            db_rollback(d);
        }
    }
    arena_free(&a);
    db_close(d);
    audit_signer_close(&signer);
    return rc;
}

static int cmd_demo(options *o)
{
    if (o->password && password_policy(o->password) >= 0) {
        fprintf(stderr, "lis: the password must be 10 to 200 characters\n");
        return 2;
    }
    audit_signer signer;
    db *d = open_signed(o, &signer, true, true);
    if (!d) return 1;
    int rc = seed_demo(d, o->password, stdout);
    if (rc == 0) rc = catalogue_sync(d, stderr) != DB_OK;
    /* the demo's self-assessment needs the catalogue in the tenant, so it comes after */
    if (rc == 0) rc = requirements_demo_answers(d);
    if (rc == 0) rc = documents_demo_requirements(d);
    if (rc == 0) rc = awareness_demo_requirements(d);
    if (rc == 0 && o->scale) {
        /* every generated person shares one password hash: argon2id per person would
         * take longer than the whole data set */
        char hash[128];
        arena a;
        arena_init(&a, 0);
        const char *pw = o->password ? o->password : random_token(&a, 12);
        rc = password_hash(pw, hash) != 0 ||
             generate_scale(d, o->scale, o->seed ? (uint64_t)o->seed : 1, hash, stdout) != 0;
        if (!rc) rc = catalogue_sync(d, stderr) != DB_OK;
        if (!rc) {
            /* self-assessments of a thousand of Exempelkommun's objects (at scale 100) */
            const char *ex =
                db_scalar(d, &a, "SELECT id FROM tenant WHERE code = 'EXEMPEL'", 0, NULL);
            long n = ex ? generate_answers(d, o->seed ? (uint64_t)o->seed : 1, atoll(ex),
                                           10 * (int)o->scale)
                        : 0;
            rc = n < 0;
            if (!rc) printf("requirement answers: %ld\n", n);
        }
        if (!rc) rc = pick_words_complete(d);
        /* statistics of the whole data set, or the planner judges tables by their first rows */
        if (!rc) rc = db_refresh_statistics(d, true) != DB_OK;
        if (!rc && !o->password) printf("generated people (personN@…) have the password %s\n", pw);
        arena_free(&a);
    }
    if (rc == 0) rc = pick_words_complete(d);
    /* the quarters so far: the current one counted, seven before it drawn back from it */
    if (rc == 0 &&
        trends_generate_history(d, o->seed ? (uint64_t)o->seed : 1, 7, time(NULL)) != DB_OK) {
        fprintf(stderr, "lis: trends: %s\n", db_error(d));
        rc = 1;
    }
    db_close(d);
    audit_signer_close(&signer);
    return rc;
}

static int cmd_user(options *o)
{
    if (o->nargs < 1 || strcmp(o->args[0], "add") != 0 || !o->tenant || !o->email || !o->name) {
        fputs(usage_for("user"), stderr);
        return 2;
    }
    if (o->role && role_from_code(o->role) < 0) {
        fprintf(stderr, "lis: unknown role %s (see lis user --help)\n", o->role);
        return 2;
    }
    audit_signer signer;
    db *d = open_signed(o, &signer, false, false);
    if (!d) return 1;
    arena a;
    arena_init(&a, 0);
    const char *pw = new_password(&a, o->password);
    char hash[128];
    int rc = 1;
    const char *p[] = {o->tenant};
    if (password_hash(pw, hash) == 0 && db_begin(d) == DB_OK) {
        const char *t = db_scalar(d, &a, "SELECT id FROM tenant WHERE code = $1", 1, p);
        int64_t unit = 0;
        if (o->unit && t) {
            const char *q[] = {o->unit, t};
            const char *u =
                db_scalar(d, &a, "SELECT id FROM unit WHERE id = $1 AND tenant_id = $2", 2, q);
            unit = u ? atoll(u) : -1;
        } else if (o->role && t) {
            /* a role without --unit is held for the whole organisation: its root unit */
            const char *q[] = {t};
            const char *u = db_scalar(
                d, &a, "SELECT id FROM unit WHERE tenant_id = $1 AND parent_id IS NULL", 1, q);
            unit = u ? atoll(u) : -1;
        }
        int64_t person = t && unit >= 0
                             ? seed_person(d, &a, atoll(t), unit, o->name, o->email, o->title, hash)
                             : 0;
        if (person && (!o->role || seed_role(d, &a, atoll(t), person, unit, o->role)) &&
            db_commit(d) == DB_OK) {
            printf("added %s to %s; password %s\n", o->email, o->tenant, pw);
            rc = pick_words_complete(d);
        } else {
            fprintf(stderr, "lis: could not add %s: %s\n", o->email,
                    !t         ? "no such tenant"
                    : unit < 0 ? "no such unit in that tenant"
                               : db_error(d));
            db_rollback(d);
        }
    }
    arena_free(&a);
    db_close(d);
    audit_signer_close(&signer);
    return rc;
}

/* The audit key copied beside a backup FILE as FILE.key (mode 0600), the name a SQLite
 * database FILE looks for, so a restored copy can be verified and written. */
static bool copy_key_beside(const options *o, const char *backup)
{
    char from[1024], err[768], to[1100];
    if (!audit_key_path(o->db, from, sizeof from, err, sizeof err)) {
        fprintf(stderr, "lis: %s\n", err);
        return false;
    }
    snprintf(to, sizeof to, "%s.key", backup);
    FILE *in = fopen(from, "r");
    if (!in) {
        fprintf(stderr, "lis: no audit key at %s to copy beside the backup\n", from);
        return false;
    }
    int fd = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    FILE *out = fd >= 0 ? fdopen(fd, "w") : NULL;
    char chunk[256];
    size_t n;
    bool ok = out != NULL;
    while (ok && (n = fread(chunk, 1, sizeof chunk, in)) > 0)
        ok = fwrite(chunk, 1, n, out) == n;
    fclose(in);
    if (out)
        ok = fclose(out) == 0 && ok;
    else if (fd >= 0)
        close(fd);
    if (!ok)
        fprintf(stderr, "lis: cannot write %s\n", to);
    else
        printf("audit key copied to %s: keep it with the backup, apart from others\n", to);
    return ok;
}

static int cmd_backup(options *o)
{
    if ((o->nargs < 1) == !o->dir || (o->keep && !o->dir)) {
        fputs(usage_for("backup"), stderr);
        return 2;
    }
    db *d = open_plain(o);
    if (!d) return 1;
    int rc = 0;
    if (db_kind_of(d) == DB_PG) {
        fprintf(stderr,
                "lis: for PostgreSQL use pg_dump --format=custom --file=%s <database>, and copy "
                "the audit key (LIS_AUDIT_KEY_FILE) with it\n",
                o->dir ? "DIR/FILE" : o->args[0]);
        rc = 2;
    } else if (o->dir) {
        char key[1024], err[768];
        if (!audit_key_path(o->db, key, sizeof key, err, sizeof err)) {
            fprintf(stderr, "lis: %s\n", err);
            rc = 1;
        } else {
            rc = backup_routine(d, key, o->dir, o->keep ? o->keep : 14, stdout, stderr);
        }
    } else {
        char err[512];
        if (db_sqlite_backup(d, o->args[0], err, sizeof err) != DB_OK) {
            fprintf(stderr, "lis: %s\n", err);
            rc = 1;
        } else {
            printf("backup written to %s\n", o->args[0]);
            if (!copy_key_beside(o, o->args[0])) rc = 1;
        }
    }
    db_close(d);
    return rc;
}

static int cmd_restore(options *o)
{
    if (o->nargs != 1) {
        fputs(usage_for("restore"), stderr);
        return 2;
    }
    if (strncmp(o->db, "postgres", 8) == 0) {
        fprintf(stderr, "lis: restore puts a SQLite backup in place; for PostgreSQL use "
                        "pg_restore, and LIS_AUDIT_KEY_FILE the key kept with the dump\n");
        return 2;
    }
    char key[1024], err[768];
    if (!audit_key_path(o->db, key, sizeof key, err, sizeof err)) {
        fprintf(stderr, "lis: %s\n", err);
        return 1;
    }
    return backup_restore(o->args[0], o->db, key, o->force, stdout, stderr);
}

static int cmd_generate_national(options *o)
{
    audit_signer signer;
    db *d = open_signed(o, &signer, true, true);
    if (!d) return 1;
    int rc = generate_national_only(d, o->seed ? (uint64_t)o->seed : 1, stdout);
    if (rc == 0) rc = db_refresh_statistics(d, false) != DB_OK;
    db_close(d);
    audit_signer_close(&signer);
    return rc;
}

static int cmd_migrate(options *o)
{
    db *d = open_migrated(o);
    if (!d) return 1;
    if (pick_words_complete(d) != 0) {
        db_close(d);
        return 1;
    }
    printf("database is up to date\n");
    db_close(d);
    return 0;
}

static int cmd_audit(options *o)
{
    bool rekey = o->nargs >= 1 && strcmp(o->args[0], "rekey") == 0;
    if (o->nargs < 1 || (strcmp(o->args[0], "verify") != 0 && !rekey)) {
        fputs(usage_for("audit"), stderr);
        return 2;
    }
    /* rekey migrates first: the signed heads live in a table of migration 0017 */
    audit_signer signer;
    db *d = open_signed(o, &signer, rekey, rekey);
    if (!d) return 1;
    int problems = rekey ? audit_rekey(d, stdout) : audit_verify(d, stdout);
    db_close(d);
    audit_signer_close(&signer);
    return problems == 0 ? 0 : 1;
}

static void print_route(const route *rt, const entity *kind, const char *path, void *ctx)
{
    (void)ctx;
    printf("%s %s%s — %s%s%s%s\n", rt->method, path, (rt->flags & ROUTE_PUBLIC) ? " public" : "",
           rt->summary, kind ? " (" : "", kind ? tr(LANG_EN, kind->label_many) : "",
           kind ? ")" : "");
}

static int cmd_import_scan(options *o)
{
    if (o->nargs != 1 || !o->tenant) {
        fputs(usage_for("import-scan"), stderr);
        return 2;
    }
    audit_signer signer;
    db *d = open_signed(o, &signer, false, true);
    if (!d) return 1;
    int rc = scans_cli_import(d, o->tenant, o->unit, o->args[0]);
    db_close(d);
    audit_signer_close(&signer);
    return rc;
}

/* lis import-directory, lis import-devices: one kind of signal export each */
static int cmd_import_signal(options *o, const signal_kind *k)
{
    if (o->nargs != 1 || !o->tenant) {
        fputs(usage_for(k->command), stderr);
        return 2;
    }
    audit_signer signer;
    db *d = open_signed(o, &signer, false, true);
    if (!d) return 1;
    int rc = signal_cli_import(d, o->tenant, o->args[0], k);
    db_close(d);
    audit_signer_close(&signer);
    return rc;
}

/* lis remind, lis employment-end and lis trends-snapshot: a tenant's periodic pass, made
 * once now (or --now); trends-snapshot without --tenant: every tenant's */
static int cmd_tenant_pass(options *o, const char *cmd)
{
    bool trends = !strcmp(cmd, "trends-snapshot");
    if (!o->tenant && !trends) {
        fputs(usage_for(cmd), stderr);
        return 2;
    }
    audit_signer signer;
    db *d = open_signed(o, &signer, false, true);
    if (!d) return 1;
    int rc = trends                   ? trends_snapshot_cli(d, o->tenant, o->now)
             : !strcmp(cmd, "remind") ? remind_cli(d, o->tenant, o->now, o->base_url)
                                      : employment_end_cli(d, o->tenant, o->now);
    db_close(d);
    audit_signer_close(&signer);
    return rc;
}

static int cmd_routes(void)
{
    arena a;
    arena_init(&a, 0);
    route_each(&a, print_route, NULL);
    arena_free(&a);
    return 0;
}

int main(int argc, char **argv)
{
    setenv("TZ", "Europe/Stockholm", 1);
    tzset();
    if (sodium_init() < 0) {
        fprintf(stderr, "lis: libsodium failed to start\n");
        return 1;
    }
    if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
        !strcmp(argv[1], "help")) {
        fputs(usage_main, argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    const char *cmd = argv[1];
    options o = {0};
    o.db = getenv("LIS_DB") ? getenv("LIS_DB") : "lis.sqlite";
    o.listen = getenv("LIS_LISTEN") ? getenv("LIS_LISTEN") : "127.0.0.1:8080";
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    o.threads = cores > 0 ? (int)cores : 2;
    if (parse_options(argc, argv, 2, &o) != 0) return 2;
    if (!o.base_url) o.base_url = getenv("LIS_BASE_URL");
    char default_base[300]; /* lives as long as main */
    if (!o.base_url) {
        snprintf(default_base, sizeof default_base, "http://%s", o.listen);
        o.base_url = default_base;
    }
    if (!usage_for(cmd)) {
        fprintf(stderr, "lis: unknown command %s\n\n%s", cmd, usage_main);
        return 2;
    }
    if (o.help) {
        fputs(usage_for(cmd), stdout);
        return 0;
    }
    if (!strcmp(cmd, "serve")) return cmd_serve(&o);
    if (!strcmp(cmd, "init")) return cmd_init(&o);
    if (!strcmp(cmd, "demo")) return cmd_demo(&o);
    if (!strcmp(cmd, "user")) return cmd_user(&o);
    if (!strcmp(cmd, "backup")) return cmd_backup(&o);
    if (!strcmp(cmd, "restore")) return cmd_restore(&o);
    if (!strcmp(cmd, "migrate")) return cmd_migrate(&o);
    if (!strcmp(cmd, "generate-national")) return cmd_generate_national(&o);
    if (!strcmp(cmd, "audit")) return cmd_audit(&o);
    if (!strcmp(cmd, "import-scan")) return cmd_import_scan(&o);
    if (!strcmp(cmd, "import-directory")) return cmd_import_signal(&o, &signal_kind_directory);
    if (!strcmp(cmd, "import-devices")) return cmd_import_signal(&o, &signal_kind_devices);
    if (!strcmp(cmd, "remind") || !strcmp(cmd, "employment-end") || !strcmp(cmd, "trends-snapshot"))
        return cmd_tenant_pass(&o, cmd);
    return cmd_routes();
}
