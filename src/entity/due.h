/* due.h - dates by which something is to be done (entity.due): is a row overdue, and the
 * mark that says so ("Försenad sedan 2026-06-30"). Past the date means before today in
 * Europe/Stockholm for a date, before now for a time; a moot status (done, cancelled)
 * makes no row overdue. */
#ifndef LIS_DUE_H
#define LIS_DUE_H
#include "entity.h"
#include "sql_builder.h"

/* The bound a due value is compared with: today's date (Stockholm) for an FT_DATE field,
 * the current UTC time in ISO 8601 for an FT_DATETIME one. Both compare as text. */
const char *due_now(req *r, const entity *e);
/* The same for any date or time field (a review date that is no kind's due date). */
const char *due_now_of(req *r, const field *f);
/* Is value of field f past (before due_now_of)? since receives the date, as due_overdue. */
bool due_past(req *r, const field *f, const char *value, char since[11]);
/* Is a record with this due value and status overdue? since receives the date it is
 * overdue since (YYYY-MM-DD, Stockholm), when it is. A done_field (due_date) is the
 * caller's to look at; due_row_overdue does. */
bool due_overdue(req *r, const entity *e, const char *due_value, const char *status,
                 char since[11]);
/* The same for a list or get row (the layout of entity_col). */
bool due_row_overdue(req *r, const entity *e, const db_res *res, int row, char since[11]);
/* Appends " AND …" over alias t: the row's due date is not moot (its status is none of the
 * moot values, its done field is empty). Lists' overdue filter and the start page use it. */
void due_sql_open(const entity *e, sql_builder *b);
/* The mark beside the due date: <strong class="overdue">Försenad sedan …</strong>. */
void due_mark(req *r, const char *since, buf *out);
#endif
