/* related.h - the records that point to a record, on its page (entity.related), and
 * adding one there: the child's form opened from the parent's page carries a return
 * path, shows the reference to the parent fixed, and goes back to the parent after
 * saving or cancelling; the child's page leads back to the parent in its breadcrumb. */
#ifndef LIS_RELATED_H
#define LIS_RELATED_H
#include "entity.h"

/* Every related list e declares, on the page of rec: each a section with its heading, the
 * count of the rows the reader may read, those rows (at most a page, the rest behind a
 * link to the filtered list) and, when the reader may add one, "Lägg till". */
void related_render(req *r, const entity *e, const record *rec, buf *out);
/* A return path a form may go back to: a local path only ("/incidents/12"), letters,
 * digits, '_', '-' and '/', never "//" (another host) — else false. */
bool related_return_safe(const char *path);
/* The request's return path (?return= on a form page, the form's "return" field on a
 * post), NULL when there is none or it is not safe. */
const char *related_return(req *r);
/* The field of child that the return path's parent fixes: the parent names the child in
 * a related list with add_in_place and rec's reference names the parent. -1 otherwise. */
int related_fixed_field(req *r, const entity *child, const char *ret, const record *rec);
/* The breadcrumb of a child's page: its parent (the first reference of rec that a
 * related list of the referenced kind declares, readable by the caller), else the list
 * of e. */
void related_crumb(req *r, const entity *e, const record *rec, buf *out);
#endif
