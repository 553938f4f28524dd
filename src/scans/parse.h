/* parse.h - reading the findings of a vulnerability scan from the files scanners export:
 * Greenbone/OpenVAS XML reports, Nessus .nessus (NessusClientData_v2) and Nessus CSV.
 * XML is read with libxml2's streaming reader (xmlTextReader), never as a whole document,
 * and each finding is held in fixed buffers, so memory stays flat however large the file.
 * Nothing here touches the database: each finding goes to a sink (store.c writes it; the
 * fuzz target and the bench only count). */
#ifndef LIS_SCANS_PARSE_H
#define LIS_SCANS_PARSE_H
#include <stdbool.h>
#include <stddef.h>

typedef enum scan_format {
    SCAN_UNKNOWN,
    SCAN_OPENVAS_XML,
    SCAN_NESSUS_XML,
    SCAN_NESSUS_CSV,
} scan_format;

typedef enum scan_severity {
    SEV_NONE, /* informational (Nessus severity 0, OpenVAS "Log"): not a finding */
    SEV_LOW,
    SEV_MEDIUM,
    SEV_HIGH,
    SEV_CRITICAL,
} scan_severity;

/* The lengths a finding's values are cut to (characters of UTF-8, cut on a character). */
enum {
    SCAN_HOST_MAX = 256,
    SCAN_PLUGIN_MAX = 128,
    SCAN_PORT_MAX = 64,
    SCAN_TITLE_MAX = 400,
    SCAN_SCORE_MAX = 16,
    SCAN_TEXT_MAX = 4000,
};

/* One finding as the file states it. The key across scans is host + plugin + port. */
typedef struct scan_item {
    char host[SCAN_HOST_MAX];      /* the address the scanner reached (IP, else its name) */
    char host_name[SCAN_HOST_MAX]; /* DNS or NetBIOS name; "" when the file has none */
    char plugin[SCAN_PLUGIN_MAX];  /* Nessus plugin id, OpenVAS NVT OID */
    char port[SCAN_PORT_MAX];      /* "443/tcp", "general/tcp" */
    char title[SCAN_TITLE_MAX];
    char cvss3[SCAN_SCORE_MAX], cvss2[SCAN_SCORE_MAX]; /* base scores as written; "" = none */
    char rating[SCAN_SCORE_MAX]; /* the scanner's own rating: "0".."4", "High", "Log" … */
    char output[SCAN_TEXT_MAX];  /* what the scanner saw (plugin output / description) */
    int line;                    /* where it starts in the file (CSV row, XML line) */
} scan_item;

typedef struct scan_sink {
    void *ctx;
    /* A finding (severity not yet decided: scan_item_severity). False stops the reading. */
    bool (*item)(void *ctx, const scan_item *it);
    /* A row the file holds but that cannot be a finding (no host, no plugin): reported, and
     * the import then writes nothing. */
    void (*row_error)(void *ctx, int line, const char *message);
} scan_sink;

/* The format of a file from its first bytes; SCAN_UNKNOWN when it is none of the three. */
scan_format scan_detect(const char *head, size_t len);
const char *scan_format_name(scan_format f); /* "Nessus (.nessus)", … */

/* Reads every finding of a file in memory / on disk. Returns true when the file was read
 * to its end; false with err set (in English) when it is malformed or of no known format.
 * Per-row problems go to sink->row_error and do not stop the reading. */
bool scan_parse_memory(const char *data, size_t len, const scan_sink *s, char *err, size_t errlen);
bool scan_parse_file(const char *path, const scan_sink *s, char *err, size_t errlen);

/* Severity from CVSS: v3 where given, else v2 (NVD's bands: 9.0 critical, 7.0 high, 4.0
 * medium, above 0 low); with no score, the scanner's own rating. *score receives the
 * score used ("" when none) and *version "3", "2" or "". */
scan_severity scan_item_severity(const scan_item *it, const char **score, const char **version);
const char *scan_severity_code(scan_severity s); /* "critical", …, "" for none */
#endif
