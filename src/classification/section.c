/* section.c - the classification section of an information asset's page: the current
 * classification with its levels in words, law flags and review state; the draft and
 * its decision; and every earlier version. */
#include "classification.h"
#include "../core/util.h"
#include "../../build/views/classification_asset.h"
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

/* /classifications/new prefilled for the asset: the current levels and flags as a
 * starting point, today as the classification date */
static const char *new_url(req *r, int64_t asset_id, const db_res *rows, int current)
{
    char today[11];
    date_today(today);
    const char *url = arena_printf(r->a, "/classifications/new?asset_id=%lld&classified_on=%s",
                                   (long long)asset_id, today);
    if (current < 0) return url;
    static const struct {
        const char *name;
        int col;
    } carry[] = {{"k", 3},
                 {"r", 4},
                 {"t", 5},
                 {"s", 6},
                 {"personal_data", 11},
                 {"sensitive_data", 12},
                 {"osl", 13},
                 {"security_protection", 15}};
    for (size_t i = 0; i < sizeof carry / sizeof carry[0]; i++) {
        const char *v = db_cell(rows, current, carry[i].col);
        if (v) url = arena_printf(r->a, "%s&%s=%s", url, carry[i].name, v);
    }
    return url;
}

void classification_asset_section(req *r, int64_t asset_id, buf *out)
{
    const char *p[] = {int_text(r->a, asset_id), tenant_param(r)};
    db_res *rows = NULL;
    if (db_query(r->db, r->a,
                 "SELECT c.id, c.version, c.status, c.k, c.r, c.t, c.s, c.classified_on, "
                 "c.next_review, c.review_trigger, c.decided_at, c.personal_data, "
                 "c.sensitive_data, c.osl, c.osl_ref, c.security_protection, p.name, c.is_current, "
                 "c.decided_as "
                 "FROM classification c LEFT JOIN person p ON p.id = c.decided_by WHERE "
                 "c.asset_id = $1 AND c.tenant_id = $2 ORDER BY c.version DESC",
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
    v.new_url = new_url(r, asset_id, rows, v.current);
    view_classification_asset(out, r->lang, r, &v);
}
