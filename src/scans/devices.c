/* devices.c - reading device exports and judging their devices (devices.h). */
#include "devices.h"
#include "hygiene.h"
#include "../core/csv.h"
#include "../core/util.h"
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

static void trim_copy(char *out, size_t cap, const char *s, size_t n)
{
    while (n && isspace((unsigned char)*s))
        s++, n--;
    while (n && isspace((unsigned char)s[n - 1]))
        n--;
    if (n >= cap) n = cap - 1;
    while (n && ((unsigned char)s[n] & 0xC0) == 0x80) /* cut on a character */
        n--;
    memcpy(out, s, n);
    out[n] = 0;
}

static bool one_of(const char *t, const char *const *words)
{
    for (; *words; words++)
        if (!strcasecmp(t, *words)) return true;
    return false;
}

bool device_parse_managed(const char *text, bool *managed)
{
    char t[64];
    trim_copy(t, sizeof t, text ? text : "", text ? strlen(text) : 0);
    static const char *const yes[] = {"intune",
                                      "microsoft intune",
                                      "co-managed",
                                      "comanaged",
                                      "configmgr",
                                      "configuration manager",
                                      "mdm",
                                      "eas/mdm",
                                      "managed",
                                      "retirepending",
                                      "retirefailed",
                                      "wipepending",
                                      "wipefailed",
                                      "unhealthy",
                                      "deletepending",
                                      "retireissued",
                                      "wipeissued",
                                      "wipecanceled",
                                      "retirecanceled",
                                      "true",
                                      "yes",
                                      "ja",
                                      "1",
                                      "hanterad",
                                      NULL};
    static const char *const no[] = {"",    "none", "unmanaged", "discovered",  "false", "no",
                                     "nej", "0",    "ingen",     "ej hanterad", "n/a",   NULL};
    if (one_of(t, yes)) return *managed = true, true;
    if (one_of(t, no)) return *managed = false, true;
    return false;
}

bool device_parse_compliance(const char *text, dev_compliance *out)
{
    char t[64];
    trim_copy(t, sizeof t, text ? text : "", text ? strlen(text) : 0);
    static const char *const yes[] = {"compliant", "ingraceperiod", "in grace period",
                                      "true",      "yes",           "ja",
                                      "1",         "kompatibel",    NULL};
    static const char *const no[] = {"noncompliant",
                                     "non-compliant",
                                     "not compliant",
                                     "error",
                                     "conflict",
                                     "false",
                                     "no",
                                     "nej",
                                     "0",
                                     "inte kompatibel",
                                     NULL};
    static const char *const unknown[] = {
        "", "unknown", "n/a", "not evaluated", "notevaluated", "configmanager", "okänd", NULL};
    if (one_of(t, yes)) return *out = DEV_COMPLIANT, true;
    if (one_of(t, no)) return *out = DEV_NONCOMPLIANT, true;
    if (one_of(t, unknown)) return *out = DEV_COMPLIANCE_UNKNOWN, true;
    return false;
}

enum { COL_NAME, COL_DISPLAY, COL_USER, COL_MANAGED, COL_COMPLIANCE, COL_LAST, COL_OS, NCOLS };

static int column_of(const char *h)
{
    static const struct {
        const char *name;
        int col;
    } known[] = {
        {"devicename", COL_NAME},
        {"device name", COL_NAME},
        {"enhetsnamn", COL_NAME},
        {"displayname", COL_DISPLAY},
        {"userprincipalname", COL_USER},
        {"primary user upn", COL_USER},
        {"primaryuser", COL_USER},
        {"upn", COL_USER},
        {"managementstate", COL_MANAGED},
        {"managed by", COL_MANAGED},
        {"managementagent", COL_MANAGED},
        {"ismanaged", COL_MANAGED},
        {"mdm", COL_MANAGED},
        {"managed", COL_MANAGED},
        {"hanteras av", COL_MANAGED},
        {"compliancestate", COL_COMPLIANCE},
        {"compliance", COL_COMPLIANCE},
        {"compliantstate", COL_COMPLIANCE},
        {"iscompliant", COL_COMPLIANCE},
        {"efterlevnad", COL_COMPLIANCE},
        {"lastsyncdatetime", COL_LAST},
        {"last check-in", COL_LAST},
        {"lastsyncdate", COL_LAST},
        {"approximatelastsignindatetime", COL_LAST},
        {"senaste incheckning", COL_LAST},
        {"operatingsystem", COL_OS},
        {"os", COL_OS},
        {"operativsystem", COL_OS},
    };
    char t[64];
    trim_copy(t, sizeof t, h, strlen(h));
    for (size_t i = 0; i < sizeof known / sizeof *known; i++)
        if (!strcasecmp(t, known[i].name)) return known[i].col;
    return -1;
}

