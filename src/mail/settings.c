/* settings.c - the tenant administrator's e-mail settings (mail.h): the SMTP server's
 * host and port, STARTTLS, TLS or neither, a user and password when the relay asks for
 * them, and the sender; "Skicka testmeddelande" sends a message to the administrator's own
 * address through them and says what the server answered. The password is kept sealed and
 * never shown again: an empty field keeps it, "Ta bort lösenordet" removes it. Saving is
 * audited (without the password). */
#include "mail.h"
#include "../audit/audit.h"
#include "../core/util.h"
#include "../http/page.h"
#include "../../build/views/mail_settings.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_USER = 200, MAX_PASSWORD_TYPED = 1000 };

static const char *const securities[] = {"starttls", "tls", "none", NULL};

static bool security_ok(const char *s)
{
    for (const char *const *v = securities; s && *v; v++)
        if (!strcmp(s, *v)) return true;
    return false;
}

bool mail_server_of(req *r, smtp_server *s, bool *configured)
{
    const char *p[] = {tenant_param(r)};
    db_res *res = NULL;
    *configured = false;
    if (db_query(r->db, r->a,
                 "SELECT host, CAST(port AS TEXT), security, username, password_sealed, sender "
                 "FROM mail_setting WHERE tenant_id = $1",
                 1, p, &res) != DB_OK)
        return (*configured = true, false);
    if (res->nrows == 0) return false;
    *configured = true;
    memset(s, 0, sizeof *s);
    s->host = db_cell(res, 0, 0);
    s->port = atoi(db_cell(res, 0, 1));
    s->security = db_cell(res, 0, 2);
    s->username = db_cell(res, 0, 3);
    s->sender = db_cell(res, 0, 5);
    const char *sealed = db_cell(res, 0, 4);
    if (sealed && !(s->password = mail_unseal(r, sealed))) return false;
    return true;
}

/* The form as typed, or as stored when nothing was typed. */
typedef struct mail_form {
    const char *host, *port, *security, *username, *sender;
    bool has_password;
} mail_form;

static void page(req *r, resp *out, const mail_form *f, const char *message, bool ok,
                 const char *bad_field)
{
    page_begin(r, out, tr(r->lang, TR_mail_title), "mail");
    view_mail_settings(&out->body, r->lang, r, f->host, f->port, f->security, f->username,
                       f->sender, f->has_password, message, ok, bad_field);
    page_end(r, out);
}

/* The stored settings as a form; false when they cannot be read. */
static bool stored_form(req *r, mail_form *f)
{
    const char *p[] = {tenant_param(r)};
    db_res *res = NULL;
    memset(f, 0, sizeof *f);
    if (db_query(r->db, r->a,
                 "SELECT host, CAST(port AS TEXT), security, username, sender, password_sealed "
                 "FROM mail_setting WHERE tenant_id = $1",
                 1, p, &res) != DB_OK)
        return false;
    if (res->nrows == 0) {
        f->port = "587";
        f->security = "starttls";
        return true;
    }
    f->host = db_cell(res, 0, 0);
    f->port = db_cell(res, 0, 1);
    f->security = db_cell(res, 0, 2);
    f->username = db_cell(res, 0, 3);
    f->sender = db_cell(res, 0, 4);
    f->has_password = db_cell(res, 0, 5) != NULL;
    return true;
}

static bool admin(req *r, resp *out)
{
    if (perm_allows(r->auth, ACT_TENANT_ADMIN, NULL)) return true;
    respond_error(r, out, 403, "forbidden", TR_err_forbidden);
    return false;
}

void h_mail_settings(req *r, resp *out)
{
    if (!admin(r, out)) return;
    mail_form f;
    if (!stored_form(r, &f)) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    page(r, out, &f, kv_get(&r->query, "saved") ? tr(r->lang, TR_mail_saved) : NULL, true, NULL);
}

static const char *trimmed(req *r, const char *name)
{
    const char *v = kv_get(&r->form, name);
    if (!v) return NULL;
    char *t = str_trim(arena_strdup(r->a, v));
    return *t ? t : NULL;
}

/* The field in error and why, or NULL when the form is whole. */
static const char *form_problem(const mail_form *f, const char *password, tr_key *why)
{
    char *end = NULL;
    long port = f->port ? strtol(f->port, &end, 10) : 0;
    if (!mail_host_ok(f->host)) return (*why = TR_mail_err_host, "host");
    if (!f->port || *end || port < 1 || port > 65535) return (*why = TR_mail_err_port, "port");
    if (!security_ok(f->security)) return (*why = TR_mail_err_security, "security");
    if (f->username && (strlen(f->username) > MAX_USER || strpbrk(f->username, "\r\n")))
        return (*why = TR_mail_err_username, "username");
    if (password && strlen(password) > MAX_PASSWORD_TYPED)
        return (*why = TR_mail_err_password, "password");
    if (!mail_address_ok(f->sender)) return (*why = TR_mail_err_sender, "sender");
    return NULL;
}

