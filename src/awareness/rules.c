/* rules.c - the rules of awareness training: the share completed, when a completion must
 * be repeated, a drill's numbers (pure functions, tests/unit/test_awareness.c); and the
 * checks on a campaign, a completion and a drill's numbers before they are written. */
#include "awareness.h"
#include "../documents/documents.h"
#include "../core/util.h"
#include "../imports/dates.h"
#include <stdlib.h>
#include <string.h>

int awareness_share_percent(long long done, long long reached)
{
    if (reached <= 0 || done <= 0) return 0;
    if (done >= reached) return 100;
    return (int)((done * 100 + reached / 2) / reached);
}

bool awareness_repeat_cutoff(const char *today, int months, char out[11])
{
    if (months < 1 || !today || !date_valid(today)) return false;
    /* today − months is at most a few days short of the last overdue date (a due date
     * clamped to the month's last day): step on while the next day is still due by today */
    char c[11], next[11], due[11];
    if (!date_add_months(today, -months, c)) return false;
    for (;;) {
        if (!date_add_days(c, 1, next) || !date_add_months(next, months, due)) return false;
        if (strcmp(due, today) > 0) break;
        memcpy(c, next, sizeof c);
    }
    /* and back while c itself is not yet due (never, as months are added back clamped;
     * kept so that the cutoff holds by construction) */
    while (date_add_months(c, months, due) && strcmp(due, today) > 0) {
        if (!date_add_days(c, -1, next)) return false;
        memcpy(c, next, sizeof c);
    }
    memcpy(out, c, 11);
    return true;
}

bool awareness_repeat_overdue(const char *completed_on, int months, const char *today)
{
    char cutoff[11];
    if (months < 1 || !completed_on || !date_valid(completed_on)) return false;
    return awareness_repeat_cutoff(today, months, cutoff) && strcmp(completed_on, cutoff) <= 0;
}

const char *phishing_counts_problem(long long sent, long long clicked, long long reported)
{
    if (clicked < 0 || clicked > sent) return "clicked";
    if (reported < 0 || reported > sent) return "reported";
    return NULL;
}

int phishing_trend_points(int before_percent, int now_percent)
{
    return now_percent - before_percent;
}

bool awareness_import_date(const char *cell, char out[11])
{
    /* the forms every import reads, and a serial that came without its date format */
    return import_date(cell, out) || import_excel_serial(cell, out);
}

void campaign_validate(req *r, const entity *e, record *rec, const record *old, errors *errs)
{
    (void)old;
    audience_validate(r, e, rec, errs);
    /* kept by the writers of the unit it is aimed at; aimed at all, by the tenant's */
    const char *target = record_get(rec, e, "target");
    record_set(rec, e, "unit_id",
               target && strcmp(target, "all") != 0 ? record_get(rec, e, "target_unit_id") : NULL);
    const char *from = record_get(rec, e, "starts_on"), *to = record_get(rec, e, "ends_on");
    if (from && to && strcmp(to, from) < 0)
        errors_add(errs, entity_field(e, "ends_on"), TR_aw_err_period, NULL);
    const char *kind = record_get(rec, e, "kind"), *basic = record_get(rec, e, "basic");
    if (!basic)
        record_set(rec, e, "basic", "0");
    else if (kind && !strcmp(kind, "phishing") && !strcmp(basic, "1"))
        errors_add(errs, entity_field(e, "basic"), TR_aw_err_basic_phishing, NULL);
}

/* The campaign a row names, in the caller's tenant: kind, unit_id; NULL when none. */
static db_res *campaign_of(req *r, const char *id)
{
    const char *p[] = {id, tenant_param(r)};
    db_res *res = NULL;
    if (!id ||
        db_query(r->db, r->a,
                 "SELECT kind, unit_id FROM training_campaign WHERE id = $1 AND tenant_id = $2", 2,
                 p, &res) != DB_OK ||
        res->nrows != 1)
        return NULL;
    return res;
}

void completion_validate(req *r, const entity *e, record *rec, const record *old, errors *errs)
{
    db_res *c = campaign_of(r, record_get(rec, e, "campaign_id"));
    if (!c) {
        errors_add(errs, entity_field(e, "campaign_id"), TR_err_ref, NULL);
        return;
    }
    /* a person reads their own completions but records none: only the campaign's
     * writers do, whatever unit the row named before */
    const char *unit = db_cell(c, 0, 1);
    const char *path = unit ? unit_path_of(r, unit) : NULL;
    if ((unit && !path) || !perm_allows(r->auth, ACT_TRAINING_WRITE, path)) {
        errors_add(errs, -1, TR_err_forbidden, NULL);
        return;
    }
    if (!strcmp(db_cell(c, 0, 0), "phishing"))
        errors_add(errs, entity_field(e, "campaign_id"), TR_aw_err_phishing_completion, NULL);
    record_set(rec, e, "unit_id", unit);
    if (!record_get(rec, e, "source")) record_set(rec, e, "source", "lis");
    char today[11];
    date_today(today);
    const char *on = record_get(rec, e, "completed_on");
    if (on && strcmp(on, today) > 0)
        errors_add(errs, entity_field(e, "completed_on"), TR_aw_err_future, NULL);
    const char *p[] = {tenant_param(r), record_get(rec, e, "campaign_id"),
                       record_get(rec, e, "person_id"), on, old ? int_text(r->a, old->id) : "0"};
    if (on && p[2] &&
        db_scalar(r->db, r->a,
                  "SELECT 1 FROM training_completion WHERE tenant_id = $1 AND campaign_id = $2 AND "
                  "person_id = $3 AND completed_on = $4 AND id <> $5",
                  5, p))
        errors_add(errs, entity_field(e, "completed_on"), TR_aw_err_duplicate, NULL);
}

void phishing_validate(req *r, const entity *e, record *rec, const record *old, errors *errs)
{
    db_res *c = campaign_of(r, record_get(rec, e, "campaign_id"));
    if (!c) {
        errors_add(errs, entity_field(e, "campaign_id"), TR_err_ref, NULL);
        return;
    }
    if (strcmp(db_cell(c, 0, 0), "phishing") != 0)
        errors_add(errs, entity_field(e, "campaign_id"), TR_aw_err_not_phishing, NULL);
    record_set(rec, e, "unit_id", db_cell(c, 0, 1));
    const char *f = record_get(rec, e, "forvaltning_id");
    const char *p[] = {f, tenant_param(r), record_get(rec, e, "campaign_id"),
                       old ? int_text(r->a, old->id) : "0"};
    if (f && !db_scalar(r->db, r->a,
                        "SELECT 1 FROM unit WHERE id = $1 AND tenant_id = $2 AND kind IN "
                        "('forvaltning', 'bolag')",
                        2, p))
        errors_add(errs, entity_field(e, "forvaltning_id"), TR_aw_err_not_forvaltning, NULL);
    else if (f && db_scalar(r->db, r->a,
                            "SELECT 1 FROM phishing_result WHERE forvaltning_id = $1 AND tenant_id "
                            "= $2 AND campaign_id = $3 AND id <> $4",
                            4, p))
        errors_add(errs, entity_field(e, "forvaltning_id"), TR_aw_err_phishing_twice, NULL);
    const char *sent = record_get(rec, e, "sent"), *clicked = record_get(rec, e, "clicked"),
               *reported = record_get(rec, e, "reported");
    if (sent && clicked && reported) {
        const char *bad = phishing_counts_problem(atoll(sent), atoll(clicked), atoll(reported));
        if (bad) errors_add(errs, entity_field(e, bad), TR_aw_err_counts, NULL);
    }
}
