/* figures.c - see figures.h. Each figure is counted with the same conditions as the list
 * it links to: the register's status and level filters, the action list's status and
 * end-date filters (the follow-up's rule written as filters), unit_id_within for a
 * förvaltning. Incidents have no unit of their own, so their figures are the tenant's and
 * shown only on its page, to those who handle incidents (need-to-know). */
#include "figures.h"
#include "../actions/actions.h"
#include "../auth/auth.h"
#include "../risks/risks.h"
#include "../core/util.h"
#include "../incidents/deadline.h"
#include "../incidents/incidents.h"
#include <stdlib.h>
#include <string.h>
#include <time.h>

bool dash_scope_from(req *r, dash_scope *sc)
{
    memset(sc, 0, sizeof *sc);
    sc->filter = "";
    const char *u = kv_get(&r->query, "unit");
    if (!u || !*u) return true;
    int64_t id;
    if (!parse_int64(u, &id)) return false;
    const char *p[] = {tenant_param(r), int_text(r->a, id)};
    db_res *res = NULL;
    if (db_query(r->db, r->a, "SELECT id, name, path FROM unit WHERE tenant_id = $1 AND id = $2", 2,
                 p, &res) != DB_OK ||
        res->nrows != 1)
        return false;
    sc->unit_id = db_cell(res, 0, 0);
    sc->name = db_cell(res, 0, 1);
    sc->like = arena_printf(r->a, "%s%%", db_cell(res, 0, 2));
    sc->filter = arena_printf(r->a, "&unit_id_within=%s", sc->unit_id);
    return true;
}

const char *dash_within(req *r, const dash_scope *sc, const char *col, int n)
{
    if (!sc->unit_id) return "";
    return arena_printf(r->a,
                        " AND %s IN (SELECT su.id FROM unit su WHERE su.tenant_id = $1 AND "
                        "su.path LIKE $%d)",
                        col, n);
}

const char *dash_risks_href(req *r, const dash_scope *sc, const char *extra)
{
    return arena_printf(r->a, "/risks?status=open%s%s", extra, sc->filter);
}

/* one count with the tenant as $1, the subtree's pattern as $n+1 when there is one */
static int count(req *r, const dash_scope *sc, const char *sql, int n, const char **p)
{
    const char **q = arena_alloc(r->a, sizeof(char *) * (size_t)(n + 1));
    memcpy(q, p, sizeof(char *) * (size_t)n);
    if (sc->unit_id) q[n++] = sc->like;
    const char *v = db_scalar(r->db, r->a, sql, n, q);
    return v ? atoi(v) : 0;
}

static void actions(req *r, const dash_scope *sc, dash_figures *f)
{
    const char *p[] = {tenant_param(r), arena_printf(r->a, "%d", f->year), sc->like};
    db_res *acts = NULL;
    const char *sql = arena_printf(r->a,
                                   "SELECT status, end_date FROM action_item WHERE tenant_id = $1 "
                                   "AND plan_year = $2 AND status IN ('planned', 'ongoing', "
                                   "'done')%s%s",
                                   dash_within(r, sc, "unit_id", 3),
                                   entity_read_scope(r, &entity_actions, "action_item"));
    if (db_query(r->db, r->a, sql, sc->unit_id ? 3 : 2, p, &acts) == DB_OK)
        for (int i = 0; i < acts->nrows; i++) {
            plan_item it = {.plan_year = f->year,
                            .status = db_cell(acts, i, 0),
                            .end_date = db_cell(acts, i, 1)};
            followup_state s = plan_followup(&it, f->today);
            f->late += s == FOLLOWUP_LATE;
            f->soon += s == FOLLOWUP_DUE_SOON;
            f->done += s == FOLLOWUP_DONE;
            f->unfinished += strcmp(it.status, "done") != 0;
        }
    if (!sc->unit_id) {
        /* the tenant's follow-up page shows all three */
        f->late_href = f->soon_href = f->done_href =
            arena_printf(r->a, "/plan/%d/follow-up", f->year);
        return;
    }
    /* the same rule as list filters: late ends before today, due soon within 30 days */
    char yesterday[21], soon[21];
    time_iso_from(time(NULL) - 24 * 3600, yesterday);
    time_iso_from(time(NULL) + 30 * 24 * 3600, soon);
    const char *base = arena_printf(r->a, "/actions?plan_year=%d%s", f->year, sc->filter);
    const char *unfinished = "&status_not=done&status_not=cancelled";
    f->late_href = arena_printf(r->a, "%s%s&end_date_to=%.10s", base, unfinished, yesterday);
    f->soon_href = arena_printf(r->a, "%s%s&end_date_from=%s&end_date_to=%.10s", base, unfinished,
                                f->today, soon);
    f->done_href = arena_printf(r->a, "%s&status=done", base);
}

