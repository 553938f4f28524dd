/* rules.c - the rules of the internal audit and the management review:
 *  - one programme per year;
 *  - an audit is planned within its programme's year; a held audit says when it was held,
 *    not in the future;
 *  - a check names one requirement or one styrdokument; checks and findings live in the
 *    unit of their audit (it decides who writes and reads them);
 *  - a finding is open until closed; it cannot be closed while an action made from it is
 *    still open, unless the closing says why (ISO/IEC 27001 10.2: the correction is
 *    followed up until it is done);
 *  - a review held keeps its inputs as they were (the snapshot, written here once). */
#include "followup.h"
#include "../core/util.h"
#include <stdlib.h>
#include <string.h>

static const char *get(const entity *e, const record *rec, const char *name)
{
    return rec->values[entity_field(e, name)];
}

static void set(const entity *e, record *rec, const char *name, const char *v)
{
    record_set(rec, e, name, v);
}

/* Today's date in Stockholm, YYYY-MM-DD, in the request's arena. */
static const char *today(req *r)
{
    char day[11];
    date_today(day);
    return arena_strdup(r->a, day);
}

void audit_programme_validate(req *r, const entity *e, record *rec, const record *old, errors *errs)
{
    const char *year = get(e, rec, "year");
    if (old || !year) return;
    const char *p[] = {tenant_param(r), year};
    if (db_scalar(r->db, r->a,
                  "SELECT id FROM audit_programme WHERE tenant_id = $1 AND year = CAST($2 AS "
                  "BIGINT)",
                  2, p))
        errors_add(errs, entity_field(e, "year"), TR_fu_err_programme_year, NULL);
}

void internal_audit_validate(req *r, const entity *e, record *rec, const record *old, errors *errs)
{
    (void)old;
    const char *p[] = {get(e, rec, "programme_id"), tenant_param(r)};
    const char *year =
        p[0] ? db_scalar(r->db, r->a,
                         "SELECT year FROM audit_programme WHERE id = $1 AND tenant_id = $2", 2, p)
             : NULL;
    if (!year) {
        errors_add(errs, entity_field(e, "programme_id"), TR_err_ref, NULL);
        return;
    }
    const char *planned = get(e, rec, "planned_on");
    if (planned && strncmp(planned, year, 4) != 0)
        errors_add(errs, entity_field(e, "planned_on"), TR_fu_err_planned_year, year);
    const char *status = get(e, rec, "status"), *held = get(e, rec, "held_on");
    bool is_held = status && !strcmp(status, "held");
    if (is_held && str_empty(held))
        errors_add(errs, entity_field(e, "held_on"), TR_fu_err_held_on, NULL);
    else if (!is_held && !str_empty(held))
        errors_add(errs, entity_field(e, "held_on"), TR_fu_err_held_not, NULL);
    else if (held && strcmp(held, today(r)) > 0)
        errors_add(errs, entity_field(e, "held_on"), TR_fu_err_future, NULL);
}

/* The unit of the audit a check or finding belongs to, copied onto it; NULL (with an
 * error on audit_id) when there is no such audit in the tenant. */
static bool audit_unit(req *r, const entity *e, record *rec, errors *errs)
{
    const char *p[] = {get(e, rec, "audit_id"), tenant_param(r)};
    const char *unit =
        p[0]
            ? db_scalar(r->db, r->a,
                        "SELECT unit_id FROM internal_audit WHERE id = $1 AND tenant_id = $2", 2, p)
            : NULL;
    if (!unit) {
        errors_add(errs, entity_field(e, "audit_id"), TR_err_ref, NULL);
        return false;
    }
    set(e, rec, "unit_id", unit);
    return true;
}

void audit_check_validate(req *r, const entity *e, record *rec, const record *old, errors *errs)
{
    (void)old;
    if (!audit_unit(r, e, rec, errs)) return;
    bool requirement = !str_empty(get(e, rec, "requirement_id"));
    bool document = !str_empty(get(e, rec, "document_id"));
    if (requirement == document)
        errors_add(errs, entity_field(e, "requirement_id"), TR_fu_err_check_one, NULL);
}

