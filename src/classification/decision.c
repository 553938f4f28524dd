/* decision.c - the owner decides with the whole picture. A draft's own page shows its
 * decision: the levels in words beside the version in force, what the decision changes
 * (the protection need of each system and förvaltningsobjekt that handles the
 * information, the requirements that start or stop applying to those objects), a
 * warning when the draft has a level 4; and a confirm step before the decision, which
 * itself goes through the one decide path (rules.c: same rules, same audit). Whoever may
 * not decide it sees whose decision the draft waits for. */
#include "classification.h"
#include "../core/util.h"
#include "../http/page.h"
#include "../../build/views/classification_decision.h"
#include "../../build/views/classification_confirm.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* the words of a level: "Betydande skada" from "2 – Betydande skada" */
static const char *level_words(const req *r, int level)
{
    const char *label = tr(r->lang, level_label(level));
    const char *dash = strstr(label, " – ");
    return dash ? dash + strlen(" – ") : label;
}

const char *cls_level_change(const req *r, int before, int after)
{
    if (after < 0) return "—";
    if (before < 0 || before == after)
        return arena_printf(r->a, "%d (%s)", after, level_words(r, after));
    return arena_printf(r->a, "%d → %d (%s → %s)", before, after, level_words(r, before),
                        level_words(r, after));
}

const char *cls_need_short(const req *r, const int need[ASPECTS])
{
    char v[ASPECTS][4];
    for (int a = 0; a < ASPECTS; a++)
        snprintf(v[a], sizeof v[a], "%d", need[a]);
    return arena_printf(r->a, "K%s R%s T%s S%s", need[0] < 0 ? "–" : v[0], need[1] < 0 ? "–" : v[1],
                        need[2] < 0 ? "–" : v[2], need[3] < 0 ? "–" : v[3]);
}

bool cls_need_differs(const int a[ASPECTS], const int b[ASPECTS])
{
    return memcmp(a, b, sizeof(int) * ASPECTS) != 0;
}

/* columns from..from+3 of a row as levels */
static void levels_of(const db_res *res, int row, int from, int out[ASPECTS])
{
    for (int a = 0; a < ASPECTS; a++)
        out[a] = row >= 0 ? need_level(db_cell(res, row, from + a)) : -1;
}

/* after the decision: the need without this information, raised by the draft's levels */
static void raise_to(const int without[ASPECTS], const int draft[ASPECTS], int out[ASPECTS])
{
    for (int a = 0; a < ASPECTS; a++)
        out[a] = without[a] > draft[a] ? without[a] : draft[a];
}

/* The systems (not retired) that handle the information: their need now and without it.
 * Params: tenant, asset. */
static bool load_systems(req *r, const char **p, cls_decision *d)
{
    db_res *res = NULL;
    if (db_query(r->db, r->a,
                 "SELECT s.id, s.name, MAX(CAST(c.k AS INTEGER)), MAX(CAST(c.r AS INTEGER)), "
                 "MAX(CAST(c.t AS INTEGER)), MAX(CAST(c.s AS INTEGER)), MAX(CASE WHEN a.id = $2 "
                 "THEN NULL ELSE CAST(c.k AS INTEGER) END), MAX(CASE WHEN a.id = $2 THEN NULL "
                 "ELSE CAST(c.r AS INTEGER) END), MAX(CASE WHEN a.id = $2 THEN NULL ELSE "
                 "CAST(c.t AS INTEGER) END), MAX(CASE WHEN a.id = $2 THEN NULL ELSE CAST(c.s AS "
                 "INTEGER) END) FROM system s JOIN system_asset l ON l.tenant_id = s.tenant_id "
                 "AND l.system_id = s.id JOIN information_asset a ON a.tenant_id = l.tenant_id "
                 "AND a.id = l.asset_id LEFT JOIN classification c ON c.tenant_id = a.tenant_id "
                 "AND c.asset_id = a.id AND c.is_current = 1 WHERE s.tenant_id = $1 AND s.status "
                 "<> 'retired' AND a.status <> 'retired' AND s.id IN (SELECT h.system_id FROM "
                 "system_asset h JOIN information_asset x ON x.tenant_id = h.tenant_id AND x.id = "
                 "h.asset_id WHERE h.tenant_id = $1 AND h.asset_id = $2 AND x.status <> "
                 "'retired') GROUP BY s.id, s.name ORDER BY s.name, s.id",
                 2, p, &res) != DB_OK)
        return false;
    d->nsystems = res->nrows;
    d->systems = arena_alloc(r->a, sizeof(cls_change) * (size_t)(res->nrows + 1));
    for (int i = 0; i < res->nrows; i++) {
        cls_change *s = &d->systems[i];
        int without[ASPECTS];
        *s = (cls_change){.id = db_cell_int(res, i, 0), .name = db_cell(res, i, 1)};
        levels_of(res, i, 2, s->before);
        levels_of(res, i, 6, without);
        raise_to(without, d->draft, s->after);
        d->systems_changed += cls_need_differs(s->before, s->after);
    }
    return true;
}

