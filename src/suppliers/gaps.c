/* gaps.c - what the follow-up of a supplier leads to. An answer in the returned annex
 * that is not or only partly met is a gap: one click opens the action form (the
 * handlingsplan) or the risk form with the treatment "accept", prefilled with the answer
 * as origin (the contract in src/actions/actions.h, as a self-assessment's gap); a
 * finding of a review becomes an action the same way. The supplier's page gathers its
 * certifications (expired ones and those expiring within 60 days flagged), reviews, open
 * findings and gaps; the last two need-to-know (entity_read_scope). */
#include "suppliers.h"
#include "../entity/origin.h"
#include "../entity/handlers.h"
#include "../requirements/assessment.h"
#include "../risks/risks.h"
#include "../core/escape.h"
#include "../core/util.h"
#include "../../build/views/supplier_gap.h"
#include "../../build/views/supplier_follow_up.h"
#include "../../build/views/supplier_incident.h"
#include "../../build/views/supplier_continuity.h"
#include "../../build/views/supplier_review_extra.h"
#include <stdlib.h>
#include <string.h>

/* whether the caller writes risks and actions anywhere (the form asks for the unit) */
static bool writes_risks(req *r)
{
    const char *paths[1];
    return perm_paths(r->auth, ACT_RISK_WRITE, paths, 1) > 0;
}

/* "/<target>/new?source_entity=…&source_id=…&title=…" and the extra pairs given */
static const char *prefill_url(req *r, const char *target, const entity *src, int64_t id,
                               const char *title, const char *extra)
{
    buf url;
    buf_init(&url, 0);
    buf_printf(&url, "/%s/new?source_entity=%s&source_id=%lld&title=", target, src->name,
               (long long)id);
    esc_url_component(&url, title);
    if (extra) buf_puts(&url, extra);
    const char *s = arena_strdup(r->a, buf_str(&url));
    buf_free(&url);
    return s;
}

void supplier_answer_gap(req *r, const entity *e, const record *rec, buf *out)
{
    const char *status = record_get(rec, e, "status");
    if (status && (!strcmp(status, "not_met") || !strcmp(status, "partly"))) {
        const char *p[] = {tenant_param(r), record_get(rec, e, "requirement_id"),
                           record_get(rec, e, "supplier_id")};
        db_res *q = NULL;
        const char *title = NULL;
        if (db_query(r->db, r->a,
                     "SELECT q.code, q.text_sv, s.name FROM requirement q, supplier s WHERE "
                     "q.tenant_id = $1 AND q.id = $2 AND s.tenant_id = $1 AND s.id = $3",
                     3, p, &q) == DB_OK &&
            q->nrows)
            title = arena_printf(r->a, "%s: %s", db_cell(q, 0, 2),
                                 gap_title(r->a, db_cell(q, 0, 0), db_cell(q, 0, 1)));
        if (title && writes_risks(r))
            view_supplier_gap(
                out, r->lang, prefill_url(r, "actions", e, rec->id, title, NULL),
                prefill_url(r, "risks", e, rec->id, title, "&treatment=accept&status=accepted"));
    }
    origin_made_from(r, e, rec->id, TR_sra_made_from, out);
}

void supplier_finding_actions(req *r, const entity *e, const record *rec, buf *out)
{
    const char *status = record_get(rec, e, "status");
    if (writes_risks(r) && status && !strcmp(status, "open")) {
        const char *p[] = {tenant_param(r), record_get(rec, e, "supplier_id")};
        const char *name = db_scalar(
            r->db, r->a, "SELECT name FROM supplier WHERE tenant_id = $1 AND id = $2", 2, p);
        const char *title =
            arena_printf(r->a, "%s: %s", name ? name : "", record_get(rec, e, "title"));
        view_supplier_gap(out, r->lang, prefill_url(r, "actions", e, rec->id, title, NULL), NULL);
    }
    origin_made_from(r, e, rec->id, TR_srf_made_from, out);
}

