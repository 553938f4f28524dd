/* origin.h - a record made "from" another one: the pair source_entity (the other
 * record's entity name, as in its URL) and source_id that actions and risks carry. The
 * URL contract is the one of actions.h: /<entity>/new?source_entity=…&source_id=…
 * prefills the form. Records that only some may see (incidents: need-to-know) may be a
 * source too; then only those who may read that record see what it is. */
#ifndef LIS_ORIGIN_H
#define LIS_ORIGIN_H
#include "entity.h"

/* Checks the pair of e's fields "source_entity" and "source_id": both or neither, a
 * registered entity, and a row of it that the caller may read (so no one names, or
 * learns of, a record they may not see). */
void origin_validate(req *r, const entity *e, const record *rec, errors *errs);
/* "Created from: <the record>" on a detail page; for a reader who may not see that
 * record, its kind only. Nothing when the record has no origin. */
void origin_show(req *r, const entity *e, const record *rec, buf *out);
/* The records made from one record (src, id): every entity that carries an origin
 * (risks, actions), each row by its title and status, as a section of a detail page
 * headed heading. */
void origin_made_from(req *r, const entity *src, int64_t id, tr_key heading, buf *out);
#endif
