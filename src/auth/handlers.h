/* handlers.h - login, logout, account, language, tenant switch, tokens. */
#ifndef LIS_AUTH_HANDLERS_H
#define LIS_AUTH_HANDLERS_H
#include "../http/http.h"
/* Shared by the two login steps (handlers.c, twostep_pages.c). */
void set_cookie(req *r, resp *out, const char *name, const char *value, long max_age,
                bool http_only);
void login_page(req *r, resp *out, const char *email, tr_key error, const char *next);
/* The same with a message already in the reader's language (NULL: none). */
void login_page_message(req *r, resp *out, const char *email, const char *error, const char *next);
/* Records a session event in its own transaction; false (logged) when it could not be. */
bool audit_system(req *r, int64_t tenant, int64_t account, const char *who, const char *action);
/* The same with a summary (what the log shows beside the action). */
bool audit_system_detail(req *r, int64_t tenant, int64_t account, const char *who,
                         const char *action, const char *detail);
/* Ends the login: a new session (audited as "login"), its cookie, the language, and a
 * redirect to next when it is a local path. */
void login_establish(req *r, resp *out, int64_t account, int64_t tenant, const char *email,
                     const char *next);
/* The same for another way in: method is what the session records (NULL: a password;
 * "oidc": the tenant's provider), detail what the audit log says of the login ("method:
 * password" when NULL). */
void login_establish_via(req *r, resp *out, int64_t account, int64_t tenant, const char *email,
                         const char *next, const char *method, const char *detail);
/* Ends the caller's session (audited as "logout") and clears its cookie; false when it
 * could not be ended (an error is then the answer). */
bool logout_end(req *r, resp *out);

void h_root(req *r, resp *out);
void h_login_form(req *r, resp *out);
void h_login(req *r, resp *out);
void h_logout(req *r, resp *out);
void h_lang(req *r, resp *out);
void h_account(req *r, resp *out);
void h_password(req *r, resp *out);
void h_switch_tenant(req *r, resp *out);
void h_token_new(req *r, resp *out);
void h_token_create(req *r, resp *out);
void api_token_create_h(req *r, resp *out);
void api_me(req *r, resp *out);
#endif