void supplier_follow_up(req *r, const record *rec, bool may_write, buf *out)
{
    const char *p[] = {tenant_param(r), int_text(r->a, rec->id)};
    db_res *certs = NULL, *findings = NULL, *gaps = NULL, *agreements = NULL;
    if (db_query(r->db, r->a,
                 "SELECT id, standard, scope, expires_on, seen_on FROM supplier_certification "
                 "WHERE tenant_id = $1 AND supplier_id = $2 ORDER BY expires_on, id",
                 2, p, &certs) != DB_OK)
        certs = NULL;
    /* findings are a section only for those who read them (need-to-know: tenant-wide) */
    if (*entity_read_scope(r, &entity_supplier_findings, "t"))
        findings = NULL;
    else if (db_query(
                 r->db, r->a,
                 arena_printf(r->a,
                              "SELECT t.id, t.title, t.severity FROM supplier_finding t WHERE "
                              "t.tenant_id = $1 AND t.supplier_id = $2 AND t.status = 'open'%s "
                              "ORDER BY t.id",
                              entity_read_scope(r, &entity_supplier_findings, "t")),
                 2, p, &findings) != DB_OK)
        findings = NULL;
    if (db_query(r->db, r->a,
                 arena_printf(r->a,
                              "SELECT t.id, q.code, t.status, t.comment FROM supplier_answer t "
                              "JOIN requirement q ON q.tenant_id = t.tenant_id AND q.id = "
                              "t.requirement_id WHERE t.tenant_id = $1 AND t.supplier_id = $2 AND "
                              "t.status IN ('partly', 'not_met')%s ORDER BY q.code, t.id",
                              entity_read_scope(r, &entity_supplier_answers, "t")),
                 2, p, &gaps) != DB_OK)
        gaps = NULL;
    /* the risks of the analyses the supplier takes part in, those the reader may read */
    db_res *risks = NULL;
    if (db_query(r->db, r->a,
                 arena_printf(r->a,
                              "SELECT x.id, x.title, x.status FROM risk x WHERE x.tenant_id = $1 "
                              "AND x.analysis_id IN (SELECT l.analysis_id FROM analysis_supplier "
                              "l WHERE l.tenant_id = $1 AND l.supplier_id = $2)%s ORDER BY "
                              "x.likelihood * x.consequence DESC, x.title, x.id LIMIT 100",
                              entity_read_scope(r, &entity_risks, "x")),
                 2, p, &risks) != DB_OK)
        risks = NULL;
    const char *crit = record_get(rec, &entity_suppliers, "critical");
    bool no_exit = crit && !strcmp(crit, "1") &&
                   !db_scalar(r->db, r->a,
                              "SELECT 1 FROM supplier_exit_plan WHERE tenant_id = $1 AND "
                              "supplier_id = $2",
                              2, p);
    bool may_import = may_write && !*entity_read_scope(r, &entity_supplier_answers, "x");
    if (may_import &&
        db_query(r->db, r->a,
                 "SELECT id, title FROM agreement WHERE tenant_id = $1 AND supplier_id = $2 "
                 "ORDER BY title, id",
                 2, p, &agreements) != DB_OK)
        agreements = NULL;
    char today[11];
    date_today(today);
    const entity *c = &entity_supplier_certifications, *f = &entity_supplier_findings,
                 *a = &entity_supplier_answers;
    view_supplier_follow_up(out, r->lang, r, (long long)rec->id, certs, today,
                            &c->fields[entity_field(c, "standard")], findings,
                            &f->fields[entity_field(f, "severity")], gaps,
                            &a->fields[entity_field(a, "status")], may_import, agreements, risks,
                            &entity_risks.fields[entity_field(&entity_risks, "status")], no_exit);
}

