/* pages.h - two-step verification's routes and its section on a person's page. */
#ifndef LIS_TWOSTEP_PAGES_H
#define LIS_TWOSTEP_PAGES_H
#include "../http/http.h"
void h_login_code_form(req *r, resp *out);
void h_login_code(req *r, resp *out);
void h_twostep(req *r, resp *out);
void h_twostep_start(req *r, resp *out);
void h_twostep_confirm(req *r, resp *out);
void h_twostep_recovery(req *r, resp *out);
void h_twostep_off(req *r, resp *out);
#endif
