/* admin.c - the tenant admin's side of two-step verification: who in the tenant
 * must use it (everyone, those who may read risks, or chosen roles), and resetting a
 * person's when their phone is lost (a section on the person's page, audited). */
#include "admin.h"
#include "../org/org.h"
#include "../auth/local_login.h"
#include "../auth/twostep.h"
#include "../core/escape.h"
#include "../core/util.h"
#include "../http/page.h"
#include "../../build/views/twostep_person.h"
#include "../../build/views/twostep_settings.h"
#include <string.h>

enum { NROLES = ROLE__COUNT };

static void settings_page(req *r, resp *out, tr_key message, bool ok)
{
    const char *p[] = {tenant_param(r)};
    db_res *chosen_rows = NULL;
    const char *policy =
        db_scalar(r->db, r->a, "SELECT totp_required FROM tenant WHERE id = $1", 1, p);
    if (!policy || db_query(r->db, r->a, "SELECT role FROM tenant_totp_role WHERE tenant_id = $1",
                            1, p, &chosen_rows) != DB_OK) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    const char *roles[NROLES], *labels[NROLES];
    bool chosen[NROLES];
    int n = 0;
    for (const enum_opt *o = role_options; o->value && n < NROLES; o++, n++) {
        roles[n] = o->value;
        labels[n] = tr(r->lang, o->label);
        chosen[n] = false;
        for (int i = 0; i < chosen_rows->nrows; i++)
            if (strcmp(db_cell(chosen_rows, i, 0), o->value) == 0) chosen[n] = true;
    }
    page_begin(r, out, tr(r->lang, TR_twostep_settings_title), "account");
    view_twostep_settings(&out->body, r->lang, r, policy, roles, labels, chosen, n,
                          message ? tr(r->lang, message) : NULL, ok);
    page_end(r, out);
}

void h_twostep_settings(req *r, resp *out)
{
    if (!perm_allows(r->auth, ACT_TENANT_ADMIN, NULL)) {
        respond_error(r, out, 403, "forbidden", TR_err_forbidden);
        return;
    }
    settings_page(r, out, kv_get(&r->query, "saved") ? TR_twostep_settings_saved : 0, true);
}

void h_twostep_settings_save(req *r, resp *out)
{
    if (!perm_allows(r->auth, ACT_TENANT_ADMIN, NULL)) {
        respond_error(r, out, 403, "forbidden", TR_err_forbidden);
        return;
    }
    const char *policy = kv_get(&r->form, "policy");
    bool roles_valid = true;
    int nchosen = 0;
    for (int i = 0; i < r->form.n; i++) {
        if (strcmp(r->form.items[i].key, "role") != 0) continue;
        roles_valid = roles_valid && role_from_code(r->form.items[i].value) >= 0;
        nchosen++;
    }
    tr_key problem = !twostep_policy_valid(policy)                  ? TR_twostep_policy_invalid
                     : !roles_valid                                 ? TR_twostep_policy_invalid
                     : strcmp(policy, "roles") == 0 && nchosen == 0 ? TR_twostep_roles_missing
                                                                    : 0;
    if (problem) {
        out->status = 422;
        settings_page(r, out, problem, false);
        return;
    }
    const char *p[] = {tenant_param(r), policy};
    buf diff;
    buf_init(&diff, 0);
    buf_puts(&diff, "{\"totp_required\":");
    esc_json_string(&diff, policy);
    buf_puts(&diff, ",\"roles\":[");
    bool ok =
        db_begin(r->db) == DB_OK &&
        db_exec(r->db, "UPDATE tenant SET totp_required = $2 WHERE id = $1", 2, p, NULL) == DB_OK &&
        db_exec(r->db, "DELETE FROM tenant_totp_role WHERE tenant_id = $1", 1, p, NULL) == DB_OK;
    int written = 0;
    for (int i = 0; ok && i < r->form.n; i++) {
        if (strcmp(r->form.items[i].key, "role") != 0) continue;
        const char *q[] = {p[0], r->form.items[i].value};
        /* a role ticked twice is kept once */
        ok = db_exec(r->db,
                     "INSERT INTO tenant_totp_role (tenant_id, role) VALUES ($1, $2) ON CONFLICT "
                     "DO NOTHING",
                     2, q, NULL) == DB_OK;
        if (written++) buf_putc(&diff, ',');
        esc_json_string(&diff, q[1]);
    }
    buf_puts(&diff, "]}");
    ok = ok &&
         entity_audit(r, "update", NULL, 0, "totp_required", arena_strdup(r->a, buf_str(&diff))) ==
             DB_OK &&
         db_commit(r->db) == DB_OK;
    buf_free(&diff);
    if (!ok) {
        db_rollback(r->db);
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    resp_redirect(out, r->a, "/settings/two-step?saved=1");
}

/* The account of a person of the caller's tenant; 0 when there is none. */
static int64_t person_account(req *r, int64_t person_id, bool *failed)
{
    const char *p[] = {int_text(r->a, person_id), tenant_param(r)};
    db_res *res = NULL;
    *failed = db_query(r->db, r->a,
                       "SELECT account_id FROM person WHERE id = $1 AND tenant_id = $2 AND "
                       "account_id IS NOT NULL",
                       2, p, &res) != DB_OK;
    return !*failed && res->nrows ? db_cell_int(res, 0, 0) : 0;
}

void twostep_person_section(req *r, int64_t person_id, buf *out)
{
    if (!perm_allows(r->auth, ACT_TENANT_ADMIN, NULL)) return;
    bool failed;
    int64_t account = person_account(r, person_id, &failed);
    int on = account ? twostep_enabled(r, account) : 0;
    if (failed || on < 0) return; /* the page stands without the section; logged by db */
    view_twostep_person(out, r->lang, r, (long long)person_id, on == 1);
}

void h_twostep_reset(req *r, resp *out)
{
    if (!perm_allows(r->auth, ACT_TENANT_ADMIN, NULL)) {
        respond_error(r, out, 403, "forbidden", TR_err_forbidden);
        return;
    }
    int64_t person_id = 0;
    bool failed = false;
    int64_t account =
        parse_int64(r->route_args[0], &person_id) ? person_account(r, person_id, &failed) : 0;
    if (failed || !account) {
        respond_error(r, out, failed ? 500 : 404, failed ? "internal" : "not_found",
                      failed ? TR_err_internal : TR_err_not_found);
        return;
    }
    /* the last way in while passwords are off is not taken away (local_login.h) */
    bool last = false;
    if (local_login_last_admin(r, account, 0, &last) != DB_OK) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    if (last) {
        respond_error(r, out, 409, "conflict", TR_local_login_last_twostep);
        return;
    }
    const char *p[] = {int_text(r->a, account)};
    const char *email = db_scalar(r->db, r->a, "SELECT email FROM account WHERE id = $1", 1, p);
    /* the person's sessions end too: whoever holds the lost phone may hold a session */
    if (db_begin(r->db) != DB_OK || twostep_remove(r, account) != DB_OK ||
        db_exec(r->db, "DELETE FROM session WHERE account_id = $1", 1, p, NULL) != DB_OK ||
        entity_audit(r, "totp_reset", entity_find("people"), person_id, email, NULL) != DB_OK ||
        db_commit(r->db) != DB_OK) {
        db_rollback(r->db);
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    resp_redirect(out, r->a, arena_printf(r->a, "/people/%lld", (long long)person_id));
}
