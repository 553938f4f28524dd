/* xlsx_read.c - see xlsx_read.h. An .xlsx is a zip of XML parts: xl/workbook.xml names the
 * sheets, xl/_rels/workbook.xml.rels says which part each one is, xl/sharedStrings.xml
 * holds the texts cells point at (t="s"), and a worksheet holds rows of cells
 * (<c r="B2" t="s"><v>3</v></c>, or inline text in <is><t>). A date is a number whose
 * cell style (s="N", an index into xl/styles.xml's cellXfs) has a date number format; it
 * is written as the date (imports/dates.h), in the 1900 or 1904 system the workbook's
 * <workbookPr date1904> says. */
#include "xlsx_read.h"
#include "dates.h"
#include "../core/buf.h"
#include <stdio.h>
#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

/* what one part may expand to: far beyond any real list, far below memory's end */
enum { PART_MAX = 256 * 1024 * 1024, STRINGS_MAX = 1000000, STYLES_MAX = 65536 };

typedef struct part_stream {
    zip_file_t *file;
    size_t read;
} part_stream;

static int part_read(void *ctx, char *out, int len)
{
    part_stream *s = ctx;
    if (s->read >= PART_MAX) return -1;
    zip_int64_t n = zip_fread(s->file, out, (zip_uint64_t)len);
    if (n < 0) return -1;
    s->read += (size_t)n;
    return (int)n;
}

static int part_close(void *ctx)
{
    (void)ctx; /* the caller closes the zip file */
    return 0;
}

/* A reader over one part of the archive, or NULL when the part is absent. */
static xmlTextReaderPtr open_part(zip_t *z, const char *name, part_stream *s)
{
    s->read = 0;
    s->file = zip_fopen(z, name, 0);
    if (!s->file) return NULL;
    /* no network, no entity expansion, no DTD loading: the file is data */
    xmlTextReaderPtr r = xmlReaderForIO(part_read, part_close, s, name, NULL,
                                        XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!r) {
        zip_fclose(s->file);
        s->file = NULL;
    }
    return r;
}

static void close_part(xmlTextReaderPtr r, part_stream *s)
{
    if (r) xmlFreeTextReader(r);
    if (s->file) zip_fclose(s->file);
    s->file = NULL;
}

static bool is_element(xmlTextReaderPtr r, const char *local)
{
    const xmlChar *n = xmlTextReaderConstLocalName(r);
    return n && !strcmp((const char *)n, local);
}

static char *attribute(arena *a, xmlTextReaderPtr r, const char *name)
{
    xmlChar *v = xmlTextReaderGetAttribute(r, (const xmlChar *)name);
    if (!v) return NULL;
    char *copy = arena_strdup(a, (const char *)v);
    xmlFree(v);
    return copy;
}

/* The part of the workbook's first sheet ("xl/worksheets/sheet1.xml"), and whether the
 * workbook counts dates from 1904 (<workbookPr date1904="1"/>, before the sheets). */
static const char *first_sheet(arena *a, zip_t *z, bool *date1904)
{
    part_stream s;
    xmlTextReaderPtr r = open_part(z, "xl/workbook.xml", &s);
    char *rid = NULL;
    *date1904 = false;
    while (r && !rid && xmlTextReaderRead(r) == 1) {
        if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT) continue;
        if (is_element(r, "sheet")) rid = attribute(a, r, "r:id");
        if (is_element(r, "workbookPr")) {
            const char *v = attribute(a, r, "date1904");
            *date1904 = v && (!strcmp(v, "1") || !strcmp(v, "true"));
        }
    }
    close_part(r, &s);
    const char *target = NULL;
    r = rid ? open_part(z, "xl/_rels/workbook.xml.rels", &s) : NULL;
    while (r && !target && xmlTextReaderRead(r) == 1) {
        if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT || !is_element(r, "Relationship"))
            continue;
        char *id = attribute(a, r, "Id");
        if (id && !strcmp(id, rid)) target = attribute(a, r, "Target");
    }
    close_part(r, &s);
    if (!target) return "xl/worksheets/sheet1.xml";
    if (*target == '/') return target + 1;
    return arena_printf(a, "xl/%s", target);
}

