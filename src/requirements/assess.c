/* assess.c - an object's requirements: which apply (from its protection need), their
 * self-assessment (saved one area at a time, so a coordinator can work through the
 * list in short sittings), the share met, and the SKA requirements as a procurement
 * annex in Swedish. */
#include "requirements.h"
#include "../entity/render.h"
#include "../classification/classification.h"
#include "../actions/actions.h"
#include "../entity/xlsx.h"
#include "../core/escape.h"
#include "../core/util.h"
#include "../http/page.h"
#include <stdlib.h>
#include <string.h>

/* requirement columns */
enum { Q_ID, Q_CODE, Q_AREA, Q_KIND, Q_ASPECT, Q_LEVEL, Q_SV, Q_EN, Q_ISO, Q_MSBFS, Q_GDPR };
/* answer columns */
enum { A_REQ, A_STATUS, A_COMMENT, A_EVIDENCE, A_ID };

typedef struct assessment {
    int64_t object_id;
    const char *object_name, *unit_id;
    int need[4];
    db_res *reqs;    /* every active requirement of the tenant, by area and code */
    bool *applies;   /* per requirement row */
    db_res *answers; /* the object's answers */
    int *answer_of;  /* per requirement row: answer row or -1 */
    db_res *actions; /* actions made from the object's answers: answer id, id, title, status */
    int applicable, assessed, met, na, gaps;
} assessment;

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

static int met_percent(const assessment *s)
{
    return share_met_percent(s->applicable, s->met, s->na);
}

static const char *area_label(req *r, const char *area)
{
    return enum_label(r, &entity_requirements.fields[entity_field(&entity_requirements, "area")],
                      area);
}

static void summary(req *r, const assessment *s, buf *out)
{
    buf_puts(out, "<dl class=\"detail\"><dt>");
    esc_html(out, tr(r->lang, TR_assess_applicable));
    buf_printf(out, "</dt><dd>%d</dd><dt>", s->applicable);
    esc_html(out, tr(r->lang, TR_assess_assessed));
    buf_printf(out, "</dt><dd>%d ", s->assessed);
    esc_html(out, tr(r->lang, TR_assess_of));
    buf_printf(out, " %d</dd><dt>", s->applicable);
    esc_html(out, tr(r->lang, TR_assess_met_share));
    buf_printf(out, "</dt><dd><strong>%d %%</strong> (%d ", met_percent(s), s->met);
    esc_html(out, tr(r->lang, TR_assess_of));
    buf_printf(out, " %d)</dd><dt>", s->applicable - s->na);
    esc_html(out, tr(r->lang, TR_assess_gaps));
    buf_printf(out, "</dt><dd>%d</dd></dl>", s->gaps);
}

/* "Uppfylls av styrdokument: Informationssäkerhetspolicy" under a requirement that a
 * record of another area meets (requirement_sources) */
static void met_by(req *r, db_res *const met[4], const char *requirement_id, buf *b)
{
    for (int k = 0; k < 4 && requirement_sources[k].load; k++)
        for (int i = 0; met[k] && i < met[k]->nrows; i++) {
            if (strcmp(db_cell(met[k], i, 0), requirement_id) != 0) continue;
            buf_puts(b, "<p class=\"met-by\">");
            esc_html(b, tr(r->lang, requirement_sources[k].label));
            buf_puts(b, ": <a href=\"");
            esc_url_attr(b, db_cell(met[k], i, 1));
            buf_puts(b, "\">");
            esc_html(b, db_cell(met[k], i, 2));
            buf_puts(b, "</a></p>");
        }
}

static const char *status_option(req *r, const char *value)
{
    return enum_label(r, &entity_answers.fields[entity_field(&entity_answers, "status")], value);
}

/* A gap (not or partly met) becomes an action in the handlingsplan: the actions made
 * from this answer, or a link that opens the action form with the origin filled in
 * (the contract in src/actions/actions.h). */
