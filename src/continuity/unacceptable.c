/* unacceptable.c - the tenant's limit of the unacceptable: the step of its consequence
 * scale (the risk matrix's) from which an outage's impact cannot be accepted; each BIA's
 * MTPD is where an impact first reaches it. Kept by those who keep the matrix (risk
 * writers of the whole tenant); unset, or above a scale that has since shrunk, it is
 * the scale's highest step. Changes are audited. */
#include "continuity.h"
#include "../core/util.h"
#include "../http/page.h"
#include "../risks/risks.h"
#include <jansson.h>
#include <stdlib.h>

int bia_unacceptable_step(req *r)
{
    int top = tenant_matrix(r).consequences;
    const char *p[] = {tenant_param(r)};
    const char *v =
        db_scalar(r->db, r->a, "SELECT bia_unacceptable FROM tenant WHERE id = $1", 1, p);
    int step = v ? atoi(v) : 0;
    return step >= 1 && step <= top ? step : top;
}

bool bia_may_set_unacceptable(req *r)
{
    return perm_allows(r->auth, ACT_RISK_WRITE, NULL);
}

/* A step as given: 0 unless a whole number on the tenant's scale. */
static int step_of(req *r, const char *s)
{
    int64_t v;
    return s && parse_int64(s, &v) && v >= 1 && v <= tenant_matrix(r).consequences ? (int)v : 0;
}

static bool set_step(req *r, int step)
{
    int from = bia_unacceptable_step(r);
    const char *p[] = {int_text(r->a, step), tenant_param(r)};
    if (db_begin(r->db) != DB_OK) return false;
    bool ok =
        db_exec(r->db, "UPDATE tenant SET bia_unacceptable = $1 WHERE id = $2", 2, p, NULL) ==
            DB_OK &&
        entity_audit(
            r, "update", NULL, 0, arena_printf(r->a, "BIA unacceptable step %d → %d", from, step),
            arena_printf(r->a, "{\"bia_unacceptable\":[\"%d\",\"%d\"]}", from, step)) == DB_OK;
    if (!ok || db_commit(r->db) != DB_OK) {
        db_rollback(r->db);
        return false;
    }
    return true;
}

void h_bia_unacceptable(req *r, resp *out)
{
    if (!bia_may_set_unacceptable(r)) {
        respond_error(r, out, 403, "forbidden", TR_err_forbidden);
        return;
    }
    int step = step_of(r, kv_get(&r->form, "step"));
    if (!step) {
        respond_error(r, out, 422, "invalid", TR_bia_err_step);
        return;
    }
    if (!set_step(r, step)) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    resp_redirect(out, r->a, "/continuity#unacceptable");
}

static void step_json(req *r, resp *out)
{
    respond_json(out, 200);
    buf_printf(&out->body, "{\"step\":%d,\"steps\":%d}", bia_unacceptable_step(r),
               tenant_matrix(r).consequences);
}

void api_bia_unacceptable(req *r, resp *out)
{
    step_json(r, out);
}

void api_bia_unacceptable_set(req *r, resp *out)
{
    if (!bia_may_set_unacceptable(r)) {
        respond_error(r, out, 403, "forbidden", TR_err_forbidden);
        return;
    }
    json_t *root = json_loadb(r->body ? r->body : "", r->body_len, 0, NULL);
    json_t *s = json_object_get(root, "step");
    int step = json_is_integer(s) && json_integer_value(s) >= 1 &&
                       json_integer_value(s) <= tenant_matrix(r).consequences
                   ? (int)json_integer_value(s)
                   : 0;
    json_decref(root);
    if (!step) {
        json_error(r, out, 422, "invalid", tr(LANG_EN, TR_bia_err_step));
        return;
    }
    if (!set_step(r, step)) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    step_json(r, out);
}
