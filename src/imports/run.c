/* run.c - see run.h. */
#include "run.h"
#include "../core/csv.h"
#include "../core/escape.h"
#include "../core/util.h"
#include "../entity/upload.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* folded names to ids (or line numbers): an open-addressing table in the request's arena */
typedef struct name_index {
    struct {
        const char *key, *value;
    } * slots;
    size_t cap, n;
} name_index;

struct ref_names {
    const entity *ref;
    name_index *index;             /* folded title → id; "" when two rows share the title */
    name_index *ids;               /* id → id: the rows a correction may choose */
    const char **titles, **folded; /* the rows' titles, for the error's allowed values */
    const char **row_ids;          /* and their ids, for the corrections' choices */
    int ntitles;
};

static name_index *index_new(arena *a, size_t expected)
{
    name_index *x = arena_alloc(a, sizeof *x);
    if (!x) return NULL;
    x->cap = 64;
    while (x->cap < expected * 2 + 2)
        x->cap *= 2;
    x->n = 0;
    x->slots = arena_alloc(a, x->cap * sizeof *x->slots);
    if (!x->slots) return NULL;
    memset(x->slots, 0, x->cap * sizeof *x->slots);
    return x;
}

static size_t index_slot(const name_index *x, const char *key)
{
    uint64_t h = 1469598103934665603ULL;
    for (const unsigned char *p = (const unsigned char *)key; *p; p++)
        h = (h ^ *p) * 1099511628211ULL;
    size_t i = (size_t)h & (x->cap - 1);
    while (x->slots[i].key && strcmp(x->slots[i].key, key))
        i = (i + 1) & (x->cap - 1);
    return i;
}

static const char *index_get(const name_index *x, const char *key)
{
    if (!x || !x->slots) return NULL;
    return x->slots[index_slot(x, key)].value;
}

/* Adds key (the first value stays unless replace); full tables take no more. */
static void index_put(name_index *x, const char *key, const char *value, bool replace)
{
    if (!x || !x->slots || x->n * 2 >= x->cap) return;
    size_t i = index_slot(x, key);
    if (x->slots[i].key && !replace) return;
    if (!x->slots[i].key) x->n++;
    x->slots[i].key = key;
    x->slots[i].value = value;
}

void run_init(import_run *run, arena *a, const entity *e)
{
    memset(run, 0, sizeof *run);
    run->e = e;
    run->keep = a;
    run->headers = word_table_load(a, "import_headers.csv");
    run->values = word_table_load(a, "import_values.csv");
    buf_init(&run->table, 0);
    buf_init(&run->rejected, 0);
}

void run_free(import_run *run)
{
    buf_free(&run->table);
    buf_free(&run->rejected);
}

/* The mapping this tenant last confirmed for the kind, read once per run (NULL: unread) */
static db_res *kept_mapping(req *r, import_run *run)
{
    const char *p[] = {tenant_param(r), run->e->name};
    if (!run->kept &&
        db_query(r->db, run->keep,
                 "SELECT header, field FROM import_mapping WHERE tenant_id = $1 AND entity = $2", 2,
                 p, &run->kept) != DB_OK)
        run->kept = NULL;
    return run->kept;
}

/* The field a header names without the form's choice: the kept mapping, else a proposal */
static int header_field(req *r, import_run *run, const char *header)
{
    db_res *kept = kept_mapping(r, run);
    const char *folded = import_fold(r->a, header);
    for (int k = 0; kept && k < kept->nrows; k++)
        if (!strcmp(db_cell(kept, k, 0), folded)) return mapping_parse(run->e, db_cell(kept, k, 1));
    return mapping_propose(r->a, run->headers, run->e, header);
}

void run_map_columns(req *r, import_run *run, char **cells, int n)
{
    run->ncols = n;
    bool taken[256] = {0};
    for (int i = 0; i < n; i++) {
        run->header[i] = str_trim(arena_strdup(r->a, cells[i]));
        const char *chosen = kv_get(&r->form, arena_printf(r->a, "map_%d", i));
        int f = chosen ? mapping_parse(run->e, chosen) : header_field(r, run, run->header[i]);
        /* one column per field: a second "Namn" is not used */
        int slot = f == COL_ID ? 255 : f;
        if (f != COL_IGNORE && taken[slot]) f = COL_IGNORE;
        if (f != COL_IGNORE) taken[slot] = true;
        run->field_of[i] = f;
    }
}

