/* people.c - people kept in step with the HR or directory export: a CSV or XLSX file with
 * name, e-mail, unit and employment end (headers in Swedish or English, with synonyms)
 * creates people, updates their name and unit, and deactivates those whose employment has
 * ended or who are marked as left. People are matched by e-mail (case-insensitive), units
 * by name (case and spacing tolerated). People not in the file are not touched: the file
 * may be partial. Every row is checked first; any bad row and nothing is written. Writes go
 * through the people entity, so a deactivated person loses sessions and tokens at once
 * (org/rules.c) and every change is audited. */
#include "imports.h"
#include "dates.h"
#include "mapping.h"
#include "run.h"
#include "../org/org.h"
#include "../auth/auth.h"
#include "../core/csv.h"
#include "../core/escape.h"
#include "../core/util.h"
#include "../http/page.h"
#include "../../build/views/people_import.h"
#include <stdlib.h>
#include <string.h>

enum { PCOL_NAME, PCOL_EMAIL, PCOL_UNIT, PCOL_END, PCOL_STATUS, PCOL_N };

/* the headers each column answers to, folded (lower case, spaces collapsed) */
static const char *const people_headers[PCOL_N][12] = {
    [PCOL_NAME] = {"namn", "name", "fullständigt namn", "full name", "för- och efternamn",
                   "displayname", "display name", NULL},
    [PCOL_EMAIL] = {"e-post", "epost", "e-postadress", "epostadress", "mail", "e-mail", "email",
                    "e-mail address", "email address", "mejl", NULL},
    [PCOL_UNIT] = {"enhet", "förvaltning", "avdelning", "unit", "department", "organisation",
                   "organization", "verksamhet", NULL},
    [PCOL_END] = {"anställning upphör", "slutdatum", "end date", "employment end",
                  "anställningens slut", "slutar", "avgångsdatum", "leaving date", NULL},
    [PCOL_STATUS] = {"status", "anställningsstatus", "employment status", NULL},
};

/* a status cell that means the person has left */
static bool status_left(arena *a, const char *cell)
{
    static const char *const left[] = {"slutat", "avslutad", "avslutat",   "inaktiv",
                                       "left",   "inactive", "terminated", "ended",
                                       "nej",    "no",       NULL};
    const char *f = import_fold(a, cell);
    for (int i = 0; left[i]; i++)
        if (!strcmp(f, left[i])) return true;
    return false;
}

static char *trimmed(arena *a, const char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        n--;
    return arena_strndup(a, s, n);
}

static char *lower_ascii(arena *a, const char *s)
{
    char *l = arena_strdup(a, s);
    for (char *c = l; *c; c++)
        if (*c >= 'A' && *c <= 'Z') *c = (char)(*c - 'A' + 'a');
    return l;
}

enum { PAGE_ROWS = 1000 }; /* rows the page shows */

typedef struct people_result {
    int created, updated, deactivated, unchanged, bad, nshown;
    const char *line_no[PAGE_ROWS], *email[PAGE_ROWS], *action[PAGE_ROWS], *error[PAGE_ROWS],
        *ends[PAGE_ROWS];
    buf rows; /* JSON objects, comma-separated */
    buf problems;
} people_result;

static void row_out(req *r, people_result *res, int line, const char *email, const char *action,
                    const char *error, const char *ends)
{
    if (res->nshown < PAGE_ROWS) {
        int k = res->nshown++;
        res->line_no[k] = int_text(r->a, line);
        res->email[k] = email ? email : "";
        res->action[k] = action;
        res->error[k] = error;
        res->ends[k] = ends ? ends : "";
    }
    if (res->rows.len) buf_putc(&res->rows, ',');
    buf_printf(&res->rows, "{\"line\":%d,\"email\":", line);
    esc_json_string(&res->rows, email ? email : "");
    buf_puts(&res->rows, ",\"action\":");
    esc_json_string(&res->rows, action);
    if (ends) {
        buf_puts(&res->rows, ",\"ends\":");
        esc_json_string(&res->rows, ends);
    }
    if (error) {
        buf_puts(&res->rows, ",\"error\":");
        esc_json_string(&res->rows, error);
        if (res->problems.len) buf_puts(&res->problems, "; ");
        buf_printf(&res->problems, "%s %d: %s", tr(r->lang, TR_people_import_line), line, error);
        res->bad++;
    }
    buf_putc(&res->rows, '}');
}

