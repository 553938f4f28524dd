/* assess.c - an object's requirements: which apply (from its protection need), their
 * self-assessment (saved one area at a time, so a coordinator can work through the
 * list in short sittings), the share met, and the SKA requirements as a procurement
 * annex in Swedish. */
#include "requirements.h"
#include "assessment.h"
#include "../classification/classification.h"
#include "../actions/actions.h"
#include "../entity/xlsx.h"
#include "../core/escape.h"
#include "../core/util.h"
#include "../http/page.h"
#include "../../build/views/annex.h"
#include "../../build/views/assess_gap.h"
#include "../../build/views/assess_object_section.h"
#include "../../build/views/assess_page.h"
#include <stdlib.h>
#include <string.h>

/* Loads one object's assessment when the caller may read its answers (need-to-know: the
 * page, its section on the object, the annex); false otherwise, as for no such object. */
static bool load(req *r, int64_t object_id, assessment *s)
{
    memset(s, 0, sizeof *s);
    if (!entity_parent_readable(r, &entity_answers, object_id)) return false;
    s->object_id = object_id;
    const char *p[] = {int_text(r->a, object_id), tenant_param(r)};
    db_res *obj = NULL;
    if (db_query(r->db, r->a,
                 "SELECT name, unit_id FROM managed_object WHERE id = $1 AND tenant_id = $2", 2, p,
                 &obj) != DB_OK ||
        !obj->nrows)
        return false;
    s->object_name = db_cell(obj, 0, 0);
    s->unit_id = db_cell(obj, 0, 1);
    if (!need_of_object(r, object_id, s->need)) return false;
    const char *pt[] = {p[1]};
    if (db_query(r->db, r->a,
                 "SELECT id, code, area, kind, aspect, min_level, text_sv, text_en, iso27002, "
                 "msbfs, gdpr FROM requirement WHERE tenant_id = $1 AND active = 1 ORDER BY area, "
                 "code",
                 1, pt, &s->reqs) != DB_OK ||
        db_query(r->db, r->a,
                 "SELECT requirement_id, status, comment, evidence, id FROM answer WHERE "
                 "object_id = $1 AND tenant_id = $2",
                 2, p, &s->answers) != DB_OK ||
        db_query(r->db, r->a,
                 arena_printf(r->a,
                              "SELECT x.source_id, x.id, x.title, x.status FROM action_item x "
                              "JOIN answer a ON a.tenant_id = x.tenant_id AND a.id = x.source_id "
                              "WHERE x.tenant_id = $2 AND x.source_entity = 'answers' AND "
                              "a.object_id = $1%s ORDER BY x.id",
                              entity_read_scope(r, &entity_actions, "x")),
                 2, p, &s->actions) != DB_OK)
        return false;
    for (int k = 0; k < 4 && requirement_sources[k].load; k++)
        if (requirement_sources[k].load(r, s->unit_id, &s->met_by[k]) != DB_OK) return false;
    int n = s->reqs->nrows;
    s->applies = arena_alloc(r->a, sizeof(bool) * (size_t)(n + 1));
    s->answer_of = arena_alloc(r->a, sizeof(int) * (size_t)(n + 1));
    for (int i = 0; i < n; i++) {
        s->applies[i] = requirement_applies(db_cell(s->reqs, i, Q_ASPECT),
                                            atoi(db_cell(s->reqs, i, Q_LEVEL)), s->need);
        s->answer_of[i] = -1;
        for (int k = 0; k < s->answers->nrows; k++)
            if (!strcmp(db_cell(s->answers, k, A_REQ), db_cell(s->reqs, i, Q_ID)))
                s->answer_of[i] = k;
        if (!s->applies[i]) continue;
        s->applicable++;
        const char *st =
            s->answer_of[i] >= 0 ? db_cell(s->answers, s->answer_of[i], A_STATUS) : NULL;
        if (!st) continue;
        s->assessed++;
        s->met += !strcmp(st, "met");
        s->na += !strcmp(st, "na");
        s->gaps += !strcmp(st, "not_met") || !strcmp(st, "partly");
    }
    return true;
}

int assessment_met_percent(const assessment *s)
{
    return share_met_percent(s->applicable, s->met, s->na);
}

const char *requirement_enum_label(req *r, const char *field, const char *value)
{
    return enum_label(
        r, &entity_requirements.fields[entity_field_index(&entity_requirements, field)], value);
}

const char *answer_status_label(req *r, const char *value)
{
    return enum_label(r, &entity_answers.fields[entity_field(&entity_answers, "status")], value);
}

