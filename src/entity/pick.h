/* pick.h - the picker behind every reference field: a search over the words of the rows
 * another record can point to, answered by an index range (pick_word), within the caller's
 * read scope. One endpoint serves every kind: /pick/:e for the forms, /api/v1/pick/:e. */
#ifndef LIS_ENTITY_PICK_H
#define LIS_ENTITY_PICK_H
#include "entity.h"

enum {
    PICK_MAX_WORDS = 32,  /* words indexed per row */
    PICK_WORD_BYTES = 60, /* a longer word is indexed by its first 60 bytes */
    PICK_MAX_TERMS = 4,   /* words of a query that must all match */
    PICK_LIMIT = 20,      /* matches offered */
};

/* Splits text into lower-cased words (Swedish letters folded as SQLite's lower() does, any
 * character but a letter or digit separates), appending those not yet in words[0..n) and
 * returning the new count, at most max. "Anna-Olle Öberg" gives anna, olle, öberg. */
int pick_words(arena *a, const char *text, const char **words, int n, int max);

/* Whether records point to e (some field of some entity references it): only those are
 * indexed for the picker. */
/* Are a field's words in the picker's index? A search field of one line: a picker finds a
 * row by what names it (name, code, e-mail), while long texts (a requirement's wording
 * in two languages, an action's measures) are searched in lists and would double the
 * database's size as words. The row's title is always indexed. */
bool pick_field_indexed(const field *f);
bool entity_pickable(const entity *e);

/* Re-reads one row of e and rewrites its words (none when the row is gone), inside the
 * caller's transaction. DB_OK or DB_ERROR. */
int pick_index_row(db *d, arena *a, const entity *e, int64_t tenant_id, int64_t id);

/* Indexes every pickable row that has no words yet (rows written by the demo, the catalogue
 * or a migration rather than the engine), in one transaction. Returns the number of rows
 * indexed, or -1 on a database error. */
long pick_index_missing(db *d);

/* The rows of e whose words start with every word of what was typed, in the caller's
 * read scope (tenant, read permission, need-to-know, owner rows, not retired), ordered by
 * matched word: columns id, title, unit, detail; up to PICK_LIMIT + 1 rows (one more says "there
 * are more"). DB_OK with no rows when nothing was typed. */
int entity_pick(req *r, const entity *e, const char *typed, db_res **rows);

/* A reference field of a form for a kind picked by typing (render_form): the hint that
 * names what to search on (hint_id), then either the text box that static/app.js turns
 * into a combobox, or, when the user typed text that did not name one row (the form came
 * back), the search step: the matches as radio buttons and the text to search again. The
 * label for in-<name> is already written. */
void pick_form_field(req *r, const field *f, const char *value, bool invalid, const char *described,
                     const char *required, buf *out);
/* A list filter on a reference: the same combobox, filtering by the chosen row; text typed
 * without choosing filters by the rows whose names contain it (list_query_from reads the
 * box, renamed name__text by app.js). */
void pick_filter_input(req *r, const field *f, const char *value, buf *out);

/* GET /pick/:e?q= and GET /api/v1/pick/:e?q=: {"items":[{id,title,unit,detail}],"more":b} */
void h_pick(req *r, resp *out);
#endif