static void gap_actions(req *r, const assessment *s, int i, buf *b)
{
    int a = s->answer_of[i];
    const char *st = a >= 0 ? db_cell(s->answers, a, A_STATUS) : NULL;
    if (!st || (strcmp(st, "not_met") && strcmp(st, "partly"))) return;
    const char *answer_id = db_cell(s->answers, a, A_ID);
    buf_puts(b, "<p class=\"gap\">");
    bool any = false;
    const field *status = &entity_actions.fields[entity_field(&entity_actions, "status")];
    for (int k = 0; k < s->actions->nrows; k++) {
        if (strcmp(db_cell(s->actions, k, 0), answer_id)) continue;
        buf_puts(b, any ? "; " : "");
        if (!any) {
            esc_html(b, tr(r->lang, TR_assess_action));
            buf_puts(b, ": ");
        }
        buf_puts(b, "<a href=\"/actions/");
        esc_html(b, db_cell(s->actions, k, 1));
        buf_puts(b, "\">");
        esc_html(b, db_cell(s->actions, k, 2));
        buf_puts(b, "</a> (");
        esc_html(b, enum_label(r, status, db_cell(s->actions, k, 3)));
        buf_puts(b, ")");
        any = true;
    }
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
        buf_puts(b, "<a class=\"button\" href=\"");
        esc_html(b, buf_str(&url));
        buf_puts(b, "\">");
        esc_html(b, tr(r->lang, TR_assess_make_action));
        buf_puts(b, "</a>");
        buf_free(&url);
    }
    buf_puts(b, "</p>");
}