void h_mail_settings_save(req *r, resp *out)
{
    if (!admin(r, out)) return;
    mail_form stored, f = {trimmed(r, "host"),     trimmed(r, "port"),   trimmed(r, "security"),
                           trimmed(r, "username"), trimmed(r, "sender"), false};
    if (!stored_form(r, &stored)) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    const char *password = kv_get(&r->form, "password");
    if (password && !*password) password = NULL;
    bool forget = kv_get(&r->form, "forget_password") != NULL;
    f.has_password = !forget && (password || stored.has_password);
    tr_key why = 0;
    const char *bad = form_problem(&f, password, &why);
    if (bad) {
        out->status = 422;
        page(r, out, &f, tr(r->lang, why), false, bad);
        return;
    }
    /* a new password replaces the sealed one; none typed keeps it; forgetting removes it */
    const char *sealed = NULL;
    if (password && !forget && !(sealed = mail_seal(r, password))) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    char now[21];
    time_now_iso(now);
    const char *p[] = {tenant_param(r), f.host,   f.port, f.security,        f.username,
                       sealed,          f.sender, now,    forget ? "1" : "0"};
    audit_actor actor = {r->auth->account_id, r->auth->email, r->ip};
    const char *summary = arena_printf(r->a, "mail server %s:%s (%s), sender %s%s", f.host, f.port,
                                       f.security, f.sender,
                                       password ? ", new password"
                                       : forget ? ", no password"
                                                : "");
    /* the sealed password is kept unless a new one came or it is forgotten */
    bool ok = db_begin(r->db) == DB_OK;
    ok = ok &&
         db_exec(r->db,
                 "UPDATE mail_setting SET host = $2, port = CAST($3 AS BIGINT), security = $4, "
                 "username = $5, password_sealed = CASE WHEN CAST($9 AS TEXT) = '1' THEN NULL WHEN "
                 "CAST($6 AS TEXT) IS NULL THEN password_sealed ELSE CAST($6 AS TEXT) END, "
                 "sender = $7, updated_at = $8 WHERE tenant_id = $1",
                 9, p, NULL) == DB_OK;
    ok = ok && db_exec(r->db,
                       "INSERT INTO mail_setting (tenant_id, host, port, security, username, "
                       "password_sealed, sender, updated_at) SELECT CAST($1 AS BIGINT), CAST($2 AS "
                       "TEXT), CAST($3 AS BIGINT), CAST($4 AS TEXT), CAST($5 AS TEXT), CAST($6 AS "
                       "TEXT), CAST($7 AS TEXT), CAST($8 AS TEXT) WHERE NOT EXISTS (SELECT 1 FROM "
                       "mail_setting WHERE tenant_id = CAST($1 AS BIGINT))",
                       8, p, NULL) == DB_OK;
    ok = ok && audit_write(r->db, r->a, &actor, r->auth->tenant_id, "update", "mail_setting",
                           tenant_param(r), summary, NULL) == DB_OK;
    if (!ok || db_commit(r->db) != DB_OK) {
        db_rollback(r->db);
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    resp_redirect(out, r->a, "/settings/mail?saved=1");
}

void h_mail_test(req *r, resp *out)
{
    if (!admin(r, out)) return;
    mail_form f;
    smtp_server s;
    bool configured;
    if (!stored_form(r, &f)) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    if (!mail_server_of(r, &s, &configured)) {
        if (configured) {
            respond_error(r, out, 500, "internal", TR_err_internal);
            return;
        }
        out->status = 422;
        page(r, out, &f, tr(r->lang, TR_mail_err_none), false, NULL);
        return;
    }
    buf message;
    buf_init(&message, 0);
    mail_message m = {
        .from = s.sender,
        .to = r->auth->email,
        .subject = tr(r->lang, TR_mail_test_subject),
        .body =
            arena_printf(r->a, "%s\n\n%s\n", tr(r->lang, TR_mail_test_greeting),
                         arena_printf(r->a, tr(r->lang, TR_mail_test_text), r->auth->tenant_name)),
        .message_id_host = s.host,
        .date = time(NULL),
    };
    char err[300] = "";
    bool sent = mail_compose(&message, &m) &&
                smtp_send(&s, m.to, buf_str(&message), message.len, err, sizeof err);
    buf_free(&message);
    if (!sent && !err[0]) snprintf(err, sizeof err, "%s", tr(r->lang, TR_mail_err_address));
    if (!sent) out->status = 502;
    page(r, out, &f,
         sent ? arena_printf(r->a, tr(r->lang, TR_mail_test_sent), r->auth->email)
              : arena_printf(r->a, "%s %s", tr(r->lang, TR_mail_test_failed), err),
         sent, NULL);
}