/* A gap (not or partly met) becomes an action in the handlingsplan: the actions made
 * from this answer, or a link that opens the action form with the origin filled in
 * (the contract in src/actions/actions.h). */
void assessment_gap(req *r, const assessment *s, int i, buf *out)
{
    int a = s->answer_of[i];
    const char *st = a >= 0 ? db_cell(s->answers, a, A_STATUS) : NULL;
    if (!st || (strcmp(st, "not_met") && strcmp(st, "partly"))) return;
    const char *answer_id = db_cell(s->answers, a, A_ID);
    bool any = false;
    for (int k = 0; k < s->actions->nrows && !any; k++)
        any = !strcmp(db_cell(s->actions, k, 0), answer_id);
    const char *make_url = NULL;
    if (!any && perm_allows(r->auth, ACT_RISK_WRITE, unit_path_of(r, s->unit_id))) {
        buf url;
        buf_init(&url, 0);
        buf_printf(&url,
                   "/actions/new?source_entity=answers&source_id=%s&unit_id=%s&title=", answer_id,
                   s->unit_id);
        const char *title =
            arena_printf(r->a, "%s: %s", db_cell(s->reqs, i, Q_CODE), db_cell(s->reqs, i, Q_SV));
        if (utf8_length(title) > 190) {
            /* cut at a character boundary */
            size_t cut = 0, chars = 0;
            while (title[cut] && chars < 189) {
                cut++;
                while ((title[cut] & 0xC0) == 0x80)
                    cut++;
                chars++;
            }
            title = arena_printf(r->a, "%.*s…", (int)cut, title);
        }
        esc_url_component(&url, title);
        make_url = arena_strdup(r->a, buf_str(&url));
        buf_free(&url);
    }
    view_assess_gap(out, r->lang, s, answer_id,
                    &entity_actions.fields[entity_field_index(&entity_actions, "status")], r,
                    make_url);
}

static void page(req *r, resp *out, const assessment *s, const char *error, const char *saved_area)
{
    bool may_write = perm_allows(r->auth, ACT_INVENTORY_WRITE, unit_path_of(r, s->unit_id));
    page_begin(r, out, tr(r->lang, TR_assess_title), "objects");
    view_assess_page(&out->body, r->lang, r, s, error, saved_area != NULL, may_write);
    page_end(r, out);
}

static bool object_from_route(req *r, resp *out, assessment *s)
{
    int64_t id;
    if (!r->nroute_args || !parse_int64(r->route_args[0], &id) || !load(r, id, s)) {
        respond_error(r, out, 404, "not_found", TR_err_not_found);
        return false;
    }
    return true;
}

void h_object_requirements(req *r, resp *out)
{
    assessment s;
    if (!object_from_route(r, out, &s)) return;
    page(r, out, &s, NULL, kv_get(&r->query, "saved"));
}

/* one answer's change, audited like an entity write */
static int save_one(req *r, const assessment *s, int i, const char *status, const char *comment,
                    const char *evidence, const char *now)
{
    int a = s->answer_of[i];
    const char *id = db_cell(s->reqs, i, Q_ID), *tenant = tenant_param(r);
    const char *old_status = a >= 0 ? db_cell(s->answers, a, A_STATUS) : NULL;
    const char *old_comment = a >= 0 ? db_cell(s->answers, a, A_COMMENT) : NULL;
    const char *old_evidence = a >= 0 ? db_cell(s->answers, a, A_EVIDENCE) : NULL;
    if (str_same(old_status, status) && str_same(old_comment, comment) &&
        str_same(old_evidence, evidence))
        return DB_OK;
    const char *triples[] = {"status", old_status, status,       "comment", old_comment,
                             comment,  "evidence", old_evidence, evidence};
    const char *d = entity_diff_triples(r, triples, 3);
    const char *summary =
        arena_printf(r->a, "%s / %s", db_cell(s->reqs, i, Q_CODE), s->object_name);
    int rc;
    if (a >= 0 && !status) {
        const char *p[] = {db_cell(s->answers, a, A_ID), tenant};
        rc = db_exec(r->db, "DELETE FROM answer WHERE id = $1 AND tenant_id = $2", 2, p, NULL);
        if (rc == DB_OK) rc = entity_audit(r, "delete", &entity_answers, atoll(p[0]), summary, d);
    } else if (a >= 0) {
        const char *p[] = {status, comment, evidence, now, db_cell(s->answers, a, A_ID), tenant};
        rc = db_exec(r->db,
                     "UPDATE answer SET status = $1, comment = $2, evidence = $3, updated_at = $4 "
                     "WHERE id = $5 AND tenant_id = $6",
                     6, p, NULL);
        if (rc == DB_OK) rc = entity_audit(r, "update", &entity_answers, atoll(p[4]), summary, d);
    } else if (status) {
        const char *p[] = {tenant,   s->unit_id, int_text(r->a, s->object_id), id, status, comment,
                           evidence, now};
        db_res *res = NULL;
        rc = db_query(r->db, r->a,
                      "INSERT INTO answer (tenant_id, unit_id, object_id, requirement_id, status, "
                      "comment, evidence, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, "
                      "$7, $8, $8) RETURNING id",
                      8, p, &res);
        if (rc == DB_OK)
            rc = entity_audit(r, "create", &entity_answers, db_cell_int(res, 0, 0), summary, d);
    } else {
        rc = DB_OK; /* nothing before, nothing now: only a comment without a status is dropped */
    }
    return rc;
}

