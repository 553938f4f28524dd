/* render.h - HTML for any entity: list with filters and paging, detail, form. */
#ifndef LIS_RENDER_H
#define LIS_RENDER_H
#include "entity.h"
void render_list(req *r, const entity *e, const list_query *q, const db_res *rows,
                 const char *next, buf *out);
void render_detail(req *r, const entity *e, const db_res *row, buf *out);
void render_form(req *r, const entity *e, const record *rec, bool creating, const errors *errs,
                 buf *out);
void render_errors(req *r, const entity *e, const errors *errs, buf *out);
#endif
