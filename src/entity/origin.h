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
/* Does e carry an origin (both fields)? Its two fields are then plumbing: never shown as
 * a table name and an id, but as the record they name (origin_show, origin_form). */
bool origin_pair(const entity *e);
bool origin_field(const field *f);
/* In a create form: the origin it was opened with, shown as the record and carried in
 * hidden fields; nothing when it has none (an origin is given by the page it came from,
 * never typed). */
void origin_form(req *r, const entity *e, const record *rec, buf *out);
/* "Created from: <the record>" on a detail page; for a reader who may not see that
 * record, its kind only. Nothing when the record has no origin. */
void origin_show(req *r, const entity *e, const record *rec, buf *out);
/* The records made from one record (src, id): every entity that carries an origin
 * (risks, actions), each row the reader may read (entity_read_scope: the count too) by
 * its title and status, as a section of a detail page headed heading. */
void origin_made_from(req *r, const entity *src, int64_t id, tr_key heading, buf *out);
/* Splits a text of several findings or lessons into items: a line beginning with a list
 * marker ("- ", "* ", "• ", "1. ", "2) ") or following a blank line starts a new item,
 * other lines continue the one before. Returns how many (at most max). */
int origin_text_items(arena *a, const char *text, const char **items, int max);
/* A button opening /<target>/new prefilled from one item of src's record id: src as
 * the origin, unit_id (when known), a title from the item's first sentence and the
 * item itself in text_field. Nothing is saved until the user saves the form. */
void origin_prefill_button(req *r, buf *out, const char *target, const char *text_field,
                           const entity *src, int64_t id, const char *unit, const char *item,
                           tr_key label);
#endif