/* Unsent clocks of open incidents that are red or amber now, and this year's deadlines:
 * met when the notification was sent in time, missed when sent late or overdue unsent. */
bool dash_incidents_visible(req *r)
{
    /* aggregates only: the handlers, and management and auditors who answer for them */
    return perm_allows(r->auth, ACT_INCIDENT_HANDLE, NULL) ||
           perm_has_role(r->auth, ROLE_LEDNING) || perm_has_role(r->auth, ROLE_AUDITOR);
}

static void incidents(req *r, const dash_scope *sc, dash_figures *f)
{
    f->incidents = dash_incidents_visible(r);
    if (!f->incidents) return;
    time_t now = time(NULL);
    const char *p[] = {tenant_param(r),
                       sc->since ? sc->since : arena_printf(r->a, "%d-01-01", f->year)};
    db_res *res = NULL;
    if (db_query(r->db, r->a,
                 sc->brief ? "SELECT id, 1, 0 FROM incident WHERE tenant_id = $1 AND status IN "
                             "('reported', 'triaged') ORDER BY id LIMIT 2000"
                           /* CASE, not a bare comparison: PostgreSQL answers booleans as
                            * 't'/'f', which read as 0 */
                           : "SELECT id, CASE WHEN status IN ('reported', 'triaged') THEN 1 ELSE "
                             "0 END, CASE WHEN aware_at >= $2 THEN 1 ELSE 0 END FROM incident "
                             "WHERE tenant_id = $1 AND (status IN ('reported', 'triaged') OR "
                             "aware_at >= $2) ORDER BY id LIMIT 2000",
                 sc->brief ? 1 : 2, p, &res) != DB_OK)
        return;
    for (int i = 0; i < res->nrows; i++) {
        bool open = db_cell_int(res, i, 1) != 0, this_year = db_cell_int(res, i, 2) != 0;
        incident_clock c[DL__COUNT];
        int n = incident_clocks(r, db_cell_int(res, i, 0), now, c);
        f->inc_open += open;
        f->inc_year += this_year;
        for (int k = 0; k < n; k++) {
            if (open && !c[k].sent_at) {
                f->inc_red += c[k].state == DS_RED;
                f->inc_amber += c[k].state == DS_AMBER;
            }
        }
        if (this_year && n > 0) incident_deadlines_tally(c, n, now, &f->dl_met, &f->dl_late);
    }
}

/* The incidents of every tenant at once, as incidents() counts one tenant's: two queries
 * (the incidents, their notifications, both in incident order) walked side by side. */
bool dash_deadlines_by_tenant(db *d, arena *a, const char *tenants_sql, const char *since,
                              dash_tenant_deadlines **out, int *nout)
{
    *out = NULL;
    *nout = 0;
    const char *p[] = {since};
    /* only these have a legal deadline (deadlines_compute: GDPR's need a personal-data
     * breach, the law's a significant incident); the others would add up nothing */
    const char *with_deadlines = " AND (i.personal_data = 'yes' OR i.significant = 'yes')";
    db_res *inc = NULL, *sent = NULL;
    if (db_query(
            d, a,
            arena_printf(a,
                         "SELECT i.tenant_id, i.id, i.aware_at, i.personal_data, "
                         "i.significant, i.handled_at, i.closed_at FROM incident i WHERE "
                         "i.tenant_id IN (%s) AND i.aware_at >= $1%s ORDER BY i.tenant_id, i.id",
                         tenants_sql, with_deadlines),
            1, p, &inc) != DB_OK ||
        db_query(d, a,
                 arena_printf(a,
                              "SELECT n.incident_id, n.kind, n.also_serves, n.sent_at FROM "
                              "incident_notification n JOIN incident i ON i.id = n.incident_id AND "
                              "i.tenant_id = n.tenant_id WHERE i.tenant_id IN (%s) AND i.aware_at "
                              ">= $1%s ORDER BY i.tenant_id, n.incident_id",
                              tenants_sql, with_deadlines),
                 1, p, &sent) != DB_OK)
        return false;
    dash_tenant_deadlines *t = arena_alloc(a, sizeof *t * (size_t)(inc->nrows + 1));
    time_t now = time(NULL);
    int n = 0;
    for (int i = 0, k = 0; i < inc->nrows; i++) {
        int64_t tenant = db_cell_int(inc, i, 0), id = db_cell_int(inc, i, 1);
        const char *sent_at[DL__COUNT] = {0};
        /* both in (tenant, incident) order over the same incidents: this incident's
         * notifications are next */
        for (; k < sent->nrows && db_cell_int(sent, k, 0) == id; k++)
            incident_sent_note(db_cell(sent, k, 1), db_cell(sent, k, 2), db_cell(sent, k, 3),
                               sent_at);
        if (!n || t[n - 1].tenant != tenant) t[n++] = (dash_tenant_deadlines){.tenant = tenant};
        incident_clock c[DL__COUNT];
        int nc = incident_clocks_of(inc, i, 2, sent_at, NULL, now, c);
        if (nc > 0) incident_deadlines_tally(c, nc, now, &t[n - 1].met, &t[n - 1].late);
    }
    *out = t;
    *nout = n;
    return true;
}