int run_remember_mapping(req *r, const import_run *run)
{
    for (int i = 0; i < run->ncols; i++) {
        const char *folded = import_fold(r->a, run->header[i]);
        if (!*folded) continue;
        const char *p[] = {tenant_param(r), run->e->name, folded,
                           mapping_name(run->e, run->field_of[i])};
        if (db_exec(
                r->db,
                "DELETE FROM import_mapping WHERE tenant_id = $1 AND entity = $2 AND header = $3",
                3, p, NULL) != DB_OK ||
            db_exec(r->db,
                    "INSERT INTO import_mapping (tenant_id, entity, header, field) VALUES ($1, $2, "
                    "$3, $4)",
                    4, p, NULL) != DB_OK)
            return DB_ERROR;
    }
    return DB_OK;
}

/* The rows of a referenced kind the user may read, by folded title. */
static ref_names *ref_names_load(req *r, arena *keep, const entity *ref)
{
    ref_names *rn = arena_alloc(keep, sizeof *rn);
    if (!rn) return NULL;
    memset(rn, 0, sizeof *rn);
    rn->ref = ref;
    const char *sql =
        arena_printf(r->a, "SELECT t.id, %s FROM %s t WHERE t.tenant_id = $1%s%s%s%s ORDER BY 2",
                     ref->title_sql, ref->table, ref->retire_column ? " AND t." : "",
                     ref->retire_column ? ref->retire_column : "",
                     ref->retire_column ? " IS NULL" : "", entity_read_scope(r, ref, "t"));
    const char *p[] = {tenant_param(r)};
    db_res *rows = NULL;
    if (db_query(r->db, r->a, sql, 1, p, &rows) != DB_OK) rows = NULL;
    size_t nrows = rows ? (size_t)rows->nrows : 0;
    rn->index = index_new(keep, nrows);
    rn->ids = index_new(keep, nrows);
    rn->titles = arena_alloc(keep, (nrows + 1) * sizeof *rn->titles);
    rn->folded = arena_alloc(keep, (nrows + 1) * sizeof *rn->folded);
    rn->row_ids = arena_alloc(keep, (nrows + 1) * sizeof *rn->row_ids);
    if (!rn->titles || !rn->folded || !rn->row_ids) return rn;
    for (int i = 0; rows && i < rows->nrows; i++) {
        const char *title = db_cell(rows, i, 1);
        if (!title) continue;
        const char *key = import_fold(keep, title);
        const char *id = arena_strdup(keep, db_cell(rows, i, 0));
        index_put(rn->index, key, index_get(rn->index, key) ? "" : id, true);
        index_put(rn->ids, id, id, false);
        rn->row_ids[rn->ntitles] = id;
        rn->titles[rn->ntitles] = arena_strdup(keep, title);
        rn->folded[rn->ntitles++] = key;
    }
    return rn;
}

typedef struct row_state {
    buf reasons; /* "; " between them, for the rejected file */
    buf html;    /* <li> each, for the preview */
} row_state;

static void reason(row_state *rs, const char *text)
{
    if (rs->reasons.len) buf_puts(&rs->reasons, "; ");
    buf_puts(&rs->reasons, text);
    buf_puts(&rs->html, "<li>");
    esc_html(&rs->html, text);
    buf_puts(&rs->html, "</li>");
}

/* "Förvaltning 'Ekonomiförv.' finns inte. Möjliga värden: …" in the user's language,
 * naming the column as the file does. */
static void value_reason(req *r, row_state *rs, const char *header, const char *value, tr_key what,
                         const char *allowed)
{
    const char *text = arena_printf(r->a, "%s '%s' %s.", header, value, tr(r->lang, what));
    if (allowed && *allowed)
        text = arena_printf(r->a, "%s %s: %s.", text, tr(r->lang, TR_import_allowed), allowed);
    reason(rs, text);
}

static const char *enum_allowed(req *r, const field *f)
{
    buf b;
    buf_init(&b, 0);
    for (const enum_opt *o = f->options; o && o->value; o++) {
        if (b.len) buf_puts(&b, ", ");
        buf_puts(&b, tr(r->lang, o->label));
    }
    const char *s = arena_strdup(r->a, buf_str(&b));
    buf_free(&b);
    return s;
}

