/* assess.c - an object's requirements: which apply (from its protection need), their
 * self-assessment, the share met, and the SKA requirements as a procurement annex in
 * Swedish. The page is one form: a save keeps every change on it, whichever chapter's
 * button was pressed, writes only the answers the user changed, and never overwrites an
 * answer someone else saved meanwhile (that one comes back to the user, unsaved). */
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
#include "../../build/views/assess_org.h"
#include "../../build/views/assess_object_section.h"
#include "../../build/views/assess_page.h"
#include <stdlib.h>
#include <string.h>

/* The row of the answers (ordered by requirement) for requirement id, or -1: a binary
 * search, so a page of 248 requirements does not compare every pair. */
static int answer_row(const db_res *answers, int64_t id)
{
    int lo = 0, hi = answers->nrows - 1;
    while (lo <= hi) {
        int mid = lo + (hi - lo) / 2;
        int64_t at = db_cell_int(answers, mid, A_REQ);
        if (at == id) return mid;
        if (at < id)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return -1;
}

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
                 "SELECT o.name, o.unit_id, (SELECT u.path FROM unit u WHERE u.id = o.unit_id AND "
                 "u.tenant_id = o.tenant_id) FROM managed_object o WHERE o.id = $1 AND "
                 "o.tenant_id = $2",
                 2, p, &obj) != DB_OK ||
        !obj->nrows)
        return false;
    s->object_name = db_cell(obj, 0, 0);
    s->unit_id = db_cell(obj, 0, 1);
    s->unit_path = db_cell(obj, 0, 2);
    if (!need_of_object(r, object_id, s->need)) return false;
    const char *pt[] = {p[1]};
    if (db_query(
            r->db, r->a,
            "SELECT id, code, area, kind, aspect, min_level, text_sv, text_en, iso27002, "
            "msbfs, gdpr FROM requirement WHERE tenant_id = $1 AND active = 1 AND org_wide = 0 "
            "ORDER BY area, code",
            1, pt, &s->reqs) != DB_OK ||
        db_query(r->db, r->a,
                 "SELECT requirement_id, status, comment, evidence, id FROM answer WHERE "
                 "object_id = $1 AND tenant_id = $2 ORDER BY requirement_id",
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
    if (!org_assessment_load(r, &s->org)) return false;
    int n = s->reqs->nrows;
    s->applies = arena_alloc(r->a, sizeof(bool) * (size_t)(n + 1));
    s->answer_of = arena_alloc(r->a, sizeof(int) * (size_t)(n + 1));
    for (int i = 0; i < n; i++) {
        s->applies[i] = requirement_applies(db_cell(s->reqs, i, Q_ASPECT),
                                            atoi(db_cell(s->reqs, i, Q_LEVEL)), s->need);
        s->answer_of[i] = answer_row(s->answers, db_cell_int(s->reqs, i, Q_ID));
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

/* An action's title from a requirement: its code and the requirement's first sentence,
 * cut at a word before GAP_TITLE_CHARS characters ("ÅTK-03: Behörigheter ska ses över
 * minst en gång per år…"), so the handlingsplan reads as a list, not as the catalogue. */
enum { GAP_TITLE_CHARS = 80 };
const char *gap_title(arena *a, const char *code, const char *text)
{
    size_t end = strcspn(text, ".;:\n");
    size_t cut = 0, chars = 0, last_space = 0;
    while (cut < end && chars < GAP_TITLE_CHARS) {
        if (text[cut] == ' ') last_space = cut;
        cut++;
        while ((text[cut] & 0xC0) == 0x80)
            cut++;
        chars++;
    }
    if (cut >= end) return arena_printf(a, "%s: %.*s", code, (int)end, text);
    if (last_space) cut = last_space;
    return arena_printf(a, "%s: %.*s…", code, (int)cut, text);
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
    if (!any && perm_allows(r->auth, ACT_RISK_WRITE, s->unit_path)) {
        buf url;
        buf_init(&url, 0);
        buf_printf(&url,
                   "/actions/new?source_entity=answers&source_id=%s&unit_id=%s&title=", answer_id,
                   s->unit_id);
        esc_url_component(&url,
                          gap_title(r->a, db_cell(s->reqs, i, Q_CODE), db_cell(s->reqs, i, Q_SV)));
        make_url = arena_strdup(r->a, buf_str(&url));
        buf_free(&url);
    }
    view_assess_gap(out, r->lang, s, answer_id,
                    &entity_actions.fields[entity_field_index(&entity_actions, "status")], r,
                    make_url);
}

static void page(req *r, resp *out, const assessment *s, const char *error, int saved)
{
    bool may_write = perm_allows(r->auth, ACT_INVENTORY_WRITE, s->unit_path);
    page_begin(r, out, tr(r->lang, TR_assess_title), "objects");
    view_assess_page(&out->body, r->lang, r, s, error, saved, may_write);
    page_end(r, out);
}

/* The filters of the address: a known show, an area among the requirements; others are
 * ignored (the whole page). */
static void filters_from_query(req *r, assessment *s)
{
    const char *show = kv_get(&r->query, "show");
    if (show && (!strcmp(show, "open") || !strcmp(show, "gaps"))) s->show = show;
    const char *area = kv_get(&r->query, "area");
    for (int i = 0; area && i < s->reqs->nrows; i++)
        if (!strcmp(db_cell(s->reqs, i, Q_AREA), area)) {
            s->only_area = db_cell(s->reqs, i, Q_AREA);
            break;
        }
}

static bool object_from_route(req *r, resp *out, assessment *s)
{
    int64_t id;
    if (!r->nroute_args || !parse_int64(r->route_args[0], &id) || !load(r, id, s)) {
        respond_error(r, out, 404, "not_found", TR_err_not_found);
        return false;
    }
    filters_from_query(r, s);
    return true;
}

void h_object_requirements(req *r, resp *out)
{
    assessment s;
    if (!object_from_route(r, out, &s)) return;
    const char *saved = kv_get(&r->query, "saved");
    int64_t n = -1;
    if (!saved || !parse_int64(saved, &n) || n < 0 || n > 100000) n = -1;
    page(r, out, &s, NULL, (int)n);
}

/* A submitted form value, trimmed; NULL when absent or blank. */
static const char *field_of(req *r, const char *prefix, const char *id)
{
    const char *v = kv_get(&r->form, arena_printf(r->a, "%s_%s", prefix, id));
    if (!v) return NULL;
    char *t = str_trim(arena_strdup(r->a, v));
    return *t ? t : NULL;
}

static const char *seen_mark(req *r, const char *status, const char *comment, const char *evidence)
{
    const char *joined = arena_printf(r->a, "%s\x1f%s\x1f%s", status ? status : "",
                                      comment ? comment : "", evidence ? evidence : "");
    char hex[65];
    sha256_hex(joined, strlen(joined), hex);
    return arena_printf(r->a, "%.16s", hex);
}

static const char *stored(const assessment *s, int i, int col)
{
    int a = s->answer_of[i];
    return a >= 0 ? db_cell(s->answers, a, col) : NULL;
}

const char *assessment_seen(req *r, const assessment *s, int i)
{
    return seen_mark(r, stored(s, i, A_STATUS), stored(s, i, A_COMMENT), stored(s, i, A_EVIDENCE));
}

const char *assessment_value(req *r, const assessment *s, int i, int col)
{
    if (!(s->conflict && s->conflict[i])) return stored(s, i, col);
    const char *id = db_cell(s->reqs, i, Q_ID);
    return field_of(r, col == A_STATUS ? "status" : col == A_COMMENT ? "comment" : "evidence", id);
}

bool assessment_row_shown(req *r, const assessment *s, int i)
{
    if (!s->applies[i]) return false;
    if (s->only_area && strcmp(db_cell(s->reqs, i, Q_AREA), s->only_area)) return false;
    if (s->conflict && s->conflict[i]) return true; /* the user's unsaved change, always */
    const char *st = assessment_value(r, s, i, A_STATUS);
    if (s->show && !strcmp(s->show, "open")) return !st;
    if (s->show && !strcmp(s->show, "gaps"))
        return st && (!strcmp(st, "not_met") || !strcmp(st, "partly"));
    return true;
}

const char *assessment_link(req *r, const assessment *s, const char *show, const char *area)
{
    buf b;
    buf_init(&b, 0);
    buf_printf(&b, "/objects/%lld/requirements", (long long)s->object_id);
    char sep = '?';
    if (show) {
        buf_printf(&b, "%cshow=", sep);
        esc_url_component(&b, show);
        sep = '&';
    }
    if (area) {
        buf_printf(&b, "%carea=", sep);
        esc_url_component(&b, area);
    }
    const char *link = arena_strdup(r->a, buf_str(&b));
    buf_free(&b);
    return link;
}

const char *assessment_chapter_href(req *r, const assessment *s, const char *area)
{
    bool here = !s->only_area || !strcmp(s->only_area, area);
    buf b;
    buf_init(&b, 0);
    if (!here) buf_puts(&b, assessment_link(r, s, s->show, NULL));
    buf_puts(&b, "#area-");
    esc_url_component(&b, area);
    const char *href = arena_strdup(r->a, buf_str(&b));
    buf_free(&b);
    return href;
}

/* one answer's change, audited like an entity write */
static int save_one(req *r, const assessment *s, int i, const char *status, const char *comment,
                    const char *evidence, const char *now)
{
    int a = s->answer_of[i];
    const char *id = db_cell(s->reqs, i, Q_ID), *tenant = tenant_param(r);
    const char *old_status = stored(s, i, A_STATUS);
    const char *old_comment = stored(s, i, A_COMMENT);
    const char *old_evidence = stored(s, i, A_EVIDENCE);
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

/* What the form says of requirement row i: absent (not on the page the user saved: left
 * alone), unchanged from what the user saw, a change to write, or a change to an answer
 * someone else saved since the page was read (a conflict). */
typedef enum { ROW_ABSENT, ROW_UNCHANGED, ROW_CHANGED, ROW_CONFLICT } row_state;

static row_state row_state_of(req *r, const assessment *s, int i)
{
    const char *id = db_cell(s->reqs, i, Q_ID);
    if (!kv_get(&r->form, arena_printf(r->a, "status_%s", id))) return ROW_ABSENT;
    const char *mine = seen_mark(r, field_of(r, "status", id), field_of(r, "comment", id),
                                 field_of(r, "evidence", id));
    const char *seen = kv_get(&r->form, arena_printf(r->a, "seen_%s", id));
    const char *now = assessment_seen(r, s, i);
    if (!strcmp(mine, now)) return ROW_UNCHANGED; /* already so, whoever saved it */
    if (seen && !strcmp(mine, seen)) return ROW_UNCHANGED;
    /* a form without marks (a script, an old page) writes as before */
    if (!seen || !strcmp(seen, now)) return ROW_CHANGED;
    return ROW_CONFLICT;
}

/* The first bad value among the submitted rows, as a message; NULL when all are good. */
static const char *first_error(req *r, const assessment *s)
{
    for (int i = 0; i < s->reqs->nrows; i++) {
        if (!s->applies[i]) continue;
        const char *id = db_cell(s->reqs, i, Q_ID);
        const char *st = field_of(r, "status", id), *co = field_of(r, "comment", id),
                   *ev = field_of(r, "evidence", id);
        if (st && strcmp(st, "met") && strcmp(st, "partly") && strcmp(st, "not_met") &&
            strcmp(st, "na"))
            return arena_printf(r->a, "%s %s", tr(r->lang, TR_assess_bad_status),
                                db_cell(s->reqs, i, Q_CODE));
        if ((co && (utf8_length(co) > 4000 || !utf8_valid(co, strlen(co)))) ||
            (ev && (utf8_length(ev) > 1000 || !utf8_valid(ev, strlen(ev)) || strpbrk(ev, "\r\n"))))
            return arena_printf(r->a, "%s: %s", db_cell(s->reqs, i, Q_CODE),
                                tr(r->lang, TR_err_too_long));
    }
    return NULL;
}

void h_object_requirements_save(req *r, resp *out)
{
    assessment s;
    if (!object_from_route(r, out, &s)) return;
    if (!perm_allows(r->auth, ACT_INVENTORY_WRITE, s.unit_path)) {
        respond_error(r, out, 403, "forbidden", TR_err_forbidden);
        return;
    }
    /* check everything before writing anything */
    const char *error = first_error(r, &s);
    if (error) {
        out->status = 422;
        page(r, out, &s, error, -1);
        return;
    }
    int n = s.reqs->nrows;
    row_state *states = arena_alloc(r->a, sizeof *states * (size_t)(n + 1));
    bool *conflict = arena_alloc(r->a, sizeof(bool) * (size_t)(n + 1));
    if (!states || !conflict) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    int changed = 0;
    buf codes;
    buf_init(&codes, 0);
    for (int i = 0; i < n; i++) {
        states[i] = s.applies[i] ? row_state_of(r, &s, i) : ROW_ABSENT;
        conflict[i] = states[i] == ROW_CONFLICT;
        changed += states[i] == ROW_CHANGED;
        if (conflict[i])
            buf_printf(&codes, "%s%s", s.nconflicts++ ? ", " : "", db_cell(s.reqs, i, Q_CODE));
    }
    char now[21];
    time_now_iso(now);
    int rc = db_begin(r->db);
    for (int i = 0; rc == DB_OK && i < n; i++) {
        if (states[i] != ROW_CHANGED) continue;
        const char *id = db_cell(s.reqs, i, Q_ID);
        rc = save_one(r, &s, i, field_of(r, "status", id), field_of(r, "comment", id),
                      field_of(r, "evidence", id), arena_strdup(r->a, now));
    }
    if (rc == DB_OK && changed)
        rc = answer_tally_refresh(r->db, tenant_param(r), int_text(r->a, s.object_id));
    if (rc != DB_OK || db_commit(r->db) != DB_OK) {
        db_rollback(r->db);
        buf_free(&codes);
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    if (s.nconflicts) {
        /* the rest is saved; the conflicting answers come back with the user's values over
         * what is stored now, and a save after reading them writes them */
        const char *msg =
            arena_printf(r->a, "%s %s", tr(r->lang, TR_assess_conflicts), buf_str(&codes));
        buf_free(&codes);
        assessment fresh;
        if (!load(r, s.object_id, &fresh)) {
            respond_error(r, out, 500, "internal", TR_err_internal);
            return;
        }
        fresh.show = s.show;
        fresh.only_area = s.only_area;
        fresh.conflict = conflict;
        fresh.nconflicts = s.nconflicts;
        out->status = 409;
        page(r, out, &fresh, msg, changed);
        return;
    }
    buf_free(&codes);
    buf loc;
    buf_init(&loc, 0);
    buf_puts(&loc, assessment_link(r, &s, s.show, s.only_area));
    buf_printf(&loc, "%csaved=%d", strchr(buf_str(&loc), '?') ? '&' : '?', changed);
    resp_redirect(out, r->a, arena_strdup(r->a, buf_str(&loc)));
    buf_free(&loc);
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
 * empty column for the supplier's answer (a list of the allowed words: uppfyllt, delvis,
 * ej uppfyllt) and one for its comment. Swedish, like the printable page. Returned
 * filled in, it is imported on the supplier's page (src/suppliers/annex.c). */
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
    worksheet_set_column(ws, 3, 3, 24, wrap);
    worksheet_set_column(ws, 4, 4, 50, wrap);
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
    worksheet_write_string(ws, row, 3, tr(LANG_SV, TR_annex_answer_choice), head);
    worksheet_write_string(ws, row, 4, tr(LANG_SV, TR_annex_comment), head);
    worksheet_freeze_panes(ws, row + 1, 0);
    lxw_row_t first = row + 1;
    for (int i = 0; i < s->reqs->nrows; i++) {
        if (!s->applies[i] || strcmp(db_cell(s->reqs, i, Q_KIND), "SKA")) continue;
        row++;
        worksheet_write_string(ws, row, 0, db_cell(s->reqs, i, Q_CODE), NULL);
        worksheet_write_string(ws, row, 1, db_cell(s->reqs, i, Q_SV), wrap);
        if (db_cell(s->reqs, i, Q_ISO))
            worksheet_write_string(ws, row, 2, db_cell(s->reqs, i, Q_ISO), wrap);
    }
    if (row >= first) {
        /* the answer column offers the allowed words; others are refused on import */
        static char *answers[] = {"uppfyllt", "delvis", "ej uppfyllt", NULL};
        lxw_data_validation v = {.validate = LXW_VALIDATION_TYPE_LIST, .value_list = answers};
        worksheet_data_validation_range(ws, first, 3, row, 3, &v);
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