typedef struct strings {
    char **items;
    size_t n, cap;
} strings;

/* The text of an element (its <t> descendants, without phonetic <rPh> runs), with the
 * reader left on its end. */
static bool text_of(xmlTextReaderPtr r, const char *element, bool in_t_only, buf *out)
{
    if (xmlTextReaderIsEmptyElement(r)) return true;
    int depth = xmlTextReaderDepth(r), in_t = 0, in_rph = 0, rc;
    while ((rc = xmlTextReaderRead(r)) == 1) {
        int type = xmlTextReaderNodeType(r);
        if (type == XML_READER_TYPE_END_ELEMENT && xmlTextReaderDepth(r) == depth &&
            is_element(r, element))
            return true;
        if (type == XML_READER_TYPE_ELEMENT && !xmlTextReaderIsEmptyElement(r)) {
            in_t += is_element(r, "t");
            in_rph += is_element(r, "rPh");
        } else if (type == XML_READER_TYPE_END_ELEMENT) {
            in_t -= is_element(r, "t") && in_t > 0;
            in_rph -= is_element(r, "rPh") && in_rph > 0;
        } else if ((type == XML_READER_TYPE_TEXT ||
                    type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE ||
                    type == XML_READER_TYPE_WHITESPACE || type == XML_READER_TYPE_CDATA) &&
                   (in_t || !in_t_only) && !in_rph) {
            const xmlChar *v = xmlTextReaderConstValue(r);
            if (v) buf_puts(out, (const char *)v);
        }
    }
    return false;
}

static bool read_shared_strings(arena *a, zip_t *z, strings *ss)
{
    part_stream s;
    xmlTextReaderPtr r = open_part(z, "xl/sharedStrings.xml", &s);
    if (!r) return true; /* a sheet of numbers only has none */
    bool ok = true;
    buf text;
    buf_init(&text, 0);
    int rc;
    while (ok && (rc = xmlTextReaderRead(r)) == 1) {
        if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT || !is_element(r, "si")) continue;
        buf_reset(&text);
        if (!text_of(r, "si", true, &text) || ss->n >= STRINGS_MAX) {
            ok = false;
            break;
        }
        if (ss->n == ss->cap) {
            size_t cap = ss->cap ? ss->cap * 2 : 256;
            char **items = arena_alloc(a, cap * sizeof *items);
            if (!items) {
                ok = false;
                break;
            }
            if (ss->n) memcpy(items, ss->items, ss->n * sizeof *items);
            ss->items = items;
            ss->cap = cap;
        }
        ss->items[ss->n++] = arena_strndup(a, text.data ? text.data : "", text.len);
    }
    if (rc < 0) ok = false;
    buf_free(&text);
    close_part(r, &s);
    return ok && !text.failed;
}

/* What a cell style shows a number as. */
typedef enum { SHOW_NUMBER, SHOW_DATE, SHOW_DATE_TIME } number_shown;

typedef struct styles {
    unsigned char *shown; /* number_shown per cellXfs index */
    size_t n;
} styles;

/* What a number format shows: the built-in ones by id (ECMA-376 18.8.30: 14-17 and 22 are
 * dates, 27-36 and 50-58 the East Asian dates; 18-21 and 45-47 times of day, kept as
 * numbers), a custom one (id 164 on) by its code: a date when, outside quoted text,
 * escaped characters and [colour] or [$-locale] sections, it has a year or a day. */
static number_shown format_shows(int id, const char *code)
{
    if ((id >= 14 && id <= 17) || (id >= 27 && id <= 36) || (id >= 50 && id <= 58))
        return SHOW_DATE;
    if (id == 22) return SHOW_DATE_TIME;
    if (!code) return SHOW_NUMBER;
    bool date = false, time = false;
    for (const char *c = code; *c; c++) {
        if (*c == '"') {
            c = strchr(c + 1, '"');
            if (!c) break;
        } else if (*c == '\\' && c[1]) {
            c++;
        } else if (*c == '[') {
            const char *end = strchr(c, ']');
            if (!end) break;
            c = end;
        } else if (*c == ';') {
            break; /* the first section is the one a positive number is shown in */
        } else if (strchr("yYdD", *c)) {
            date = true;
        } else if (strchr("hHsS", *c)) {
            time = true;
        }
    }
    return !date ? SHOW_NUMBER : time ? SHOW_DATE_TIME : SHOW_DATE;
}

