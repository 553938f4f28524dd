/* hygiene.c - reading directory exports and judging their accounts (hygiene.h). */
#include "hygiene.h"
#include "../core/csv.h"
#include "../core/util.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *const hygiene_default_admin_groups[] = {"Domain Admins", "Enterprise Admins",
                                                    "Administratörer", NULL};

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

static bool all_digits(const char *s)
{
    if (!*s) return false;
    for (; *s; s++)
        if (!isdigit((unsigned char)*s)) return false;
    return true;
}

bool hygiene_parse_time(const char *text, char out[11])
{
    out[0] = 0;
    char t[64];
    trim_copy(t, sizeof t, text ? text : "", text ? strlen(text) : 0);
    if (!*t || !strcasecmp(t, "never") || !strcasecmp(t, "aldrig")) return true;
    if (all_digits(t) && strlen(t) <= 19) {
        unsigned long long ft = strtoull(t, NULL, 10);
        if (ft == 0 || ft >= 9223372036854775807ull) return true; /* never */
        long long secs = (long long)(ft / 10000000ull) - 11644473600ll;
        if (secs < 0) return false;
        long long days = secs / 86400; /* civil from days (Howard Hinnant) */
        days += 719468;
        long long era = days / 146097, doe = days - era * 146097;
        long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        long long y = yoe + era * 400, doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long long mp = (5 * doy + 2) / 153, d = doy - (153 * mp + 2) / 5 + 1;
        long long m = mp < 10 ? mp + 3 : mp - 9;
        if (m <= 2) y++;
        if (y < 1601 || y > 9999) return false;
        char tmp[32];
        snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", (int)y, (int)m, (int)d);
        memcpy(out, tmp, 10);
        out[10] = 0;
        return true;
    }
    if (strlen(t) < 10) return false;
    char d[11];
    memcpy(d, t, 10);
    d[10] = 0;
    if (!date_valid(d)) return false;
    const char *rest = t + 10;
    if (*rest && *rest != 'T' && *rest != ' ') return false;
    if (*rest) { /* a time after it: hh:mm[:ss][.fff][Z|+hh:mm] */
        rest++;
        if (!isdigit((unsigned char)rest[0]) || !isdigit((unsigned char)rest[1]) || rest[2] != ':')
            return false;
    }
    memcpy(out, d, 11);
    return true;
}

bool hygiene_parse_bool(const char *text, bool *out)
{
    char t[16];
    trim_copy(t, sizeof t, text ? text : "", text ? strlen(text) : 0);
    static const char *yes[] = {"true", "1", "ja", "yes", "sant"};
    static const char *no[] = {"false", "0", "nej", "no", "falskt"};
    for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
        if (!strcasecmp(t, yes[i])) return *out = true, true;
    for (size_t i = 0; i < sizeof no / sizeof *no; i++)
        if (!strcasecmp(t, no[i])) return *out = false, true;
    return false;
}

static bool name_matches(const char *item, size_t n, const char *const *groups)
{
    char name[HYG_NAME_MAX];
    while (n && isspace((unsigned char)*item))
        item++, n--;
    if (n > 3 && !strncasecmp(item, "CN=", 3)) {
        item += 3, n -= 3;
        size_t k = 0;
        while (k < n && item[k] != ',')
            k += item[k] == '\\' && k + 1 < n ? 2 : 1;
        n = k;
    }
    trim_copy(name, sizeof name, item, n);
    for (const char *const *g = groups; g && *g; g++)
        if (**g && !strcasecmp(name, *g)) return true;
    return false;
}

bool hygiene_in_groups(const char *member_of, const char *const *groups)
{
    if (!member_of || !*member_of) return false;
    bool dn = strcasestr(member_of, "CN=") != NULL;
    const char *seps = dn ? ";|\r\n" : ";|\r\n,";
    const char *p = member_of;
    for (;;) {
        size_t n = strcspn(p, seps);
        if (name_matches(p, n, groups)) return true;
        if (!p[n]) return false;
        p += n + 1;
    }
}

enum { COL_NAME, COL_UPN, COL_DISPLAY, COL_LAST, COL_ENABLED, COL_GROUPS, COL_DEPT, COL_DN, NCOLS };

