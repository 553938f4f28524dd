/* handlers.h - login, logout, account, language, tenant switch, tokens. */
#ifndef LIS_AUTH_HANDLERS_H
#define LIS_AUTH_HANDLERS_H
#include "../http/http.h"
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