typedef struct custom_format {
    int id;
    number_shown shown;
} custom_format;

/* xl/styles.xml: the custom number formats (<numFmts>), then each cell style's format
 * (<cellXfs><xf numFmtId=…>, in order: a cell's s is the index). No styles part: every
 * number a number. */
static bool read_styles(arena *a, zip_t *z, styles *st)
{
    part_stream s;
    xmlTextReaderPtr r = open_part(z, "xl/styles.xml", &s);
    if (!r) return true;
    custom_format *custom = arena_alloc(a, STYLES_MAX * sizeof *custom);
    st->shown = arena_alloc(a, STYLES_MAX);
    if (!custom || !st->shown) {
        close_part(r, &s);
        return false;
    }
    size_t ncustom = 0;
    bool in_xfs = false;
    int rc;
    while ((rc = xmlTextReaderRead(r)) == 1) {
        int type = xmlTextReaderNodeType(r);
        if (type == XML_READER_TYPE_END_ELEMENT && is_element(r, "cellXfs")) in_xfs = false;
        if (type != XML_READER_TYPE_ELEMENT) continue;
        if (is_element(r, "cellXfs")) {
            in_xfs = !xmlTextReaderIsEmptyElement(r);
        } else if (is_element(r, "numFmt") && ncustom < STYLES_MAX) {
            const char *id = attribute(a, r, "numFmtId");
            if (id) {
                custom[ncustom].id = atoi(id);
                custom[ncustom].shown = format_shows(-1, attribute(a, r, "formatCode"));
                ncustom++;
            }
        } else if (in_xfs && is_element(r, "xf") && st->n < STYLES_MAX) {
            const char *id = attribute(a, r, "numFmtId");
            int fmt = id ? atoi(id) : 0;
            number_shown shown = format_shows(fmt, NULL);
            for (size_t i = 0; i < ncustom; i++)
                if (custom[i].id == fmt) shown = custom[i].shown;
            st->shown[st->n++] = (unsigned char)shown;
        }
    }
    close_part(r, &s);
    return rc == 0;
}

/* A date cell's number as the date (and the time of day when its format shows one):
 * "2026-12-31", "2026-12-31 13:30"; the number as it is when it is no date Excel has. */
static const char *date_text(arena *a, const char *v, number_shown shown, bool date1904)
{
    char *end;
    double serial = strtod(v, &end);
    if (end == v || *end || !(serial >= 0 && serial < 3e6)) return v;
    long days = (long)serial; /* not negative: the whole days */
    char date[11];
    if (!import_excel_date(days, date1904, date)) return v;
    long seconds = (long)((serial - (double)days) * 86400.0 + 0.5);
    if (shown != SHOW_DATE_TIME || seconds <= 0 || seconds >= 86400) return arena_strdup(a, date);
    char text[32];
    if (seconds % 60)
        snprintf(text, sizeof text, "%s %02ld:%02ld:%02ld", date, seconds / 3600, seconds / 60 % 60,
                 seconds % 60);
    else
        snprintf(text, sizeof text, "%s %02ld:%02ld", date, seconds / 3600, seconds / 60 % 60);
    return arena_strdup(a, text);
}

/* The column of a cell reference ("C7" is 2), or -1. */
static int column_of(const char *ref)
{
    int col = 0, letters = 0;
    for (; ref && *ref >= 'A' && *ref <= 'Z'; ref++, letters++)
        col = col * 26 + (*ref - 'A' + 1);
    return letters && letters <= 3 ? col - 1 : -1;
}

