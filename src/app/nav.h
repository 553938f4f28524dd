/* nav.h - the main navigation: one table (nav.c), drawn by views/layout_top.html. */
#ifndef LIS_APP_NAV_H
#define LIS_APP_NAV_H
#include "../auth/auth.h"
#include "../core/i18n.h"
#include <stdbool.h>

typedef struct nav_entry {
    const char *href;
    tr_key label;
    /* the nav keys that mark this entry as the current page: a page's own key
     * (page_begin) or an entity name (its list, record and form pages); NULL-ended */
    const char *const *current;
    bool restricted;   /* shown only to those the permission below allows */
    action permission; /* tenant-wide, as perm_allows(auth, permission, NULL) */
} nav_entry;

/* Every entry, in order; ends with an entry whose href is NULL. */
extern const nav_entry nav_entries[];
/* True when the page's nav key is one of the entry's (nav may be ""). */
bool nav_is_current(const nav_entry *n, const char *nav);
/* True when the signed-in user may see the entry. */
bool nav_visible(const nav_entry *n, const auth *who);
#endif
