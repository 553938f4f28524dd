/* org.c - organisation-wide requirements (issue 19 point 1): a policy adopted by KF,
 * management trained, an incident routine are assessed once for the tenant, not once per
 * object. The catalogue marks them (org_wide, data/requirements.csv column scope); the
 * tenant's one answer is an org_answer, given on GET/POST /requirements/org-wide by those
 * who keep the requirements (ACT_REQUIREMENT_WRITE: the CISO, the administrator) or
 * through the API, and shown read-only, with a link here, on every object's assessment.
 *
 * Counted once: an object's figures (its assessment's summary, answer_tally and so the
 * coverage page, answer_phase_tally and so the lägesbild's phases) leave them out, and the
 * tenant's answers are counted beside them as one more row. Applying the tenant's answer
 * to every object instead would count one missing policy as a gap of every object, and no
 * list could show that many gaps.
 *
 * The objects' answers to a requirement that becomes organisation-wide stay in answer as
 * history (listed from this page); the strictest of them becomes the tenant's answer when
 * it has none yet (org_answers_carry): a gap seen on one object is not lost by moving. */
#include "requirements.h"
#include "assessment.h"
#include "../actions/actions.h"
#include "../audit/audit.h"
#include "../core/escape.h"
#include "../core/util.h"
#include "../http/page.h"
#include "../../build/views/org_gap.h"
#include "../../build/views/org_page.h"
#include <stdlib.h>
#include <string.h>

/* Lower is stricter: what is missing before what is there. */
static int status_rank(const char *status)
{
    static const char *const order[] = {"not_met", "partly", "met", "na"};
    for (int i = 0; status && i < 4; i++)
        if (!strcmp(status, order[i])) return i;
    return 4;
}

bool answer_stricter(const char *status, const char *updated, const char *than_status,
                     const char *than_updated)
{
    int a = status_rank(status), b = status_rank(than_status);
    if (a != b) return a < b;
    return strcmp(updated ? updated : "", than_updated ? than_updated : "") > 0;
}

int org_answers_carry(db *d, arena *a, const audit_actor *who, const char *tenant_id, int *carried)
{
    *carried = 0;
    const char *p[] = {tenant_id};
    db_res *rows = NULL;
    int rc = db_query(d, a,
                      "SELECT x.requirement_id, x.status, x.comment, x.evidence, x.updated_at, "
                      "q.code FROM answer x JOIN requirement q ON q.tenant_id = x.tenant_id AND "
                      "q.id = x.requirement_id WHERE x.tenant_id = $1 AND q.org_wide = 1 AND NOT "
                      "EXISTS (SELECT 1 FROM org_answer g WHERE g.tenant_id = x.tenant_id AND "
                      "g.requirement_id = x.requirement_id) ORDER BY x.requirement_id, x.id",
                      1, p, &rows);
    char now[21];
    time_now_iso(now);
    for (int i = 0; rc == DB_OK && i < rows->nrows;) {
        const char *req_id = db_cell(rows, i, 0);
        int best = i, n = 0;
        for (; i < rows->nrows && !strcmp(db_cell(rows, i, 0), req_id); i++, n++)
            if (answer_stricter(db_cell(rows, i, 1), db_cell(rows, i, 4), db_cell(rows, best, 1),
                                db_cell(rows, best, 4)))
                best = i;
        const char *ins[] = {tenant_id,
                             req_id,
                             db_cell(rows, best, 1),
                             db_cell(rows, best, 2),
                             db_cell(rows, best, 3),
                             now};
        db_res *id = NULL;
        rc = db_query(d, a,
                      "INSERT INTO org_answer (tenant_id, requirement_id, status, comment, "
                      "evidence, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6) "
                      "RETURNING id",
                      6, ins, &id);
        if (rc == DB_OK)
            rc = audit_write(
                d, a, who, atoll(tenant_id), "create", "org_answers", db_cell(id, 0, 0),
                arena_printf(a, "%s: det strängaste av %d objekts svar", db_cell(rows, best, 5), n),
                NULL);
        if (rc == DB_OK) (*carried)++;
    }
    return rc;
}

