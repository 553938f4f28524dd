/* scans.h - technical signals: the findings of vulnerability scans (Greenbone/OpenVAS,
 * Nessus), imported from the files the scanners export (parse.h), de-duplicated across
 * scans by host + plugin/NVT + port, mapped to systems by the tenant's host rules, each
 * with a remediation deadline by severity. Findings name weaknesses: read need-to-know
 * like risks, every read and export audited. */
#ifndef LIS_SCANS_H
#define LIS_SCANS_H
#include "../entity/entity.h"
#include "../entity/todo.h"
#include "parse.h"
#include "hygiene.h"
#include "devices.h"
#include "signal_import.h"

extern const entity entity_scan_findings, entity_scan_imports, entity_scan_host_rules,
    entity_scan_deadlines, entity_directory_settings, entity_pentests;

/* pentest.c: POST /pentests/:id/scan-finding (form or API, item=N&severity=high): one
 * finding of a penetration test as a scan finding of the host "pentest-<id>" */
void h_pentest_scan_finding(req *r, resp *out);

/* rules.c: pure: the default remediation deadline of a severity, in days (14 critical,
 * 30 high, 90 medium, 180 low). */
int scan_default_days(scan_severity s);
/* pure: does a host rule's pattern match a host (its address or name)? An address range
 * (10.20.0.0/16, 2001:db8::/32, or 10.20.1.10-10.20.1.50) holds the addresses in it; any
 * other pattern matches case-insensitively, exactly, or as a prefix when it ends in '*'. */
bool scan_pattern_matches(const char *pattern, const char *host);
typedef enum scan_range { SCAN_RANGE_NONE, SCAN_RANGE_OK, SCAN_RANGE_BAD } scan_range;
/* pure: a pattern as an address range, lo and hi inclusive (IPv4 as IPv4-mapped IPv6):
 * NONE when it is no range (a name, an address, a prefix*), BAD when it looks like one
 * but is not (10.0.0.0/33, 10.0.0.9-10.0.0.1). */
scan_range scan_range_parse(const char *pattern, unsigned char lo[16], unsigned char hi[16]);
/* pure: the order host rules are tried in, most specific first: exact names and addresses,
 * then ranges from the narrowest, then prefixes from the longest (qsort-style). */
int scan_rule_order(const char *a, const char *b);
/* A host rule's pattern that looks like a range must be one. */
void scan_rule_validate(req *r, const entity *e, record *rec, const record *old, errors *errs);
void scan_finding_validate(req *r, const entity *e, record *rec, const record *old, errors *errs);

/* store.c: one import of a scan file, in one transaction. */
typedef struct scan_result {
    scan_format format;
    int findings, hosts; /* distinct findings (severity above none) and hosts */
    int new_findings, still_open, fixed;
    int informational;          /* entries without severity, not findings */
    int errors;                 /* rows that could not be findings: nothing was written */
    const char *error_rows[20]; /* the first of them, "row 12: the row names no host" */
    const char *error;          /* about the file as a whole (English) */
    bool db_failed;             /* the database, not the file, failed (then error says so) */
    const char *unmapped[50];   /* hosts no system was found for, the first 50 */
    int nunmapped;
    int64_t import_id;
} scan_result;
/* Imports a file (data/len in memory, or path on disk when data is NULL) into the caller's
 * tenant: findings of hosts mapped to a system go to that system's unit, others to unit_id
 * (NULL: the tenant's root unit). With commit false it is a preview: everything is done and
 * counted, then rolled back. Returns true when the file was read and (unless a preview)
 * written; false with res->error or res->errors set, and nothing written. */
bool scan_import(req *r, const char *data, size_t len, const char *path, const char *file_name,
                 const char *unit_id, bool commit, scan_result *res);

/* pages.c */
/* An import's refusal as the API answers it: 500 when the database failed, else 422 naming
 * the errors bad rows ("3 <rows_say>", the first shown of rows) or the file's error, and
 * that nothing was imported. */
void scans_json_refusal(req *r, resp *out, bool db_failed, const char *rows_say, int errors,
                        const char *const *rows, int shown, const char *error);
void scan_finding_detail_extra(req *r, const entity *e, const record *rec, buf *out);
/* a system's page: its open findings by severity, overdue ones, a link to them */
void scans_system_section(req *r, int64_t id, buf *out);
/* dashboard.c: the lägesbild's open findings per förvaltning, object and system, within the
 * reader's read scope; like: the förvaltning's subtree ("/1/4/%"), NULL for the tenant;
 * filter: what the links add ("&unit_id_within=4", ""). */
void scans_dashboard_section(req *r, const char *like, const char *filter, buf *out);
/* the /import page's section for scan files, and its preview and import */
void h_scan_import_form(req *r, resp *out);    /* GET /import/scan */
void h_scan_import_preview(req *r, resp *out); /* POST /import/scan */
void h_scan_import_commit(req *r, resp *out);  /* POST /import/scan/:id */
void h_api_scan_import(req *r, resp *out);     /* POST /api/v1/scan_imports/file */

/* cli.c: lis import-scan FILE --tenant CODE [--unit ID]: imports as lis itself (audited as
 * "import-scan"), prints "N findings on M hosts: X new, Y still open, Z fixed" and the
 * hosts without a system; on a bad file, every bad row on stderr and nothing written.
 * Returns the process's exit code. */
int scans_cli_import(db *d, const char *tenant_code, const char *unit_id, const char *path);
/* A request made by lis itself (audited as actor) for the tenant tenant_code names, in a;
 * false after saying on stderr why not (no such tenant, no unit). */
bool scans_cli_req(db *d, arena *a, const char *tenant_code, const char *actor, req *r, auth *who);

/* hygiene_store.c: directory hygiene (hygiene.h) as scan findings of the host "directory";
 * devices_store.c: device exports (devices.h) as scan findings of the host "devices". Each
 * is a kind of signal import (signal_import.h): its page under Import, its CLI command
 * (lis import-directory, lis import-devices) and its API are the same code. */
#define HYGIENE_HOST "directory"
#define HYGIENE_FORMAT "Directory (CSV)"
#define DEVICES_HOST "devices"
#define DEVICES_FORMAT "Devices (CSV)"
extern const signal_kind signal_kind_directory, signal_kind_devices;
bool hygiene_import(req *r, const char *data, size_t len, const char *file_name, bool commit,
                    signal_result *res);
bool device_import(req *r, const char *data, size_t len, const char *file_name, bool commit,
                   signal_result *res);
void h_api_directory_import(req *r, resp *out); /* POST /api/v1/directory-imports */
void h_api_device_import(req *r, resp *out);    /* POST /api/v1/device-imports */
/* signal_pages.c: the upload forms under Import, their previews and their imports, of the
 * kind the address names (/import/directory, /import/devices) */
void h_signal_import_form(req *r, resp *out);    /* GET /import/NAME */
void h_signal_import_preview(req *r, resp *out); /* POST /import/NAME */
void h_signal_import_commit(req *r, resp *out);  /* POST /import/NAME/:id */
/* the lägesbild's card: open directory and device findings by check, and the trend
 * between the last two imports of each */
void hygiene_dashboard_section(req *r, buf *out);

/* todo.c: overdue and soon-due open findings in the reader's units */
bool scans_todo(req *r, todo_list *l);
#endif