/* The rows to offer for a name that is not there: every unit when they are few (a
 * kommun's förvaltningar), else the names that begin as the typed one does
 * ("Socialförv." → Socialförvaltningen, Socialnämnden; "Olle F" → Olle Falk). Their
 * indexes in rn go to idx (room for max); the count is returned. */
static int similar_rows(req *r, const ref_names *rn, const char *typed, int *idx, int max)
{
    enum { ALL_UP_TO = 100, SIMILAR = 15 };
    const char *key = import_fold(r->a, typed);
    size_t prefix = 0;
    for (int chars = 0; key[prefix] && chars < 3; chars++)
        do
            prefix++;
        while ((key[prefix] & 0xC0) == 0x80);
    bool all = !strcmp(rn->ref->name, "units") && rn->ntitles <= ALL_UP_TO;
    int limit = all ? ALL_UP_TO : SIMILAR, n = 0;
    if (limit > max) limit = max;
    for (int i = 0; i < rn->ntitles && n < limit; i++) {
        if (!all && (!prefix || strncmp(rn->folded[i], key, prefix))) continue;
        idx[n++] = i;
    }
    return n;
}

/* The same as the error's list of possible values; NULL when none. */
static const char *allowed_names(req *r, const ref_names *rn, const char *typed)
{
    int idx[MAX_FIX_OPTIONS];
    int n = similar_rows(r, rn, typed, idx, MAX_FIX_OPTIONS);
    buf b;
    buf_init(&b, 0);
    for (int i = 0; i < n; i++) {
        if (i) buf_puts(&b, ", ");
        buf_puts(&b, rn->titles[idx[i]]);
    }
    const char *s = b.len ? arena_strdup(r->a, buf_str(&b)) : NULL;
    buf_free(&b);
    return s;
}

/* The unknown value's entry, made on its first row with its choices and what the form
 * chose; NULL when the table is full or the value too long to name a form field. */
static import_unknown *unknown_entry(req *r, import_run *run, int col, const field *f,
                                     const ref_names *rn, const char *v)
{
    enum { LONGEST = 120 };
    const char *folded = import_fold(r->a, v);
    if (strlen(folded) > LONGEST) return NULL;
    buf hex;
    buf_init(&hex, 0);
    for (const unsigned char *p = (const unsigned char *)folded; *p; p++)
        buf_printf(&hex, "%02x", *p);
    const char *key = arena_strdup(run->keep, buf_str(&hex));
    buf_free(&hex);
    for (int i = 0; i < run->nunknown; i++)
        if (run->unknown[i].col == col && !strcmp(run->unknown[i].key, key)) {
            run->unknown[i].rows++;
            return &run->unknown[i];
        }
    if (run->nunknown >= MAX_UNKNOWN) return NULL;
    import_unknown *u = &run->unknown[run->nunknown++];
    memset(u, 0, sizeof *u);
    u->col = col;
    u->value = arena_strdup(run->keep, v);
    u->key = key;
    u->rows = 1;
    u->opt_value = arena_alloc(run->keep, MAX_FIX_OPTIONS * sizeof *u->opt_value);
    u->opt_label = arena_alloc(run->keep, MAX_FIX_OPTIONS * sizeof *u->opt_label);
    if (!u->opt_value || !u->opt_label) return NULL;
    if (f->type == FT_ENUM) {
        for (const enum_opt *o = f->options; o && o->value && u->nopts < MAX_FIX_OPTIONS; o++) {
            u->opt_value[u->nopts] = o->value;
            u->opt_label[u->nopts++] = tr(r->lang, o->label);
        }
    } else if (rn) {
        int idx[MAX_FIX_OPTIONS];
        int n = similar_rows(r, rn, v, idx, MAX_FIX_OPTIONS);
        for (int i = 0; i < n; i++) {
            u->opt_value[u->nopts] = rn->row_ids[idx[i]];
            u->opt_label[u->nopts++] = rn->titles[idx[i]];
        }
        u->person = !strcmp(rn->ref->name, "people");
    }
    u->chosen = kv_get(&r->form, arena_printf(r->a, "fix_%d_%s", col, key));
    u->email = kv_get(&r->form, arena_printf(r->a, "new_%d_%s", col, key));
    if (u->email) u->email = str_trim(arena_strdup(run->keep, u->email));
    return u;
}

/* A person the user asked to create from the preview, in its own savepoint so that a
 * refusal (an address already taken) leaves the import's transaction usable; the new
 * id, or NULL with u->problem set. */
