/* dashboard.c - the lägesbild's scan findings (scans.h): the open ones per förvaltning,
 * per object and per system, with the serious and the overdue among them. Counted inside
 * the reader's read scope, as the list each row links to would show them. */
#include "scans.h"
#include "../core/util.h"
#include "../../build/views/scan_dashboard.h"

/* id, name, open, critical + high, overdue: grouped by the SQL expressions given */
static db_res *counts(req *r, const char *id, const char *name, const char *join, const char *like,
                      int limit)
{
    char today[11];
    date_today(today);
    const char *p[] = {tenant_param(r), today, like};
    const char *sql = arena_printf(
        r->a,
        "SELECT %s, %s, COUNT(*), SUM(CASE WHEN t.severity IN ('critical', 'high') THEN 1 ELSE 0 "
        "END), SUM(CASE WHEN t.due_on < $2 THEN 1 ELSE 0 END) FROM scan_finding t JOIN unit u ON "
        "u.id = t.unit_id AND u.tenant_id = t.tenant_id %s WHERE t.tenant_id = $1 AND t.status = "
        "'open'%s%s GROUP BY %s, %s ORDER BY COUNT(*) DESC, %s LIMIT %d",
        id, name, join, like ? " AND u.path LIKE $3" : "",
        entity_read_scope(r, &entity_scan_findings, "t"), id, name, name, limit);
    db_res *res = NULL;
    if (db_query(r->db, r->a, sql, like ? 3 : 2, p, &res) != DB_OK) return NULL;
    return res;
}

void scans_dashboard_section(req *r, const char *like, const char *filter, buf *out)
{
    if (!entity_may_read(r, &entity_scan_findings)) return;
    /* a förvaltning counts its whole subtree */
    db_res *units = counts(r, "f.id", "f.name",
                           "JOIN unit f ON f.tenant_id = t.tenant_id AND f.kind IN ('forvaltning', "
                           "'bolag') AND u.path LIKE f.path || '%'",
                           like, 100);
    db_res *objects =
        counts(r, "o.id", "o.name",
               "JOIN system s ON s.id = t.system_id AND s.tenant_id = t.tenant_id JOIN "
               "managed_object o ON o.id = s.object_id AND o.tenant_id = t.tenant_id",
               like, 10);
    db_res *systems =
        counts(r, "s.id", "s.name",
               "LEFT JOIN system s ON s.id = t.system_id AND s.tenant_id = t.tenant_id", like, 10);
    if (!units || !objects || !systems) return;
    view_scan_dashboard(out, r->lang, units, objects, systems, filter);
}
