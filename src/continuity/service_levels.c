/* service_levels.c - the internal service level of a förvaltningsobjekt (issue 24 point 6):
 * what the IT department has agreed with the verksamhet — availability, support hours,
 * restore time, RPO, the contacts on both sides, the review date — described once, and
 * compared with what the verksamhet needs (the object's continuity plans and the roll-up
 * of the processes' needs onto its systems) and with what the suppliers' agreements (SLA)
 * covering its systems back (service_level.c holds the rule). The gaps name weaknesses:
 * the records and the gap list are need-to-know as risks are. */
#include "continuity.h"
#include "service_level.h"
#include "../core/util.h"
#include "../http/page.h"
#include "../risks/risks.h"
#include "../suppliers/suppliers.h"
#include "../../build/views/service_level_gaps.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#define LIST_FORM (F_LIST | F_FORM | F_EXPORT)
#define DETAIL_FORM (F_FORM | F_DETAIL | F_EXPORT)

static const enum_opt support_options[] = {
    {"office", TR_sl_support_office},
    {"extended", TR_sl_support_extended},
    {"always", TR_sl_support_always},
    {NULL, 0},
};

static const field sl_fields[] = {
    {"object_id", FT_REF, TR_sl_object, LIST_FORM | F_FILTER | F_REQUIRED | F_SEARCH,
     .ref = "objects"},
    {"unit_id", FT_REF, TR_inv_unit, F_LIST | F_FILTER | F_EXPORT | F_DETAIL, .ref = "units"},
    {"availability", FT_TEXT, TR_sl_availability, LIST_FORM, .max_len = 20,
     .help = TR_sl_availability_help},
    {"support_hours", FT_ENUM, TR_sl_support_hours, LIST_FORM | F_FILTER,
     .options = support_options, .help = TR_sl_support_hours_help},
    {"support_note", FT_TEXT, TR_sl_support_note, DETAIL_FORM, .max_len = 200,
     .help = TR_sl_support_note_help},
    {"rto_hours", FT_INT, TR_sl_rto, LIST_FORM | F_SORT, .min = 0, .max = 100000,
     .help = TR_sl_rto_help},
    {"rpo_hours", FT_INT, TR_sl_rpo, LIST_FORM | F_SORT, .min = 0, .max = 100000,
     .help = TR_sl_rpo_help},
    {"it_contact_id", FT_REF, TR_sl_it_contact, DETAIL_FORM | F_FILTER, .ref = "people"},
    {"business_contact_id", FT_REF, TR_sl_business_contact, DETAIL_FORM | F_FILTER,
     .ref = "people"},
    {"review_due", FT_DATE, TR_sl_review_due, LIST_FORM | F_SORT, .help = TR_sl_review_due_help},
    {"note", FT_LONGTEXT, TR_sl_note, DETAIL_FORM, .max_len = 4000},
};

static void sl_validate(req *r, const entity *e, record *rec, const record *old, errors *errs)
{
    const char *object = record_get(rec, e, "object_id");
    const char *p[] = {object, tenant_param(r)};
    const char *unit =
        object
            ? db_scalar(r->db, r->a,
                        "SELECT unit_id FROM managed_object WHERE id = $1 AND tenant_id = $2", 2, p)
            : NULL;
    if (!unit) {
        errors_add(errs, entity_field(e, "object_id"), TR_err_ref, NULL);
        return;
    }
    record_set(rec, e, "unit_id", unit);
    /* one agreement per object: two would promise two things at once */
    const char *q[] = {tenant_param(r), object, int_text(r->a, old ? old->id : 0)};
    if (db_scalar(
            r->db, r->a,
            "SELECT 1 FROM service_level WHERE tenant_id = $1 AND object_id = $2 AND id <> $3", 3,
            q))
        errors_add(errs, entity_field(e, "object_id"), TR_sl_err_twice, NULL);
    const char *availability = record_get(rec, e, "availability");
    if (!str_empty(availability)) {
        char *normal = arena_alloc(r->a, 16);
        if (!normal || !availability_normalise(availability, normal))
            errors_add(errs, entity_field(e, "availability"), TR_agr_err_availability, NULL);
        else
            record_set(rec, e, "availability", normal);
    }
}

const entity entity_service_levels = {
    .name = "service_levels",
    .table = "service_level",
    .label_one = TR_sl_one,
    .label_many = TR_sl_many,
    .fields = sl_fields,
    .nfields = sizeof sl_fields / sizeof sl_fields[0],
    .title_sql = "(SELECT o.name FROM managed_object o WHERE o.id = t.object_id)",
    .default_sort = "review_due",
    .read_action = ACT_READ,
    .write_action = ACT_INVENTORY_WRITE,
    .unit_field = "unit_id",
    .need_to_know = true,
    .read_all = ACT_RISK_READ,
    .readers = {"it_contact_id", "business_contact_id"},
    .can_create = true,
    .can_edit = true,
    .can_delete = true,
    .has_updated_at = true,
    .validate = sl_validate,
    .due = &(const due_date){"review_due"},
};