static const char *field_of(req *r, const char *prefix, const char *id)
{
    const char *v = kv_get(&r->form, arena_printf(r->a, "%s_%s", prefix, id));
    if (!v) return NULL;
    char *t = str_trim(arena_strdup(r->a, v));
    return *t ? t : NULL;
}

void h_object_requirements_save(req *r, resp *out)
{
    assessment s;
    if (!object_from_route(r, out, &s)) return;
    if (!perm_allows(r->auth, ACT_INVENTORY_WRITE, unit_path_of(r, s.unit_id))) {
        respond_error(r, out, 403, "forbidden", TR_err_forbidden);
        return;
    }
    const char *area = kv_get(&r->form, "area");
    /* check everything before writing anything */
    const char *error = NULL;
    for (int i = 0; area && i < s.reqs->nrows && !error; i++) {
        if (!s.applies[i] || strcmp(db_cell(s.reqs, i, Q_AREA), area)) continue;
        const char *id = db_cell(s.reqs, i, Q_ID);
        const char *st = field_of(r, "status", id), *co = field_of(r, "comment", id),
                   *ev = field_of(r, "evidence", id);
        if (st && strcmp(st, "met") && strcmp(st, "partly") && strcmp(st, "not_met") &&
            strcmp(st, "na"))
            error = arena_printf(r->a, "%s %s", tr(r->lang, TR_assess_bad_status),
                                 db_cell(s.reqs, i, Q_CODE));
        else if ((co && (utf8_length(co) > 4000 || !utf8_valid(co, strlen(co)))) ||
                 (ev &&
                  (utf8_length(ev) > 1000 || !utf8_valid(ev, strlen(ev)) || strpbrk(ev, "\r\n"))))
            error = arena_printf(r->a, "%s: %s", db_cell(s.reqs, i, Q_CODE),
                                 tr(r->lang, TR_err_too_long));
    }
    if (error || !area) {
        out->status = 422;
        page(r, out, &s, error ? error : tr(r->lang, TR_err_bad_request), NULL);
        return;
    }
    char now[21];
    time_now_iso(now);
    int rc = db_begin(r->db);
    for (int i = 0; rc == DB_OK && i < s.reqs->nrows; i++) {
        if (!s.applies[i] || strcmp(db_cell(s.reqs, i, Q_AREA), area)) continue;
        const char *id = db_cell(s.reqs, i, Q_ID);
        rc = save_one(r, &s, i, field_of(r, "status", id), field_of(r, "comment", id),
                      field_of(r, "evidence", id), arena_strdup(r->a, now));
    }
    if (rc == DB_OK) rc = answer_tally_refresh(r->db, tenant_param(r), int_text(r->a, s.object_id));
    if (rc == DB_OK && db_commit(r->db) == DB_OK) {
        buf loc;
        buf_init(&loc, 0);
        buf_printf(&loc, "/objects/%lld/requirements?saved=1#area-", (long long)s.object_id);
        esc_url_component(&loc, area);
        resp_redirect(out, r->a, arena_strdup(r->a, buf_str(&loc)));
        buf_free(&loc);
        return;
    }
    db_rollback(r->db);
    respond_error(r, out, 500, "internal", TR_err_internal);
}

void requirements_object_section(req *r, int64_t object_id, buf *out)
{
    assessment s;
    if (!load(r, object_id, &s)) return;
    view_assess_object_section(out, r->lang, &s);
}

