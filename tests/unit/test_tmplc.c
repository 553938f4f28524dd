/* Unit tests of the template compiler (build/tmplc, built by the Makefile) and of the
 * compiled catalogues. tmplc is run on small views written to a temporary folder: it
 * must refuse untranslated words and expressions where no escape is safe, accept the
 * real views, and pick the escape by context. The tests run from the repository root. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <ctype.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "../../src/core/i18n.h"

#define N_ELEMS(x) (sizeof(x) / sizeof((x)[0]))

static const char *tmplc = "build/tmplc";
static char dir[64];

static int group_setup(void **state)
{
    (void)state;
    if (access(tmplc, X_OK) != 0) {
        fprintf(stderr, "%s not found: run the tests from the repository root after make\n", tmplc);
        return -1;
    }
    snprintf(dir, sizeof dir, "/tmp/lis-tmplc-XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int group_teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static char *read_all(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) return strdup("");
    char *text = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&text, &len);
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        fwrite(chunk, 1, n, m);
    fclose(m);
    fclose(f);
    return text;
}

/* Runs tmplc with the given arguments (already quoted); returns its exit status and
 * what it wrote to stderr. */
static int run_tmplc(const char *args, char **err)
{
    char errpath[128], cmd[8192];
    snprintf(errpath, sizeof errpath, "%s/stderr", dir);
    snprintf(cmd, sizeof cmd, "%s %s 2>'%s' >/dev/null", tmplc, args, errpath);
    int rc = system(cmd);
    *err = read_all(errpath);
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

/* Compiles one view; on success *gen holds the generated C. */
static int compile_view(const char *html, char **err, char **gen)
{
    char view[128], out_c[128], args[512];
    snprintf(view, sizeof view, "%s/case.html", dir);
    snprintf(out_c, sizeof out_c, "%s/case.c", dir);
    unlink(out_c);
    write_file(view, html);
    /* the view's header goes to the folder: dir/case.h */
    snprintf(args, sizeof args, "views '%s' '%s' '%s'", out_c, dir, view);
    int rc = run_tmplc(args, err);
    if (gen) *gen = read_all(out_c);
    return rc;
}

static int count(const char *hay, const char *needle)
{
    int n = 0;
    for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
        n++;
    return n;
}

/* ---- what tmplc must refuse ---------------------------------------------------- */

static const struct {
    const char *why, *html, *message;
} refused[] = {
    {"words in text", "<p>Hej världen</p>\n", "untranslated text"},
    {"words after a translation", "<p>{{t app.name}} och mer</p>\n", "untranslated text"},
    {"non-ASCII letters in text", "<span>ÅÄÖ</span>\n", "untranslated text"},
    {"a word between tags", "<ul><li>{{t nav.org}}</li>Fler</ul>\n", "untranslated text"},
    {"an expression in <script>",
     "{{! args: const char *x }}\n<script>var x = \"{{ x }}\";</script>\n", "<script>"},
    {"an expression in <script> with attributes",
     "{{! args: const char *x }}\n<script type=\"module\">f({{ x }})</script>\n", "<script>"},
    {"an expression in <SCRIPT>", "{{! args: const char *x }}\n<SCRIPT>{{ x }}</SCRIPT>\n",
     "<script>"},
    {"a number in <script>", "{{! args: int n }}\n<script>var n = {{int n}};</script>\n",
     "<script>"},
    {"an expression in <script> behind a bare &",
     "{{! args: const char *x }}\n<p>&<script>{{ x }}</script></p>\n", "<script>"},
    {"an expression in <style>", "{{! args: const char *x }}\n<style>p{color:{{ x }}}</style>\n",
     "<style>"},
    {"an unquoted attribute value", "{{! args: const char *x }}\n<a href={{ x }}></a>\n",
     "quoted attribute"},
    {"an unquoted value after a space", "{{! args: const char *x }}\n<input value= {{ x }}>\n",
     "quoted attribute"},
    {"an expression as an attribute", "{{! args: const char *x }}\n<div {{ x }}></div>\n",
     "quoted attribute"},
    {"an expression after an attribute",
     "{{! args: const char *x }}\n<input type=\"text\" {{ x }}>\n", "quoted attribute"},
    {"an expression as the tag name", "{{! args: const char *x }}\n<{{ x }}></div>\n",
     "quoted attribute"},
    {"a number outside a value", "{{! args: int n }}\n<td {{int n}}></td>\n", "quoted attribute"},
    {"a translation outside a value", "<div {{t app.name}}></div>\n", "quoted attribute"},
    {"raw in a value", "{{! args: const char *x }}\n<span title=\"{{raw x}}\"></span>\n", "raw"},
    {"raw in a URL", "{{! args: const char *x }}\n<a href=\"{{raw x}}\"></a>\n", "raw"},
    {"words in title", "<a href=\"/\" title=\"Startsida\"></a>\n", "attribute title"},
    {"words in alt", "<img src=\"/static/logo.svg\" alt=\"Logotyp\">\n", "attribute alt"},
    {"words in placeholder", "<input name=\"q\" placeholder=\"Sök\">\n", "attribute placeholder"},
    {"words in aria-label", "<nav aria-label=\"Huvudmeny\"></nav>\n", "attribute aria-label"},
    {"words in ARIA-LABEL", "<nav ARIA-LABEL='Meny'></nav>\n", "attribute aria-label"},
    {"an unquoted literal value", "<input type=text>\n", "unquoted attribute"},
    {"a view ending inside a tag", "<a href=\"/\"\n", "inside a tag"},
    {"an unterminated expression", "{{! args: const char *x }}\n<p>{{ x </p>\n", "unterminated"},
    {"a word after a dash", "<p>{{t app.name}} — Svar</p>\n", "untranslated text"},
    {"a letter with a diacritic", "<p>· é</p>\n", "untranslated text"},
    {"an include without quotes", "{{! args: const thing *x }}\n{{! include: thing.h }}\n<p></p>\n",
     "one quoted header path"},
    {"an include of two headers", "{{! include: \"a.h\" \"b.h\" }}\n<p></p>\n",
     "one quoted header path"},
    {"an include over two lines", "{{! include: \"a.h\"\n}}\n<p></p>\n", "unterminated include"},
};

static void test_refuses(void **state)
{
    (void)state;
    int failures = 0;
    for (size_t i = 0; i < N_ELEMS(refused); i++) {
        char *err = NULL;
        int rc = compile_view(refused[i].html, &err, NULL);
        if (rc == 0) {
            print_error("accepted %s: %s", refused[i].why, refused[i].html);
            failures++;
        } else if (!strstr(err, refused[i].message) || !strstr(err, "case.html:")) {
            print_error("refused %s, but said: %s", refused[i].why, err);
            failures++;
        }
        free(err);
    }
    assert_int_equal(failures, 0);
}

/* The refusal names the line. */
static void test_refusal_names_the_line(void **state)
{
    (void)state;
    char *err = NULL;
    assert_int_not_equal(
        compile_view("<main>\n<h1>{{t app.name}}</h1>\n\n<p>Glömd text</p>\n</main>\n", &err, NULL),
        0);
    assert_non_null(strstr(err, "case.html:4:"));
    free(err);
}

/* ---- what tmplc must accept, and the escape it picks ----------------------------- */

/* In generated code, an expression straight after href=" / src=" / action=" must never
 * be merely HTML-escaped (esc_url_attr, a translation or a number are fine). Returns how
 * many such expressions there were. */
static int url_expressions_checked(const char *gen)
{
    const char *url_attrs[] = {"href=\\\"\", ", "src=\\\"\", ", "action=\\\"\", "};
    int n = 0;
    for (size_t i = 0; i < N_ELEMS(url_attrs); i++) {
        for (const char *p = gen; (p = strstr(p, url_attrs[i])); p++) {
            const char *line = strchr(p, '\n');
            if (!line || strncmp(line + 1, "#line ", 6) != 0)
                continue; /* literal text follows, not an expression */
            line = strchr(line + 1, '\n');
            if (!line) continue;
            line++;
            n++;
            if (strncmp(line, "    esc_html(out, ", 18) == 0 &&
                strncmp(line, "    esc_html(out, tr(", 21) != 0)
                fail_msg("a URL attribute is only HTML-escaped: %.80s", line);
        }
    }
    return n;
}

static void test_accepts_the_real_views(void **state)
{
    (void)state;
    glob_t g;
    assert_int_equal(glob("views/*.html", 0, NULL, &g), 0);
    assert_true(g.gl_pathc > 0);
    char args[8192];
    char hdir[128];
    snprintf(hdir, sizeof hdir, "%s/views", dir);
    mkdir(hdir, 0700);
    int n = snprintf(args, sizeof args, "views '%s/views.c' '%s'", dir, hdir);
    for (size_t i = 0; i < g.gl_pathc; i++)
        n += snprintf(args + n, sizeof args - (size_t)n, " '%s'", g.gl_pathv[i]);
    assert_true((size_t)n < sizeof args);
    char *err = NULL;
    int rc = run_tmplc(args, &err);
    if (rc != 0) fail_msg("the real views were refused: %s", err);
    free(err);
    char path[128];
    snprintf(path, sizeof path, "%s/views.c", dir);
    char *gen = read_all(path);
    /* one function per view */
    for (size_t i = 0; i < g.gl_pathc; i++) {
        const char *base = strrchr(g.gl_pathv[i], '/') + 1;
        char fn[128];
        snprintf(fn, sizeof fn, "void view_%.*s(", (int)strcspn(base, "."), base);
        for (char *q = fn + 10; *q && *q != '('; q++)
            if (!isalnum((unsigned char)*q)) *q = '_';
        if (!strstr(gen, fn)) fail_msg("no %s in the generated code", fn);
    }
    url_expressions_checked(gen);
    free(gen);
    globfree(&g);
}

static void test_picks_escape_by_context(void **state)
{
    (void)state;
    const char *html =
        "{{! args: const char *u, const char *x, const char *h, long n }}\n"
        "<!-- en kommentar med ord -->\n"
        "<a href=\"{{ u }}\" title=\"{{ x }}\">{{ x }}</a>\n"
        "<a HREF='{{ u }}' class=\"c\">{{t app.name}}</a>\n"
        "<img src=\"{{ u }}\" alt=\"{{t app.name}}\">\n"
        "<form method=\"post\" action=\"{{ u }}\"><button formaction=\"{{ u }}\"></button>\n"
        "<input name=\"q\" value=\"{{ x }}\" data-n=\"{{int n}}\" placeholder=\"{{t app.name}}\">\n"
        "</form>\n"
        "<script src=\"/static/app.js\" defer></script>\n"
        "<p>{{raw h}} ({{int n}}) - 1/2 &nbsp; &amp;</p>\n"
        "{% for (int i = 0; i < 2; i++) { %}<span aria-label=\"{{ x }}\">{{ x }}</span>{% } %}\n";
    char *err = NULL, *gen = NULL;
    int rc = compile_view(html, &err, &gen);
    if (rc != 0) fail_msg("refused: %s", err);
    assert_int_equal(count(gen, "esc_url_attr(out, u);"), 5);
    assert_int_equal(url_expressions_checked(gen), 4); /* href, src, action, formaction */
    assert_int_equal(count(gen, "esc_html(out, u);"), 0);
    /* title, text, value, aria-label, text */
    assert_int_equal(count(gen, "esc_html(out, x);"), 5);
    assert_int_equal(count(gen, "esc_url_attr(out, x);"), 0);
    assert_int_equal(count(gen, "esc_html(out, tr(lang, TR_app_name));"), 3);
    assert_int_equal(count(gen, "buf_puts(out, h);"), 1);
    assert_int_equal(count(gen, "buf_printf(out, \"%lld\", (long long)(n));"), 2);
    assert_non_null(strstr(gen, "for (int i = 0; i < 2; i++) {"));
    assert_non_null(strstr(gen, "void view_case(buf *out, lang_t lang, const char *u, "
                                "const char *x, const char *h, long n)"));
    /* the literal HTML is carried over as it was written */
    assert_non_null(strstr(gen, "<script src=\\\"/static/app.js\\\" defer></script>"));
    free(err);
    free(gen);
}

/* Dashes, the middle dot, the ellipsis and the no-break space are the same in every
 * language: they stand in a view as written, and reach the page unchanged. */
static void test_punctuation_is_no_word(void **state)
{
    (void)state;
    char *err = NULL, *gen = NULL;
    int rc = compile_view("<p>{{t app.name}} — {{t app.name}} · 1–2 …\u00a0</p>\n", &err, &gen);
    if (rc != 0) fail_msg("refused: %s", err);
    assert_non_null(strstr(gen, "\" — \""));
    assert_non_null(strstr(gen, " · 1–2 …\u00a0</p>"));
    free(err);
    free(gen);
}

/* A view's arguments may be an area's types: the header it names is included by the
 * view's own generated header (one folder below build/, so one "../" more), ahead of the
 * view's prototype, and the line is no output. */
static void test_include_reaches_the_header(void **state)
{
    (void)state;
    char *err = NULL, *gen = NULL;
    int rc = compile_view("{{! args: const incident_clock *c }}\n"
                          "{{! include: \"../src/incidents/incidents.h\" }}\n"
                          "{{! include: \"../src/incidents/deadline.h\" }}\n"
                          "<p>{{int c->due}}</p>\n",
                          &err, &gen);
    if (rc != 0) fail_msg("refused: %s", err);
    char path[128];
    snprintf(path, sizeof path, "%s/case.h", dir);
    char *h = read_all(path);
    const char *inc = strstr(h, "#include \"../../src/incidents/incidents.h\"\n");
    const char *inc2 = strstr(h, "#include \"../../src/incidents/deadline.h\"\n");
    const char *proto =
        strstr(h, "void view_case(buf *out, lang_t lang, const incident_clock *c);");
    assert_non_null(inc);
    assert_non_null(inc2);
    assert_non_null(proto);
    assert_true(inc < proto && inc2 < proto);
    /* the include line is no output of the view */
    assert_null(strstr(gen, "incidents.h"));
    /* the line numbers still point at the view's own lines */
    assert_non_null(strstr(gen, "#line 4 "));
    free(h);
    free(err);
    free(gen);
}

/* After </script> the text context is back. */
static void test_context_resumes_after_script(void **state)
{
    (void)state;
    char *err = NULL, *gen = NULL;
    int rc =
        compile_view("{{! args: const char *x }}\n<script>var a = 1 < 2;</script><p>{{ x }}</p>\n"
                     "<style>p > a { color: red }</style><a href=\"{{ x }}\"></a>\n",
                     &err, &gen);
    if (rc != 0) fail_msg("refused: %s", err);
    assert_int_equal(count(gen, "esc_html(out, x);"), 1);
    assert_int_equal(count(gen, "esc_url_attr(out, x);"), 1);
    free(err);
    free(gen);
}

/* ---- the catalogues ---------------------------------------------------------- */

static int run_i18n(const char *sv, const char *en, char **err)
{
    char svp[128], enp[128], args[768];
    snprintf(svp, sizeof svp, "%s/sv.txt", dir);
    snprintf(enp, sizeof enp, "%s/en.txt", dir);
    write_file(svp, sv);
    write_file(enp, en);
    snprintf(args, sizeof args, "i18n '%s/i18n.c' '%s/i18n.h' '%s' '%s'", dir, dir, svp, enp);
    return run_tmplc(args, err);
}

static void test_i18n_needs_every_key_in_both(void **state)
{
    (void)state;
    char *err = NULL;
    const char *both = "# kommentar\na.b = Hej\nc.d = Två ord\n";
    assert_int_equal(run_i18n(both, "a.b = Hello\nc.d = Two words\n", &err), 0);
    free(err);
    char path[128];
    snprintf(path, sizeof path, "%s/i18n.h", dir);
    char *h = read_all(path);
    assert_non_null(strstr(h, "TR_a_b"));
    assert_non_null(strstr(h, "TR_c_d"));
    free(h);

    /* a key missing from en */
    assert_int_not_equal(run_i18n(both, "a.b = Hello\n", &err), 0);
    assert_non_null(strstr(err, "c.d"));
    assert_non_null(strstr(err, "missing"));
    assert_non_null(strstr(err, "en.txt"));
    free(err);
    /* a key missing from sv */
    assert_int_not_equal(run_i18n("a.b = Hej\n", "a.b = Hello\ne.f = Extra\n", &err), 0);
    assert_non_null(strstr(err, "e.f"));
    assert_non_null(strstr(err, "sv.txt"));
    free(err);
    /* an empty text, a duplicate key, a line without " = " */
    assert_int_not_equal(run_i18n("a.b = \n", "a.b = Hello\n", &err), 0);
    free(err);
    assert_int_not_equal(run_i18n("a.b = Hej\na.b = Igen\n", "a.b = Hello\n", &err), 0);
    assert_non_null(strstr(err, "duplicate"));
    free(err);
    assert_int_not_equal(run_i18n("a.b Hej\n", "a.b = Hello\n", &err), 0);
    free(err);
}

static void test_catalogues_complete_and_translated(void **state)
{
    (void)state;
    assert_true(TR__COUNT > 0);
    int same = 0;
    for (int k = 0; k < TR__COUNT; k++) {
        assert_non_null(tr_keys[k]);
        if (!tr_sv[k] || !*tr_sv[k] || !tr_en[k] || !*tr_en[k])
            fail_msg("key %s has no text in %s", tr_keys[k], !tr_sv[k] || !*tr_sv[k] ? "sv" : "en");
        if (strcmp(tr_sv[k], tr_en[k]) == 0) same++;
        assert_int_equal(tr_find(tr_keys[k]), k);
        assert_ptr_equal(tr(LANG_SV, (tr_key)k), tr_sv[k]);
        assert_ptr_equal(tr(LANG_EN, (tr_key)k), tr_en[k]);
    }
    assert_int_equal(tr_find("no.such.key"), -1);
    /* identical texts in both languages are a sign of untranslated copies */
    if (same * 10 >= TR__COUNT)
        fail_msg("%d of %d keys have the same text in sv and en", same, (int)TR__COUNT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_refuses),
        cmocka_unit_test(test_refusal_names_the_line),
        cmocka_unit_test(test_accepts_the_real_views),
        cmocka_unit_test(test_picks_escape_by_context),
        cmocka_unit_test(test_context_resumes_after_script),
        cmocka_unit_test(test_include_reaches_the_header),
        cmocka_unit_test(test_punctuation_is_no_word),
        cmocka_unit_test(test_i18n_needs_every_key_in_both),
        cmocka_unit_test(test_catalogues_complete_and_translated),
    };
    return cmocka_run_group_tests_name("tmplc", tests, group_setup, group_teardown);
}
