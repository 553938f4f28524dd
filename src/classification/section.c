/* section.c - the classification section of an information asset's page: the current
 * classification with its levels in words, law flags and review state; the draft and
 * its decision; and every earlier version. */
#include "classification.h"
#include "../core/util.h"
#include "../core/escape.h"
#include "../http/page.h"
#include "../../build/views/classification_asset.h"
#include "../../build/views/classification_new_version.h"
#include <stdlib.h>
#include <string.h>

static const char *option_text(lang_t lang, const entity *e, const char *field_name, const char *v)
{
    const field *f = &e->fields[entity_field_index(e, field_name)];
    for (const enum_opt *o = f->options; v && o->value; o++)
        if (strcmp(o->value, v) == 0) return tr(lang, o->label);
    return v ? v : "—";
}

const char *cls_level_text(lang_t lang, const char *level)
{
    return option_text(lang, &entity_classifications, "k", level);
}
const char *cls_trigger_text(lang_t lang, const char *trigger)
{
    return option_text(lang, &entity_classifications, "review_trigger", trigger);
}
const char *cls_status_text(lang_t lang, const char *status)
{
    return option_text(lang, &entity_classifications, "status", status);
}
const char *cls_basis_text(lang_t lang, const char *basis)
{
    return option_text(lang, &entity_classifications, "decided_as", basis);
}

const char *cls_flags_text(const req *r, const db_res *rows, int row)
{
    static const struct {
        int col;
        tr_key label;
    } flags[] = {{11, TR_cls_personal_data},
                 {12, TR_cls_sensitive_data},
                 {13, TR_cls_osl},
                 {15, TR_cls_security_protection}};
    buf b;
    buf_init(&b, 0);
    for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++) {
        const char *v = db_cell(rows, row, flags[i].col);
        if (!v || strcmp(v, "1") != 0) continue;
        if (b.len) buf_puts(&b, "; ");
        buf_puts(&b, tr(r->lang, flags[i].label));
        if (flags[i].col == 13 && db_cell(rows, row, 14))
            buf_printf(&b, " (%s)", db_cell(rows, row, 14));
    }
    const char *s = arena_strdup(r->a, b.len ? buf_str(&b) : tr(r->lang, TR_cls_flags_none));
    buf_free(&b);
    return s;
}

const char *cls_levels_short(const req *r, const db_res *rows, int row)
{
    const char *v[ASPECTS];
    for (int a = 0; a < ASPECTS; a++)
        v[a] = db_cell(rows, row, 3 + a) ? db_cell(rows, row, 3 + a) : "–";
    return arena_printf(r->a, "K%s R%s T%s S%s", v[0], v[1], v[2], v[3]);
}

/* /classifications/new for the asset, today as the classification date */
static const char *new_url(req *r, int64_t asset_id)
{
    char today[11];
    date_today(today);
    return arena_printf(r->a, "/classifications/new?asset_id=%lld&classified_on=%s",
                        (long long)asset_id, today);
}

/* What a new version starts from: every answer of the version it follows, so nothing
 * (an OSL reference, the motivation) is typed again or lost. */
static const char *const carried[] = {"k",
                                      "r",
                                      "t",
                                      "s",
                                      "personal_data",
                                      "sensitive_data",
                                      "osl",
                                      "osl_ref",
                                      "security_protection",
                                      "motivation",
                                      "participants"};

