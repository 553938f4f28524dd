/* protection.h - what protects what (issue 21 point 4): per förvaltning and per
 * confidentiality level, how many systems log to the SOC and how many require multi-factor
 * authentication; and the systems that handle information at or above the level from which
 * lis's requirement catalogue requires MFA (BEH-08: konfidentialitet 2) without it. A
 * system's confidentiality level is the highest current K of the information it handles
 * (not retired), as its protection need. */
#ifndef LIS_PROTECTION_H
#define LIS_PROTECTION_H
#include "../entity/entity.h"

/* The catalogue's default level from which MFA is required (BEH-08). */
enum { MFA_REQUIRED_FROM_DEFAULT = 2 };

typedef struct protection_counts {
    int systems;     /* not retired */
    int soc, no_soc; /* logs reach the SOC: yes, no (the rest: not known) */
    int mfa, no_mfa; /* log-in requires MFA: yes, no */
    int mfa_missing; /* at or above the required level without MFA recorded as yes */
} protection_counts;

/* pure: is MFA required of a system at confidentiality level k (-1: not classified) when
 * the catalogue requires it from level from (0: the tenant requires it of none)? */
bool protection_mfa_required(int k, int from);
/* pure: does the system lack it (required, and its MFA is not recorded as "yes")? */
bool protection_mfa_missing(int k, int from, const char *mfa);
/* pure: counts one system into c */
void protection_count(protection_counts *c, int k, int from, const char *soc, const char *mfa);
/* pure: part of whole in whole percent, rounded down; 0 of nothing */
int protection_percent(int part, int whole);

/* The level from which the tenant's catalogue requires MFA: BEH-08's level when active,
 * 0 when the tenant disabled it, the default when the catalogue lacks it. */
int protection_mfa_from(req *r);

/* The coverage page's section and its JSON ("protection"); group_of maps a unit id to a
 * group index (0..ngroups-1), names the groups. */
typedef int (*protection_group_fn)(void *ctx, const char *unit_id);
bool protection_section(req *r, void *ctx, protection_group_fn group_of, const char *const *names,
                        const char *const *unit_ids, int ngroups, buf *html, buf *json);
/* a system's page: the flag when it lacks MFA it is required to have */
void protection_system_section(req *r, int64_t system_id, buf *out);
#endif