static int column_of(const char *h)
{
    static const struct {
        const char *name;
        int col;
    } known[] = {
        {"samaccountname", COL_NAME},
        {"userprincipalname", COL_UPN},
        {"displayname", COL_DISPLAY},
        {"lastlogontimestamp", COL_LAST},
        {"lastlogondate", COL_LAST},
        {"lastlogon", COL_LAST},
        {"approximatelastsignindatetime", COL_LAST},
        {"lastsignindatetime", COL_LAST},
        {"enabled", COL_ENABLED},
        {"accountenabled", COL_ENABLED},
        {"memberof", COL_GROUPS},
        {"groups", COL_GROUPS},
        {"group names", COL_GROUPS},
        {"groupnames", COL_GROUPS},
        {"department", COL_DEPT},
        {"distinguishedname", COL_DN},
    };
    char t[64];
    trim_copy(t, sizeof t, h, strlen(h));
    for (size_t i = 0; i < sizeof known / sizeof *known; i++)
        if (!strcasecmp(t, known[i].name)) return known[i].col;
    return -1;
}

static void first_ou(const char *dn, char *out, size_t cap)
{
    out[0] = 0;
    const char *p = strcasestr(dn ? dn : "", "OU=");
    if (!p) return;
    p += 3;
    size_t n = 0;
    while (p[n] && p[n] != ',')
        n++;
    trim_copy(out, cap, p, n);
}

enum { MAX_FIELDS = 256 };

bool hygiene_parse(arena *a, const char *data, size_t len, const char *const *admin_groups,
                   const dir_sink *s, char *err, size_t errlen)
{
    char *text = text_to_utf8(a, data, len);
    if (!text) {
        snprintf(err, errlen, "not a text file (an account export is CSV)");
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
    if (col[COL_NAME] < 0 && col[COL_UPN] < 0) {
        snprintf(err, errlen, "no sAMAccountName or userPrincipalName column in the header");
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
        dir_account acc;
        memset(&acc, 0, sizeof acc);
        acc.line = c.line;
        const char *name = *CELL(COL_NAME) ? CELL(COL_NAME) : CELL(COL_UPN);
        trim_copy(acc.name, sizeof acc.name, name, strlen(name));
        if (!*acc.name) {
            s->row_error(s->ctx, c.line, "the row names no account");
            continue;
        }
        trim_copy(acc.display, sizeof acc.display, CELL(COL_DISPLAY), strlen(CELL(COL_DISPLAY)));
        if (!hygiene_parse_time(CELL(COL_LAST), acc.last)) {
            s->row_error(s->ctx, c.line,
                         arena_printf(a, "%s: the last sign-in \"%s\" is not a date", acc.name,
                                      CELL(COL_LAST)));
            continue;
        }
        acc.enabled = true;
        if (col[COL_ENABLED] >= 0 && !hygiene_parse_bool(CELL(COL_ENABLED), &acc.enabled)) {
            s->row_error(s->ctx, c.line,
                         arena_printf(a, "%s: enabled \"%s\" is neither true nor false", acc.name,
                                      CELL(COL_ENABLED)));
            continue;
        }
        acc.privileged = hygiene_in_groups(CELL(COL_GROUPS), admin_groups);
        trim_copy(acc.unit, sizeof acc.unit, CELL(COL_DEPT), strlen(CELL(COL_DEPT)));
        if (!*acc.unit) first_ou(CELL(COL_DN), acc.unit, sizeof acc.unit);
#undef CELL
        s->account(s->ctx, &acc);
    }
    return true;
}

bool hygiene_reports(const dir_account *acc, hyg_check c, const char *today, int days)
{
    if (!acc->enabled) return false;
    switch (c) {
    case HYG_INACTIVE: {
        if (!*acc->last) return false;
        char cutoff[11];
        if (!date_add_days(today, -days, cutoff)) return false;
        return strcmp(acc->last, cutoff) < 0;
    }
    case HYG_NEVER_USED:
        return !*acc->last;
    case HYG_PRIVILEGED:
        return acc->privileged;
    default:
        return false;
    }
}

const char *hygiene_check_code(hyg_check c)
{
    static const char *codes[] = {"inactive", "never-used", "privileged"};
    return c < HYG_NCHECKS ? codes[c] : "";
}