static const char *create_person(req *r, arena *keep, const entity *people, import_unknown *u)
{
    record *rec = record_new(r, people);
    int ni = entity_field_index(people, "name"), ei = entity_field_index(people, "email");
    if (!rec || ni < 0 || ei < 0) return NULL;
    rec->values[ni] = u->value;
    rec->values[ei] = u->email;
    rec->present[ni] = rec->present[ei] = true;
    errors errs = {0};
    if (db_exec(r->db, "SAVEPOINT import_person", 0, NULL, NULL) != DB_OK) return NULL;
    int rc = entity_create_in(r, people, rec, &errs);
    if (rc == DB_OK && !errs.n) {
        if (db_exec(r->db, "RELEASE SAVEPOINT import_person", 0, NULL, NULL) != DB_OK) return NULL;
        return arena_printf(keep, "%lld", (long long)rec->id);
    }
    if (db_exec(r->db, "ROLLBACK TO SAVEPOINT import_person", 0, NULL, NULL) != DB_OK) return NULL;
    buf b;
    buf_init(&b, 0);
    for (int i = 0; i < errs.n; i++) {
        if (i) buf_puts(&b, "; ");
        buf_puts(&b, tr(r->lang, errs.items[i].message));
        if (errs.items[i].detail) buf_printf(&b, " (%s)", errs.items[i].detail);
    }
    u->problem = arena_strdup(keep, b.len ? buf_str(&b) : tr(r->lang, TR_err_internal));
    buf_free(&b);
    return NULL;
}

static const char *ref_value(req *r, import_run *run, int col, const field *f, const char *v,
                             row_state *rs)
{
    const entity *ref = entity_find(f->ref);
    if (!ref) return v;
    if (!run->refs[col]) run->refs[col] = ref_names_load(r, run->keep, ref);
    ref_names *rn = run->refs[col];
    const char *folded = import_fold(r->a, v);
    const char *id = rn ? index_get(rn->index, folded) : NULL;
    if (id && *id) return id;
    bool ambiguous = id != NULL;
    if (!ambiguous) {
        /* another of the kind's search fields (a person's e-mail address) */
        const char *found = ref_resolve(r, ref, v, &ambiguous);
        if (found) return found;
    }
    /* the user's correction in the preview: one of the rows offered, or a new person */
    import_unknown *u = rn ? unknown_entry(r, run, col, f, rn, v) : NULL;
    if (u && u->chosen && index_get(rn->ids, u->chosen)) return u->chosen;
    if (u && u->person && u->chosen && !strcmp(u->chosen, "new") && u->email && *u->email &&
        !u->problem) {
        const char *made = create_person(r, run->keep, ref, u);
        if (made) {
            /* the file's later rows with the same name find the new person */
            index_put(rn->index, arena_strdup(run->keep, folded), made, true);
            index_put(rn->ids, made, made, false);
            return made;
        }
    }
    if (u && u->problem) {
        reason(rs, arena_printf(r->a, "%s '%s': %s", run->header[col], v, u->problem));
        return NULL;
    }
    value_reason(r, rs, run->header[col], v,
                 ambiguous ? TR_import_err_ambiguous : TR_import_err_not_found,
                 !ambiguous && rn ? allowed_names(r, rn, v) : NULL);
    return NULL;
}

static const char *bool_value(const char *v)
{
    static const char *const yes[] = {"ja", "yes", "x", "1", "true", "sant"};
    static const char *const no[] = {"nej", "no", "0", "false", "falskt"};
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
        if (!strcasecmp(v, yes[i])) return "1";
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
        if (!strcasecmp(v, no[i])) return "0";
    return v;
}

/* The name of the field a column maps to, as the file calls it (else the field's label). */
static const char *field_header(req *r, const import_run *run, int field)
{
    for (int i = 0; i < run->ncols; i++)
        if (run->field_of[i] == field && *run->header[i]) return run->header[i];
    return field >= 0 ? tr(r->lang, run->e->fields[field].label) : NULL;
}

/* The entity's refusal of a row, each error named by the column it is about. A write the
 * user may not make in the row's unit names that unit ("Förvaltning 'Barn- och …': du får
 * inte …"), not a bare "no permission" that leaves the user guessing which row is whose. */