static void csv_cell(buf *out, const char *v)
{
    if (!strpbrk(v, ";\"\r\n")) {
        buf_puts(out, v);
        return;
    }
    buf_putc(out, '"');
    for (; *v; v++) {
        if (*v == '"') buf_putc(out, '"');
        buf_putc(out, *v);
    }
    buf_putc(out, '"');
}

typedef struct sheet_out {
    buf *out;
    const styles *styles;
    bool date1904;
    int width; /* the header row's columns */
    int line;  /* the spreadsheet row written last */
    int rows;
} sheet_out;

/* One <row>: its cells placed by their column, gaps as empty cells. */
static bool read_row(arena *a, xmlTextReaderPtr r, const strings *ss, sheet_out *so)
{
    char *row_attr = attribute(a, r, "r");
    int number = row_attr ? atoi(row_attr) : so->line + 1;
    if (number <= so->line || number > 10000000) number = so->line + 1;
    /* empty lines keep Excel's row numbers; the reader skips them */
    for (int l = so->line + 1; l < number && so->rows; l++)
        buf_puts(so->out, "\r\n");
    so->line = number;
    int col = 0, written = 0;
    if (xmlTextReaderIsEmptyElement(r)) return true;
    int depth = xmlTextReaderDepth(r), rc;
    buf cell;
    buf_init(&cell, 0);
    bool ok = false;
    while ((rc = xmlTextReaderRead(r)) == 1) {
        int type = xmlTextReaderNodeType(r);
        if (type == XML_READER_TYPE_END_ELEMENT && xmlTextReaderDepth(r) == depth) {
            ok = true;
            break;
        }
        if (type != XML_READER_TYPE_ELEMENT || !is_element(r, "c")) continue;
        int at = column_of(attribute(a, r, "r"));
        if (at < 0) at = col;
        char *t = attribute(a, r, "t"), *style = attribute(a, r, "s");
        buf_reset(&cell);
        if (!xmlTextReaderIsEmptyElement(r)) {
            int cdepth = xmlTextReaderDepth(r);
            while ((rc = xmlTextReaderRead(r)) == 1) {
                int ty = xmlTextReaderNodeType(r);
                if (ty == XML_READER_TYPE_END_ELEMENT && xmlTextReaderDepth(r) == cdepth) break;
                if (ty != XML_READER_TYPE_ELEMENT) continue;
                bool v = is_element(r, "v");
                if ((v || is_element(r, "is")) && !text_of(r, v ? "v" : "is", !v, &cell)) goto done;
            }
            if (rc != 1) goto done;
        }
        const char *v = buf_str(&cell);
        if (t && !strcmp(t, "s")) {
            char *end;
            unsigned long i = strtoul(v, &end, 10);
            v = *v && !*end && i < ss->n ? ss->items[i] : "";
        } else if (t && !strcmp(t, "b")) {
            v = !strcmp(v, "1") ? "1" : "0";
        } else if ((!t || !strcmp(t, "n")) && style && *v) {
            char *end;
            unsigned long i = strtoul(style, &end, 10);
            if (*style && !*end && i < so->styles->n && so->styles->shown[i] != SHOW_NUMBER)
                v = date_text(a, v, so->styles->shown[i], so->date1904);
        }
        if (!*v) {
            col = at + 1;
            continue; /* an empty (formatted) cell */
        }
        if (so->width && at >= so->width + 64) continue; /* stray notes far to the right */
        for (; written < at; written++)
            if (written) buf_putc(so->out, ';');
        if (written) buf_putc(so->out, ';');
        csv_cell(so->out, v);
        written++;
        col = at + 1;
    }
    if (!so->rows) so->width = written;
    for (; written < so->width; written++)
        if (written) buf_putc(so->out, ';');
    buf_puts(so->out, "\r\n");
    so->rows++;
done:
    buf_free(&cell);
    return ok;
}

static pthread_once_t xml_once = PTHREAD_ONCE_INIT;
static void xml_init(void)
{
    xmlInitParser(); /* once, before threads use it */
}

bool xlsx_looks_like_zip(const char *data, size_t len)
{
    return data && len >= 4 && !memcmp(data, "PK\x03\x04", 4);
}

