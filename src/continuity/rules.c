/* rules.c - continuity rules: a plan is for exactly one förvaltningsobjekt or process and
 * lives in its unit (its tests follow it there); the recovery time cannot exceed the
 * maximum tolerable downtime; a test cannot lie in the future, a failed one says what
 * was found, and the next one is due a year later unless said otherwise. */
#include "continuity.h"
#include "../core/escape.h"
#include "../core/util.h"
#include "../entity/render.h"
#include "../http/page.h"
#include "../http/page_memo.h"
#include "../../build/views/continuity_page.h"
#include "../../build/views/continuity_plan_overdue.h"
#include "../../build/views/continuity_rsa.h"
#include <stdlib.h>
#include <string.h>

static const char **value(const entity *e, record *rec, const char *name)
{
    return &rec->values[entity_field(e, name)];
}

static void set(const entity *e, record *rec, const char *name, const char *v)
{
    int i = entity_field_index(e, name);
    rec->values[i] = v;
    rec->present[i] = true;
}

/* Today's date in Stockholm, YYYY-MM-DD. */
static const char *today(req *r)
{
    time_t t = req_now(r);
    t += time_stockholm_offset(t);
    struct tm tm;
    gmtime_r(&t, &tm);
    return arena_printf(r->a, "%04d-%02d-%02d", (tm.tm_year + 1900) % 10000, (tm.tm_mon + 1) % 100,
                        tm.tm_mday % 100);
}

void continuity_plan_validate(req *r, const entity *e, record *rec, const record *old, errors *errs)
{
    (void)old;
    const char *object = *value(e, rec, "object_id"), *process = *value(e, rec, "process_id");
    int oi = entity_field(e, "object_id");
    if (!object == !process) {
        errors_add(errs, oi, TR_cont_err_one, NULL);
        return;
    }
    const char *p[] = {object ? object : process, tenant_param(r)};
    const char *unit =
        db_scalar(r->db, r->a,
                  object ? "SELECT unit_id FROM managed_object WHERE id = $1 AND tenant_id = $2"
                         : "SELECT unit_id FROM process WHERE id = $1 AND tenant_id = $2",
                  2, p);
    if (!unit) {
        errors_add(errs, object ? oi : entity_field(e, "process_id"), TR_err_ref, NULL);
        return;
    }
    set(e, rec, "unit_id", unit);
    /* the BIA is reviewed yearly: due a year after the last review */
    const char *reviewed = *value(e, rec, "last_reviewed");
    char *due = arena_alloc(r->a, 11);
    set(e, rec, "review_due", due && reviewed && date_add_months(reviewed, 12, due) ? due : NULL);
    const char *mtpd = *value(e, rec, "mtpd_hours"), *rto = *value(e, rec, "rto_hours");
    if (mtpd && rto && atoll(rto) > atoll(mtpd))
        errors_add(errs, entity_field(e, "rto_hours"), TR_cont_err_rto, NULL);
}

bool continuity_plan_after_write(req *r, const entity *e, record *rec, const record *old,
                                 errors *errs)
{
    (void)errs;
    if (!old || !rec) return true;
    /* the tests follow a plan that moves to another unit */
    const char *p[] = {*value(e, rec, "unit_id"), int_text(r->a, old->id), tenant_param(r)};
    return !p[0] || db_exec(r->db,
                            "UPDATE continuity_test SET unit_id = $1 WHERE plan_id = $2 AND "
                            "tenant_id = $3",
                            3, p, NULL) == DB_OK;
}

void continuity_test_validate(req *r, const entity *e, record *rec, const record *old, errors *errs)
{
    (void)old;
    const char *p[] = {*value(e, rec, "plan_id"), tenant_param(r)};
    const char *unit =
        p[0] ? db_scalar(r->db, r->a,
                         "SELECT unit_id FROM continuity_plan WHERE id = $1 AND tenant_id = $2", 2,
                         p)
             : NULL;
    if (!unit) {
        errors_add(errs, entity_field(e, "plan_id"), TR_err_ref, NULL);
        return;
    }
    set(e, rec, "unit_id", unit);
    const char *on = *value(e, rec, "tested_on");
    if (on && strcmp(on, today(r)) > 0)
        errors_add(errs, entity_field(e, "tested_on"), TR_cont_err_future, NULL);
    const char *result = *value(e, rec, "result");
    if (result && !strcmp(result, "failed") && str_empty(*value(e, rec, "findings")))
        errors_add(errs, entity_field(e, "findings"), TR_cont_err_findings, NULL);
    /* a tabletop exercise restores nothing: a measured restore time would be invented */
    const char *kind = *value(e, rec, "kind");
    if (kind && !strcmp(kind, "tabletop") && !str_empty(*value(e, rec, "measured_restore_hours")))
        errors_add(errs, entity_field(e, "measured_restore_hours"), TR_cont_err_measured, NULL);
    const char *next = *value(e, rec, "next_due");
    if (on && !next && date_valid(on)) /* a year later, by default */
        set(e, rec, "next_due", arena_printf(r->a, "%04d%s", atoi(on) + 1, on + 4));
    next = *value(e, rec, "next_due");
    if (on && next && strcmp(next, on) < 0)
        errors_add(errs, entity_field(e, "next_due"), TR_cont_err_next, NULL);
}