void org_answer_validate(req *r, const entity *e, record *rec, const record *old, errors *errs)
{
    if (old) return; /* the requirement is fixed once answered */
    int req_i = entity_field(e, "requirement_id");
    const char *p[] = {rec->values[req_i], tenant_param(r)};
    if (!db_scalar(r->db, r->a,
                   "SELECT 1 FROM requirement WHERE id = $1 AND tenant_id = $2 AND active = 1 AND "
                   "org_wide = 1",
                   2, p)) {
        errors_add(errs, req_i, TR_orgreq_not_org_wide, NULL);
        return;
    }
    if (db_scalar(r->db, r->a,
                  "SELECT 1 FROM org_answer WHERE requirement_id = $1 AND tenant_id = $2", 2, p))
        errors_add(errs, req_i, TR_orgreq_answer_taken, NULL);
}

/* The row of answers (ordered by requirement) for requirement id, or -1. */
static int answer_row(const db_res *answers, const char *id)
{
    for (int i = 0; i < answers->nrows; i++)
        if (!strcmp(db_cell(answers, i, OA_REQ), id)) return i;
    return -1;
}

bool org_assessment_load(req *r, org_assessment *o)
{
    memset(o, 0, sizeof *o);
    const char *p[] = {tenant_param(r)};
    o->answers_readable = entity_may_read(r, &entity_org_answers) &&
                          strcmp(entity_read_scope(r, &entity_org_answers, "t"), " AND (1 = 0)");
    if (db_query(r->db, r->a,
                 "SELECT id, code, area, kind, aspect, min_level, text_sv, text_en, iso27002, "
                 "msbfs, gdpr FROM requirement WHERE tenant_id = $1 AND active = 1 AND org_wide "
                 "= 1 ORDER BY area, code",
                 1, p, &o->reqs) != DB_OK ||
        db_query(r->db, r->a,
                 arena_printf(r->a,
                              "SELECT t.requirement_id, t.status, t.comment, t.evidence, t.id FROM "
                              "org_answer t JOIN requirement q ON q.tenant_id = t.tenant_id AND "
                              "q.id = t.requirement_id AND q.active = 1 AND q.org_wide = 1 WHERE "
                              "t.tenant_id = $1%s ORDER BY t.requirement_id",
                              entity_read_scope(r, &entity_org_answers, "t")),
                 1, p, &o->answers) != DB_OK)
        return false;
    int n = o->reqs->nrows;
    o->answer_of = arena_alloc(r->a, sizeof(int) * (size_t)(n + 1));
    for (int i = 0; i < n; i++) {
        o->answer_of[i] = answer_row(o->answers, db_cell(o->reqs, i, Q_ID));
        o->applicable++;
        const char *st = org_status(o, i);
        if (!st) continue;
        o->assessed++;
        o->met += !strcmp(st, "met");
        o->na += !strcmp(st, "na");
        o->gaps += !strcmp(st, "not_met") || !strcmp(st, "partly");
    }
    return true;
}

const char *org_value(const org_assessment *o, int i, int col)
{
    int a = o->answer_of[i];
    return a >= 0 ? db_cell(o->answers, a, col) : NULL;
}

const char *org_status(const org_assessment *o, int i)
{
    return org_value(o, i, OA_STATUS);
}

int org_met_percent(const org_assessment *o)
{
    return share_met_percent(o->applicable, o->met, o->na);
}

/* The page's data beside the assessment: the top unit (where an action for the whole
 * organisation belongs), what meets the requirements for it, the actions made from the
 * answers, and per requirement how many objects' answers (history) the reader sees. */
