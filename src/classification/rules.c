/* rules.c - the life of a classification. A new version belongs to its asset's unit
 * (whose inventory writers may prepare it) and is a draft; only one draft per asset at
 * a time. The asset's information owner decides it — or, in the owner's stead, whoever
 * may appoint the owner in the asset's unit (its ledning, the CISO, the tenant admin),
 * and the decision records by which right (decided_as): the version is frozen, becomes
 * the asset's current classification and gets its next review date. A current
 * classification can be marked as due for reclassification (procurement, go-live,
 * extended processing, major change). */
#include "classification.h"
#include "../entity/handlers.h"
#include "../core/escape.h"
#include "../core/util.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static void set(record *rec, int i, const char *v)
{
    rec->values[i] = v;
    rec->present[i] = true;
}

static const char *val(const entity *e, const record *rec, const char *name)
{
    return record_get(rec, e, name);
}

static bool is_set(const char *v)
{
    return v && strcmp(v, "0") != 0;
}

void classification_validate(req *r, const entity *e, record *rec, const record *old, errors *errs)
{
    const char *tenant = tenant_param(r);
    if (old && strcmp(val(e, old, "status"), "draft") != 0) {
        errors_add(errs, -1, TR_cls_frozen, NULL);
        return;
    }
    if (!old) {
        int asset_i = entity_field(e, "asset_id");
        const char *p[] = {rec->values[asset_i], tenant};
        const char *unit = db_scalar(
            r->db, r->a, "SELECT unit_id FROM information_asset WHERE id = $1 AND tenant_id = $2",
            2, p);
        if (!unit) {
            errors_add(errs, asset_i, TR_err_ref, NULL);
            return;
        }
        if (db_scalar(r->db, r->a,
                      "SELECT 1 FROM classification WHERE asset_id = $1 AND tenant_id = $2 AND "
                      "status = 'draft'",
                      2, p)) {
            errors_add(errs, asset_i, TR_cls_draft_exists, NULL);
            return;
        }
        const char *version = db_scalar(
            r->db, r->a,
            "SELECT CAST(COALESCE(MAX(version), 0) + 1 AS TEXT) FROM classification WHERE "
            "asset_id = $1 AND tenant_id = $2",
            2, p);
        set(rec, entity_field(e, "unit_id"), unit);
        set(rec, entity_field(e, "version"), version);
        set(rec, entity_field(e, "status"), "draft");
    }
    /* sensitive personal data are personal data */
    if (is_set(val(e, rec, "sensitive_data"))) set(rec, entity_field(e, "personal_data"), "1");
    int ref_i = entity_field(e, "osl_ref");
    if (is_set(val(e, rec, "osl")) && str_empty(rec->values[ref_i]))
        errors_add(errs, ref_i, TR_cls_osl_ref_required, NULL);
    const char *on = val(e, rec, "classified_on"), *next = val(e, rec, "next_review");
    if (on && next && strcmp(next, on) <= 0)
        errors_add(errs, entity_field(e, "next_review"), TR_cls_review_after, NULL);
}

static const char *summary_of(req *r, const char *id)
{
    const char *p[] = {id};
    return db_scalar(r->db, r->a,
                     arena_printf(r->a, "SELECT %s FROM classification t WHERE t.id = $1",
                                  entity_classifications.title_sql),
                     1, p);
}

const char *cls_deputy_sql(arena *a, const char *tenant, const char *owner, const char *unit,
                           const char *reader)
{
    return arena_printf(
        a,
        "EXISTS (SELECT 1 FROM role_assignment ra JOIN unit ru ON ru.id = ra.unit_id JOIN unit au "
        "ON au.id = %s AND au.tenant_id = ra.tenant_id WHERE ra.tenant_id = %s AND ra.person_id "
        "= %s AND ra.role = 'info_owner' AND ra.deputy_id = %s AND ru.retired_at IS NULL AND "
        "au.path LIKE ru.path || '%%')",
        unit, tenant, owner, reader);
}

