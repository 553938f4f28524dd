/* admin.h - the tenant admin's side of two-step verification. */
#ifndef LIS_TWOSTEP_ADMIN_H
#define LIS_TWOSTEP_ADMIN_H
#include "../core/buf.h"
#include "../http/http.h"
void h_twostep_settings(req *r, resp *out);
void h_twostep_settings_save(req *r, resp *out);
void h_twostep_reset(req *r, resp *out);
/* The state and, for a tenant admin, the reset button on a person's page. */
void twostep_person_section(req *r, int64_t person_id, buf *out);
#endif