static bool page_load(req *r, org_page *pg)
{
    memset(pg, 0, sizeof *pg);
    if (!org_assessment_load(r, &pg->o)) return false;
    const char *p[] = {tenant_param(r)};
    pg->root_unit = db_scalar(r->db, r->a,
                              "SELECT id FROM unit WHERE tenant_id = $1 AND parent_id IS NULL AND "
                              "retired_at IS NULL ORDER BY id LIMIT 1",
                              1, p);
    pg->may_write = perm_allows(r->auth, ACT_REQUIREMENT_WRITE, NULL);
    pg->may_act =
        pg->root_unit && perm_allows(r->auth, ACT_RISK_WRITE, unit_path_of(r, pg->root_unit));
    for (int k = 0; k < 4 && requirement_sources[k].load && pg->root_unit; k++)
        if (requirement_sources[k].load(r, pg->root_unit, &pg->met_by[k]) != DB_OK) return false;
    if (db_query(r->db, r->a,
                 arena_printf(r->a,
                              "SELECT x.source_id, x.id, x.title, x.status FROM action_item x "
                              "WHERE x.tenant_id = $1 AND x.source_entity = 'org_answers'%s "
                              "ORDER BY x.id",
                              entity_read_scope(r, &entity_actions, "x")),
                 1, p, &pg->actions) != DB_OK ||
        db_query(r->db, r->a,
                 arena_printf(r->a,
                              "SELECT t.requirement_id, COUNT(*) FROM answer t JOIN requirement q "
                              "ON q.tenant_id = t.tenant_id AND q.id = t.requirement_id AND "
                              "q.org_wide = 1 WHERE t.tenant_id = $1%s GROUP BY t.requirement_id",
                              entity_read_scope(r, &entity_answers, "t")),
                 1, p, &pg->history) != DB_OK)
        return false;
    return entity_audit_read_rows(r, &entity_org_answers, pg->o.answers, OA_ID,
                                  "organisation-wide requirements");
}

int org_history_count(const org_page *pg, const char *requirement_id)
{
    for (int i = 0; i < pg->history->nrows; i++)
        if (!strcmp(db_cell(pg->history, i, 0), requirement_id))
            return atoi(db_cell(pg->history, i, 1));
    return 0;
}

void org_gap(req *r, const org_page *pg, int i, buf *out)
{
    const char *st = org_status(&pg->o, i);
    if (!st || (strcmp(st, "not_met") && strcmp(st, "partly"))) return;
    const char *answer_id = org_value(&pg->o, i, OA_ID);
    bool any = false;
    for (int k = 0; k < pg->actions->nrows && !any; k++)
        any = !strcmp(db_cell(pg->actions, k, 0), answer_id);
    const char *make_url = NULL;
    if (!any && pg->may_act) {
        buf url;
        buf_init(&url, 0);
        buf_printf(&url, "/actions/new?source_entity=org_answers&source_id=%s&unit_id=%s&title=",
                   answer_id, pg->root_unit);
        esc_url_component(
            &url, gap_title(r->a, db_cell(pg->o.reqs, i, Q_CODE), db_cell(pg->o.reqs, i, Q_SV)));
        make_url = arena_strdup(r->a, buf_str(&url));
        buf_free(&url);
    }
    view_org_gap(out, r->lang, pg, answer_id,
                 &entity_actions.fields[entity_field_index(&entity_actions, "status")], r,
                 make_url);
}

static void page(req *r, resp *out, const org_page *pg, const char *error, int saved)
{
    page_begin(r, out, tr(r->lang, TR_orgreq_title), "org_wide");
    view_org_page(&out->body, r->lang, r, pg, error, saved);
    page_end(r, out);
}

void h_org_requirements(req *r, resp *out)
{
    org_page pg;
    if (!page_load(r, &pg)) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    const char *saved = kv_get(&r->query, "saved");
    int64_t n = -1;
    if (!saved || !parse_int64(saved, &n) || n < 0 || n > 100000) n = -1;
    page(r, out, &pg, NULL, (int)n);
}

/* A submitted form value, trimmed; NULL when absent or blank. */
static const char *field_of(req *r, const char *prefix, const char *id)
{
    const char *v = kv_get(&r->form, arena_printf(r->a, "%s_%s", prefix, id));
    if (!v) return NULL;
    char *t = str_trim(arena_strdup(r->a, v));
    return *t ? t : NULL;
}