static void errors_reasons(req *r, const import_run *run, char **cells, int n, const errors *errs,
                           row_state *rs)
{
    int unit_field = run->e->unit_field ? entity_field_index(run->e, run->e->unit_field) : -1;
    int unit_col = -1;
    for (int c = 0; unit_field >= 0 && c < n && c < run->ncols; c++)
        if (run->field_of[c] == unit_field) unit_col = c;
    for (int i = 0; i < errs->n; i++) {
        const field_error *fe = &errs->items[i];
        if (fe->field < 0 && fe->message == TR_err_forbidden && unit_col >= 0) {
            reason(rs, arena_printf(r->a, "%s '%s': %s", run->header[unit_col],
                                    str_trim(arena_strdup(r->a, cells[unit_col])),
                                    tr(r->lang, TR_import_err_unit_forbidden)));
            continue;
        }
        const char *text = tr(r->lang, fe->message);
        if (fe->detail) text = arena_printf(r->a, "%s (%s)", text, fe->detail);
        if (fe->field >= 0)
            text = arena_printf(r->a, "%s: %s", field_header(r, run, fe->field), text);
        reason(rs, text);
    }
}

static void csv_line(buf *b, char **cells, int n, int width, const char *last)
{
    for (int i = 0; i < (n > width ? n : width); i++) {
        if (i) buf_putc(b, ';');
        esc_csv_field(b, i < n ? cells[i] : "", ';');
    }
    buf_putc(b, ';');
    esc_csv_field(b, last, ';');
    buf_puts(b, "\r\n");
}

typedef enum { DO_CREATE, DO_UPDATE, DO_SKIP } row_action;

static void dup_select(req *r, buf *b, int line, bool may_update, row_action chosen)
{
    buf_printf(b, "<label class=\"vh\" for=\"dup_%d\">", line);
    esc_html(b, tr(r->lang, TR_import_dup_choice));
    buf_printf(b, " %d</label><select id=\"dup_%d\" name=\"dup_%d\">", line, line, line);
    if (may_update)
        buf_printf(b, "<option value=\"update\"%s>%s</option>",
                   chosen == DO_UPDATE ? " selected" : "", tr(r->lang, TR_import_dup_update));
    buf_printf(b, "<option value=\"skip\"%s>%s</option>", chosen == DO_SKIP ? " selected" : "",
               tr(r->lang, TR_import_dup_skip));
    buf_printf(b, "<option value=\"create\"%s>%s</option></select>",
               chosen == DO_CREATE ? " selected" : "", tr(r->lang, TR_import_dup_create));
}

static void row_html(req *r, import_run *run, int line, char **cells, int n, row_state *rs,
                     const char *status, const char *dup_note, const char *dup_choice)
{
    buf *b = &run->table;
    bool bad = rs->reasons.len > 0;
    buf_printf(b, "<tr%s><td>%d</td><td>", bad ? " class=\"bad\"" : "", line);
    if (bad) {
        buf_puts(b, "<ul class=\"errors\">");
        buf_append(b, rs->html.data, rs->html.len);
        buf_puts(b, "</ul>");
    } else {
        esc_html(b, status);
    }
    if (dup_note) {
        buf_puts(b, "<br><small>");
        esc_html(b, dup_note);
        buf_puts(b, "</small>");
    }
    buf_puts(b, "</td><td>");
    if (dup_choice) buf_puts(b, dup_choice);
    buf_puts(b, "</td>");
    for (int c = 0; c < run->ncols; c++) {
        buf_puts(b, run->field_of[c] == COL_IGNORE ? "<td class=\"ignored\">" : "<td>");
        const char *v = c < n ? cells[c] : "";
        if (utf8_length(v) > 80) v = arena_printf(r->a, "%.80s…", v);
        esc_html(b, v);
        buf_puts(b, "</td>");
    }
    buf_puts(b, "</tr>");
}

static row_action choice(req *r, int line, row_action dflt, bool may_update)
{
    const char *c = kv_get(&r->form, arena_printf(r->a, "dup_%d", line));
    if (!c) return dflt;
    if (!strcmp(c, "skip")) return DO_SKIP;
    if (!strcmp(c, "create")) return DO_CREATE;
    if (!strcmp(c, "update") && may_update) return DO_UPDATE;
    return dflt;
}

