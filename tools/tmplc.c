/* tmplc.c - lis's build-time template compiler and i18n catalogue generator.
 *
 *   tmplc views OUT.c OUTDIR view.html...    compile views into C functions: OUTDIR/NAME.h
 *                                            declares view_NAME, OUT.c defines them all
 *   tmplc i18n OUT.c OUT.h sv.txt en.txt [glossary.txt]
 *                                            compile the two catalogues, checking both
 *                                            hold exactly the same keys and keep to the
 *                                            glossary's one term per concept
 *
 * A view starts with its C signature line:   {{! args: const page *p, int n }}
 * and becomes   void view_NAME(buf *out, lang_t lang, const page *p, int n);
 * A view whose arguments are an area's types names that area's header on the next
 * lines, relative to build/ (the generated header in build/views/ adds one "../"):
 *                                            {{! include: "../src/incidents/incidents.h" }}
 * Each view has its own header, so a C file includes only the views it calls and the
 * house's include check (scripts/include-graph.sh) sees the areas each view brings in.
 *
 *   {{ expr }}      a C string expression, escaped for where it stands: HTML text,
 *                   a quoted attribute value, or a URL attribute (href, src, action)
 *   {{int expr}}    a C integer expression (long long)
 *   {{t key}}       the translation of key (both catalogues must have it), escaped
 *   {{raw expr}}    HTML built by the escaping helpers (only in text context)
 *   {% C code %}    a C statement, e.g.  {% for (int i = 0; i < n; i++) { %} … {% } %}
 *
 * Context is tracked through the literal HTML, so the escape is chosen by the compiler,
 * never by the author. It refuses: expressions inside a tag outside quotes, inside
 * <script> or <style>, {{raw}} in attributes, and literal words in text or in
 * title/alt/placeholder/aria-label attributes (untranslated UI text). */
#include <ctype.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *cur_file;
static int cur_line;

static void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "%s:%d: ", cur_file, cur_line);
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\n");
    va_end(ap);
    exit(1);
}

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        exit(1);
    }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    if (fread(s, 1, (size_t)n, f) != (size_t)n) {
        perror(path);
        exit(1);
    }
    s[n] = 0;
    fclose(f);
    return s;
}

/* ---- i18n ---------------------------------------------------------------- */

typedef struct entry {
    char *key, *value;
} entry;

static int load_catalogue(const char *path, entry **out)
{
    char *s = read_file(path);
    int n = 0, cap = 256;
    entry *e = malloc(sizeof *e * (size_t)cap);
    cur_file = path;
    cur_line = 0;
    for (char *line = strtok(s, "\n"); line; line = strtok(NULL, "\n")) {
        cur_line++;
        while (isspace((unsigned char)*line))
            line++;
        if (!*line || *line == '#') continue;
        char *eq = strstr(line, " = ");
        if (!eq) die("expected 'key = text'");
        *eq = 0;
        for (char *k = line; *k; k++)
            if (!isalnum((unsigned char)*k) && *k != '_' && *k != '.') die("bad key '%s'", line);
        if (n == cap) e = realloc(e, sizeof *e * (size_t)(cap *= 2));
        e[n].key = line;
        e[n].value = eq + 3;
        if (!*e[n].value) die("empty text for %s", line);
        for (int i = 0; i < n; i++)
            if (strcmp(e[i].key, line) == 0) die("duplicate key %s", line);
        n++;
    }
    *out = e;
    return n;
}

static void c_string(FILE *f, const char *s, size_t n)
{
    fputc('"', f);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\')
            fprintf(f, "\\%c", c);
        else if (c == '\n')
            fputs("\\n\"\n\"", f);
        else if (c < 0x20)
            fprintf(f, "\\%03o", c);
        else if (c == '?' && i + 1 < n && s[i + 1] == '?')
            fputs("?\"\"", f); /* no trigraphs */
        else
            fputc(c, f);
    }
    fputc('"', f);
}

