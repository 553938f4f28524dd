/* handlers.h - generic HTML and JSON handlers for every entity (routes.c maps them). */
#ifndef LIS_ENTITY_HANDLERS_H
#define LIS_ENTITY_HANDLERS_H
#include "entity.h"

/* A command on one record (retire, decide, …), answered as a form post or an API call.
 * fn returns DB_OK, DB_CONSTRAINT with errs filled, DB_ERROR, or COMMAND_NOT_ALLOWED
 * when this entity has no such command. done_url: where a form post goes on success
 * (NULL = back to the record; the API then answers 204 instead of the record). */
enum { COMMAND_NOT_ALLOWED = -100 };
typedef int (*entity_command_fn)(req *r, const entity *e, const record *rec, errors *errs);
void entity_command(req *r, resp *out, const entity *e, entity_command_fn fn, const char *done_url);
void h_entity_list(req *r, resp *out);
void h_entity_csv(req *r, resp *out);
void h_entity_xlsx(req *r, resp *out);
void h_entity_show(req *r, resp *out);
void h_entity_new(req *r, resp *out);
void h_entity_edit(req *r, resp *out);
void h_entity_create(req *r, resp *out);
void h_entity_update(req *r, resp *out);
void h_entity_retire(req *r, resp *out);
void h_entity_done(req *r, resp *out);
void api_entity_done(req *r, resp *out);
void h_entity_reinstate(req *r, resp *out);
void h_entity_delete(req *r, resp *out);
void api_entity_list(req *r, resp *out);
void api_entity_show(req *r, resp *out);
void api_entity_create(req *r, resp *out);
void api_entity_update(req *r, resp *out);
void api_entity_delete(req *r, resp *out);
void api_entity_retire(req *r, resp *out);
void api_entity_reinstate(req *r, resp *out);
#endif