const sl_gap_word sl_gap_words[] = {
    {SL_GAP_MISSING, "missing", TR_sl_gap_missing},
    {SL_GAP_RTO_WEAKER, "rto_weaker", TR_sl_gap_rto_weaker},
    {SL_GAP_RTO_MISSING, "rto_missing", TR_sl_gap_rto_missing},
    {SL_GAP_RPO_WEAKER, "rpo_weaker", TR_sl_gap_rpo_weaker},
    {SL_GAP_RPO_MISSING, "rpo_missing", TR_sl_gap_rpo_missing},
    {SL_GAP_SUPPORT, "support_hours", TR_sl_gap_support},
    {SL_GAP_SUPPLIER_RTO, "supplier_rto", TR_sl_gap_supplier_rto},
    {SL_GAP_SUPPLIER_RPO, "supplier_rpo", TR_sl_gap_supplier_rpo},
    {SL_GAP_SUPPLIER_AVAIL, "supplier_availability", TR_sl_gap_supplier_avail},
    {0, NULL, 0},
};

static int cell_int(const db_res *res, int row, int col)
{
    const char *v = db_cell(res, row, col);
    return v ? atoi(v) : -1;
}

static double cell_percent(const db_res *res, int row, int col)
{
    const char *v = db_cell(res, row, col);
    return v && *v ? strtod(v, NULL) : -1;
}

static int stricter(int a, int b)
{
    return a < 0 ? b : b < 0 ? a : a < b ? a : b;
}

static int weaker(int a, int b)
{
    return a > b ? a : b;
}

/* Finds the row of an object among rows (ordered by name, few: a tenant's objects). */
static sl_gap_row *row_of(sl_gap_row *rows, int n, int64_t object_id)
{
    for (int i = 0; i < n; i++)
        if (rows[i].object_id == object_id) return &rows[i];
    return NULL;
}

bool service_level_gaps_load(req *r, int64_t object_id, sl_gap_row **out, int *nout)
{
    const char *p[] = {tenant_param(r), int_text(r->a, object_id)};
    db_res *objects = NULL, *sls = NULL, *agreements = NULL, *systems = NULL;
    /* every object (or the one), with its stated needs from its plans */
    if (db_query(
            r->db, r->a,
            arena_printf(
                r->a,
                "SELECT o.id, o.name, MIN(c.rto_hours), MIN(c.rpo_hours), MIN(c.mtpd_hours) FROM "
                "managed_object o LEFT JOIN continuity_plan c ON c.tenant_id = o.tenant_id AND "
                "c.object_id = o.id WHERE o.tenant_id = $1 AND o.status <> 'retired'%s GROUP BY "
                "o.id, o.name ORDER BY o.name, o.id",
                object_id ? " AND o.id = $2" : ""),
            object_id ? 2 : 1, p, &objects) != DB_OK ||
        db_query(r->db, r->a,
                 "SELECT object_id, id, rto_hours, rpo_hours, availability, support_hours FROM "
                 "service_level WHERE tenant_id = $1 ORDER BY id",
                 1, p, &sls) != DB_OK ||
        /* the supplier agreements (SLA) covering each object's systems */
        db_query(r->db, r->a,
                 "SELECT s.object_id, a.rto_hours, a.rpo_hours, a.availability FROM agreement a "
                 "JOIN agreement_system x ON x.tenant_id = a.tenant_id AND x.agreement_id = a.id "
                 "JOIN system s ON s.tenant_id = x.tenant_id AND s.id = x.system_id WHERE "
                 "a.tenant_id = $1 AND a.kind = 'sla' AND s.object_id IS NOT NULL AND s.status "
                 "<> 'retired' ORDER BY a.id",
                 1, p, &agreements) != DB_OK ||
        db_query(r->db, r->a,
                 "SELECT id, object_id FROM system WHERE tenant_id = $1 AND object_id IS NOT NULL "
                 "AND status <> 'retired' ORDER BY id",
                 1, p, &systems) != DB_OK)
        return false;
    int n = objects->nrows;
    sl_gap_row *rows = arena_alloc(r->a, sizeof *rows * (size_t)(n + 1));
    rollup_view *v = arena_alloc(r->a, sizeof *v);
    if (!rows || !v || !continuity_rollup_load(r, v)) return false;
    for (int i = 0; i < n; i++) {
        sl_gap_row *g = &rows[i];
        memset(g, 0, sizeof *g);
        g->object_id = db_cell_int(objects, i, 0);
        g->object = db_cell(objects, i, 1);
        g->need =
            (sl_need){cell_int(objects, i, 2), cell_int(objects, i, 3), cell_int(objects, i, 4)};
        g->supplier = (sl_supplier){-1, -1, -1};
    }
    /* the processes' needs rolled down onto the object's systems */
    for (int i = 0; i < systems->nrows; i++) {
        sl_gap_row *g = row_of(rows, n, db_cell_int(systems, i, 1));
        if (!g) continue;
        int64_t id = db_cell_int(systems, i, 0);
        for (int node = v->nprocesses; node < v->n; node++) {
            if (v->id[node] != id) continue;
            g->need.rto = stricter(g->need.rto, v->rto.need[node].hours);
            g->need.rpo = stricter(g->need.rpo, v->rpo.need[node].hours);
            break;
        }
    }
    for (int i = 0; i < sls->nrows; i++) {
        sl_gap_row *g = row_of(rows, n, db_cell_int(sls, i, 0));
        if (!g) continue;
        g->service_level_id = db_cell_int(sls, i, 1);
        g->agreed = (sl_agreed){cell_int(sls, i, 2), cell_int(sls, i, 3), cell_percent(sls, i, 4),
                                sl_support_of(db_cell(sls, i, 5))};
    }
    for (int i = 0; i < agreements->nrows; i++) {
        sl_gap_row *g = row_of(rows, n, db_cell_int(agreements, i, 0));
        if (!g) continue;
        g->has_supplier = true;
        g->supplier.rto = weaker(g->supplier.rto, cell_int(agreements, i, 1));
        g->supplier.rpo = weaker(g->supplier.rpo, cell_int(agreements, i, 2));
        double a = cell_percent(agreements, i, 3);
        if (a >= 0 && (g->supplier.availability < 0 || a < g->supplier.availability))
            g->supplier.availability = a;
    }
    /* only the objects with a gap */
    int kept = 0;
    for (int i = 0; i < n; i++) {
        sl_gap_row *g = &rows[i];
        g->gaps = sl_gaps(g->service_level_id ? &g->agreed : NULL, &g->need,
                          g->has_supplier ? &g->supplier : NULL);
        if (g->gaps) rows[kept++] = *g;
    }
    *out = rows;
    *nout = kept;
    return true;
}