static void enum_name(FILE *f, const char *key)
{
    fputs("TR_", f);
    for (; *key; key++)
        fputc(*key == '.' ? '_' : *key, f);
}

static int cmp_entry(const void *a, const void *b)
{
    return strcmp(((const entry *)a)->key, ((const entry *)b)->key);
}

/* ---- glossary ------------------------------------------------------------ */

/* A copy of s in lower case, for ASCII and the Swedish capitals Å, Ä, Ö (and É). */
static char *lower_copy(const char *s)
{
    char *out = strdup(s);
    for (unsigned char *p = (unsigned char *)out; *p; p++) {
        if (*p < 0x80) {
            *p = (unsigned char)tolower(*p);
        } else if (*p == 0xC3 && (p[1] == 0x85 || p[1] == 0x84 || p[1] == 0x96 || p[1] == 0x89)) {
            p[1] = (unsigned char)(p[1] + 0x20);
            p++;
        }
    }
    return out;
}

static char *trimmed(char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    char *end = s + strlen(s);
    while (end > s && isspace((unsigned char)end[-1]))
        *--end = 0;
    return s;
}

typedef struct concept {
    char *sv, *en;
    char *en_not[8], *sv_not[8];
    int nen_not, nsv_not;
}
concept;

static int split_words(char *list, char **out, int max)
{
    int n = 0;
    for (char *w = strtok(list, ","); w && n < max; w = strtok(NULL, ",")) {
        w = trimmed(w);
        if (*w) out[n++] = lower_copy(w);
    }
    return n;
}

/* One term per concept (i18n/glossary.txt): a Swedish text never uses a word the glossary
 * rules out for Swedish, and the English of a Swedish text holding a term never uses a word
 * ruled out for that term's English, unless the Swedish also holds the term that word is
 * right for ("förvaltningar och avdelningar" may say "department"). s[i] and e[i] are the
 * same key. Returns the number of faults, each named on stderr. */
static int check_glossary(const char *path, const entry *s, const entry *e, int n)
{
    char *text = read_file(path);
    concept c[64];
    int nc = 0;
    cur_file = path;
    cur_line = 0;
    char *save = NULL;
    for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        cur_line++;
        line = trimmed(line);
        if (!*line || *line == '#') continue;
        char *col[4] = {0};
        int k = 0;
        for (char *p = line; k < 4; k++) {
            col[k] = p;
            char *bar = strchr(p, '|');
            if (!bar) break;
            *bar = 0;
            p = bar + 1;
        }
        if (k < 3 || nc == 64) die("expected 'sv term | en term | en words not | sv words not'");
        concept *x = &c[nc++];
        memset(x, 0, sizeof *x);
        x->sv = lower_copy(trimmed(col[0]));
        x->en = lower_copy(trimmed(col[1]));
        x->nen_not = split_words(col[2], x->en_not, 8);
        x->nsv_not = col[3] ? split_words(col[3], x->sv_not, 8) : 0;
    }
    int faults = 0;
    for (int i = 0; i < n; i++) {
        char *sv = lower_copy(s[i].value), *en = lower_copy(e[i].value);
        for (int k = 0; k < nc; k++) {
            for (int w = 0; w < c[k].nsv_not; w++)
                if (strstr(sv, c[k].sv_not[w])) {
                    fprintf(stderr, "%s: %s says \"%s\"; the term is \"%s\"\n", path, s[i].key,
                            c[k].sv_not[w], c[k].sv);
                    faults++;
                }
            if (!strstr(sv, c[k].sv)) continue;
            for (int w = 0; w < c[k].nen_not; w++) {
                if (!strstr(en, c[k].en_not[w])) continue;
                bool right_elsewhere = false;
                for (int o = 0; o < nc && !right_elsewhere; o++)
                    right_elsewhere =
                        o != k && strstr(sv, c[o].sv) && strstr(c[o].en, c[k].en_not[w]);
                if (right_elsewhere) continue;
                fprintf(stderr, "%s: %s (en) says \"%s\" for \"%s\"; the term is \"%s\"\n", path,
                        e[i].key, c[k].en_not[w], c[k].sv, c[k].en);
                faults++;
            }
        }
        free(sv);
        free(en);
    }
    return faults;
}