const char *decision_basis(req *r, const char *owner_id, const char *unit_id)
{
    if (owner_id && atoll(owner_id) == r->auth->person_id) return "owner";
    /* the owner's deputy steps in for the owner before anyone decides in the owner's stead
     * by a right of their own: lis does not know when the owner is away, so the deputy may
     * decide whenever, and the decision says so and for whom */
    const char *pd[] = {tenant_param(r), owner_id, unit_id, int_text(r->a, r->auth->person_id)};
    if (owner_id && unit_id &&
        db_scalar(
            r->db, r->a,
            arena_printf(r->a, "SELECT 1 WHERE %s", cls_deputy_sql(r->a, "$1", "$2", "$3", "$4")),
            4, pd))
        return "deputy";
    const char *path = unit_id ? unit_path_of(r, unit_id) : NULL;
    int role = path ? perm_basis(r->auth, ACT_OWNER_APPOINT, path) : -1;
    return role >= 0 ? role_codes[role] : NULL;
}

static int decide(req *r, const entity *e, const record *rec, errors *errs)
{
    if (strcmp(val(e, rec, "status"), "draft") != 0) {
        errors_add(errs, -1, TR_cls_not_draft, NULL);
        return DB_CONSTRAINT;
    }
    const char *tenant = tenant_param(r), *id = int_text(r->a, rec->id);
    const char *pa[] = {val(e, rec, "asset_id"), tenant};
    /* the asset's owner and unit as they are now: the owner decides, or those who may
     * appoint one in the unit the asset belongs to */
    db_res *asset = NULL;
    if (db_query(r->db, r->a,
                 "SELECT owner_id, unit_id FROM information_asset WHERE id = $1 AND tenant_id = $2",
                 2, pa, &asset) != DB_OK)
        return DB_ERROR;
    const char *owner = asset->nrows ? db_cell(asset, 0, 0) : NULL;
    const char *basis = decision_basis(r, owner, asset->nrows ? db_cell(asset, 0, 1) : NULL);
    if (!basis) {
        errors_add(errs, -1, owner ? TR_cls_not_owner_err : TR_cls_no_owner, NULL);
        return DB_CONSTRAINT;
    }
    char now[21], next[11];
    time_now_iso(now);
    const char *pm[] = {tenant};
    const char *months =
        db_scalar(r->db, r->a, "SELECT review_months FROM tenant WHERE id = $1", 1, pm);
    const char *review = val(e, rec, "next_review");
    if (!review && date_add_months(val(e, rec, "classified_on"), months ? atoi(months) : 12, next))
        review = next;
    if (db_begin(r->db) != DB_OK) return DB_ERROR;
    const char *p1[] = {pa[0], tenant};
    const char *p2[] = {
        int_text(r->a, r->auth->person_id), arena_strdup(r->a, now), review, id, tenant, basis};
    int rc = db_exec(r->db,
                     "UPDATE classification SET is_current = 0 WHERE asset_id = $1 AND "
                     "tenant_id = $2 AND is_current = 1",
                     2, p1, NULL);
    if (rc == DB_OK)
        rc = db_exec(r->db,
                     "UPDATE classification SET status = 'decided', is_current = 1, decided_by = "
                     "$1, decided_at = $2, next_review = $3, updated_at = $2, decided_as = $6 "
                     "WHERE id = $4 AND tenant_id = $5 AND status = 'draft'",
                     6, p2, NULL);
    /* a deputy decides on the owner's behalf: the audit names the owner */
    const char *behalf = NULL;
    if (!strcmp(basis, "deputy")) {
        const char *po[] = {owner, tenant};
        const char *name = db_scalar(
            r->db, r->a, "SELECT name FROM person WHERE id = $1 AND tenant_id = $2", 2, po);
        behalf = arena_printf(r->a, "%s (#%s)", name ? name : "", owner);
    }
    const char *pairs[] = {"status",      "draft",
                           "decided",     "decided_by",
                           NULL,          p2[0],
                           "decided_at",  NULL,
                           p2[1],         "decided_as",
                           NULL,          basis,
                           "next_review", val(e, rec, "next_review"),
                           review,        "on_behalf_of",
                           NULL,          behalf};
    if (rc == DB_OK)
        rc = entity_audit(r, "decide", e, rec->id, summary_of(r, id),
                          entity_diff_triples(r, pairs, behalf ? 6 : 5));
    if (rc == DB_OK && db_commit(r->db) == DB_OK) return DB_OK;
    db_rollback(r->db);
    return DB_ERROR;
}