/* The gaps name weaknesses: those who read every risk see them tenant-wide; on an
 * object's page also those who write its unit (its owners and samordnare). */
static bool may_read_gaps(req *r, const char *unit_id)
{
    return perm_allows(r->auth, ACT_RISK_READ, NULL) ||
           (unit_id && perm_allows(r->auth, ACT_INVENTORY_WRITE, unit_path_of(r, unit_id)));
}

void service_levels_continuity_section(req *r, buf *out)
{
    if (!may_read_gaps(r, NULL)) return;
    sl_gap_row *rows = NULL;
    int n = 0;
    if (!service_level_gaps_load(r, 0, &rows, &n)) return;
    view_service_level_gaps(out, r->lang, rows, n, true);
}

void service_levels_object_section(req *r, int64_t object_id, buf *out)
{
    const char *p[] = {int_text(r->a, object_id), tenant_param(r)};
    const char *unit = db_scalar(
        r->db, r->a, "SELECT unit_id FROM managed_object WHERE id = $1 AND tenant_id = $2", 2, p);
    if (!unit || !may_read_gaps(r, unit)) return;
    sl_gap_row *rows = NULL;
    int n = 0;
    if (!service_level_gaps_load(r, object_id, &rows, &n)) return;
    view_service_level_gaps(out, r->lang, rows, n, false);
}

static json_t *opt_int(int v)
{
    return v >= 0 ? json_integer(v) : json_null();
}

static json_t *opt_real(double v)
{
    return v >= 0 ? json_real(v) : json_null();
}

void api_service_level_gaps(req *r, resp *out)
{
    if (!may_read_gaps(r, NULL)) {
        respond_error(r, out, 403, "forbidden", TR_err_forbidden);
        return;
    }
    sl_gap_row *rows = NULL;
    int n = 0;
    if (!service_level_gaps_load(r, 0, &rows, &n)) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    json_t *items = json_array();
    for (int i = 0; i < n; i++) {
        const sl_gap_row *g = &rows[i];
        json_t *gaps = json_array();
        for (const sl_gap_word *w = sl_gap_words; w->bit; w++)
            if (g->gaps & w->bit) json_array_append_new(gaps, json_string(w->code));
        json_t *o = json_pack(
            "{s:I,s:s,s:o,s:o,s:{s:o,s:o,s:o},s:o}", "object_id", (json_int_t)g->object_id,
            "object", g->object ? g->object : "", "service_level_id",
            g->service_level_id ? json_integer(g->service_level_id) : json_null(), "gaps", gaps,
            "need", "rto_hours", opt_int(sl_need_restore(&g->need)), "rpo_hours",
            opt_int(g->need.rpo), "mtpd_hours", opt_int(g->need.mtpd), "supplier",
            g->has_supplier ? json_pack("{s:o,s:o,s:o}", "rto_hours", opt_int(g->supplier.rto),
                                        "rpo_hours", opt_int(g->supplier.rpo), "availability",
                                        opt_real(g->supplier.availability))
                            : json_null());
        json_array_append_new(items, o);
    }
    json_t *doc = json_pack("{s:o}", "items", items);
    char *s = doc ? json_dumps(doc, JSON_COMPACT) : NULL;
    json_decref(doc);
    if (!s) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    respond_json(out, 200);
    buf_puts(&out->body, s);
    free(s);
}
