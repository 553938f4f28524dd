/* devices.h - device exports from Intune or another MDM: the portal's "Export" of All
 * devices ("Device name", "Primary user UPN", "Managed by", "Compliance", "Last check-in",
 * "OS") or Microsoft Graph's managedDevices (deviceName, userPrincipalName, managementState,
 * complianceState, lastSyncDateTime, operatingSystem), and Entra ID's devices list
 * (displayName, isManaged, isCompliant, approximateLastSignInDateTime). The devices a
 * municipality must look at: unmanaged ones, managed ones that are not compliant, and managed
 * ones that have not checked in for N days. Reading and judging are pure (no database);
 * devices_store.c writes the results as scan findings of the host "devices". */
#ifndef LIS_SCANS_DEVICES_H
#define LIS_SCANS_DEVICES_H
#include "../core/arena.h"
#include <stdbool.h>
#include <stddef.h>

enum { DEV_NAME_MAX = 256, DEV_DEFAULT_STALE_DAYS = 30 };

typedef enum dev_compliance {
    DEV_COMPLIANT,
    DEV_NONCOMPLIANT,
    DEV_COMPLIANCE_UNKNOWN
} dev_compliance;

typedef struct device {
    char name[DEV_NAME_MAX];
    char user[DEV_NAME_MAX]; /* the primary user's UPN ("" when none) */
    char os[DEV_NAME_MAX];
    char last[11]; /* last check-in as an ISO date; "" = never */
    bool managed;
    dev_compliance compliance;
    int line;
} device;

typedef struct device_sink {
    void *ctx;
    void (*device)(void *ctx, const device *d);
    void (*row_error)(void *ctx, int line, const char *message);
} device_sink;

/* pure: a management cell -> *managed: "Intune", "Co-managed", "ConfigMgr", "MDM",
 * "managed", "retirePending", "True", "Ja" are managed; "None", "unmanaged", "discovered",
 * "False", "Nej", "" are not. False when it is neither. */
bool device_parse_managed(const char *text, bool *managed);
/* pure: a compliance cell: "Compliant", "inGracePeriod", "True" are compliant;
 * "Noncompliant", "Not compliant", "error", "conflict", "False" are not; "", "Unknown",
 * "N/A", "Not evaluated", "configManager" are unknown. False when it is none of these. */
bool device_parse_compliance(const char *text, dev_compliance *out);
/* Reads a CSV export (';' or ',', UTF-8 or Windows-1252). Each row becomes a device or a
 * row error. False with err set when the file as a whole cannot be read (no device name
 * column, no management column, malformed CSV). */
bool device_parse(arena *a, const char *data, size_t len, const device_sink *s, char *err,
                  size_t errlen);

typedef enum dev_check { DEV_UNMANAGED, DEV_NONCOMPLIANT_CHECK, DEV_STALE, DEV_NCHECKS } dev_check;
/* pure: does the check report the device, today (ISO), stale meaning no check-in for days
 * days? Unmanaged devices are reported as such only (they neither comply nor check in). */
bool device_reports(const device *d, dev_check c, const char *today, int days);
const char *device_check_code(dev_check c); /* "unmanaged", "noncompliant", "stale" */
#endif