static int do_i18n(const char *out_c, const char *out_h, const char *sv, const char *en,
                   const char *glossary)
{
    entry *s, *e;
    int ns = load_catalogue(sv, &s), ne = load_catalogue(en, &e);
    qsort(s, (size_t)ns, sizeof *s, cmp_entry);
    qsort(e, (size_t)ne, sizeof *e, cmp_entry);
    int bad = 0;
    for (int i = 0, j = 0; i < ns || j < ne;) {
        int c = i >= ns ? 1 : j >= ne ? -1 : strcmp(s[i].key, e[j].key);
        if (c < 0) {
            fprintf(stderr, "%s: key %s is missing\n", en, s[i++].key);
            bad = 1;
        } else if (c > 0) {
            fprintf(stderr, "%s: key %s is missing\n", sv, e[j++].key);
            bad = 1;
        } else {
            i++;
            j++;
        }
    }
    if (bad) return 1;
    if (glossary && check_glossary(glossary, s, e, ns)) return 1;
    FILE *h = fopen(out_h, "w");
    fprintf(h, "/* generated by tools/tmplc.c from i18n/sv.txt and en.txt - do not edit */\n");
    fprintf(h, "#ifndef LIS_I18N_GEN_H\n#define LIS_I18N_GEN_H\ntypedef enum tr_key {\n");
    for (int i = 0; i < ns; i++) {
        fputs("    ", h);
        enum_name(h, s[i].key);
        fputs(",\n", h);
    }
    fprintf(h, "    TR__COUNT\n} tr_key;\n#endif\n");
    fclose(h);
    FILE *c = fopen(out_c, "w");
    fprintf(c, "/* generated by tools/tmplc.c - do not edit */\n#include \"i18n_gen.h\"\n");
    fprintf(c, "const char *const tr_keys[TR__COUNT] = {\n");
    for (int i = 0; i < ns; i++) {
        fputs("    ", c);
        c_string(c, s[i].key, strlen(s[i].key));
        fputs(",\n", c);
    }
    fprintf(c, "};\nconst char *const tr_sv[TR__COUNT] = {\n");
    for (int i = 0; i < ns; i++) {
        fputs("    ", c);
        c_string(c, s[i].value, strlen(s[i].value));
        fputs(",\n", c);
    }
    fprintf(c, "};\nconst char *const tr_en[TR__COUNT] = {\n");
    for (int i = 0; i < ne; i++) {
        fputs("    ", c);
        c_string(c, e[i].value, strlen(e[i].value));
        fputs(",\n", c);
    }
    fprintf(c, "};\n");
    fclose(c);
    return 0;
}

/* ---- views --------------------------------------------------------------- */

typedef enum { S_TEXT, S_TAG, S_ATTR_NAME, S_AFTER_EQ, S_VALUE, S_RAWTEXT } html_state;

typedef struct scanner {
    html_state state;
    char quote;
    char tag[16];
    int tag_len;
    char attr[32];
    int attr_len;
    int value_len; /* characters of the current attribute value so far */
    bool closing;
    bool in_comment;
    const char *rawtext_end; /* "</script" or "</style" */
} scanner;

static bool attr_is_url(const scanner *s)
{
    return !strcmp(s->attr, "href") || !strcmp(s->attr, "src") || !strcmp(s->attr, "action") ||
           !strcmp(s->attr, "formaction");
}

static bool attr_is_text(const scanner *s)
{
    return !strcmp(s->attr, "title") || !strcmp(s->attr, "alt") ||
           !strcmp(s->attr, "placeholder") || !strcmp(s->attr, "aria-label");
}

