/* Unit tests of the styrdokument's own rules (src/documents/): the line diff between
 * versions, the status transitions, the hierarchy of levels and the check of an uploaded
 * file's type. Table-driven; no database. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../../src/documents/documents.h"

#define N_ELEMS(x) (sizeof(x) / sizeof((x)[0]))

/* A diff written as one string: "=same", "-removed", "+added", lines joined by '|'. */
static const char *render(arena *a, const diff_line *l, int n)
{
    buf b;
    buf_init(&b, 0);
    for (int i = 0; i < n; i++)
        buf_printf(&b, "%s%c%s", i ? "|" : "", "=+-"[l[i].op], l[i].text);
    const char *out = arena_strdup(a, buf_str(&b));
    buf_free(&b);
    return out;
}

static const struct diff_case {
    const char *name, *old, *new_text, *expected;
} diff_cases[] = {
    {"unchanged", "a\nb", "a\nb", "=a|=b"},
    {"both empty", "", NULL, ""},
    {"first version: every line added", NULL, "a\nb\n", "+a|+b"},
    {"text removed", "a\nb", "", "-a|-b"},
    {"one line changed in the middle", "a\nb\nc", "a\nB\nc", "=a|-b|+B|=c"},
    {"a line inserted", "a\nc", "a\nb\nc", "=a|+b|=c"},
    {"a line dropped at the end", "a\nb\nc", "a\nb", "=a|=b|-c"},
    {"lines moved: the longest common part stays", "a\nb\nc\nd", "c\nd\na\nb", "-a|-b|=c|=d|+a|+b"},
    {"a textarea's CRLF equals LF", "a\r\nb\r\n", "a\nb", "=a|=b"},
    {"a final newline adds no line", "a\n", "a", "=a"},
    {"an empty line is a line", "a\n\nb", "a\nb", "=a|-|=b"},
};

static void test_diff(void **state)
{
    (void)state;
    arena a;
    arena_init(&a, 0);
    for (size_t i = 0; i < N_ELEMS(diff_cases); i++) {
        const struct diff_case *c = &diff_cases[i];
        diff_line *lines = NULL;
        int n = diff_lines(&a, c->old, c->new_text, &lines);
        const char *got = render(&a, lines, n);
        if (strcmp(got, c->expected) != 0) fail_msg("%s: got \"%s\"", c->name, got);
    }
    arena_free(&a);
}

/* Too many lines, or too large a changed middle, is refused rather than compared. */
static void test_diff_bounds(void **state)
{
    (void)state;
    arena a;
    arena_init(&a, 0);
    buf big, other;
    buf_init(&big, 0);
    buf_init(&other, 0);
    for (int i = 0; i <= DIFF_MAX_LINES; i++)
        buf_printf(&big, "line %d\n", i);
    diff_line *lines = NULL;
    assert_int_equal(diff_lines(&a, buf_str(&big), "x", &lines), -1);
    /* 1,500 lines each, all different: the table would exceed its bound */
    buf_free(&big);
    buf_init(&big, 0);
    for (int i = 0; i < 1500; i++) {
        buf_printf(&big, "old %d\n", i);
        buf_printf(&other, "new %d\n", i);
    }
    assert_int_equal(diff_lines(&a, buf_str(&big), buf_str(&other), &lines), -1);
    /* the same long text: the unchanged start and end are set aside, nothing is left */
    int n = diff_lines(&a, buf_str(&big), buf_str(&big), &lines);
    assert_int_equal(n, 1500);
    buf_free(&big);
    buf_free(&other);
    arena_free(&a);
}

static const struct transition_case {
    const char *from, *to;
    bool allowed;
} transitions[] = {
    {"utkast", "beslutad", true},
    {"beslutad", "kommunicerad", true},
    {"kommunicerad", "upphavd", true},
    {"beslutad", "upphavd", true},
    {"beslutad", "utkast", true},
    {"kommunicerad", "utkast", true},
    {"utkast", "utkast", true},
    {"upphavd", "upphavd", true},
    {"utkast", "kommunicerad", false},
    {"utkast", "upphavd", false},
    {"kommunicerad", "beslutad", false},
    {"upphavd", "utkast", false},
    {"upphavd", "beslutad", false},
    {"utkast", "klar", false},
    {NULL, "utkast", false},
};

static void test_transitions(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(transitions); i++) {
        const struct transition_case *c = &transitions[i];
        if (document_transition_allowed(c->from, c->to) != c->allowed)
            fail_msg("%s → %s should be %s", c->from ? c->from : "(none)", c->to,
                     c->allowed ? "allowed" : "refused");
    }
}

static const struct parent_case {
    const char *child, *parent;
    bool allowed;
} parents[] = {
    {"policy", NULL, true},         {"riktlinje", NULL, true},
    {"riktlinje", "policy", true},  {"tillampningsanvisning", "riktlinje", true},
    {"rutin", "riktlinje", true},   {"rutin", "policy", true},
    {"policy", "policy", false},    {"riktlinje", "riktlinje", false},
    {"riktlinje", "rutin", false},  {"rutin", "tillampningsanvisning", false},
    {"policy", "riktlinje", false}, {"memo", NULL, false},
};

static void test_hierarchy(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(parents); i++) {
        const struct parent_case *c = &parents[i];
        if (document_parent_allowed(c->child, c->parent) != c->allowed)
            fail_msg("%s under %s should be %s", c->child, c->parent ? c->parent : "nothing",
                     c->allowed ? "allowed" : "refused");
    }
}

static void test_file_type(void **state)
{
    (void)state;
    static const unsigned char pdf[] = "%PDF-1.7\n\0binary";
    assert_string_equal(document_file_type("Policy.PDF", pdf, sizeof pdf), "application/pdf");
    /* a web page named .pdf, or anything named .html, is no document */
    static const unsigned char html[] = "<html><script>alert(1)</script></html>";
    assert_null(document_file_type("policy.pdf", html, sizeof html));
    assert_null(document_file_type("policy.html", html, sizeof html));
    assert_null(document_file_type("policy.html", pdf, sizeof pdf));
    /* an office file is a ZIP: its name says which; an OpenDocument one names itself */
    unsigned char zip[120] = "PK\3\4";
    assert_string_equal(document_file_type("r.docx", zip, sizeof zip),
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    assert_null(document_file_type("r.odt", zip, sizeof zip));
    memcpy(zip + 30, "mimetypeapplication/vnd.oasis.opendocument.text", 47);
    assert_string_equal(document_file_type("r.odt", zip, sizeof zip),
                        "application/vnd.oasis.opendocument.text");
    assert_null(document_file_type("r.ods", zip, sizeof zip));
    assert_null(document_file_type("r.zip", zip, sizeof zip));
    assert_null(document_file_type("r.docx", (const unsigned char *)"PK", 2));
    /* empty, nameless or too large */
    assert_null(document_file_type("r.pdf", pdf, 0));
    assert_null(document_file_type(NULL, pdf, sizeof pdf));
    unsigned char *large = calloc(DOCUMENT_FILE_MAX + 1, 1);
    memcpy(large, "%PDF-", 5);
    assert_null(document_file_type("r.pdf", large, DOCUMENT_FILE_MAX + 1));
    assert_non_null(document_file_type("r.pdf", large, DOCUMENT_FILE_MAX));
    free(large);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_diff),        cmocka_unit_test(test_diff_bounds),
        cmocka_unit_test(test_transitions), cmocka_unit_test(test_hierarchy),
        cmocka_unit_test(test_file_type),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