/* The annex is a document for a Swedish tender: always in Swedish. */
void h_object_annex(req *r, resp *out)
{
    assessment s;
    if (!object_from_route(r, out, &s)) return;
    lang_t ui = r->lang;
    r->lang = LANG_SV;
    page_begin(r, out, tr(LANG_SV, TR_annex_title), "objects");
    buf need;
    buf_init(&need, 64);
    for (int a = 0; a < 4; a++)
        if (s.need[a] >= 0) buf_printf(&need, "%s%c%d", a ? " " : "", "KRTS"[a], s.need[a]);
    char today[11];
    date_today(today);
    view_annex(&out->body, LANG_SV, &s, buf_str(&need), today);
    buf_free(&need);
    page_end(r, out);
    r->lang = ui;
}

/* The annex as a workbook: a heading block, then one row per SKA requirement with an
 * empty column for the supplier's answer. Swedish, like the printable page. */
typedef struct annex_fill {
    req *r;
    const assessment *s;
} annex_fill;

static bool fill_annex(lxw_workbook *wb, void *ctx)
{
    annex_fill *f = ctx;
    const assessment *s = f->s;
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Kravbilaga");
    lxw_format *bold = workbook_add_format(wb), *wrap = workbook_add_format(wb),
               *head = workbook_add_format(wb);
    if (!ws || !bold || !wrap || !head) return false;
    format_set_bold(bold);
    format_set_bold(head);
    format_set_bottom(head, LXW_BORDER_THIN);
    format_set_text_wrap(wrap);
    format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
    worksheet_set_column(ws, 0, 0, 11, NULL);
    worksheet_set_column(ws, 1, 1, 80, wrap);
    worksheet_set_column(ws, 2, 2, 16, wrap);
    worksheet_set_column(ws, 3, 3, 50, wrap);
    char today[11];
    date_today(today);
    buf need;
    buf_init(&need, 0);
    for (int a = 0; a < 4; a++)
        if (s->need[a] >= 0)
            buf_printf(&need, "%s%c%d", need.len ? " " : "", "KRTS"[a], s -> need[a]);
    worksheet_write_string(ws, 0, 0, tr(LANG_SV, TR_annex_title), bold);
    worksheet_write_string(ws, 1, 0, tr(LANG_SV, TR_annex_object), bold);
    worksheet_write_string(ws, 1, 1, s->object_name, NULL);
    worksheet_write_string(ws, 2, 0, tr(LANG_SV, TR_annex_need), bold);
    worksheet_write_string(ws, 2, 1, need.len ? buf_str(&need) : "", NULL);
    worksheet_write_string(ws, 3, 0, tr(LANG_SV, TR_annex_date), bold);
    worksheet_write_string(ws, 3, 1, today, NULL);
    worksheet_write_string(ws, 4, 1, tr(LANG_SV, TR_annex_intro), wrap);
    buf_free(&need);
    lxw_row_t row = 6;
    worksheet_write_string(ws, row, 0, tr(LANG_SV, TR_req_code), head);
    worksheet_write_string(ws, row, 1, tr(LANG_SV, TR_requirements_one), head);
    worksheet_write_string(ws, row, 2, tr(LANG_SV, TR_req_iso27002), head);
    worksheet_write_string(ws, row, 3, tr(LANG_SV, TR_annex_answer), head);
    worksheet_freeze_panes(ws, row + 1, 0);
    for (int i = 0; i < s->reqs->nrows; i++) {
        if (!s->applies[i] || strcmp(db_cell(s->reqs, i, Q_KIND), "SKA")) continue;
        row++;
        worksheet_write_string(ws, row, 0, db_cell(s->reqs, i, Q_CODE), NULL);
        worksheet_write_string(ws, row, 1, db_cell(s->reqs, i, Q_SV), wrap);
        if (db_cell(s->reqs, i, Q_ISO))
            worksheet_write_string(ws, row, 2, db_cell(s->reqs, i, Q_ISO), wrap);
    }
    return true;
}

void h_object_annex_xlsx(req *r, resp *out)
{
    assessment s;
    if (!object_from_route(r, out, &s)) return;
    annex_fill f = {r, &s};
    if (!xlsx_to_buf(r, fill_annex, &f, &out->body)) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    out->content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    resp_header(out, r->a, "Content-Disposition",
                arena_printf(r->a, "attachment; filename=\"lis-kravbilaga-%lld.xlsx\"",
                             (long long)s.object_id));
}