/* Typographic punctuation that is the same in every language and no word: the dashes,
 * the middle dot and the ellipsis between figures and links (" — ", " · "), and the
 * no-break space. Returns the length of the UTF-8 sequence at p, or 0. */
static size_t punctuation_len(const char *p, size_t n)
{
    static const char *const marks[] = {"\u2014", "\u2013", "\u00b7", "\u2026", "\u00a0"};
    for (size_t m = 0; m < sizeof marks / sizeof marks[0]; m++) {
        size_t len = strlen(marks[m]);
        if (len <= n && !memcmp(p, marks[m], len)) return len;
    }
    return 0;
}

/* Advances the HTML state over literal text, refusing untranslated words. */
static void scan_literal(scanner *s, const char *p, size_t n)
{
    size_t k;
    for (size_t i = 0; i < n; i++) {
        char c = p[i];
        if (c == '\n') cur_line++;
        if (s->in_comment) {
            if (c == '>' && i >= 2 && p[i - 1] == '-' && p[i - 2] == '-') s->in_comment = false;
            continue;
        }
        switch (s->state) {
        case S_RAWTEXT:
            if (c == '<' && strncasecmp(p + i, s->rawtext_end, strlen(s->rawtext_end)) == 0) {
                s->state = S_TAG;
                s->closing = true;
                s->tag_len = 0;
                i += 1;
            }
            break;
        case S_TEXT:
            if (c == '<') {
                if (strncmp(p + i, "<!--", 4) == 0) {
                    s->in_comment = true;
                    i += 3;
                    break;
                }
                s->state = S_TAG;
                s->tag_len = 0;
                s->closing = false;
                s->tag[0] = 0;
            } else if (c == '&') {
                /* skip a character reference (&amp; &#39;) and nothing else */
                size_t j = i + 1;
                while (j < n && (isalnum((unsigned char)p[j]) || p[j] == '#'))
                    j++;
                if (j > i + 1 && j < n && p[j] == ';') i = j;
            } else if ((unsigned char)c >= 0x80 && (k = punctuation_len(p + i, n - i))) {
                i += k - 1;
            } else if (isalpha((unsigned char)c) || (unsigned char)c >= 0x80) {
                die("untranslated text in a view (use {{t key}}): \"%.20s\"", p + i);
            }
            break;
        case S_TAG:
            if (c == '/' && s->tag_len == 0) {
                s->closing = true;
            } else if (isalnum((unsigned char)c) || c == '!' || c == '-') {
                if (s->tag_len < 15) {
                    s->tag[s->tag_len++] = (char)tolower((unsigned char)c);
                    s->tag[s->tag_len] = 0;
                }
            } else if (c == '>') {
                goto tag_end;
            } else if (isspace((unsigned char)c)) {
                s->state = S_ATTR_NAME;
                s->attr_len = 0;
                s->attr[0] = 0;
            }
            break;
        case S_ATTR_NAME:
            if (c == '>') {
                goto tag_end;
            } else if (c == '=') {
                s->state = S_AFTER_EQ;
            } else if (isspace((unsigned char)c) || c == '/') {
                if (s->attr_len) s->attr_len = 0;
            } else {
                if (s->attr_len == 0) s->attr[0] = 0;
                if (s->attr_len < 31) {
                    s->attr[s->attr_len++] = (char)tolower((unsigned char)c);
                    s->attr[s->attr_len] = 0;
                }
            }
            break;
        case S_AFTER_EQ:
            if (c == '"' || c == '\'') {
                s->state = S_VALUE;
                s->quote = c;
                s->value_len = 0;
            } else if (!isspace((unsigned char)c)) {
                die("unquoted attribute value for %s", s->attr);
            }
            break;
        case S_VALUE:
            s->value_len++;
            if (c == s->quote) {
                s->state = S_ATTR_NAME;
                s->attr_len = 0;
            } else if (attr_is_text(s) && (isalpha((unsigned char)c) || (unsigned char)c >= 0x80)) {
                die("untranslated text in attribute %s (use {{t key}})", s->attr);
            }
            break;
        }
        continue;
    tag_end:
        if (!s->closing && (!strcmp(s->tag, "script") || !strcmp(s->tag, "style"))) {
            s->state = S_RAWTEXT;
            s->rawtext_end = !strcmp(s->tag, "script") ? "</script" : "</style";
        } else {
            s->state = S_TEXT;
        }
    }
}