static void page(req *r, resp *out, const assessment *s, const char *error, const char *saved_area)
{
    bool may_write = perm_allows(r->auth, ACT_INVENTORY_WRITE, unit_path_of(r, s->unit_id));
    page_begin(r, out, tr(r->lang, TR_assess_title), "objects");
    buf *b = &out->body;
    buf_printf(b, "<p class=\"crumb\"><a href=\"/objects/%lld\">", (long long)s->object_id);
    esc_html(b, s->object_name);
    buf_puts(b, "</a></p><h1>");
    esc_html(b, tr(r->lang, TR_assess_title));
    buf_puts(b, "</h1>");
    if (error) {
        buf_puts(b, "<div class=\"error-summary\" role=\"alert\"><p>");
        esc_html(b, error);
        buf_puts(b, "</p></div>");
    }
    if (saved_area) {
        buf_puts(b, "<p class=\"flash\" role=\"status\">");
        esc_html(b, tr(r->lang, TR_assess_saved));
        buf_puts(b, "</p>");
    }
    buf_puts(b, "<p class=\"lead\">");
    esc_html(b, tr(r->lang, TR_assess_intro));
    buf_puts(b, "</p>");
    summary(r, s, b);
    if (s->need[0] == 4 || s->need[1] == 4 || s->need[2] == 4 || s->need[3] == 4) {
        buf_puts(b, "<p class=\"warning\" role=\"note\">");
        esc_html(b, tr(r->lang, TR_assess_level4));
        buf_puts(b, "</p>");
    }
    buf_printf(b, "<p><a href=\"/objects/%lld/annex\">", (long long)s->object_id);
    esc_html(b, tr(r->lang, TR_assess_annex));
    buf_puts(b, "</a></p>");
    if (!s->applicable) {
        buf_puts(b, "<p class=\"notice warn\">");
        esc_html(b, tr(r->lang, TR_assess_none));
        buf_puts(b, "</p>");
    }
    static const char *const statuses[] = {"met", "partly", "not_met", "na"};
    db_res *met[4] = {0};
    for (int k = 0; k < 4 && requirement_sources[k].load; k++)
        if (requirement_sources[k].load(r, s->unit_id, &met[k]) != DB_OK) met[k] = NULL;
    for (int i = 0; i < s->reqs->nrows;) {
        const char *area = db_cell(s->reqs, i, Q_AREA);
        int end = i, count = 0;
        while (end < s->reqs->nrows && !strcmp(db_cell(s->reqs, end, Q_AREA), area))
            count += s->applies[end++];
        if (!count) {
            i = end;
            continue;
        }
        buf_printf(b, "<section class=\"related\" id=\"area-");
        esc_html(b, area);
        buf_puts(b, "\"><h2>");
        esc_html(b, area_label(r, area));
        buf_printf(b, " <span class=\"count\">(%d)</span></h2>", count);
        if (may_write) {
            buf_printf(b, "<form method=\"post\" action=\"/objects/%lld/requirements#area-",
                       (long long)s->object_id);
            esc_html(b, area);
            buf_puts(b, "\" class=\"form assess\"><input type=\"hidden\" name=\"_csrf\" value=\"");
            esc_html(b, r->auth->csrf);
            buf_puts(b, "\"><input type=\"hidden\" name=\"area\" value=\"");
            esc_html(b, area);
            buf_puts(b, "\">");
        }
        for (; i < end; i++) {
            if (!s->applies[i]) continue;
            const char *id = db_cell(s->reqs, i, Q_ID);
            int a = s->answer_of[i];
            const char *st = a >= 0 ? db_cell(s->answers, a, A_STATUS) : NULL;
            buf_puts(b, "<div class=\"requirement\"><p><strong>");
            esc_html(b, db_cell(s->reqs, i, Q_CODE));
            buf_puts(b, "</strong> <span class=\"tag\">");
            esc_html(b,
                     enum_label(
                         r, &entity_requirements.fields[entity_field(&entity_requirements, "kind")],
                         db_cell(s->reqs, i, Q_KIND)));
            buf_puts(b, "</span> ");
            const char *text = r->lang == LANG_EN && db_cell(s->reqs, i, Q_EN)
                                   ? db_cell(s->reqs, i, Q_EN)
                                   : db_cell(s->reqs, i, Q_SV);
            esc_html(b, text);
            buf_puts(b, "</p><p class=\"help\">ISO/IEC 27002:2022 ");
            render_value(r, b, db_cell(s->reqs, i, Q_ISO));
            if (db_cell(s->reqs, i, Q_MSBFS)) {
                buf_puts(b, " · ");
                esc_html(b, db_cell(s->reqs, i, Q_MSBFS));
            }
            if (db_cell(s->reqs, i, Q_GDPR)) {
                buf_puts(b, " · GDPR ");
                esc_html(b, db_cell(s->reqs, i, Q_GDPR));
            }
            buf_puts(b, "</p>");
            met_by(r, met, id, b);
            if (!may_write) {
                buf_puts(b, "<p>");
                esc_html(b, st ? status_option(r, st) : tr(r->lang, TR_ans_status_none));
                if (a >= 0 && db_cell(s->answers, a, A_COMMENT)) {
                    buf_puts(b, " — ");
                    esc_html(b, db_cell(s->answers, a, A_COMMENT));
                }
                buf_puts(b, "</p>");
                gap_actions(r, s, i, b);
                buf_puts(b, "</div>");
                continue;
            }
            buf_printf(b, "<div class=\"field\"><label for=\"st-%s\">", id);
            esc_html(b, tr(r->lang, TR_ans_status));
            buf_printf(b, "</label><select id=\"st-%s\" name=\"status_%s\"><option value=\"\">", id,
                       id);
            esc_html(b, tr(r->lang, TR_ans_status_none));
            buf_puts(b, "</option>");
            for (int k = 0; k < 4; k++) {
                buf_printf(b, "<option value=\"%s\"%s>", statuses[k],
                           st && !strcmp(st, statuses[k]) ? " selected" : "");
                esc_html(b, status_option(r, statuses[k]));
                buf_puts(b, "</option>");
            }
            buf_puts(b, "</select></div><details");
            if (a >= 0 && (db_cell(s->answers, a, A_COMMENT) || db_cell(s->answers, a, A_EVIDENCE)))
                buf_puts(b, " open");
            buf_puts(b, "><summary>");
            esc_html(b, tr(r->lang, TR_assess_details));
            buf_printf(b, "</summary><div class=\"field\"><label for=\"co-%s\">", id);
            esc_html(b, tr(r->lang, TR_ans_comment));
            buf_printf(b, "</label><textarea id=\"co-%s\" name=\"comment_%s\" rows=\"2\">", id, id);
            if (a >= 0) esc_html(b, db_cell(s->answers, a, A_COMMENT));
            buf_printf(b, "</textarea></div><div class=\"field\"><label for=\"ev-%s\">", id);
            esc_html(b, tr(r->lang, TR_ans_evidence));
            buf_printf(b,
                       "</label><input type=\"text\" id=\"ev-%s\" name=\"evidence_%s\" "
                       "maxlength=\"1000\" value=\"",
                       id, id);
            if (a >= 0) esc_html(b, db_cell(s->answers, a, A_EVIDENCE));
            buf_puts(b, "\"></div></details>");
            gap_actions(r, s, i, b);
            buf_puts(b, "</div>");
        }
        if (may_write) {
            buf_puts(b, "<div class=\"actions\"><button type=\"submit\" class=\"primary\">");
            esc_html(b, tr(r->lang, TR_assess_save));
            buf_puts(b, "</button></div></form>");
        }
        buf_puts(b, "</section>");
    }
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
    buf_puts(out, "<section class=\"related\"><h2>");
    esc_html(out, tr(r->lang, TR_assess_title));
    buf_puts(out, "</h2>");
    summary(r, &s, out);
    buf_printf(out, "<p><a class=\"button\" href=\"/objects/%lld/requirements\">",
               (long long)object_id);
    esc_html(out, tr(r->lang, TR_assess_open));
    buf_printf(out, "</a> <a href=\"/objects/%lld/annex\">", (long long)object_id);
    esc_html(out, tr(r->lang, TR_assess_annex));
    buf_puts(out, "</a></p></section>");
}

