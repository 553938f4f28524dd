/* Unit tests of the PDF module (src/pdf/pdf.c): a real PDF comes out, its text — read back
 * with poppler's pdftotext, as a person's PDF reader would — holds every heading, label,
 * cell and Swedish letter, long tables continue on new pages with their header repeated,
 * and every page's footer says "N (total)", the Swedish way. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "../../src/pdf/pdf.h"

static int occurrences(const char *s, const char *needle)
{
    int n = 0;
    for (const char *p = strstr(s, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

/* The output of a poppler tool (pdftotext -layout, pdfinfo) run on the PDF. */
static char *poppler(const buf *pdf, const char *tool);

/* The text of a PDF as pdftotext reads it (page by page, form feeds between pages). */
static char *pdf_text(const buf *pdf)
{
    return poppler(pdf, "pdftotext -layout");
}

static char *poppler(const buf *pdf, const char *tool)
{
    char path[] = "/tmp/lis-test-pdf-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, pdf->data, pdf->len), (ssize_t)pdf->len);
    close(fd);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "%s %s %s 2>&1", tool, path, strstr(tool, "pdftotext") ? "-" : "");
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    buf text;
    buf_init(&text, 0);
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, p)) > 0)
        buf_append(&text, chunk, n);
    assert_int_equal(pclose(p), 0);
    unlink(path);
    return buf_detach(&text, NULL);
}

static void test_text_comes_back(void **state)
{
    (void)state;
    arena a;
    arena_init(&a, 0);
    pdf_doc *d = pdf_begin(&a, "Dagordning — Forum för informationssäkerhet");
    pdf_heading(d, 1, "Dagordning");
    pdf_meta(d, "Datum", "2026-12-03 13:00");
    pdf_paragraph(d, "Förslag till beslut: att godkänna åtgärden.\nAndra raden.");
    const char *head[] = {"Nr", "Ärende", "Prioritet"};
    const char *cells[] = {"1", "Utpressningsvirus i skolans nät", "Mycket hög", "2", NULL, "Låg"};
    pdf_table(d, 3, head, cells, 2, (double[]){0.1, 0.7, 0.2});
    buf out;
    buf_init(&out, 0);
    assert_true(pdf_end(d, &out));
    assert_true(out.len > 500);
    assert_memory_equal(out.data, "%PDF-", 5);
    char *text = pdf_text(&out);
    const char *want[] = {
        "Dagordning", "Datum: 2026-12-03 13:00",         "Förslag till beslut", "Andra raden",
        "Ärende",     "Utpressningsvirus i skolans nät", "Mycket hög",          "1 (1)"};
    for (size_t i = 0; i < sizeof want / sizeof *want; i++)
        if (!strstr(text, want[i])) fail_msg("missing \"%s\" in:\n%s", want[i], text);
    free(text);
    buf_free(&out);
    arena_free(&a);
}

static void test_long_table_breaks_pages_with_header(void **state)
{
    (void)state;
    arena a;
    arena_init(&a, 0);
    pdf_doc *d = pdf_begin(&a, "Riskregister");
    pdf_heading(d, 1, "Riskregister");
    enum { ROWS = 150 };
    const char *head[] = {"Risk", "Nivå"};
    const char **cells = arena_alloc(&a, sizeof(char *) * ROWS * 2);
    for (int i = 0; i < ROWS; i++) {
        cells[2 * i] = arena_printf(&a, "Risk nummer %d", i + 1);
        cells[2 * i + 1] = "Hög";
    }
    pdf_table(d, 2, head, cells, ROWS, NULL);
    buf out;
    buf_init(&out, 0);
    assert_true(pdf_end(d, &out));
    char *text = pdf_text(&out);
    int pages = occurrences(text, "\f");
    assert_true(pages >= 3);
    /* the header row opens every page; the footer counts them all */
    assert_int_equal(occurrences(text, "Nivå"), pages);
    char last[32];
    snprintf(last, sizeof last, "%d (%d)", pages, pages);
    assert_non_null(strstr(text, last));
    assert_non_null(strstr(text, "Risk nummer 1 "));
    assert_non_null(strstr(text, "Risk nummer 150"));
    free(text);
    buf_free(&out);
    arena_free(&a);
}

