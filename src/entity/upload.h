/* upload.h - a file kept between its preview and its import (table import_upload), so that
 * what is imported is exactly what the user previewed, and only by the user who uploaded
 * it. Every import with a preview (the inventory's, training completions, supplier annex
 * answers, scans) keeps its file here; yesterday's leftovers go at the next upload. */
#ifndef LIS_ENTITY_UPLOAD_H
#define LIS_ENTITY_UPLOAD_H
#include "entity.h"

/* Keeps content for the caller under kind (the import's name) with tag (the format, or
 * what the import must find again: a campaign, a supplier and agreement), in a
 * transaction of its own; the new id, or NULL when the database failed. */
const char *upload_keep(req *r, const char *kind, const char *content, const char *tag);
/* The caller's upload of kind not yet imported: columns content, tag; NULL when there is
 * none (another user's, imported, gone, or the database failed: *failed then true). */
db_res *upload_load(req *r, const char *id, const char *kind, bool *failed);
/* The same for the upload the route names (its :id, the first route argument), for a
 * confirming POST: NULL after answering 500 (the database failed) or 404. */
db_res *upload_of_route(req *r, resp *out, const char *kind);
/* Marks the upload imported, its content dropped and the rejected rows (or NULL) kept for
 * download, inside the caller's transaction. The rejected file's first parts may already
 * be kept as pieces -1, -2 … (upload_add_piece): rejected is what follows them. */
int upload_done(req *r, const char *id, const char *rejected) DB_MUST_CHECK;

/* A large file kept in pieces (table import_upload_piece), never whole in memory: begun
 * in a transaction left open, the pieces added in order, then finished (committed with
 * its tag) or abandoned (rolled back: nothing kept). upload_begin gives the new id, or
 * NULL when the database failed. */
const char *upload_begin(req *r, const char *kind);
int upload_add_piece(req *r, const char *id, int seq, const char *text, size_t len) DB_MUST_CHECK;
int upload_finish(req *r, const char *id, const char *tag) DB_MUST_CHECK;
void upload_abandon(req *r);
/* Piece seq (from 0; the rejected file's from -1 down) of the caller's upload id appended to into:
 * 1, or 0 after the last one, -1 when the database failed. Its copy is made in a scratch arena of
 * its own, so that reading a file of any size leaves the request's memory as it was. */
int upload_read_piece(req *r, const char *id, int seq, buf *into);
#endif
