/* xlsx.c - any entity list as an Excel workbook, from the same rows as the CSV export.
 *
 * libxlsxwriter (1.1.4 in Debian) writes only to a named file, so the workbook goes to a
 * private temporary file that is read back into the response and removed on every path.
 * User data is only ever written with worksheet_write_string/number/datetime: a string
 * cell is never evaluated, so text beginning with '=' stays text (no formula injection). */
#include "xlsx.h"
#include "../core/util.h"
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xlsxwriter.h>

enum {
    XLSX_STR_MAX = 32767, /* characters in one cell, Excel's limit */
    WIDTH_MIN = 6,
    WIDTH_MAX = 50, /* wider text wraps */
};

typedef struct xlsx_out {
    req *r;
    lxw_worksheet *ws;
    lxw_format *bold, *wrap, *date;
    int ncols, last_row;
    int *width; /* characters, per column */
    bool ok;
} xlsx_out;

/* Characters (code points) of UTF-8 text, counted up to XLSX_STR_MAX + 1; *cut receives
 * the byte length of the first XLSX_STR_MAX of them. */
static size_t utf8_chars(const char *s, size_t *cut)
{
    size_t n = 0, i = 0;
    for (; s[i]; i++) {
        if (((unsigned char)s[i] & 0xC0) == 0x80) continue;
        if (n == XLSX_STR_MAX) break;
        n++;
    }
    *cut = i;
    return s[i] ? n + 1 : n;
}

/* Excel allows 31 characters in a sheet name and none of []:*?/\ */
static const char *sheet_name(req *r, const entity *e)
{
    const char *label = tr(r->lang, e->label_many);
    char *name = arena_strdup(r->a, label && *label ? label : e->name);
    size_t chars = 0, o = 0;
    for (size_t i = 0; name[i]; i++) {
        unsigned char c = (unsigned char)name[i];
        if ((c & 0xC0) != 0x80 && ++chars > 31) break;
        name[o++] = strchr("[]:*?/\\", c) ? ' ' : (char)c;
    }
    name[o] = 0;
    while (o && (name[o - 1] == ' ' || name[o - 1] == '\''))
        name[--o] = 0;
    while (name[0] == '\'')
        name++;
    return *name ? name : "lis";
}

static void widen(xlsx_out *x, int col, size_t chars)
{
    if (col < x->ncols && (int)chars > x->width[col])
        x->width[col] = chars > WIDTH_MAX ? WIDTH_MAX : (int)chars;
}

static bool xlsx_cell(void *ctx, int row, int col, const field *f, const char *value)
{
    xlsx_out *x = ctx;
    if (row >= LXW_ROW_MAX) return x->ok = false;
    if (!value || !*value) return true;
    lxw_error err;
    int64_t n;
    if (row == 0) {
        size_t cut;
        widen(x, col, utf8_chars(value, &cut) + 3); /* room for the filter button */
        err = worksheet_write_string(x->ws, 0, (lxw_col_t)col, value, x->bold);
    } else if ((!f || f->type == FT_INT) && parse_int64(value, &n) && n > -(1LL << 53) &&
               n < (1LL << 53)) {
        widen(x, col, strlen(value) + 1);
        err = worksheet_write_number(x->ws, (lxw_row_t)row, (lxw_col_t)col, (double)n, NULL);
    } else if (f && f->type == FT_DATE && date_valid(value)) {
        lxw_datetime d = {atoi(value), atoi(value + 5), atoi(value + 8), 0, 0, 0};
        widen(x, col, 11);
        err = worksheet_write_datetime(x->ws, (lxw_row_t)row, (lxw_col_t)col, &d, x->date);
    } else {
        size_t cut, chars = utf8_chars(value, &cut);
        if (chars > XLSX_STR_MAX) value = arena_strndup(x->r->a, value, cut);
        bool long_text = (f && f->type == FT_LONGTEXT) || chars > WIDTH_MAX;
        widen(x, col, chars + 1);
        err = worksheet_write_string(x->ws, (lxw_row_t)row, (lxw_col_t)col, value,
                                     long_text ? x->wrap : NULL);
    }
    if (err != LXW_NO_ERROR) x->ok = false;
    return x->ok;
}