static const char *errs_text(req *r, const entity *e, const errors *errs)
{
    buf b;
    buf_init(&b, 256);
    for (int i = 0; i < errs->n; i++) {
        if (i) buf_puts(&b, "; ");
        if (errs->items[i].field >= 0)
            buf_printf(&b, "%s: ", tr(r->lang, e->fields[errs->items[i].field].label));
        buf_puts(&b, tr(r->lang, errs->items[i].message));
        if (errs->items[i].detail) buf_printf(&b, " (%s)", errs->items[i].detail);
    }
    const char *s = arena_strndup(r->a, b.data, b.len);
    buf_free(&b);
    return s;
}

/* One row: create, update, deactivate or leave unchanged; the action's name, or NULL with
 * *error set; *ends the employment's end as read (NULL: none). Returns DB_ERROR only when
 * the database failed. */
static int people_row(req *r, db_res *units, char **cells, int n, const int *col, const char *today,
                      const char **action, const char **error, const char **ends_read)
{
    const entity *e = &entity_people;
    const char *cell[PCOL_N] = {0};
    for (int k = 0; k < PCOL_N; k++)
        if (col[k] >= 0 && col[k] < n) {
            char *t = trimmed(r->a, cells[col[k]]);
            cell[k] = *t ? t : NULL;
        }
    *action = NULL;
    *error = NULL;
    *ends_read = NULL;
    if (!cell[PCOL_EMAIL] || !strchr(cell[PCOL_EMAIL], '@')) {
        *error = arena_printf(r->a, tr(r->lang, TR_people_import_err_email),
                              cell[PCOL_EMAIL] ? cell[PCOL_EMAIL] : "");
        return DB_OK;
    }
    const char *email = lower_ascii(r->a, cell[PCOL_EMAIL]);
    const char *unit_id = NULL;
    if (cell[PCOL_UNIT]) {
        const char *want = import_fold(r->a, cell[PCOL_UNIT]);
        int found = 0;
        for (int i = 0; i < units->nrows; i++)
            if (!strcmp(import_fold(r->a, db_cell(units, i, 1)), want)) {
                unit_id = db_cell(units, i, 0);
                found++;
            }
        if (found != 1) {
            *error = arena_printf(
                r->a,
                tr(r->lang, found ? TR_people_import_err_unit_twice : TR_people_import_err_unit),
                cell[PCOL_UNIT]);
            return DB_OK;
        }
    }
    /* the employment ends on its day (a Stockholm date): today or before, the person has
     * left; later, the day is kept and takes effect then (org/employment.c) */
    bool left = false;
    char *ends = NULL;
    if (cell[PCOL_END]) {
        ends = arena_alloc(r->a, 11);
        if (!import_date(cell[PCOL_END], ends)) {
            *error = arena_printf(r->a, tr(r->lang, TR_people_import_err_date), cell[PCOL_END]);
            return DB_OK;
        }
        left = strcmp(ends, today) <= 0;
        *ends_read = ends;
    }
    if (cell[PCOL_STATUS] && status_left(r->a, cell[PCOL_STATUS])) left = true;

    const char *p[] = {tenant_param(r), email};
    const char *id = db_scalar(
        r->db, r->a, "SELECT id FROM person WHERE tenant_id = $1 AND LOWER(email) = $2", 2, p);
    errors errs = {0};
    if (!id) {
        if (left) { /* never here and gone: nothing to do */
            *action = "unchanged";
            return DB_OK;
        }
        if (!cell[PCOL_NAME]) {
            *error = tr(r->lang, TR_people_import_err_name);
            return DB_OK;
        }
        record *rec = record_new(r, e);
        record_set(rec, e, "name", cell[PCOL_NAME]);
        record_set(rec, e, "email", email);
        if (unit_id) record_set(rec, e, "unit_id", unit_id);
        record_set(rec, e, "active", "1");
        if (ends) record_set(rec, e, "employment_ends", ends);
        int rc = entity_create_in(r, e, rec, &errs);
        if (rc == DB_ERROR) return DB_ERROR;
        if (rc != DB_OK)
            *error = errs_text(r, e, &errs);
        else
            *action = "create";
        return DB_OK;
    }
    db_res *row = NULL;
    if (entity_get(r, e, atoll(id), &row) != DB_OK || !row || row->nrows != 1) return DB_ERROR;
    record *old = record_from_row(r, e, row, 0);
    record *rec = record_from_row(r, e, row, 0);
    bool changed = false, deactivating = false;
    const char *was_active = record_get(old, e, "active");
    bool active = was_active && !strcmp(was_active, "1");
    if (cell[PCOL_NAME] && strcmp(cell[PCOL_NAME], record_get(old, e, "name") ?: "")) {
        record_set(rec, e, "name", cell[PCOL_NAME]);
        changed = true;
    }
    if (unit_id && strcmp(unit_id, record_get(old, e, "unit_id") ?: "")) {
        record_set(rec, e, "unit_id", unit_id);
        changed = true;
    }
    /* a file with the column says when each employment ends (an empty cell: it does not);
     * without it, the day already kept still counts */
    const char *kept_end = record_get(old, e, "employment_ends");
    if (col[PCOL_END] >= 0 && !str_same(ends, kept_end)) {
        record_set(rec, e, "employment_ends", ends);
        changed = true;
    } else if (col[PCOL_END] < 0 && kept_end && strcmp(kept_end, today) <= 0) {
        left = true;
    }
    if (left && active) {
        record_set(rec, e, "active", "0");
        changed = deactivating = true;
    } else if (!left && !active) {
        record_set(rec, e, "active", "1"); /* employed again */
        changed = true;
    }
    if (!changed) {
        *action = "unchanged";
        return DB_OK;
    }
    int rc = entity_update_in(r, e, old, rec, &errs);
    if (rc == DB_ERROR) return DB_ERROR;
    if (rc != DB_OK)
        *error = errs_text(r, e, &errs);
    else
        *action = deactivating ? "deactivate" : "update";
    return DB_OK;
}