bool dash_figures_load(req *r, const dash_scope *sc, dash_figures *f)
{
    memset(f, 0, sizeof *f);
    char now[21], ago[21];
    time_now_iso(now);
    time_iso_from(time(NULL) - 365 * 24 * 3600, ago);
    f->today = arena_strndup(r->a, now, 10);
    f->year_ago = arena_strndup(r->a, ago, 10);
    f->year = atoi(f->today);
    const char *t[] = {tenant_param(r)}, *td[] = {tenant_param(r), f->today},
               *ty[] = {tenant_param(r), f->year_ago};
    /* risks: the unit's subtree, and only what the caller may read (need-to-know) */
    const char *scope = entity_read_scope(r, &entity_risks, "risk");
    const char *within = dash_within(r, sc, "unit_id", 2);
    const char *risk = arena_printf(r->a, "%s%s", within, scope);
    /* open risks per level, one pass; the total is their sum */
    db_res *levels = NULL;
    const char *lp[] = {tenant_param(r), sc->like};
    if (db_query(r->db, r->a,
                 arena_printf(r->a,
                              "SELECT level, COUNT(*) FROM risk WHERE tenant_id = $1 AND status = "
                              "'open'%s GROUP BY level",
                              risk),
                 sc->unit_id ? 2 : 1, lp, &levels) == DB_OK)
        for (int i = 0; i < levels->nrows; i++) {
            int n = (int)db_cell_int(levels, i, 1);
            risk_level lv = risk_level_from_code(db_cell(levels, i, 0));
            f->open += n;
            if (lv != LEVEL_INVALID) f->by_level[lv] += n;
        }
    f->very_high = f->by_level[LEVEL_VERY_HIGH];
    f->high = f->by_level[LEVEL_HIGH];
    f->reviews =
        count(r, sc,
              arena_printf(r->a,
                           "SELECT COUNT(*) FROM risk WHERE tenant_id = $1 AND review_date "
                           "< $2 AND treatment = 'accept' AND status <> 'closed'%s%s",
                           dash_within(r, sc, "unit_id", 3), scope),
              2, td);
    actions(r, sc, f);
    f->objects = count(
        r, sc,
        arena_printf(r->a, "SELECT COUNT(*) FROM managed_object WHERE tenant_id = $1%s", within), 1,
        t);
    f->analysed = count(r, sc,
                        arena_printf(r->a,
                                     "SELECT COUNT(*) FROM managed_object o WHERE o.tenant_id = $1 "
                                     "AND EXISTS (SELECT 1 FROM risk_analysis x WHERE x.tenant_id "
                                     "= o.tenant_id AND x.object_id = o.id AND x.status = 'done' "
                                     "AND x.analysed_on >= $2%s)%s",
                                     entity_read_scope(r, &entity_analyses, "x"),
                                     dash_within(r, sc, "o.unit_id", 3)),
                        2, ty);
    db_res *cls = NULL;
    const char *cp[] = {tenant_param(r), f->today, sc->like};
    if (db_query(
            r->db, r->a,
            arena_printf(r->a,
                         "SELECT COUNT(*), SUM(CASE WHEN c.id IS NULL THEN 0 ELSE 1 END), "
                         "SUM(CASE WHEN c.review_trigger IS NOT NULL OR c.next_review < $2 THEN 1 "
                         "ELSE 0 END) FROM "
                         "information_asset a LEFT JOIN classification c ON c.asset_id = a.id "
                         "AND c.tenant_id = a.tenant_id AND c.is_current = 1 WHERE "
                         "a.tenant_id = $1 AND a.status <> 'retired'%s",
                         dash_within(r, sc, "a.unit_id", 3)),
            sc->unit_id ? 3 : 2, cp, &cls) == DB_OK &&
        cls->nrows == 1) {
        f->assets = (int)db_cell_int(cls, 0, 0);
        f->classified = (int)db_cell_int(cls, 0, 1);
        f->cls_overdue = (int)db_cell_int(cls, 0, 2);
    }
    if (!sc->unit_id) incidents(r, sc, f);
    return true;
}