static int write_row(req *r, import_run *run, record *rec, const record *old, errors *errs)
{
    int rc = db_exec(r->db, "SAVEPOINT import_row", 0, NULL, NULL);
    if (rc != DB_OK) return rc;
    int row_rc =
        old ? entity_update_in(r, run->e, old, rec, errs) : entity_create_in(r, run->e, rec, errs);
    if (row_rc != DB_OK && !errs->n) errors_add(errs, -1, TR_err_internal, NULL);
    return db_exec(r->db,
                   row_rc == DB_OK ? "RELEASE SAVEPOINT import_row"
                                   : "ROLLBACK TO SAVEPOINT import_row",
                   0, NULL, NULL);
}

static const record *existing(req *r, const entity *e, const char *id)
{
    int64_t num;
    db_res *row = NULL;
    if (!id || !parse_int64(id, &num) || entity_get(r, e, num, &row) != DB_OK || !row->nrows)
        return NULL;
    return record_from_row(r, e, row, 0);
}

/* A bad row to the rejected file, kept with the upload a piece at a time (inside the
 * import's transaction), so that a file of bad rows does not grow in memory. */
static int reject_row(req *r, import_run *run, char **cells, int n, const char *reasons)
{
    if (!run->rejected.len && !run->rejected_pieces) {
        buf_puts(&run->rejected, "\xEF\xBB\xBF");
        csv_line(&run->rejected, run->header, run->ncols, run->ncols,
                 tr(r->lang, TR_import_reason));
    }
    csv_line(&run->rejected, cells, n, run->ncols, reasons);
    if (run->rejected.len < REJECTED_PIECE) return DB_OK;
    int rc = upload_add_piece(r, run->rejected_upload, -++run->rejected_pieces,
                              buf_str(&run->rejected), run->rejected.len);
    buf_reset(&run->rejected);
    return rc;
}

/* One data row: values, duplicates, the write; DB_ERROR only when the database failed. */
static int one_row(req *r, import_run *run, int line, char **cells, int n)
{
    const entity *e = run->e;
    row_state rs;
    buf_init(&rs.reasons, 0);
    buf_init(&rs.html, 0);
    const char *status = tr(r->lang, TR_import_ok), *dup_note = NULL, *dup_choice = NULL;
    int rc = DB_OK;
    if (n != run->ncols) {
        reason(&rs, tr(r->lang, TR_import_err_columns));
        goto done;
    }
    record *rec = record_new(r, e);
    const char *id_given = NULL;
    for (int c = 0; c < n; c++) {
        int fi = run->field_of[c];
        if (fi == COL_IGNORE) continue;
        char *v = str_trim(arena_strdup(r->a, cells[c]));
        if (fi == COL_ID) {
            if (*v) id_given = v;
            continue;
        }
        const field *f = &e->fields[fi];
        rec->present[fi] = true;
        if (!*v) continue;
        if (f->type == FT_ENUM) {
            const char *value = mapping_enum_value(r->a, run->values, f, v);
            if (!value) {
                /* the user's correction in the preview, one of the field's values */
                import_unknown *u = unknown_entry(r, run, c, f, NULL, v);
                for (int k = 0; u && u->chosen && k < u->nopts && !value; k++)
                    if (!strcmp(u->chosen, u->opt_value[k])) value = u->opt_value[k];
            }
            if (!value)
                value_reason(r, &rs, run->header[c], v, TR_import_err_not_allowed,
                             enum_allowed(r, f));
            rec->values[fi] = value;
        } else if (f->type == FT_BOOL) {
            rec->values[fi] = bool_value(v);
        } else if (f->type == FT_REF) {
            rec->values[fi] = ref_value(r, run, c, f, v, &rs);
        } else {
            rec->values[fi] = v;
        }
    }
    /* duplicates: by id when the file has one (an export), else by name */
    const record *old = NULL;
    row_action act = DO_CREATE;
    if (id_given) {
        old = existing(r, e, id_given);
        if (!old)
            reason(&rs, arena_printf(r->a, "%s %s.", tr(r->lang, TR_import_err_no_id), id_given));
        act = DO_UPDATE;
        status = tr(r->lang, TR_import_will_update);
    } else {
        int ni = entity_field_index(e, "name");
        const char *name = ni >= 0 ? rec->values[ni] : NULL;
        const char *key = name ? import_fold(r->a, name) : NULL;
        const char *earlier = key ? index_get(run->file_names, key) : NULL;
        const char *in_register = key ? index_get(run->register_names, key) : NULL;
        if (earlier) {
            act = choice(r, line, DO_SKIP, false);
            dup_note = arena_printf(r->a, "%s %s", tr(r->lang, TR_import_dup_file), earlier);
        } else if (in_register) {
            act = choice(r, line, DO_UPDATE, true);
            dup_note = tr(r->lang, TR_import_dup_register);
            if (act == DO_UPDATE) old = existing(r, e, in_register);
            if (act == DO_UPDATE && !old) act = DO_CREATE;
        }
        if (earlier || in_register) {
            buf sel;
            buf_init(&sel, 0);
            dup_select(r, &sel, line, in_register && !earlier, act);
            dup_choice = arena_strdup(r->a, buf_str(&sel));
            buf_free(&sel);
        }
        if (key && !earlier)
            index_put(run->file_names, arena_strdup(run->keep, key),
                      arena_printf(run->keep, "%d", line), false);
        if (act == DO_UPDATE) status = tr(r->lang, TR_import_will_update);
        if (act == DO_SKIP) status = tr(r->lang, TR_import_will_skip);
    }
    if (rs.reasons.len) goto done;
    if (act == DO_SKIP) {
        run->skipped++;
        goto done;
    }
    errors errs = {0};
    rc = write_row(r, run, rec, act == DO_UPDATE ? old : NULL, &errs);
    if (errs.n)
        errors_reasons(r, run, cells, n, &errs, &rs);
    else if (act == DO_UPDATE)
        run->updated++;
    else
        run->created++;
done:
    if (rs.reasons.len) {
        run->bad++;
        if (run->rejected_upload && reject_row(r, run, cells, n, buf_str(&rs.reasons)) != DB_OK)
            rc = DB_ERROR;
    }
    bool plain = !rs.reasons.len && !dup_note;
    if (run->shown >= PREVIEW_ROWS ||
        (plain && run->rows - run->bad - run->hidden > PREVIEW_GOOD_ROWS)) {
        run->hidden++;
    } else {
        run->shown++;
        row_html(r, run, line, cells, n, &rs, status, dup_note, dup_choice);
    }
    buf_free(&rs.reasons);
    buf_free(&rs.html);
    return rc;
}