void suppliers_incident_section(req *r, int64_t incident_id, buf *out)
{
    const char *p[] = {tenant_param(r), int_text(r->a, incident_id)};
    db_res *s = NULL;
    if (db_query(r->db, r->a,
                 "SELECT s.id, s.name, s.incident_contact, s.incident_phone, s.incident_email "
                 "FROM incident i JOIN supplier s ON s.tenant_id = i.tenant_id AND s.id = "
                 "i.supplier_id WHERE i.tenant_id = $1 AND i.id = $2",
                 2, p, &s) != DB_OK ||
        !s->nrows)
        return;
    view_supplier_incident(out, r->lang, s);
}

void suppliers_continuity_section(req *r, int64_t plan_id, buf *out)
{
    const char *p[] = {tenant_param(r), int_text(r->a, plan_id)};
    db_res *rows = NULL;
    /* the suppliers of the plan's object's systems: each with its exit plans (none: one
     * row without a plan), critical ones first */
    if (db_query(r->db, r->a,
                 "SELECT s.id, s.name, s.critical, x.id, x.title, x.data_format, x.time_needed, "
                 "x.test_due, x.tested_on FROM supplier s LEFT JOIN supplier_exit_plan x ON "
                 "x.tenant_id = s.tenant_id AND x.supplier_id = s.id WHERE s.tenant_id = $1 AND "
                 "s.id IN (SELECT y.supplier_id FROM system y JOIN continuity_plan c ON "
                 "c.tenant_id = y.tenant_id AND c.object_id = y.object_id WHERE y.tenant_id = $1 "
                 "AND c.id = $2 AND y.status <> 'retired') ORDER BY s.critical DESC, s.name, s.id, "
                 "x.title, x.id",
                 2, p, &rows) != DB_OK ||
        !rows->nrows)
        return;
    char today[11];
    date_today(today);
    view_supplier_continuity(out, r->lang, rows, today);
}

void supplier_review_extra(req *r, const entity *e, const record *rec, buf *out)
{
    if (!entity_may_write(r, e, rec) ||
        *entity_read_scope(r, &entity_supplier_review_questions, "x"))
        return;
    view_supplier_review_extra(out, r->lang, r, (long long)rec->id);
}

static int cmd_questions(req *r, const entity *e, const record *rec, errors *errs)
{
    const entity *q = &entity_supplier_review_questions;
    if (!entity_may_write(r, e, rec) || *entity_read_scope(r, q, "x")) {
        errors_add(errs, -1, TR_err_forbidden, NULL);
        return DB_CONSTRAINT;
    }
    int need[4];
    bool any = false;
    if (!supplier_need(r, atoll(record_get(rec, e, "supplier_id")), need, &any)) return DB_ERROR;
    const char *review = int_text(r->a, rec->id);
    const char *p[] = {tenant_param(r), review};
    db_res *reqs = NULL;
    if (db_query(
            r->db, r->a,
            "SELECT id, aspect, min_level FROM requirement WHERE tenant_id = $1 AND active = 1 "
            "AND kind = 'SKA' AND id NOT IN (SELECT requirement_id FROM "
            "supplier_review_question WHERE tenant_id = $1 AND review_id = $2 AND "
            "requirement_id IS NOT NULL) ORDER BY area, code",
            2, p, &reqs) != DB_OK)
        return DB_ERROR;
    if (db_begin(r->db) != DB_OK) return DB_ERROR;
    int rc = DB_OK;
    for (int i = 0; rc == DB_OK && i < reqs->nrows; i++) {
        if (!requirement_applies(db_cell(reqs, i, 1), atoi(db_cell(reqs, i, 2)), need)) continue;
        record *nq = record_new(r, q);
        record_set(nq, q, "review_id", review);
        record_set(nq, q, "requirement_id", db_cell(reqs, i, 0));
        rc = entity_create_in(r, q, nq, errs);
    }
    if (rc == DB_OK) return db_commit(r->db);
    db_rollback(r->db);
    return rc;
}

void h_review_questions(req *r, resp *out)
{
    entity_command(r, out, &entity_supplier_reviews, cmd_questions, NULL);
}