/* The first bad value on the form, as a message; NULL when all are good. */
static const char *first_error(req *r, const org_assessment *o)
{
    for (int i = 0; i < o->reqs->nrows; i++) {
        const char *id = db_cell(o->reqs, i, Q_ID);
        const char *st = field_of(r, "status", id), *co = field_of(r, "comment", id),
                   *ev = field_of(r, "evidence", id);
        if (st && status_rank(st) > 3)
            return arena_printf(r->a, "%s %s", tr(r->lang, TR_assess_bad_status),
                                db_cell(o->reqs, i, Q_CODE));
        if ((co && (utf8_length(co) > 4000 || !utf8_valid(co, strlen(co)))) ||
            (ev && (utf8_length(ev) > 1000 || !utf8_valid(ev, strlen(ev)) || strpbrk(ev, "\r\n"))))
            return arena_printf(r->a, "%s: %s", db_cell(o->reqs, i, Q_CODE),
                                tr(r->lang, TR_err_too_long));
    }
    return NULL;
}

/* One requirement's answer as the form gives it: written, changed or removed, audited
 * like an entity write; *changed counts it when it changed. */
static int save_one(req *r, const org_assessment *o, int i, const char *now, int *changed)
{
    const char *id = db_cell(o->reqs, i, Q_ID), *tenant = tenant_param(r);
    if (!kv_get(&r->form, arena_printf(r->a, "status_%s", id))) return DB_OK; /* not on it */
    const char *status = field_of(r, "status", id), *comment = field_of(r, "comment", id),
               *evidence = field_of(r, "evidence", id);
    const char *old_status = org_value(o, i, OA_STATUS), *old_comment = org_value(o, i, OA_COMMENT),
               *old_evidence = org_value(o, i, OA_EVIDENCE), *answer = org_value(o, i, OA_ID);
    if (str_same(old_status, status) && str_same(old_comment, comment) &&
        str_same(old_evidence, evidence))
        return DB_OK;
    if (!answer && !status) return DB_OK; /* a comment without a status is dropped */
    const char *triples[] = {"status", old_status, status,       "comment", old_comment,
                             comment,  "evidence", old_evidence, evidence};
    const char *d = entity_diff_triples(r, triples, 3);
    const char *summary = db_cell(o->reqs, i, Q_CODE);
    int rc;
    if (answer && !status) {
        const char *p[] = {answer, tenant};
        rc = db_exec(r->db, "DELETE FROM org_answer WHERE id = $1 AND tenant_id = $2", 2, p, NULL);
        if (rc == DB_OK)
            rc = entity_audit(r, "delete", &entity_org_answers, atoll(answer), summary, d);
    } else if (answer) {
        const char *p[] = {status, comment, evidence, now, answer, tenant};
        rc = db_exec(r->db,
                     "UPDATE org_answer SET status = $1, comment = $2, evidence = $3, updated_at "
                     "= $4 WHERE id = $5 AND tenant_id = $6",
                     6, p, NULL);
        if (rc == DB_OK)
            rc = entity_audit(r, "update", &entity_org_answers, atoll(answer), summary, d);
    } else {
        const char *p[] = {tenant, id, status, comment, evidence, now};
        db_res *res = NULL;
        rc = db_query(r->db, r->a,
                      "INSERT INTO org_answer (tenant_id, requirement_id, status, comment, "
                      "evidence, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6) "
                      "RETURNING id",
                      6, p, &res);
        if (rc == DB_OK)
            rc = entity_audit(r, "create", &entity_org_answers, db_cell_int(res, 0, 0), summary, d);
    }
    if (rc == DB_OK) (*changed)++;
    return rc;
}

void h_org_requirements_save(req *r, resp *out)
{
    org_page pg;
    if (!page_load(r, &pg)) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    if (!pg.may_write || !pg.o.answers_readable) {
        respond_error(r, out, 403, "forbidden", TR_err_forbidden);
        return;
    }
    const char *error = first_error(r, &pg.o);
    if (error) {
        out->status = 422;
        page(r, out, &pg, error, -1);
        return;
    }
    char now[21];
    time_now_iso(now);
    int changed = 0;
    int rc = db_begin(r->db);
    for (int i = 0; rc == DB_OK && i < pg.o.reqs->nrows; i++)
        rc = save_one(r, &pg.o, i, now, &changed);
    if (rc != DB_OK || db_commit(r->db) != DB_OK) {
        db_rollback(r->db);
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    resp_redirect(out, r->a, arena_printf(r->a, "/requirements/org-wide?saved=%d", changed));
}