static const char *csv_problem(req *r, const char *error)
{
    if (!error) return "";
    if (strstr(error, "unterminated")) return tr(r->lang, TR_import_err_csv_quote);
    if (strstr(error, "after")) return tr(r->lang, TR_import_err_csv_after);
    if (strstr(error, "inside")) return tr(r->lang, TR_import_err_csv_inner);
    if (strstr(error, "too long")) return tr(r->lang, TR_import_err_csv_long);
    return tr(r->lang, TR_import_err_csv_wide);
}

/* The required fields no column maps to; false with run->error set. */
static bool columns_complete(req *r, import_run *run)
{
    buf missing;
    buf_init(&missing, 0);
    for (int i = 0; i < run->e->nfields; i++) {
        const field *f = &run->e->fields[i];
        if (!(f->flags & F_FORM) || !(f->flags & F_REQUIRED)) continue;
        bool mapped = false;
        for (int c = 0; c < run->ncols; c++)
            mapped |= run->field_of[c] == i;
        if (mapped) continue;
        if (missing.len) buf_puts(&missing, ", ");
        buf_puts(&missing, tr(r->lang, f->label));
    }
    if (missing.len)
        run->error =
            arena_printf(r->a, "%s: %s", tr(r->lang, TR_import_err_missing), buf_str(&missing));
    buf_free(&missing);
    return !run->error;
}

static void load_register_names(req *r, import_run *run)
{
    const entity *e = run->e;
    const char *sql =
        arena_printf(r->a, "SELECT t.id, t.name FROM %s t WHERE t.tenant_id = $1%s%s%s%s", e->table,
                     e->retire_column ? " AND t." : "", e->retire_column ? e->retire_column : "",
                     e->retire_column ? " IS NULL" : "", entity_read_scope(r, e, "t"));
    const char *p[] = {tenant_param(r)};
    db_res *rows = NULL;
    if (entity_field_index(e, "name") < 0 || db_query(r->db, r->a, sql, 1, p, &rows) != DB_OK)
        rows = NULL;
    run->register_names = index_new(r->a, rows ? (size_t)rows->nrows : 0);
    for (int i = 0; rows && i < rows->nrows; i++)
        if (db_cell(rows, i, 1))
            index_put(run->register_names, import_fold(r->a, db_cell(rows, i, 1)),
                      db_cell(rows, i, 0), false);
    run->file_names = index_new(r->a, MAX_ROWS);
}

