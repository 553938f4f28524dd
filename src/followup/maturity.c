/* maturity.c - where the kommun stands per SKR area (seed 003), year by year: each area
 * answered as the survey asks — yes or no, and for a yes the MSB level 1–4 — with the
 * evidence; the year's profile beside the share of kommuner that answered yes in 2019. The
 * answers are need-to-know (they name the weakest areas); each year's rows are its history. */
#include "followup.h"
#include "maturity_areas.h"
#include "maturity_suggest.h"
#include "list_figure.h"
#include "../core/escape.h"
#include "../core/util.h"
#include "../http/page.h"
#include "../../build/views/maturity_page.h"
#include <stdlib.h>
#include <string.h>

const char *maturity_level_value_label(req *r, const char *value)
{
    tr_key k = value ? maturity_level_label(atoi(value)) : 0;
    return k ? arena_printf(r->a, "%s – %s", value, tr(r->lang, k)) : NULL;
}

void maturity_validate(req *r, const entity *e, record *rec, const record *old, errors *errs)
{
    const char *yes = record_get(rec, e, "answered_yes"), *level = record_get(rec, e, "level");
    bool answered_yes = yes && !strcmp(yes, "1");
    if (answered_yes && str_empty(level))
        errors_add(errs, entity_field(e, "level"), TR_mat_err_level, NULL);
    else if (!answered_yes && !str_empty(level))
        errors_add(errs, entity_field(e, "level"), TR_mat_err_level_no, NULL);
    const char *p[] = {tenant_param(r), record_get(rec, e, "year"), record_get(rec, e, "area"),
                       int_text(r->a, old ? old->id : 0)};
    if (p[1] && p[2] &&
        db_scalar(r->db, r->a,
                  "SELECT id FROM maturity_answer WHERE tenant_id = $1 AND year = CAST($2 AS "
                  "BIGINT) AND area = $3 AND id <> CAST($4 AS BIGINT)",
                  4, p))
        errors_add(errs, entity_field(e, "area"), TR_mat_err_answered, NULL);
}

/* The year's answers the reader may read, one row per area; false on a database error or
 * when the read could not be recorded. *yes counts the areas answered yes. */
static bool load_profile(req *r, int year, maturity_row *rows, int *yes)
{
    const entity *e = &entity_maturity_answers;
    const char *p[] = {tenant_param(r), int_text(r->a, year)};
    db_res *res = NULL;
    if (db_query(r->db, r->a,
                 arena_printf(r->a,
                              "SELECT t.id, t.area, t.answered_yes, t.level FROM maturity_answer "
                              "t WHERE t.tenant_id = $1 AND t.year = CAST($2 AS BIGINT)%s",
                              entity_read_scope(r, e, "t")),
                 2, p, &res) != DB_OK)
        return false;
    if (res->nrows && !entity_audit_read_rows(r, e, res, 0, "maturity profile")) return false;
    *yes = 0;
    for (int i = 0; i < MATURITY_AREAS; i++) {
        rows[i] = (maturity_row){.area = &maturity_areas[i], .answer = -1};
        for (int k = 0; k < res->nrows; k++) {
            if (strcmp(db_cell(res, k, 1), maturity_areas[i].code)) continue;
            const char *y = db_cell(res, k, 2), *l = db_cell(res, k, 3);
            rows[i].id = db_cell(res, k, 0);
            rows[i].answer = y && !strcmp(y, "1");
            rows[i].level = rows[i].answer == 1 && l ? atoi(l) : 0;
            rows[i].level_text = rows[i].level ? maturity_level_value_label(r, l) : NULL;
            *yes += rows[i].answer == 1;
        }
    }
    return true;
}

/* What lis suggests for each area, counted now (the suggestion is of today's data, whatever
 * year is shown), with each figure and its list; false on a database error. */
typedef struct suggestions {
    ms_suggestion s[MATURITY_AREAS];
    list_figure fig[MATURITY_AREAS][MS_MAX_FIGURES];
} suggestions;