/* The annex is a document for a Swedish tender: always in Swedish. */
void h_object_annex(req *r, resp *out)
{
    assessment s;
    if (!object_from_route(r, out, &s)) return;
    lang_t ui = r->lang;
    r->lang = LANG_SV;
    page_begin(r, out, tr(LANG_SV, TR_annex_title), "objects");
    buf *b = &out->body;
    buf_puts(b, "<h1>");
    esc_html(b, tr(LANG_SV, TR_annex_title));
    buf_puts(b, "</h1><dl class=\"detail\"><dt>");
    esc_html(b, tr(LANG_SV, TR_annex_object));
    buf_puts(b, "</dt><dd>");
    esc_html(b, s.object_name);
    buf_puts(b, "</dd><dt>");
    esc_html(b, tr(LANG_SV, TR_annex_need));
    buf_puts(b, "</dt><dd>");
    for (int a = 0; a < 4; a++)
        if (s.need[a] >= 0) buf_printf(b, "%s%c%d", a ? " " : "", "KRTS"[a], s.need[a]);
    char today[11];
    date_today(today);
    buf_puts(b, "</dd><dt>");
    esc_html(b, tr(LANG_SV, TR_annex_date));
    buf_printf(b, "</dt><dd>%s</dd></dl><p>", today);
    esc_html(b, tr(LANG_SV, TR_annex_intro));
    buf_printf(b, "</p><p class=\"toolbar\"><a href=\"/objects/%lld/annex.xlsx\">",
               (long long)s.object_id);
    esc_html(b, tr(LANG_SV, TR_annex_xlsx));
    buf_puts(b, "</a></p>");
    int shown = 0;
    for (int i = 0; i < s.reqs->nrows; i++) {
        if (!s.applies[i] || strcmp(db_cell(s.reqs, i, Q_KIND), "SKA")) continue;
        if (!shown++) {
            buf_puts(b, "<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"");
            esc_html(b, tr(LANG_SV, TR_annex_title));
            buf_puts(b, "\"><table class=\"list annex\"><thead><tr><th scope=\"col\">");
            esc_html(b, tr(LANG_SV, TR_req_code));
            buf_puts(b, "</th><th scope=\"col\">");
            esc_html(b, tr(LANG_SV, TR_requirements_one));
            buf_puts(b, "</th><th scope=\"col\">");
            esc_html(b, tr(LANG_SV, TR_req_iso27002));
            buf_puts(b, "</th><th scope=\"col\">");
            esc_html(b, tr(LANG_SV, TR_annex_answer));
            buf_puts(b, "</th></tr></thead><tbody>");
        }
        buf_puts(b, "<tr><td>");
        esc_html(b, db_cell(s.reqs, i, Q_CODE));
        buf_puts(b, "</td><td>");
        esc_html(b, db_cell(s.reqs, i, Q_SV));
        buf_puts(b, "</td><td>");
        esc_html(b, db_cell(s.reqs, i, Q_ISO) ? db_cell(s.reqs, i, Q_ISO) : "");
        buf_puts(b, "</td><td class=\"answer-space\"></td></tr>");
    }
    if (shown)
        buf_puts(b, "</tbody></table></div>");
    else {
        buf_puts(b, "<p>");
        esc_html(b, tr(LANG_SV, TR_annex_none));
        buf_puts(b, "</p>");
    }
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
