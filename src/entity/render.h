/* render.h - HTML for any entity: list with filters and paging, detail, form. */
#ifndef LIS_RENDER_H
#define LIS_RENDER_H
#include "entity.h"
void render_list(req *r, const entity *e, const list_query *q, const db_res *rows, const char *next,
                 buf *out);
void render_detail(req *r, const entity *e, const db_res *row, buf *out);
void render_form(req *r, const entity *e, const record *rec, bool creating, const errors *errs,
                 buf *out);
void render_errors(req *r, const entity *e, const errors *errs, buf *out);
/* Opens a related-records section on a detail page: heading, count and an "add" button
 * (when new_link is set). The caller lists the records and closes the section. */
void render_related_head(req *r, buf *out, tr_key heading, int count, const char *new_link);
/* The one sign for an empty value: a dash for the eye, "tomt" for a screen reader. */
void render_empty(req *r, buf *out);
/* A value as text, or the empty sign when there is none. */
void render_value(req *r, buf *out, const char *v);
/* A reference to a record of kind ref that the reader may not read: its kind only. */
void render_restricted(req *r, const entity *ref, buf *out);
#endif