static bool suggest(req *r, suggestions *g, maturity_row *rows)
{
    list_dates d;
    review_figures rf;
    bool counted = false;
    if (!list_dates_now(&d)) return false;
    for (int i = 0; i < MATURITY_AREAS; i++) {
        const ms_area *a = &maturity_suggestions[i];
        int values[MS_MAX_FIGURES];
        bool known[MS_MAX_FIGURES];
        for (int k = 0; k < a->nfigures; k++) {
            const ms_figure *def = &a->figures[k];
            list_figure *f = &g->fig[i][k];
            if (def->source == MS_LIST) {
                if (!list_figure_count(r, &d, def->entity, def->query, f)) return false;
            } else {
                if (!counted && !review_figures_count(r, 0, &rf)) return false;
                counted = true;
                *f = (list_figure){.value = rf.value[def->review],
                                   .known = rf.known[def->review],
                                   .href = "/lagesbild"};
            }
            values[k] = f->value;
            known[k] = f->known;
        }
        maturity_suggest(a, values, known, &g->s[i]);
        rows[i].suggestion = &g->s[i];
        rows[i].suggested_text = g->s[i].level
                                     ? maturity_level_value_label(r, int_text(r->a, g->s[i].level))
                                     : tr(r->lang, TR_mat_suggested_no);
    }
    return true;
}

static int year_asked(req *r)
{
    char today[11];
    date_today(today);
    int64_t y;
    const char *q = kv_get(&r->query, "year");
    return q && parse_int64(q, &y) && y >= 2000 && y <= 2100 ? (int)y : atoi(today);
}

void h_maturity(req *r, resp *out)
{
    const entity *e = &entity_maturity_answers;
    maturity_row rows[MATURITY_AREAS];
    int yes = 0, year = year_asked(r);
    if (!entity_may_read(r, e) || *entity_read_scope(r, e, "t")) {
        /* the profile is the tenant's whole: for those who read every answer */
        respond_error(r, out, 404, "not_found", TR_err_not_found);
        return;
    }
    suggestions *g = arena_alloc(r->a, sizeof *g);
    if (!load_profile(r, year, rows, &yes) || !suggest(r, g, rows)) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    bool may_write = perm_allows(r->auth, e->write_action, NULL);
    int mean = maturity_national_mean_hundredths();
    page_begin(r, out, tr(r->lang, TR_mat_title), "maturity");
    view_maturity_page(&out->body, r->lang, r, year, rows, MATURITY_AREAS, yes,
                       arena_printf(r->a, "%d,%d", mean / 100, mean / 10 % 10), may_write);
    page_end(r, out);
}

/* ,"suggested_level":2,"suggestion_reasons":["…"],"suggestion_figures":{"key":{"value":3,
 * "href":"/…"}} — a figure the reader may not count is null. */
static void suggestion_json(req *r, buf *b, int i, const suggestions *g)
{
    const ms_area *a = &maturity_suggestions[i];
    buf_printf(b, ",\"suggested_level\":%d,\"suggestion_reasons\":[", g->s[i].level);
    for (int k = 0; k < g->s[i].nreasons; k++) {
        if (k) buf_putc(b, ',');
        esc_json_string(b, tr(r->lang, g->s[i].reasons[k]));
    }
    buf_puts(b, "],\"suggestion_figures\":{");
    for (int k = 0; k < a->nfigures; k++) {
        const list_figure *f = &g->fig[i][k];
        buf_printf(b, "%s\"%s\":", k ? "," : "", a->figures[k].key);
        if (!f->known) {
            buf_puts(b, "null");
            continue;
        }
        buf_printf(b, "{\"value\":%d,\"href\":", f->value);
        esc_json_string(b, f->href);
        buf_putc(b, '}');
    }
    buf_putc(b, '}');
}

void api_maturity(req *r, resp *out)
{
    const entity *e = &entity_maturity_answers;
    maturity_row rows[MATURITY_AREAS];
    int yes = 0, year = year_asked(r);
    if (!entity_may_read(r, e) || *entity_read_scope(r, e, "t")) {
        respond_error(r, out, 404, "not_found", TR_err_not_found);
        return;
    }
    suggestions *g = arena_alloc(r->a, sizeof *g);
    if (!load_profile(r, year, rows, &yes) || !suggest(r, g, rows)) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    respond_json(out, 200);
    buf *b = &out->body;
    buf_printf(b, "{\"year\":%d,\"answered_yes\":%d,\"national_mean_yes_2019\":%.1f,\"areas\":[",
               year, yes, maturity_national_mean_hundredths() / 100.0);
    for (int i = 0; i < MATURITY_AREAS; i++) {
        const maturity_row *m = &rows[i];
        buf_printf(b, "%s{\"area\":\"%s\",\"national_yes_share_2019\":%.1f,\"answered_yes\":%s",
                   i ? "," : "", m->area->code, m->area->national_yes_tenths / 10.0,
                   m->answer < 0 ? "null"
                   : m->answer   ? "true"
                                 : "false");
        if (m->level)
            buf_printf(b, ",\"level\":%d", m->level);
        else
            buf_puts(b, ",\"level\":null");
        suggestion_json(r, b, i, g);
        buf_putc(b, '}');
    }
    buf_puts(b, "]}");
}