static void emit_literal(FILE *f, const char *p, size_t n)
{
    if (!n) return;
    fprintf(f, "    buf_append(out, ");
    c_string(f, p, n);
    fprintf(f, ", %zu);\n", n);
}

static char *trim(char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1]))
        s[--n] = 0;
    return s;
}

/* views/NAME.html -> NAME, as a C identifier */
static void view_name(const char *path, char *name, size_t size)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    snprintf(name, size, "%s", base);
    char *dot = strchr(name, '.');
    if (dot) *dot = 0;
    for (char *q = name; *q; q++)
        if (!isalnum((unsigned char)*q)) *q = '_';
}

static FILE *open_view_header(const char *dir, const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s.h", dir, name);
    FILE *h = fopen(path, "w");
    if (!h) {
        perror(path);
        exit(1);
    }
    fprintf(h,
            "/* generated by tools/tmplc.c from views/%s.html - do not edit */\n"
            "#ifndef LIS_VIEW_%s_H\n#define LIS_VIEW_%s_H\n"
            "#include \"../../src/core/buf.h\"\n#include \"../../src/core/escape.h\"\n"
            "#include \"../../src/core/i18n.h\"\n#include <stdbool.h>\n#include <string.h>\n",
            name, name, name);
    return h;
}

static void compile_view(FILE *c, const char *hdir, const char *path)
{
    char *src = read_file(path);
    cur_file = path;
    cur_line = 1;
    char name[128];
    view_name(path, name, sizeof name);
    FILE *h = open_view_header(hdir, name);

    const char *p = src;
    const char *args = "void";
    char *argbuf = NULL;
    if (strncmp(p, "{{! args:", 9) == 0) {
        const char *end = strstr(p, "}}");
        if (!end) die("unterminated args line");
        argbuf = strndup(p + 9, (size_t)(end - p - 9));
        args = trim(argbuf);
        p = end + 2;
        if (*p == '\n') {
            p++;
            cur_line++;
        }
    }
    /* the headers that declare the argument types, each on its own line */
    while (strncmp(p, "{{! include:", 12) == 0) {
        const char *end = strstr(p, "}}");
        const char *nl = strchr(p, '\n');
        if (!end || (nl && nl < end)) die("unterminated include line");
        char *path_q = strndup(p + 12, (size_t)(end - p - 12));
        char *inc = trim(path_q);
        size_t len = strlen(inc);
        if (len < 3 || inc[0] != '"' || inc[len - 1] != '"' ||
            strchr(inc + 1, '"') != inc + len - 1)
            die("include wants one quoted header path: {{! include: \"../src/AREA/AREA.h\" }}");
        /* relative to build/, as written; the header sits one folder deeper */
        fprintf(h, "#include \"%s%s\n", strncmp(inc + 1, "../", 3) == 0 ? "../" : "", inc + 1);
        free(path_q);
        p = end + 2;
        if (*p == '\n') {
            p++;
            cur_line++;
        }
    }
    bool has_args = strcmp(args, "void") != 0 && *args;
    fprintf(h, "void view_%s(buf *out, lang_t lang%s%s);\n#endif\n", name, has_args ? ", " : "",
            has_args ? args : "");
    fclose(h);
    fprintf(c, "\n/* %s */\nvoid view_%s(buf *out, lang_t lang%s%s)\n{\n    (void)lang;\n", path,
            name, has_args ? ", " : "", has_args ? args : "");

    scanner s = {.state = S_TEXT};
    while (*p) {
        const char *open = strstr(p, "{{");
        const char *stmt = strstr(p, "{%");
        const char *next = open;
        if (stmt && (!next || stmt < next)) next = stmt;
        if (!next) {
            scan_literal(&s, p, strlen(p));
            emit_literal(c, p, strlen(p));
            break;
        }
        scan_literal(&s, p, (size_t)(next - p));
        emit_literal(c, p, (size_t)(next - p));
        bool is_stmt = next == stmt;
        const char *close = strstr(next + 2, is_stmt ? "%}" : "}}");
        if (!close) die("unterminated %s", is_stmt ? "{%" : "{{");
        char *inner = strndup(next + 2, (size_t)(close - next - 2));
        for (char *q = inner; *q; q++)
            if (*q == '\n') cur_line++;
        char *expr = trim(inner);
        fprintf(c, "#line %d \"%s\"\n", cur_line, path);
        if (is_stmt) {
            fprintf(c, "    %s\n", expr);
        } else {
            if (s.state == S_RAWTEXT) die("expression inside <script> or <style>");
            if (s.state == S_TAG || s.state == S_ATTR_NAME || s.state == S_AFTER_EQ)
                die("expression inside a tag must stand in a quoted attribute value");
            /* a URL attribute's scheme is checked where the value starts; later in the
             * value (after "/units?q=") plain attribute escaping is what is needed */
            const char *escape = s.state == S_VALUE && attr_is_url(&s) && s.value_len == 0
                                     ? "esc_url_attr"
                                     : "esc_html";
            if (strncmp(expr, "t ", 2) == 0) {
                char *key = trim(expr + 2);
                fprintf(c, "    esc_html(out, tr(lang, TR_");
                for (char *k = key; *k; k++)
                    fputc(*k == '.' ? '_' : *k, c);
                fprintf(c, "));\n");
            } else if (strncmp(expr, "int ", 4) == 0) {
                fprintf(c, "    buf_printf(out, \"%%lld\", (long long)(%s));\n", expr + 4);
            } else if (strncmp(expr, "raw ", 4) == 0) {
                if (s.state != S_TEXT) die("{{raw}} is allowed only in text, not in attributes");
                fprintf(c, "    buf_puts(out, %s);\n", expr + 4);
            } else {
                fprintf(c, "    %s(out, %s);\n", escape, expr);
            }
        }
        free(inner);
        p = close + 2;
    }
    if (s.state != S_TEXT) die("view ends inside a tag");
    fprintf(c, "}\n");
    free(argbuf);
    free(src);
}

