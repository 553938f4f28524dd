/* lessons.c - from an incident's lessons learned to risks and actions, one click each:
 * every lesson gets a "create risk" and a "create action" button that open the risk or
 * action form prefilled (title and text from the lesson, the unit the incident affects,
 * the incident as origin: the URL contract of actions.h). Nothing is saved until the
 * user saves the form, so what leaves the incident is what they saw and accepted. The
 * incident page then lists what was made from it. */
#include "incidents.h"
#include "../core/escape.h"
#include "../core/util.h"
#include "../entity/origin.h"
#include <string.h>

enum {
    MAX_LESSONS = 30,
    TITLE_CHARS = 120, /* the forms take 200 */
    TEXT_CHARS = 2000, /* keeps the prefilled URL well within a request's limits */
};

/* The length in bytes of s's first n characters (UTF-8), at most strlen(s). */
static size_t utf8_prefix(const char *s, size_t n)
{
    size_t i = 0, chars = 0;
    for (; s[i]; i++) {
        if (((unsigned char)s[i] & 0xC0) == 0x80) continue;
        if (chars++ == n) break;
    }
    return i;
}

/* The length of a list marker at the start of line ("- ", "* ", "• ", "– ", "1. ",
 * "2) "), 0 if there is none. */
static size_t bullet_len(const char *line)
{
    static const char *marks[] = {"- ", "* ", "\xE2\x80\xA2 ", "\xE2\x80\x93 "};
    for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++)
        if (!strncmp(line, marks[i], strlen(marks[i]))) return strlen(marks[i]);
    size_t d = 0;
    while (line[d] >= '0' && line[d] <= '9' && d < 4)
        d++;
    if (d && (line[d] == '.' || line[d] == ')') && line[d + 1] == ' ') return d + 2;
    return 0;
}

int incident_lessons_split(arena *a, const char *text, const char **items, int max)
{
    int n = 0;
    buf cur;
    buf_init(&cur, 0);
    const char *p = text ? text : "";
    for (;;) {
        const char *end = strchr(p, '\n');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        char *line = str_trim(arena_strndup(a, p, len));
        size_t b = bullet_len(line);
        /* a blank line or a list marker ends the lesson before */
        if ((!*line || b) && cur.len && n < max) {
            items[n++] = arena_strdup(a, buf_str(&cur));
            buf_reset(&cur);
        }
        if (*line) {
            if (cur.len) buf_putc(&cur, ' ');
            buf_puts(&cur, str_trim(line + b));
        }
        if (!end) break;
        p = end + 1;
    }
    if (cur.len && n < max) items[n++] = arena_strdup(a, buf_str(&cur));
    buf_free(&cur);
    return n;
}

/* A title from a lesson: its first sentence, cut at a word within TITLE_CHARS. */
static const char *lesson_title(arena *a, const char *lesson)
{
    const char *stop = strstr(lesson, ". ");
    size_t len = stop ? (size_t)(stop - lesson) : strlen(lesson);
    size_t max = utf8_prefix(lesson, TITLE_CHARS);
    if (len <= max) return arena_strndup(a, lesson, len);
    size_t cut = max;
    while (cut > max / 2 && lesson[cut] != ' ')
        cut--;
    if (lesson[cut] != ' ') cut = max;
    return arena_printf(a, "%.*s…", (int)cut, lesson);
}

/* The unit the incident affects: a unit linked to it, else the unit of a linked system
 * or information asset; NULL when nothing is linked. */
static const char *affected_unit(req *r, int64_t id)
{
    const char *p[] = {arena_printf(r->a, "%lld", (long long)id),
                       arena_printf(r->a, "%lld", (long long)r->auth->tenant_id)};
    return db_scalar(r->db, r->a,
                     "SELECT COALESCE(l.unit_id, s.unit_id, a.unit_id) FROM incident_link l LEFT "
                     "JOIN system s ON s.id = l.system_id LEFT JOIN information_asset a ON a.id = "
                     "l.asset_id WHERE l.incident_id = $1 AND l.tenant_id = $2 ORDER BY CASE WHEN "
                     "l.unit_id IS NULL THEN 1 ELSE 0 END, l.id LIMIT 1",
                     2, p);
}

/* /<entity>/new?source_entity=incidents&source_id=…&unit_id=…&title=…&<text_field>=… */
static void prefill_link(req *r, buf *out, const char *entity, const char *text_field, int64_t id,
                         const char *unit, const char *lesson, tr_key label)
{
    buf url;
    buf_init(&url, 0);
    buf_printf(&url, "/%s/new?source_entity=incidents&source_id=%lld", entity, (long long)id);
    if (unit) {
        buf_puts(&url, "&unit_id=");
        esc_url_component(&url, unit);
    }
    buf_puts(&url, "&title=");
    esc_url_component(&url, lesson_title(r->a, lesson));
    buf_printf(&url, "&%s=", text_field);
    esc_url_component(&url, arena_strndup(r->a, lesson, utf8_prefix(lesson, TEXT_CHARS)));
    buf_puts(out, "<a class=\"button\" href=\"");
    esc_url_attr(out, buf_str(&url));
    buf_puts(out, "\">");
    esc_html(out, tr(r->lang, label));
    buf_puts(out, "</a>");
    buf_free(&url);
}

void incident_lessons_section(req *r, const record *rec, buf *out)
{
    const char *lessons = rec->values[entity_field_index(&entity_incidents, "lessons")];
    const char *items[MAX_LESSONS];
    int n = str_empty(lessons) ? 0 : incident_lessons_split(r->a, lessons, items, MAX_LESSONS);
    if (n) {
        const char *unit = affected_unit(r, rec->id);
        const char *path = unit ? unit_path_of(r, unit) : NULL;
        bool may = perm_allows(r->auth, ACT_RISK_WRITE, path);
        buf_puts(out, "<section class=\"related\" id=\"lessons\"><h2>");
        esc_html(out, tr(r->lang, TR_inc_lessons));
        buf_puts(out, "</h2><ol class=\"lessons\">");
        for (int i = 0; i < n; i++) {
            buf_puts(out, "<li><p>");
            esc_html(out, items[i]);
            buf_puts(out, "</p>");
            if (may) {
                buf_puts(out, "<p class=\"actions\">");
                prefill_link(r, out, "risks", "description", rec->id, unit, items[i],
                             TR_inc_lesson_risk);
                buf_puts(out, " ");
                prefill_link(r, out, "actions", "measure", rec->id, unit, items[i],
                             TR_inc_lesson_action);
                buf_puts(out, "</p>");
            }
            buf_puts(out, "</li>");
        }
        buf_puts(out, "</ol><p class=\"help\">");
        esc_html(out, tr(r->lang, may ? TR_inc_lessons_to_help : TR_inc_lessons_no_right));
        buf_puts(out, "</p></section>");
    }
    origin_made_from(r, &entity_incidents, rec->id, TR_inc_made_from, out);
}