/* The first sheet of z as CSV, to sink a few rows at a time; shared strings and styles in
 * a, each row's scratch in an arena of its own. */
static xlsx_status sheet_csv(arena *a, zip_t *z, int max_rows, text_sink sink, void *ctx)
{
    enum { FLUSH = 64 * 1024 };
    strings ss = {0};
    styles styles = {0};
    xlsx_status st = XLSX_OK;
    if (!read_shared_strings(a, z, &ss) || !read_styles(a, z, &styles)) st = XLSX_BAD_XML;
    part_stream s;
    bool date1904 = false;
    xmlTextReaderPtr r = st == XLSX_OK ? open_part(z, first_sheet(a, z, &date1904), &s) : NULL;
    if (st == XLSX_OK && !r) st = XLSX_NO_SHEET;
    buf out;
    buf_init(&out, 0);
    sheet_out so = {.out = &out, .styles = &styles, .date1904 = date1904};
    int rc = 1;
    while (st == XLSX_OK && (rc = xmlTextReaderRead(r)) == 1) {
        if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT || !is_element(r, "row")) continue;
        if (so.rows > max_rows) {
            st = XLSX_TOO_MANY;
            break;
        }
        arena row;
        arena_init(&row, 0);
        if (!read_row(&row, r, &ss, &so)) st = XLSX_BAD_XML;
        arena_free(&row);
        if (st == XLSX_OK && out.len >= FLUSH) {
            if (out.failed || !sink(ctx, out.data, out.len)) st = XLSX_BAD_XML;
            buf_reset(&out);
        }
    }
    if (st == XLSX_OK && (rc < 0 || out.failed)) st = XLSX_BAD_XML;
    if (st == XLSX_OK && out.len && !sink(ctx, out.data, out.len)) st = XLSX_BAD_XML;
    if (r) close_part(r, &s);
    buf_free(&out);
    return st;
}

xlsx_status xlsx_csv_to(const char *data, int fd, size_t offset, size_t len, int max_rows,
                        text_sink sink, void *ctx)
{
    char head[4];
    if (data ? !xlsx_looks_like_zip(data, len)
             : len < 4 || pread(fd, head, 4, (off_t)offset) != 4 || !xlsx_looks_like_zip(head, 4))
        return XLSX_NOT_ZIP;
    pthread_once(&xml_once, xml_init);
    zip_error_t err;
    zip_error_init(&err);
    zip_source_t *src = NULL;
    if (data) {
        src = zip_source_buffer_create(data, len, 0, &err);
    } else {
        /* libzip reads its own FILE at its own offsets (and closes it) */
        int own = dup(fd);
        FILE *f = own >= 0 ? fdopen(own, "rb") : NULL;
        if (!f && own >= 0) close(own);
        src = f ? zip_source_filep_create(f, offset, (zip_int64_t)len, &err) : NULL;
        if (!src && f) fclose(f);
    }
    zip_t *z = src ? zip_open_from_source(src, ZIP_RDONLY, &err) : NULL;
    zip_error_fini(&err);
    if (!z) {
        if (src) zip_source_free(src);
        return XLSX_NOT_ZIP;
    }
    arena a;
    arena_init(&a, 0);
    xlsx_status st = sheet_csv(&a, z, max_rows, sink, ctx);
    arena_free(&a);
    zip_discard(z);
    return st;
}

static bool buf_sink(void *ctx, const char *text, size_t n)
{
    buf_append(ctx, text, n);
    return !buf_failed(ctx);
}

xlsx_status xlsx_to_csv(arena *a, const char *data, size_t len, int max_rows, char **csv)
{
    *csv = NULL;
    if (!data) return XLSX_NOT_ZIP;
    buf out;
    buf_init(&out, 0);
    xlsx_status st = xlsx_csv_to(data, -1, 0, len, max_rows, buf_sink, &out);
    if (st == XLSX_OK) *csv = arena_strndup(a, out.data ? out.data : "", out.len);
    buf_free(&out);
    return st;
}