/* The reason of a trigger: a form field, or {"reason": "…"} in an API call. */
static const char *trigger_reason(req *r)
{
    if (!r->api) return kv_get(&r->form, "reason");
    json_t *root = json_loadb(r->body ? r->body : "", r->body_len, 0, NULL);
    json_t *v = root ? json_object_get(root, "reason") : NULL;
    const char *reason = json_is_string(v) ? arena_strdup(r->a, json_string_value(v)) : NULL;
    json_decref(root);
    return reason;
}

/* Marks one classification due for reclassification, audited, inside the caller's
 * transaction; old_reason and old_at are what the row held before (for the diff). */
static int mark_due(req *r, const char *id, const char *reason, const char *old_reason,
                    const char *old_at)
{
    char now[21];
    time_now_iso(now);
    const char *p[] = {reason, arena_strdup(r->a, now), id, tenant_param(r)};
    const char *triples[] = {"review_trigger", old_reason, reason, "triggered_at", old_at, p[1]};
    int rc = db_exec(r->db,
                     "UPDATE classification SET review_trigger = $1, triggered_at = $2 WHERE id = "
                     "$3 AND tenant_id = $4",
                     4, p, NULL);
    return rc == DB_OK ? entity_audit(r, "trigger", &entity_classifications, atoll(id),
                                      summary_of(r, id), entity_diff_triples(r, triples, 2))
                       : rc;
}

static int trigger(req *r, const entity *e, const record *rec, errors *errs)
{
    if (!entity_may_write(r, e, rec)) {
        errors_add(errs, -1, TR_err_forbidden, NULL);
        return DB_CONSTRAINT;
    }
    const char *id = int_text(r->a, rec->id), *tenant = tenant_param(r);
    const char *pc[] = {id, tenant};
    if (!db_scalar(
            r->db, r->a,
            "SELECT 1 FROM classification WHERE id = $1 AND tenant_id = $2 AND is_current = 1", 2,
            pc)) {
        errors_add(errs, -1, TR_cls_not_current, NULL);
        return DB_CONSTRAINT;
    }
    const char *reason = trigger_reason(r);
    int ti = entity_field(e, "review_trigger");
    bool known = false;
    for (const enum_opt *o = e->fields[ti].options; reason && o->value; o++)
        known |= strcmp(o->value, reason) == 0;
    if (!known) {
        errors_add(errs, ti, TR_cls_bad_trigger, NULL);
        return DB_CONSTRAINT;
    }
    if (db_begin(r->db) != DB_OK) return DB_ERROR;
    int rc = mark_due(r, id, reason, val(e, rec, "review_trigger"), val(e, rec, "triggered_at"));
    if (rc == DB_OK && db_commit(r->db) == DB_OK) return DB_OK;
    db_rollback(r->db);
    return DB_ERROR;
}

void classification_decide_command(req *r, resp *out)
{
    entity_command(r, out, &entity_classifications, decide, NULL);
}

void h_classification_trigger(req *r, resp *out)
{
    entity_command(r, out, &entity_classifications, trigger, NULL);
}

bool classification_trigger_system(req *r, int64_t system_id, const char *reason)
{
    const char *p[] = {int_text(r->a, system_id), tenant_param(r)};
    db_res *due = NULL;
    if (db_query(r->db, r->a,
                 "SELECT c.id FROM system_asset l JOIN classification c ON c.tenant_id = "
                 "l.tenant_id AND c.asset_id = l.asset_id AND c.is_current = 1 WHERE l.tenant_id = "
                 "$2 AND l.system_id = $1 AND c.review_trigger IS NULL",
                 2, p, &due) != DB_OK)
        return false;
    for (int i = 0; i < due->nrows; i++)
        if (mark_due(r, db_cell(due, i, 0), reason, NULL, NULL) != DB_OK) return false;
    return true;
}

bool classification_system_written(req *r, const entity *e, record *rec, const record *old,
                                   errors *errs)
{
    (void)errs;
    if (!old || !rec) return true;
    /* procurement and go-live are the moments to classify again */
    int status_i = entity_field_index(e, "status");
    const char *was = old->values[status_i], *now = rec->values[status_i];
    if (now && (!was || strcmp(was, now))) {
        const char *reason = !strcmp(now, "procurement") ? "procurement"
                             : !strcmp(now, "operation") ? "golive"
                                                         : NULL;
        if (reason && !classification_trigger_system(r, old->id, reason)) return false;
    }
    return true;
}