/* The run over a file's text: every row checked, written in one transaction, committed
 * only when commit and no row is bad. 0 done, 1 file refused (*problem), 2 bad rows
 * (nothing written), 3 the database failed. */
static int people_run(req *r, const char *text, bool commit, people_result *res,
                      const char **problem)
{
    csv_reader c;
    size_t len = strlen(text);
    csv_init(&c, text, len, csv_guess_delimiter(text, len));
    char *cells[MAX_COLS];
    int n = csv_next(&c, r->a, cells, MAX_COLS);
    int col[PCOL_N];
    for (int k = 0; k < PCOL_N; k++)
        col[k] = -1;
    for (int i = 0; i < n; i++) {
        const char *h = import_fold(r->a, cells[i]);
        for (int k = 0; k < PCOL_N; k++)
            for (int j = 0; people_headers[k][j]; j++)
                if (col[k] < 0 && !strcmp(h, people_headers[k][j])) col[k] = i;
    }
    if (n <= 0 || col[PCOL_EMAIL] < 0) {
        *problem = tr(r->lang, TR_people_import_no_email);
        return 1;
    }
    char today[11];
    date_today(today);
    db_res *units = NULL;
    const char *tp[] = {tenant_param(r)};
    bool failed = db_begin(r->db) != DB_OK ||
                  db_query(r->db, r->a,
                           "SELECT id, name FROM unit WHERE tenant_id = $1 AND retired_at IS NULL",
                           1, tp, &units) != DB_OK;
    int rows = 0;
    while (!failed) {
        n = csv_next(&c, r->a, cells, MAX_COLS);
        if (n == 0) break;
        int line = c.line;
        if (n < 0) {
            row_out(r, res, line, NULL, "error",
                    c.error ? c.error : tr(r->lang, TR_import_err_too_many), NULL);
            break;
        }
        bool blank = true;
        for (int i = 0; i < n && blank; i++)
            if (*trimmed(r->a, cells[i])) blank = false;
        if (blank) continue;
        if (++rows > MAX_ROWS) {
            row_out(r, res, line, NULL, "error", tr(r->lang, TR_import_err_too_many), NULL);
            break;
        }
        const char *action = NULL, *error = NULL, *ends = NULL;
        if (people_row(r, units, cells, n, col, today, &action, &error, &ends) != DB_OK) {
            failed = true;
            break;
        }
        const char *email = col[PCOL_EMAIL] < n ? trimmed(r->a, cells[col[PCOL_EMAIL]]) : "";
        row_out(r, res, line, email, error ? "error" : action, error, ends);
        if (error) continue;
        if (!strcmp(action, "create"))
            res->created++;
        else if (!strcmp(action, "update"))
            res->updated++;
        else if (!strcmp(action, "deactivate"))
            res->deactivated++;
        else
            res->unchanged++;
    }
    if (failed || res->bad || !commit || db_commit(r->db) != DB_OK) {
        db_rollback(r->db);
        if (failed || (!res->bad && commit)) return 3;
    }
    return res->bad ? 2 : 0;
}

