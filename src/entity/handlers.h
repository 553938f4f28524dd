/* handlers.h - generic HTML and JSON handlers for every entity (routes.c maps them). */
#ifndef LIS_ENTITY_HANDLERS_H
#define LIS_ENTITY_HANDLERS_H
#include "../http/http.h"
void h_entity_list(req *r, resp *out);
void h_entity_csv(req *r, resp *out);
void h_entity_show(req *r, resp *out);
void h_entity_new(req *r, resp *out);
void h_entity_edit(req *r, resp *out);
void h_entity_create(req *r, resp *out);
void h_entity_update(req *r, resp *out);
void h_entity_retire(req *r, resp *out);
void h_entity_reinstate(req *r, resp *out);
void h_entity_delete(req *r, resp *out);
void api_entity_list(req *r, resp *out);
void api_entity_show(req *r, resp *out);
void api_entity_create(req *r, resp *out);
void api_entity_update(req *r, resp *out);
void api_entity_delete(req *r, resp *out);
void api_entity_retire(req *r, resp *out);
void api_entity_reinstate(req *r, resp *out);
void api_openapi(req *r, resp *out);
#endif