static bool xlsx_row_end(void *ctx, int row)
{
    xlsx_out *x = ctx;
    x->last_row = row;
    return x->ok;
}

/* Reads the finished file into out; false when it cannot be read whole. */
static bool read_back(int fd, buf *out)
{
    struct stat st;
    if (fstat(fd, &st) != 0 || st.st_size <= 0 || lseek(fd, 0, SEEK_SET) != 0) return false;
    size_t start = out->len;
    char chunk[64 * 1024];
    for (;;) {
        ssize_t got = read(fd, chunk, sizeof chunk);
        if (got < 0) return false;
        if (got == 0) break;
        buf_append(out, chunk, (size_t)got);
        if (buf_failed(out)) return false;
    }
    return out->len - start == (size_t)st.st_size;
}

bool xlsx_to_buf(req *r, xlsx_fill_fn fill, void *ctx, buf *out)
{
    const char *dir = getenv("TMPDIR");
    if (!dir || !*dir) dir = "/tmp";
    char *path = arena_printf(r->a, "%s/lis-export-XXXXXX", dir);
    int fd = mkstemp(path);
    if (fd < 0) return false;
    /* libxlsxwriter's own scratch files go to the same place (tmpfile: never named) */
    lxw_workbook_options opts = {.constant_memory = LXW_FALSE, .tmpdir = (char *)dir};
    lxw_workbook *wb = workbook_new_opt(path, &opts);
    bool ok = false;
    if (wb) {
        ok = fill(wb, ctx);
        /* close writes the file and frees the workbook, also after a failure */
        if (workbook_close(wb) != LXW_NO_ERROR) ok = false;
    }
    size_t before = out->len;
    if (ok) ok = read_back(fd, out);
    if (!ok && !buf_failed(out)) out->len = before;
    close(fd);
    unlink(path);
    return ok;
}

typedef struct entity_fill {
    req *r;
    const entity *e;
    const list_query *q;
} entity_fill;

static bool fill_entity(lxw_workbook *wb, void *ctx)
{
    entity_fill *f = ctx;
    req *r = f->r;
    const entity *e = f->e;
    xlsx_out x = {.r = r, .ok = true};
    x.ws = workbook_add_worksheet(wb, sheet_name(r, e));
    x.bold = workbook_add_format(wb);
    x.wrap = workbook_add_format(wb);
    x.date = workbook_add_format(wb);
    x.ncols = 1;
    for (int i = 0; i < e->nfields; i++)
        if (e->fields[i].flags & F_EXPORT) x.ncols++;
    x.width = arena_alloc(r->a, sizeof(int) * (size_t)x.ncols);
    for (int c = 0; c < x.ncols; c++)
        x.width[c] = WIDTH_MIN;
    if (!x.ws || !x.bold || !x.wrap || !x.date) return false;
    format_set_bold(x.bold);
    format_set_text_wrap(x.wrap);
    format_set_align(x.wrap, LXW_ALIGN_VERTICAL_TOP);
    format_set_num_format(x.date, "yyyy-mm-dd");
    export_sink sink = {&x, xlsx_cell, xlsx_row_end};
    if (!entity_export(r, e, f->q, &sink)) x.ok = false;
    /* header frozen, a filter button on every column over all the rows */
    worksheet_freeze_panes(x.ws, 1, 0);
    worksheet_autofilter(x.ws, 0, 0, (lxw_row_t)x.last_row, (lxw_col_t)(x.ncols - 1));
    for (int c = 0; c < x.ncols; c++)
        worksheet_set_column(x.ws, (lxw_col_t)c, (lxw_col_t)c, x.width[c], NULL);
    return x.ok;
}

bool entity_xlsx(req *r, const entity *e, const list_query *q, buf *out)
{
    entity_fill f = {r, e, q};
    return xlsx_to_buf(r, fill_entity, &f, out);
}