enum { MAX_FIELDS = 256 };

bool device_parse(arena *a, const char *data, size_t len, const device_sink *s, char *err,
                  size_t errlen)
{
    char *text = text_to_utf8(a, data, len);
    if (!text) {
        snprintf(err, errlen, "not a text file (a device export is CSV)");
        return false;
    }
    size_t tn = strlen(text);
    csv_reader c;
    csv_init(&c, text, tn, csv_guess_delimiter(text, tn));
    char *f[MAX_FIELDS];
    int n = csv_next(&c, a, f, MAX_FIELDS);
    if (n <= 0) {
        snprintf(err, errlen, "%s", n < 0 ? c.error : "the file is empty");
        return false;
    }
    int col[NCOLS];
    for (int i = 0; i < NCOLS; i++)
        col[i] = -1;
    for (int i = 0; i < n; i++) {
        int k = column_of(f[i]);
        if (k >= 0 && col[k] < 0) col[k] = i;
    }
    if (col[COL_NAME] < 0 && col[COL_DISPLAY] < 0) {
        snprintf(err, errlen, "no deviceName (Device name) column in the header");
        return false;
    }
    if (col[COL_MANAGED] < 0) {
        snprintf(err, errlen, "no managementState (Managed by) column in the header");
        return false;
    }
    for (;;) {
        n = csv_next(&c, a, f, MAX_FIELDS);
        if (n == 0) break;
        if (n < 0) {
            snprintf(err, errlen, "line %d: %s", c.line, c.error ? c.error : "too many fields");
            return false;
        }
        bool blank = true;
        for (int i = 0; i < n && blank; i++)
            blank = !*f[i];
        if (blank) continue;
#define CELL(k) (col[k] >= 0 && col[k] < n ? f[col[k]] : "")
        device d;
        memset(&d, 0, sizeof d);
        d.line = c.line;
        const char *name = *CELL(COL_NAME) ? CELL(COL_NAME) : CELL(COL_DISPLAY);
        trim_copy(d.name, sizeof d.name, name, strlen(name));
        if (!*d.name) {
            s->row_error(s->ctx, c.line, "the row names no device");
            continue;
        }
        trim_copy(d.user, sizeof d.user, CELL(COL_USER), strlen(CELL(COL_USER)));
        trim_copy(d.os, sizeof d.os, CELL(COL_OS), strlen(CELL(COL_OS)));
        if (!device_parse_managed(CELL(COL_MANAGED), &d.managed)) {
            s->row_error(s->ctx, c.line,
                         arena_printf(a,
                                      "%s: the management state \"%s\" is neither managed nor "
                                      "unmanaged",
                                      d.name, CELL(COL_MANAGED)));
            continue;
        }
        if (!device_parse_compliance(CELL(COL_COMPLIANCE), &d.compliance)) {
            s->row_error(s->ctx, c.line,
                         arena_printf(a, "%s: the compliance state \"%s\" is not known", d.name,
                                      CELL(COL_COMPLIANCE)));
            continue;
        }
        if (!hygiene_parse_time(CELL(COL_LAST), d.last)) {
            s->row_error(s->ctx, c.line,
                         arena_printf(a, "%s: the last check-in \"%s\" is not a date", d.name,
                                      CELL(COL_LAST)));
            continue;
        }
#undef CELL
        s->device(s->ctx, &d);
    }
    return true;
}

bool device_reports(const device *d, dev_check c, const char *today, int days)
{
    switch (c) {
    case DEV_UNMANAGED:
        return !d->managed;
    case DEV_NONCOMPLIANT_CHECK:
        return d->managed && d->compliance == DEV_NONCOMPLIANT;
    case DEV_STALE: {
        if (!d->managed) return false;
        if (!*d->last) return true; /* managed, never checked in */
        char cutoff[11];
        if (!date_add_days(today, -days, cutoff)) return false;
        return strcmp(d->last, cutoff) < 0;
    }
    default:
        return false;
    }
}

const char *device_check_code(dev_check c)
{
    static const char *codes[] = {"unmanaged", "noncompliant", "stale"};
    return c < DEV_NCHECKS ? codes[c] : "";
}
