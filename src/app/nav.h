/* nav.h - the main navigation: one table (nav.c), drawn by views/layout_top.html as a
 * row of groups (Arbete, Register, Uppföljning, Administration), each a disclosure
 * (details/summary) that works without JavaScript. Each person sees only the entries
 * they may use; a group with a single entry for them is shown as that one link. */
#ifndef LIS_APP_NAV_H
#define LIS_APP_NAV_H
#include "../auth/auth.h"
#include "../core/i18n.h"
#include <stdbool.h>

typedef enum nav_group {
    NAV_TOP,       /* Start: always a link of its own */
    NAV_WORK,      /* Arbete: incidents, the handlingsplan, the forum */
    NAV_REGISTERS, /* Register: inventory, classification, risks, continuity */
    NAV_FOLLOWUP,  /* Uppföljning: lägesbild, role coverage, the audit log */
    NAV_ADMIN,     /* Administration: organisation, people, roles, import */
    NAV__GROUPS
} nav_group;

typedef struct nav_entry {
    const char *href;
    tr_key label;
    /* the nav keys that mark this entry as the current page: a page's own key
     * (page_begin) or an entity name (its list, record and form pages); NULL-ended */
    const char *const *current;
    nav_group group;
    /* who uses it: holders of any of these actions (bits 1 << action) in some unit;
     * 0 = everyone signed in */
    unsigned uses;
    bool tenant_wide; /* uses' actions must be held for the whole tenant (the audit log) */
} nav_entry;

/* Every entry, in order; ends with an entry whose href is NULL. */
extern const nav_entry nav_entries[];
/* The group headings, by nav_group (NAV_TOP has none). */
extern const tr_key nav_group_labels[NAV__GROUPS];
/* True when the page's nav key is one of the entry's (nav may be ""). */
bool nav_is_current(const nav_entry *n, const char *nav);
/* True when the signed-in user may use the entry. */
bool nav_visible(const nav_entry *n, const auth *who);
/* The entries of group g the user may use, in order, into out; returns how many. */
int nav_group_entries(nav_group g, const auth *who, const nav_entry **out, int max);
/* True when one of the n entries is the current page. */
bool nav_any_current(const nav_entry *const *entries, int n, const char *nav);
#endif