/* The objects of those systems: their need now and without the information (the one
 * definition, NEED_PER_OBJECT_SQL). Params: tenant, asset. */
#define OBJECTS_OF_ASSET                                                                           \
    " AND s.object_id IN (SELECT y.object_id FROM system y JOIN system_asset h ON h.tenant_id = "  \
    "y.tenant_id AND h.system_id = y.id JOIN information_asset x ON x.tenant_id = h.tenant_id "    \
    "AND x.id = h.asset_id WHERE y.tenant_id = $1 AND h.asset_id = $2 AND y.status <> "            \
    "'retired' AND x.status <> 'retired')"

static bool load_objects(req *r, const char **p, cls_decision *d)
{
    db_res *names = NULL, *now = NULL, *without = NULL;
    if (db_query(r->db, r->a,
                 "SELECT o.id, o.name FROM managed_object o WHERE o.tenant_id = $1 AND o.id IN "
                 "(SELECT s.object_id FROM system s WHERE s.tenant_id = $1" OBJECTS_OF_ASSET
                 ") ORDER BY o.id",
                 2, p, &names) != DB_OK ||
        db_query(r->db, r->a, NEED_PER_OBJECT_SQL(OBJECTS_OF_ASSET), 2, p, &now) != DB_OK ||
        db_query(r->db, r->a, NEED_PER_OBJECT_SQL(" AND a.id <> $2" OBJECTS_OF_ASSET), 2, p,
                 &without) != DB_OK)
        return false;
    d->nobjects = names->nrows;
    d->objects = arena_alloc(r->a, sizeof(cls_change) * (size_t)(names->nrows + 1));
    /* all three ordered by object id: walk them together */
    for (int i = 0, k = 0, m = 0; i < names->nrows; i++) {
        cls_change *o = &d->objects[i];
        int64_t id = db_cell_int(names, i, 0);
        int rest[ASPECTS];
        *o = (cls_change){.id = id, .name = db_cell(names, i, 1)};
        while (k < now->nrows && db_cell_int(now, k, 0) < id)
            k++;
        while (m < without->nrows && db_cell_int(without, m, 0) < id)
            m++;
        levels_of(now, k < now->nrows && db_cell_int(now, k, 0) == id ? k : -1, 1, o->before);
        levels_of(without, m < without->nrows && db_cell_int(without, m, 0) == id ? m : -1, 1,
                  rest);
        raise_to(rest, d->draft, o->after);
        d->objects_changed += cls_need_differs(o->before, o->after);
    }
    d->requirements_known = classification_requirement_changes(r, d->objects, d->nobjects);
    for (int i = 0; d->requirements_known && i < d->nobjects; i++) {
        d->starts += d->objects[i].starts;
        d->stops += d->objects[i].stops;
    }
    return true;
}

/* The draft, the version in force, the asset with its owner, and what the decision
 * changes; false when the draft is not one of the tenant's drafts or on a database error. */