/* Spreadsheets often open with a title ("Systemförteckning 2026") and a blank row above
 * the column names. The header is the row among the first HEADER_SEARCH whose cells name
 * the most fields lis knows, each row read with the delimiter its own line uses; the first
 * row when none names any. Leaves c after the header and returns its cells' count. */
enum { HEADER_SEARCH = 10 };
static int read_header(req *r, import_run *run, const import_text *text, csv_stream *c,
                       char **cells)
{
    csv_stream walk; /* the records, as the first line's delimiter reads them */
    csv_stream_init(&walk, 0, text->pull, text->ctx);
    int best = 0, best_known = 0;
    char delim = 0;
    for (int row = 0; row < HEADER_SEARCH; row++) {
        if (csv_stream_next(&walk, r->a, cells, MAX_COLS) <= 0) break;
        const char *at = walk.record;
        size_t left = (size_t)(walk.c.end - at);
        char d = csv_guess_delimiter(at, left);
        if (!row) delim = d;
        csv_reader one;
        csv_init(&one, at, left, d);
        int n = csv_next(&one, r->a, cells, MAX_COLS), known = 0;
        for (int i = 0; i < n; i++)
            known += *str_trim(cells[i]) && header_field(r, run, cells[i]) != COL_IGNORE;
        if (known > best_known) best = row, best_known = known, delim = d;
    }
    bool failed = walk.failed;
    csv_stream_free(&walk);
    text->rewind(text->ctx);
    csv_stream_init(c, delim, text->pull, text->ctx);
    c->failed = failed;
    int n = 0;
    for (int row = 0; row <= best; row++)
        if ((n = csv_stream_next(c, r->a, cells, MAX_COLS)) <= 0) break;
    run->header_line = c->c.line;
    return n;
}

int run_rows(req *r, import_run *run, const import_text *text)
{
    if (db_begin(r->db) != DB_OK) return DB_ERROR;
    csv_stream c;
    char *cells[MAX_COLS];
    int n = read_header(r, run, text, &c, cells);
    if (n <= 0 || c.failed) {
        int rc = c.failed ? DB_ERROR : DB_OK;
        run->error =
            n < 0 ? arena_printf(r->a, "%s (%s %d): %s", tr(r->lang, TR_import_err_csv),
                                 tr(r->lang, TR_import_line), c.c.line, csv_problem(r, c.c.error))
                  : tr(r->lang, TR_import_err_empty);
        csv_stream_free(&c);
        return rc;
    }
    run_map_columns(r, run, cells, n);
    if (!columns_complete(r, run)) {
        csv_stream_free(&c);
        return DB_OK;
    }
    load_register_names(r, run);
    int rc = DB_OK;
    arena *keep = r->a;
    while (rc == DB_OK) {
        /* each row in an arena of its own, freed after it: a file of any size is read in
         * bounded memory; the request's caches made meanwhile point into it and go too */
        arena row;
        arena_init(&row, 16 * 1024 * 1024);
        int nmemo = r->nmemo;
        __typeof__(r->memo) memo;
        memcpy(memo, r->memo, sizeof memo);
        r->a = &row;
        n = csv_stream_next(&c, r->a, cells, MAX_COLS);
        if (n > 0 && !(n == 1 && !*str_trim(cells[0])) && ++run->rows <= MAX_ROWS)
            rc = one_row(r, run, c.c.line, cells, n);
        r->a = keep;
        memcpy(r->memo, memo, sizeof memo);
        r->nmemo = nmemo;
        if (arena_failed(&row)) (void)arena_alloc(keep, SIZE_MAX); /* the request fails too */
        arena_free(&row);
        if (c.failed) rc = DB_ERROR;
        if (n == 0) break;
        if (n < 0) {
            run->error =
                arena_printf(r->a, "%s (%s %d): %s", tr(r->lang, TR_import_err_csv),
                             tr(r->lang, TR_import_line), c.c.line, csv_problem(r, c.c.error));
            break;
        }
        if (run->rows > MAX_ROWS) {
            run->error = tr(r->lang, TR_import_err_too_many);
            break;
        }
    }
    csv_stream_free(&c);
    if (rc == DB_OK && !run->error && !run->rows) run->error = tr(r->lang, TR_import_err_empty);
    return rc;
}
