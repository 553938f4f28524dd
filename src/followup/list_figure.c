/* list_figure.c - a list's row count as a figure with its link (list_figure.h). */
#include "list_figure.h"
#include "audit_pack.h"
#include "../core/util.h"
#include <stdio.h>
#include <string.h>

bool list_dates_now(list_dates *d)
{
    memset(d, 0, sizeof *d);
    date_today(d->today);
    if (!date_add_months(d->today, -12, d->year_ago) || !date_add_days(d->today, -1, d->yesterday))
        return false;
    snprintf(d->year, sizeof d->year, "%.4s", d->today);
    return true;
}

/* The figure's list and filters (f->e, f->q, f->href); false on a bad template. */
static bool figure_query(req *r, const list_dates *d, const char *entity, const char *tmpl,
                         list_figure *f)
{
    char query[512];
    memset(f, 0, sizeof *f);
    if (!audit_pack_query(tmpl, d->year, d->year_ago, d->yesterday, query, sizeof query))
        return false;
    f->e = entity_find(entity);
    if (!f->e) return false;
    f->href = arena_printf(r->a, "/%s?%s%squiet=1", entity, query, *query ? "&" : "");
    kvlist params = {0};
    const char *qs = strchr(f->href, '?') + 1;
    if (!http_parse_urlencoded(r->a, qs, strlen(qs), &params)) return false;
    list_query_from(r, f->e, &params, &f->q);
    list_query_quiet(r, f->e, &f->q);
    return true;
}

bool list_figure_count(req *r, const list_dates *d, const char *entity, const char *tmpl,
                       list_figure *f)
{
    if (!figure_query(r, d, entity, tmpl, f)) return false;
    int64_t n = 0;
    if (!entity_may_read(r, f->e)) return true; /* not known: fails its rules */
    if (entity_count(r, f->e, &f->q, &n) != DB_OK) return false;
    f->value = (int)n;
    f->known = true;
    return true;
}

bool list_figure_count_by_tenant(req *r, const list_dates *d, const char *entity, const char *tmpl,
                                 const char *tenants_sql, db_res **rows)
{
    list_figure f;
    return figure_query(r, d, entity, tmpl, &f) &&
           entity_count_by_tenant(r, f.e, &f.q, tenants_sql, rows) == DB_OK;
}