static bool load_decision(req *r, int64_t id, cls_decision *d)
{
    memset(d, 0, sizeof *d);
    d->id = id;
    const char *pid[] = {int_text(r->a, id), tenant_param(r)};
    db_res *asset = NULL, *rows = NULL;
    if (db_query(r->db, r->a,
                 "SELECT a.id, a.name, a.owner_id, a.unit_id, p.name FROM classification c JOIN "
                 "information_asset a ON a.tenant_id = c.tenant_id AND a.id = c.asset_id LEFT "
                 "JOIN person p ON p.tenant_id = a.tenant_id AND p.id = a.owner_id WHERE c.id = "
                 "$1 AND c.tenant_id = $2 AND c.status = 'draft'",
                 2, pid, &asset) != DB_OK ||
        !asset->nrows)
        return false;
    d->asset_id = db_cell(asset, 0, 0);
    d->asset_name = db_cell(asset, 0, 1);
    d->owner_name = db_cell(asset, 0, 4);
    d->basis = decision_basis(r, db_cell(asset, 0, 2), db_cell(asset, 0, 3));
    const char *pv[] = {pid[0], pid[1], d->asset_id};
    /* the draft first (it is not current), then the version in force if there is one */
    if (db_query(r->db, r->a,
                 "SELECT " CLS_VERSION_COLUMNS " WHERE c.tenant_id = $2 AND c.asset_id = $3 AND "
                 "(c.id = $1 OR c.is_current = 1) ORDER BY c.is_current, c.id",
                 3, pv, &rows) != DB_OK ||
        !rows->nrows)
        return false;
    d->rows = rows;
    d->version = db_cell(rows, 0, 1);
    d->in_force_version = rows->nrows > 1 ? db_cell(rows, 1, 1) : NULL;
    levels_of(rows, 0, 3, d->draft);
    levels_of(rows, rows->nrows > 1 ? 1 : -1, 3, d->in_force);
    buf four;
    buf_init(&four, 64);
    for (int a = 0; a < ASPECTS; a++)
        if (d->draft[a] == 4)
            buf_printf(&four, "%s%s", four.len ? ", " : "", tr(r->lang, aspect_labels[a]));
    d->level4_aspects = four.len ? arena_strdup(r->a, buf_str(&four)) : NULL;
    buf_free(&four);
    const char *pa[] = {pid[1], d->asset_id};
    return load_systems(r, pa, d) && load_objects(r, pa, d);
}

void classification_draft_top(req *r, const record *rec, buf *out)
{
    cls_decision d;
    if (load_decision(r, rec->id, &d)) view_classification_decision(out, r->lang, r, &d);
}

/* The draft named by the route, for its decision: false, with the answer written, when
 * there is no such draft (404; a decided one sends the reader to its page) or when the
 * reader may not decide it (403). */
static bool draft_to_decide(req *r, resp *out, cls_decision *d)
{
    int64_t id;
    if (!r->nroute_args || !parse_int64(r->route_args[0], &id) || id <= 0 ||
        !entity_may_read(r, &entity_classifications)) {
        respond_error(r, out, 404, "not_found", TR_err_not_found);
        return false;
    }
    if (!load_decision(r, id, d)) {
        const char *p[] = {int_text(r->a, id), tenant_param(r)};
        if (db_scalar(r->db, r->a,
                      "SELECT 1 FROM classification WHERE id = $1 AND tenant_id = $2 AND status "
                      "= 'decided'",
                      2, p))
            resp_redirect(out, r->a, arena_printf(r->a, "/classifications/%lld", (long long)id));
        else
            respond_error(r, out, 404, "not_found", TR_err_not_found);
        return false;
    }
    if (!d->basis) {
        respond_error(r, out, 403, "forbidden",
                      d->owner_name ? TR_cls_not_owner_err : TR_cls_no_owner);
        return false;
    }
    return true;
}

static void confirm_page(req *r, resp *out, const cls_decision *d)
{
    page_begin(r, out, tr(r->lang, TR_cls_confirm_title), "classification");
    view_classification_confirm(&out->body, r->lang, r, d);
    page_end(r, out);
}

void h_classification_confirm(req *r, resp *out)
{
    cls_decision d;
    if (draft_to_decide(r, out, &d)) confirm_page(r, out, &d);
}

/* A form post decides only from the confirm step (confirm=1); without it the step is
 * shown and nothing changes. An API call is its own confirmation. */
void h_classification_decide(req *r, resp *out)
{
    cls_decision d;
    if (!r->api) {
        if (!draft_to_decide(r, out, &d)) return;
        const char *confirm = kv_get(&r->form, "confirm");
        if (!confirm || strcmp(confirm, "1") != 0) {
            confirm_page(r, out, &d);
            return;
        }
    }
    classification_decide_command(r, out);
}