void h_api_people_import(req *r, resp *out)
{
    const char *preview = kv_get(&r->query, "preview");
    bool commit = !(preview && !strcmp(preview, "1"));
    if (!perm_allows(r->auth, ACT_TENANT_ADMIN, NULL)) {
        json_error(r, out, 403, "forbidden", tr(r->lang, TR_people_import_err_admin));
        return;
    }
    const char *format = NULL, *problem = NULL;
    const char *text = import_file_text(r, r->body, r->body_len, &format, &problem);
    if (!text) {
        json_error(r, out, 422, "invalid", problem);
        return;
    }
    people_result *res = arena_alloc(r->a, sizeof *res);
    memset(res, 0, sizeof *res);
    buf_init(&res->rows, 4096);
    buf_init(&res->problems, 1024);
    int rc = people_run(r, text, commit, res, &problem);
    if (rc == 1) {
        json_error(r, out, 422, "invalid", problem);
    } else if (rc == 3) {
        respond_error(r, out, 500, "internal", TR_err_internal);
    } else if (rc == 2 && commit) {
        json_error(r, out, 422, "invalid",
                   arena_printf(r->a, tr(r->lang, TR_people_import_err_rows), res->bad,
                                (int)res->problems.len, res->problems.data));
    } else {
        respond_json(out, commit ? 201 : 200);
        buf_printf(&out->body,
                   "{\"preview\":%s,\"created\":%d,\"updated\":%d,\"deactivated\":%d,"
                   "\"unchanged\":%d,\"errors\":%d,\"rows\":[%.*s]}",
                   commit ? "false" : "true", res->created, res->updated, res->deactivated,
                   res->unchanged, res->bad, (int)res->rows.len, res->rows.data);
    }
    buf_free(&res->rows);
    buf_free(&res->problems);
}

static const char *action_label(req *r, const char *action)
{
    return tr(r->lang, !strcmp(action, "create")       ? TR_people_import_create
                       : !strcmp(action, "update")     ? TR_people_import_update
                       : !strcmp(action, "deactivate") ? TR_people_import_deactivate
                       : !strcmp(action, "unchanged")  ? TR_people_import_unchanged
                                                       : TR_people_import_error);
}

/* GET /import/people: the form; POST /import/people: step=preview with the file, or
 * step=import with the previewed text */
void h_people_import_page(req *r, resp *out)
{
    if (!perm_allows(r->auth, ACT_TENANT_ADMIN, NULL)) {
        respond_error(r, out, 403, "forbidden", TR_err_forbidden);
        return;
    }
    const char *problem = NULL, *text = NULL, *format = NULL;
    people_result *res = arena_alloc(r->a, sizeof *res);
    memset(res, 0, sizeof *res);
    buf_init(&res->rows, 1024);
    buf_init(&res->problems, 1024);
    bool done = false, previewed = false;
    if (!strcmp(r->method, "POST")) {
        const char *step = kv_get(&r->form, "step");
        bool commit = step && !strcmp(step, "import");
        if (commit) {
            text = kv_get(&r->form, "content");
        } else {
            const char *data = kv_get(&r->form, "file");
            size_t len = data ? strlen(data) : 0;
            if (r->binary_part && !strcmp(r->binary_part, "file")) {
                data = r->binary_data;
                len = r->binary_len;
            }
            text = import_file_text(r, data, len, &format, &problem);
        }
        if (!text && !problem) problem = tr(r->lang, TR_import_err_file);
        if (text) {
            int rc = people_run(r, text, commit, res, &problem);
            if (rc == 3) {
                respond_error(r, out, 500, "internal", TR_err_internal);
                goto end;
            }
            if (rc == 2) problem = tr(r->lang, TR_people_import_bad_rows);
            previewed = rc != 1;
            done = commit && rc == 0;
        }
        if (problem) out->status = 422;
    }
    const char *labels[PAGE_ROWS];
    for (int i = 0; i < res->nshown; i++)
        labels[i] = action_label(r, res->action[i]);
    page_begin(r, out, tr(r->lang, TR_people_import_title), "import");
    view_people_import(&out->body, r->lang, r, problem,
                       previewed && !done && !res->bad ? text : NULL, previewed, done, res->nshown,
                       res->line_no, res->email, labels, res->error, res->ends, res->created,
                       res->updated, res->deactivated, res->unchanged, res->bad);
    page_end(r, out);
end:
    buf_free(&res->rows);
    buf_free(&res->problems);
}