void h_classification_new_version(req *r, resp *out)
{
    const entity *e = &entity_classifications;
    int64_t id;
    if (!r->nroute_args || !parse_int64(r->route_args[0], &id) || id <= 0 ||
        !entity_may_read(r, e)) {
        respond_error(r, out, 404, "not_found", TR_err_not_found);
        return;
    }
    const char *p[] = {int_text(r->a, id), tenant_param(r)};
    buf sql;
    buf_init(&sql, 512);
    buf_puts(&sql, "SELECT t.asset_id, t.unit_id");
    for (size_t i = 0; i < sizeof carried / sizeof carried[0]; i++)
        buf_printf(&sql, ", t.%s", carried[i]);
    buf_printf(&sql, " FROM classification t WHERE t.id = $1 AND t.tenant_id = $2%s",
               entity_read_scope(r, e, "t"));
    db_res *res = NULL;
    int rc = db_query(r->db, r->a, buf_str(&sql), 2, p, &res);
    buf_free(&sql);
    if (rc != DB_OK) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    if (!res->nrows) {
        respond_error(r, out, 404, "not_found", TR_err_not_found);
        return;
    }
    /* who may prepare a version in the asset's unit, as the page offers it */
    if (!perm_allows(r->auth, ACT_INVENTORY_WRITE, unit_path_of(r, db_cell(res, 0, 1)))) {
        respond_error(r, out, 403, "forbidden", TR_err_forbidden);
        return;
    }
    buf url;
    buf_init(&url, 1024);
    buf_puts(&url, new_url(r, db_cell_int(res, 0, 0)));
    for (size_t i = 0; i < sizeof carried / sizeof carried[0]; i++) {
        const char *v = db_cell(res, 0, (int)i + 2);
        if (!v) continue;
        buf_printf(&url, "&%s=", carried[i]);
        esc_url_component(&url, v);
    }
    resp_redirect(out, r->a, arena_strdup(r->a, buf_str(&url)));
    buf_free(&url);
}

void classification_asset_section(req *r, int64_t asset_id, buf *out)
{
    const char *p[] = {int_text(r->a, asset_id), tenant_param(r)};
    db_res *rows = NULL;
    if (db_query(r->db, r->a,
                 "SELECT " CLS_VERSION_COLUMNS " WHERE c.asset_id = $1 AND c.tenant_id = $2 "
                 "ORDER BY c.version DESC",
                 2, p, &rows) != DB_OK)
        return;
    cls_versions v = {.rows = rows, .current = -1, .draft = -1};
    for (int i = 0; i < rows->nrows; i++) {
        if (!strcmp(db_cell(rows, i, 17), "1")) v.current = i;
        if (!strcmp(db_cell(rows, i, 2), "draft")) v.draft = i;
    }
    if (v.current >= 0) {
        const char *review = db_cell(rows, v.current, 8);
        int days = review ? date_days_until(review) : 0;
        v.overdue_days = days < 0 ? -days : 0;
        for (int a = 0; a < ASPECTS; a++)
            v.level4 |= need_level(db_cell(rows, v.current, 3 + a)) == 4;
        char local[24];
        time_local_display(db_cell(rows, v.current, 10), local);
        v.decided_local = arena_strdup(r->a, local);
    }
    const char *pu[] = {p[0], p[1]};
    db_res *asset = NULL;
    if (db_query(r->db, r->a,
                 "SELECT unit_id, owner_id FROM information_asset WHERE id = $1 AND tenant_id = $2",
                 2, pu, &asset) != DB_OK ||
        !asset->nrows)
        return;
    v.basis = decision_basis(r, db_cell(asset, 0, 1), db_cell(asset, 0, 0));
    v.may_write = perm_allows(r->auth, ACT_INVENTORY_WRITE, unit_path_of(r, db_cell(asset, 0, 0)));
    v.new_url = v.current < 0 ? new_url(r, asset_id)
                              : arena_printf(r->a, "/classifications/%s/new-version",
                                             db_cell(rows, v.current, 0));
    view_classification_asset(out, r->lang, r, &v);
}

bool classification_frozen(const record *rec)
{
    const char *status = record_get(rec, &entity_classifications, "status");
    return status && strcmp(status, "draft") != 0;
}

void classification_detail_top(req *r, const entity *e, const record *rec, buf *out)
{
    if (!classification_frozen(rec)) {
        classification_draft_top(r, rec, out);
        return;
    }
    const char *asset = record_get(rec, e, "asset_id"), *unit = record_get(rec, e, "unit_id");
    if (!asset || !perm_allows(r->auth, ACT_INVENTORY_WRITE, unit_path_of(r, unit))) return;
    view_classification_new_version(out, r->lang, (long long)rec->id);
}
