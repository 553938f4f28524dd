/* passwords.c - the tenant administrator's switch for local passwords (src/auth/
 * local_login.h): passwords on or off for the tenant, and the emergency admins who keep a
 * password with two-step verification for when the provider is down. Switching off is
 * refused while no emergency admin has two-step verification on; removing the mark of the
 * last such one is refused while passwords are off. Every change is in the audit log. */
#include "sso.h"
#include "../auth/local_login.h"
#include "../core/util.h"
#include "../http/page.h"
#include "../../build/views/password_settings.h"
#include <string.h>

static bool admin(req *r, resp *out)
{
    if (perm_allows(r->auth, ACT_TENANT_ADMIN, NULL)) return true;
    respond_error(r, out, 403, "forbidden", TR_err_forbidden);
    return false;
}

static void page(req *r, resp *out, const char *message, bool ok, const char *email)
{
    const char *p[] = {tenant_param(r)};
    db_res *t = NULL, *rows = NULL;
    if (db_query(r->db, r->a,
                 "SELECT t.password_login, COALESCE((SELECT o.display_name FROM oidc_provider o "
                 "WHERE o.tenant_id = t.id AND o.enabled = 1), t.name) FROM tenant t WHERE t.id "
                 "= $1",
                 1, p, &t) != DB_OK ||
        t->nrows != 1 ||
        db_query(r->db, r->a,
                 "SELECT CAST(p.id AS TEXT), p.name, p.email, (SELECT COUNT(*) FROM account_totp "
                 "x WHERE x.account_id = p.account_id AND x.enabled_at IS NOT NULL), p.active "
                 "FROM person p WHERE p.tenant_id = $1 AND p.emergency_admin = 1 ORDER BY "
                 "p.name, p.id",
                 1, p, &rows) != DB_OK) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    int n = rows->nrows;
    const char **ids = arena_alloc(r->a, sizeof(char *) * (size_t)(n + 1));
    const char **names = arena_alloc(r->a, sizeof(char *) * (size_t)(n + 1));
    const char **emails = arena_alloc(r->a, sizeof(char *) * (size_t)(n + 1));
    bool *twostep = arena_alloc(r->a, sizeof(bool) * (size_t)(n + 1));
    bool *active = arena_alloc(r->a, sizeof(bool) * (size_t)(n + 1));
    for (int i = 0; i < n; i++) {
        ids[i] = db_cell(rows, i, 0);
        names[i] = db_cell(rows, i, 1);
        emails[i] = db_cell(rows, i, 2);
        twostep[i] = db_cell_int(rows, i, 3) > 0;
        active[i] = db_cell_int(rows, i, 4) != 0;
    }
    page_begin(r, out, tr(r->lang, TR_local_login_title), "sso");
    view_password_settings(&out->body, r->lang, r, db_cell_int(t, 0, 0) != 0, db_cell(t, 0, 1), ids,
                           names, emails, twostep, active, n, message, ok, email);
    page_end(r, out);
}

void h_password_settings(req *r, resp *out)
{
    if (!admin(r, out)) return;
    page(r, out, kv_get(&r->query, "saved") ? tr(r->lang, TR_local_login_saved) : NULL, true, NULL);
}