void rsa_validate(req *r, const entity *e, record *rec, const record *old, errors *errs)
{
    (void)old;
    const char *reported = *value(e, rec, "reported_on");
    if (reported && strcmp(reported, today(r)) > 0)
        errors_add(errs, entity_field(e, "reported_on"), TR_cont_err_future, NULL);
    const char *p[] = {tenant_param(r), *value(e, rec, "term"), int_text(r->a, old ? old->id : 0)};
    if (p[1] &&
        db_scalar(r->db, r->a, "SELECT 1 FROM rsa WHERE tenant_id = $1 AND term = $2 AND id <> $3",
                  3, p))
        errors_add(errs, entity_field(e, "term"), TR_rsa_err_term, NULL);
}

/* The RSA on the continuity page: the latest term's due date, reported or not. */
void continuity_rsa_section(req *r, buf *b)
{
    if (!entity_may_read(r, &entity_rsa)) return;
    const char *p[] = {tenant_param(r)};
    db_res *res = NULL;
    /* need-to-know: an RSA names the kommun's weaknesses */
    if (db_query(r->db, r->a,
                 arena_printf(r->a,
                              "SELECT t.id, t.term, t.due_on, t.reported_on FROM rsa t WHERE "
                              "t.tenant_id = $1%s ORDER BY t.tenant_id DESC, t.due_on DESC, t.id "
                              "DESC LIMIT 1",
                              entity_read_scope(r, &entity_rsa, "t")),
                 1, p, &res) != DB_OK)
        return;
    view_continuity_rsa(b, r->lang, res, today(r));
}

/* Above the plan's tests (its related list): whether its latest test is overdue, or it
 * was never tested. */
void continuity_plan_detail_extra(req *r, const entity *e, const record *rec, buf *out)
{
    (void)e;
    /* tests name weaknesses (need-to-know): shown, and said to be missing or late, only
     * to those who may read this plan's tests */
    if (!entity_parent_readable(r, &entity_continuity_tests, rec->id)) return;
    const char *p[] = {int_text(r->a, rec->id), tenant_param(r)};
    db_res *res = NULL;
    if (db_query(r->db, r->a,
                 "SELECT next_due FROM continuity_test WHERE plan_id = $1 AND tenant_id = $2 "
                 "ORDER BY tested_on DESC, id DESC LIMIT 1",
                 2, p, &res) != DB_OK)
        return;
    const char *next = res->nrows ? db_cell(res, 0, 0) : NULL;
    if (!res->nrows || strcmp(next ? next : "", today(r)) < 0)
        view_continuity_plan_overdue(out, r->lang, res->nrows > 0);
}

void h_continuity(req *r, resp *out)
{
    /* the rollup and the service levels count over every system of the tenant: the page
     * is kept until the next change (page_memo.h; never when it logged a need-to-know read) */
    memo_part part;
    if (page_memo_serve(r, out, "continuity", tr(r->lang, TR_cont_title), "continuity", &part))
        return;
    const char *p[] = {tenant_param(r)};
    db_res *res = NULL;
    /* each plan whose tests the reader may read (need-to-know) with its latest test (by
     * date): its result and when the next is due */
    if (db_query(r->db, r->a,
                 arena_printf(r->a,
                              "SELECT c.id, c.name, c.rto_hours, t.tested_on, t.result, t.next_due "
                              "FROM continuity_plan c LEFT JOIN continuity_test t ON t.id = "
                              "(SELECT x.id FROM continuity_test x WHERE x.plan_id = c.id AND "
                              "x.tenant_id = c.tenant_id ORDER BY x.tested_on DESC, x.id DESC "
                              "LIMIT 1) WHERE c.tenant_id = $1%s ORDER BY c.tenant_id, c.name, "
                              "c.id LIMIT 1000",
                              entity_parent_read_scope(r, &entity_continuity_tests, "c")),
                 1, p, &res) != DB_OK) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    const char *now = today(r);
    int overdue = 0;
    for (int i = 0; i < res->nrows; i++)
        overdue += !db_cell(res, i, 5) || strcmp(db_cell(res, i, 5), now) < 0;
    page_begin(r, out, tr(r->lang, TR_cont_title), "continuity");
    size_t start = out->body.len;
    view_continuity_page(&out->body, r->lang, r, res, now, overdue);
    page_memo_keep(r, &part, &out->body, start, 0);
    page_end(r, out);
}