static void test_invalid_utf8_is_repaired(void **state)
{
    (void)state;
    arena a;
    arena_init(&a, 0);
    pdf_doc *d = pdf_begin(&a, "T");
    pdf_paragraph(d, "bad \xff\xfe bytes");
    buf out;
    buf_init(&out, 0);
    assert_true(pdf_end(d, &out));
    char *text = pdf_text(&out);
    assert_non_null(strstr(text, "bytes"));
    free(text);
    buf_free(&out);
    arena_free(&a);
}

/* A word that fits its column on a line of its own is never broken inside; one wider than
 * its column is, rather than drawn over the next column. */
static void test_words_break_only_when_they_cannot_fit(void **state)
{
    (void)state;
    arena a;
    arena_init(&a, 0);
    pdf_doc *d = pdf_begin(&a, "T");
    const char *head[] = {"Rubrik", "Hantering", "Enhet"};
    const char *cells[] = {"Risk", "Hantering Hantering Hantering Hantering",
                           "Kommunledningsförvaltningen"};
    pdf_table(d, 3, head, cells, 1, (double[]){0.74, 0.14, 0.12});
    buf out;
    buf_init(&out, 0);
    assert_true(pdf_end(d, &out));
    char *text = pdf_text(&out);
    assert_int_equal(occurrences(text, "Hantering"), 5);
    assert_null(strstr(text, "Kommunledningsförvaltningen")); /* 58 pt cannot hold it */
    if (!strstr(text, "Kommunl")) fail_msg("%s", text);
    free(text);
    buf_free(&out);
    arena_free(&a);
}

/* The protokoll's signatures and a heat map come back as text, and the document is tagged
 * with its title in the metadata. */
static void test_signatures_heatmap_tagged(void **state)
{
    (void)state;
    arena a;
    arena_init(&a, 0);
    pdf_doc *d = pdf_begin(&a, "Protokoll — Forum 2026-12-03");
    pdf_heading(d, 1, "Protokoll");
    const char *rows[] = {"Hög (2)", "Låg (1)"}, *cols[] = {"Liten (1)", "Stor (2)"};
    const char *cells[] = {"1\nMedel", "3\nHög", "0\nLåg", "2\nMedel"};
    const char *fills[] = {"#fde68a", "#f87171", "#bbf7d0", "not a colour"};
    pdf_heatmap(d, 2, 2, rows, cols, cells, fills, "Sannolikhet", "Konsekvens");
    const char *roles[] = {"Vid protokollet", "Ordförande", "Justerare"};
    const char *names[] = {"Sara Ek", "Karin Dahl", NULL};
    pdf_signatures(d, 3, roles, names);
    buf out;
    buf_init(&out, 0);
    assert_true(pdf_end(d, &out));
    char *text = pdf_text(&out);
    const char *want[] = {"Konsekvens →", "Sannolikhet ↓",   "Hög (2)",    "Stor (2)",
                          "Medel",        "Vid protokollet", "Ordförande", "Justerare",
                          "Sara Ek",      "Karin Dahl"};
    for (size_t i = 0; i < sizeof want / sizeof *want; i++)
        if (!strstr(text, want[i])) fail_msg("missing \"%s\" in:\n%s", want[i], text);
    free(text);
    char *info = poppler(&out, "pdfinfo");
    if (!strstr(info, "Tagged:          yes") || !strstr(info, "Protokoll — Forum 2026-12-03"))
        fail_msg("not tagged or untitled:\n%s", info);
    free(info);
    buf_free(&out);
    arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text_comes_back),
        cmocka_unit_test(test_long_table_breaks_pages_with_header),
        cmocka_unit_test(test_invalid_utf8_is_repaired),
        cmocka_unit_test(test_words_break_only_when_they_cannot_fit),
        cmocka_unit_test(test_signatures_heatmap_tagged),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    pdf_shutdown();
    return failed;
}