static int do_views(const char *out_c, const char *out_dir, int n, char **files)
{
    FILE *c = fopen(out_c, "w");
    if (!c) {
        perror(out_c);
        return 1;
    }
    /* the bodies may use what app/view.h gathers (they are drawn at the composition
     * root) and call each other; a view's own header declares only its argument types */
    fprintf(c, "/* generated by tools/tmplc.c from views/ - do not edit */\n"
               "#include \"../src/app/view.h\"\n");
    for (int i = 0; i < n; i++) {
        char name[128];
        view_name(files[i], name, sizeof name);
        fprintf(c, "#include \"views/%s.h\"\n", name);
    }
    for (int i = 0; i < n; i++)
        compile_view(c, out_dir, files[i]);
    fclose(c);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc >= 6 && strcmp(argv[1], "i18n") == 0 && argc <= 7)
        return do_i18n(argv[2], argv[3], argv[4], argv[5], argc == 7 ? argv[6] : NULL);
    if (argc >= 4 && strcmp(argv[1], "views") == 0)
        return do_views(argv[2], argv[3], argc - 4, argv + 4);
    fprintf(stderr, "usage: tmplc views OUT.c OUTDIR view.html...\n"
                    "       tmplc i18n OUT.c OUT.h sv.txt en.txt [glossary.txt]\n");
    return 2;
}
