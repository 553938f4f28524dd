/* hygiene.h - directory hygiene: account exports from Active Directory (Get-ADUser |
 * Export-Csv) or Entra ID (the users list's CSV) read into accounts, and the accounts a
 * municipality must look at: enabled but not used for N days, enabled and never used,
 * and members of the admin groups. The reading and the judging are pure (no database);
 * hygiene_store.c writes the results as scan findings of the directory. */
#ifndef LIS_SCANS_HYGIENE_H
#define LIS_SCANS_HYGIENE_H
#include "../core/arena.h"
#include <stdbool.h>
#include <stddef.h>

enum { HYG_NAME_MAX = 256, HYG_TEXT_MAX = 512, HYG_DEFAULT_DAYS = 90 };

typedef struct dir_account {
    char name[HYG_NAME_MAX];    /* sAMAccountName, else userPrincipalName */
    char display[HYG_NAME_MAX]; /* displayName ("" when none) */
    char last[11];              /* last sign-in as an ISO date; "" = never */
    bool enabled;
    bool privileged;         /* member of one of the admin groups */
    char unit[HYG_NAME_MAX]; /* department, else the first OU of distinguishedName */
    int line;
} dir_account;

typedef struct dir_sink {
    void *ctx;
    void (*account)(void *ctx, const dir_account *acc);
    void (*row_error)(void *ctx, int line, const char *message);
} dir_sink;

/* The admin groups when the tenant names none. */
extern const char *const hygiene_default_admin_groups[];

/* pure: a sign-in time as an export writes it -> ISO date in out; "" for never (empty,
 * "Never", FILETIME 0 or its maximum). ISO 8601 ("2026-03-01T08:15:00Z"), Swedish
 * "2026-03-01 08:15", a Windows FILETIME number (100 ns since 1601, UTC). False when it is
 * none of these. */
bool hygiene_parse_time(const char *text, char out[11]);
/* pure: a yes/no column ("True", "FALSE", "1", "Ja", "nej") -> *out; false when neither. */
bool hygiene_parse_bool(const char *text, bool *out);
/* pure: does a memberOf / groups cell name one of groups (NULL-terminated)? Items split on
 * ';', '|' or line breaks (and ',' when no item is a DN); a DN's name is its first CN=. */
bool hygiene_in_groups(const char *member_of, const char *const *groups);
/* Reads a CSV export (';' or ',', guessed from the header; UTF-8 or Windows-1252). Each
 * row becomes an account or a row error. False with err set when the file as a whole
 * cannot be read (no name column, malformed CSV). */
bool hygiene_parse(arena *a, const char *data, size_t len, const char *const *admin_groups,
                   const dir_sink *s, char *err, size_t errlen);

typedef enum hyg_check { HYG_INACTIVE, HYG_NEVER_USED, HYG_PRIVILEGED, HYG_NCHECKS } hyg_check;
/* pure: does the check report the account, today (ISO) with inactive meaning no sign-in
 * for days days? Disabled accounts are reported by none. */
bool hygiene_reports(const dir_account *acc, hyg_check c, const char *today, int days);
const char *hygiene_check_code(hyg_check c); /* "inactive", "never-used", "privileged" */
#endif