void h_password_settings_save(req *r, resp *out)
{
    if (!admin(r, out)) return;
    const char *to = kv_get(&r->form, "password_login");
    if (!to || (strcmp(to, "on") != 0 && strcmp(to, "off") != 0)) {
        out->status = 422;
        page(r, out, tr(r->lang, TR_local_login_invalid), false, NULL);
        return;
    }
    bool on = strcmp(to, "on") == 0;
    int ready = 0;
    if (db_begin(r->db) != DB_OK ||
        local_login_ready_admins(r, r->auth->tenant_id, 0, &ready) != DB_OK) {
        db_rollback(r->db);
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    if (!local_login_consistent(on, ready)) {
        db_rollback(r->db);
        out->status = 422;
        page(r, out, tr(r->lang, TR_local_login_need_admin), false, NULL);
        return;
    }
    const char *p[] = {tenant_param(r), on ? "1" : "0"};
    const char *was =
        db_scalar(r->db, r->a, "SELECT password_login FROM tenant WHERE id = $1", 1, p);
    const char *triple[] = {"password_login", was && strcmp(was, "0") == 0 ? "off" : "on", to};
    if (!was ||
        db_exec(r->db, "UPDATE tenant SET password_login = CAST($2 AS INTEGER) WHERE id = $1", 2, p,
                NULL) != DB_OK ||
        entity_audit(r, "update", NULL, 0,
                     on ? "local passwords switched on" : "local passwords switched off",
                     entity_diff_triples(r, triple, 1)) != DB_OK ||
        db_commit(r->db) != DB_OK) {
        db_rollback(r->db);
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    resp_redirect(out, r->a, "/settings/passwords?saved=1");
}

void h_password_emergency(req *r, resp *out)
{
    if (!admin(r, out)) return;
    const char *mark = kv_get(&r->form, "mark");
    const char *email = kv_get(&r->form, "email");
    const char *person = kv_get(&r->form, "person_id");
    bool on = mark && strcmp(mark, "1") == 0;
    if (!mark || (!on && strcmp(mark, "0") != 0)) {
        out->status = 422;
        page(r, out, tr(r->lang, TR_local_login_invalid), false, NULL);
        return;
    }
    /* the person is named by address when marked, by id when the mark is removed */
    int64_t id = 0;
    char *lower = email ? str_trim(arena_strdup(r->a, email)) : NULL;
    for (char *c = lower; c && *c; c++)
        if (*c >= 'A' && *c <= 'Z') *c = (char)(*c - 'A' + 'a');
    const char *p[] = {tenant_param(r), on ? (lower ? lower : "") : (person ? person : "")};
    db_res *res = NULL;
    if ((on && (!lower || !*lower || strlen(lower) > 254)) || (!on && !parse_int64(p[1], &id))) {
        out->status = 422;
        page(r, out, tr(r->lang, TR_local_login_no_person), false, email);
        return;
    }
    if (db_begin(r->db) != DB_OK ||
        db_query(r->db, r->a,
                 on ? "SELECT id, account_id, email, emergency_admin FROM person WHERE tenant_id "
                      "= $1 AND LOWER(email) = $2 AND active = 1"
                    : "SELECT id, account_id, email, emergency_admin FROM person WHERE tenant_id "
                      "= $1 AND id = CAST($2 AS BIGINT)",
                 2, p, &res) != DB_OK) {
        db_rollback(r->db);
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    if (res->nrows != 1) {
        db_rollback(r->db);
        out->status = on ? 422 : 404;
        page(r, out, tr(r->lang, TR_local_login_no_person), false, email);
        return;
    }
    id = db_cell_int(res, 0, 0);
    bool last = false;
    if (!on &&
        local_login_last_admin(r, db_cell_int(res, 0, 1), r->auth->tenant_id, &last) != DB_OK) {
        db_rollback(r->db);
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    if (last) {
        db_rollback(r->db);
        out->status = 409;
        page(r, out, tr(r->lang, TR_local_login_last_mark), false, NULL);
        return;
    }
    const char *q[] = {int_text(r->a, id), on ? "1" : "0"};
    const char *triple[] = {"emergency_admin", db_cell_int(res, 0, 3) ? "1" : "0", q[1]};
    if (db_exec(r->db, "UPDATE person SET emergency_admin = CAST($2 AS INTEGER) WHERE id = $1", 2,
                q, NULL) != DB_OK ||
        entity_audit(r, on ? "emergency_admin_marked" : "emergency_admin_unmarked",
                     entity_find("people"), id, db_cell(res, 0, 2),
                     entity_diff_triples(r, triple, 1)) != DB_OK ||
        db_commit(r->db) != DB_OK) {
        db_rollback(r->db);
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    resp_redirect(out, r->a, "/settings/passwords?saved=1");
}
