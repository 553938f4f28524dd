/* home.c - the lägesbild's figures on the start page, for the reader's scope: the whole
 * organisation for those who read every risk and action (ledning, the CISO, auditors), the
 * förvaltning where one holds the risk write right (a samordnare), the unit where one keeps
 * the inventory (an information owner: classification only). A figure the reader could
 * not see whole is not shown at all: "Öppna risker 0" to someone who may not read risks
 * would be a lie. A plain employee has no scope and gets no figures. */
#include "dashboard.h"
#include "figures.h"
#include "../actions/actions.h"
#include "../risks/risks.h"
#include "../core/util.h"
#include "../../build/views/home_figures.h"
#include <string.h>

/* The first unit where the reader holds act, as a dash_scope; false when none. */
static bool unit_scope(req *r, action act, dash_scope *sc)
{
    const char *path;
    if (perm_paths(r->auth, act, &path, 1) < 1) return false;
    const char *p[] = {tenant_param(r), path};
    db_res *res = NULL;
    if (db_query(r->db, r->a, "SELECT id, name FROM unit WHERE tenant_id = $1 AND path = $2", 2, p,
                 &res) != DB_OK ||
        res->nrows != 1)
        return false;
    sc->unit_id = db_cell(res, 0, 0);
    sc->name = db_cell(res, 0, 1);
    sc->like = arena_printf(r->a, "%s%%", path);
    sc->filter = arena_printf(r->a, "&unit_id_within=%s", sc->unit_id);
    return true;
}

bool dash_home_figures(req *r, buf *out)
{
    dash_scope sc = {.filter = "", .brief = true};
    bool whole =
        !*entity_read_scope(r, &entity_risks, "x") && !*entity_read_scope(r, &entity_actions, "x");
    /* risk figures: every risk and action of the scope is the reader's to read */
    bool risks = whole || unit_scope(r, ACT_RISK_WRITE, &sc);
    if (!risks && !unit_scope(r, ACT_INVENTORY_WRITE, &sc)) return true;
    dash_figures f;
    if (!dash_figures_load(r, &sc, &f)) return false;
    char yesterday[11];
    if (!date_add_days(f.today, -1, yesterday)) return false;
    const char *name = sc.unit_id ? sc.name : tr(r->lang, TR_figures_tenant);
    /* accepted risks past their review date: the register filtered as the count is */
    const char *reviews =
        arena_printf(r->a, "/risks?treatment=accept&status_not=closed&review_date_to=%s%s",
                     yesterday, sc.filter);
    /* "26 av 29 klassade" leads to the three that are not, while any are left */
    const char *assets = arena_printf(r->a, "/assets?status_not=retired%s%s",
                                      f.classified < f.assets ? "&classified=no" : "", sc.filter);
    /* the overview lists the overdue ones; per förvaltning the coverage table counts them */
    const char *cls = sc.unit_id ? "/inventory/coverage" : "/classification";
    const char *more = !risks       ? NULL
                       : sc.unit_id ? arena_printf(r->a, "/lagesbild?unit=%s", sc.unit_id)
                                    : "/lagesbild";
    view_home_figures(out, r->lang, name, &f, risks, dash_risks_href(r, &sc, ""), reviews, assets,
                      cls, more);
    return true;
}