/* How many actions made from this finding are neither done nor cancelled. */
static int open_actions(req *r, int64_t finding)
{
    const char *p[] = {tenant_param(r), int_text(r->a, finding)};
    const char *n = db_scalar(r->db, r->a,
                              "SELECT COUNT(*) FROM action_item WHERE tenant_id = $1 AND "
                              "source_entity = 'audit_findings' AND source_id = CAST($2 AS "
                              "BIGINT) AND status NOT IN ('done', 'cancelled')",
                              2, p);
    return n ? atoi(n) : 0;
}

void audit_finding_validate(req *r, const entity *e, record *rec, const record *old, errors *errs)
{
    if (!audit_unit(r, e, rec, errs)) return;
    const char *status = get(e, rec, "status");
    if (str_empty(status)) set(e, rec, "status", status = "open");
    bool closed = !strcmp(status, "closed");
    bool was_closed = old && old->values[entity_field(e, "status")] &&
                      !strcmp(old->values[entity_field(e, "status")], "closed");
    if (!closed) {
        /* reopened: the closing no longer holds */
        if (!str_empty(get(e, rec, "closed_on"))) set(e, rec, "closed_on", NULL);
        return;
    }
    if (str_empty(get(e, rec, "closed_on"))) set(e, rec, "closed_on", today(r));
    const char *on = get(e, rec, "closed_on");
    if (on && strcmp(on, today(r)) > 0)
        errors_add(errs, entity_field(e, "closed_on"), TR_fu_err_future, NULL);
    if (!was_closed && old && open_actions(r, old->id) > 0 &&
        str_empty(get(e, rec, "close_reason")))
        errors_add(errs, entity_field(e, "close_reason"), TR_fu_err_action_open, NULL);
}

void review_validate(req *r, const entity *e, record *rec, const record *old, errors *errs)
{
    const char *status = get(e, rec, "status");
    if (str_empty(status)) set(e, rec, "status", status = "planned");
    const char *held = get(e, rec, "held_on");
    bool is_held = !strcmp(status, "held");
    bool was_held = old && old->values[entity_field(e, "status")] &&
                    !strcmp(old->values[entity_field(e, "status")], "held");
    if (was_held && !is_held) {
        /* what kommunstyrelsen was told stays told */
        errors_add(errs, entity_field(e, "status"), TR_fu_err_review_held, NULL);
        return;
    }
    if (is_held && str_empty(held)) set(e, rec, "held_on", held = today(r));
    if (!is_held && !str_empty(held))
        errors_add(errs, entity_field(e, "held_on"), TR_fu_err_held_not, NULL);
    else if (held && strcmp(held, today(r)) > 0)
        errors_add(errs, entity_field(e, "held_on"), TR_fu_err_future, NULL);
    if (errs->n) return;
    if (is_held && !was_held) {
        /* the inputs as they are now, kept: counted once, at the moment it is held */
        review_figures fig;
        int64_t id = old ? old->id : 0;
        if (!review_figures_count(r, id, &fig)) {
            errors_add(errs, -1, TR_fu_err_snapshot, NULL);
            return;
        }
        set(e, rec, "snapshot", review_figures_json(r, &fig));
    } else if (old) {
        set(e, rec, "snapshot", old->values[entity_field(e, "snapshot")]);
    } else {
        set(e, rec, "snapshot", NULL);
    }
}

void review_decision_validate(req *r, const entity *e, record *rec, const record *old, errors *errs)
{
    (void)old;
    const char *p[] = {get(e, rec, "review_id"), tenant_param(r)};
    if (!p[0] ||
        !db_scalar(r->db, r->a, "SELECT id FROM management_review WHERE id = $1 AND tenant_id = $2",
                   2, p))
        errors_add(errs, entity_field(e, "review_id"), TR_err_ref, NULL);
}
