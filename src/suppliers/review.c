/* review.c - following a supplier up (issue 18 points 3 and 4): the answers it gave in a
 * returned SKA annex, its reviews with their questions and findings, and the
 * certifications seen. Answers, questions and findings name the supplier's weaknesses:
 * need-to-know, read by those who may read risks (ACT_RISK_READ tenant-wide) and kept by
 * those who keep the supplier register. Certifications are read by everyone who reads it. */
#include "suppliers.h"
#include "../core/util.h"
#include <stdlib.h>
#include <string.h>

#define LIST_FORM (F_LIST | F_FORM | F_EXPORT | F_DETAIL)
#define DETAIL_FORM (F_FORM | F_DETAIL | F_EXPORT)
#define NEED_TO_KNOW .need_to_know = true, .read_all = ACT_RISK_READ

static const enum_opt answer_statuses[] = {
    {"met", TR_sra_status_met},
    {"partly", TR_sra_status_partly},
    {"not_met", TR_sra_status_not_met},
    {NULL, 0},
};

static const field answer_fields[] = {
    {"supplier_id", FT_REF, TR_sup_one, LIST_FORM | F_FILTER | F_REQUIRED | F_CREATE_ONLY,
     .ref = "suppliers"},
    {"agreement_id", FT_REF, TR_agr_one, LIST_FORM | F_FILTER, .ref = "agreements",
     .help = TR_sra_agreement_help},
    {"requirement_id", FT_REF, TR_requirements_one,
     LIST_FORM | F_FILTER | F_REQUIRED | F_CREATE_ONLY, .ref = "requirements"},
    {"status", FT_ENUM, TR_sra_status, LIST_FORM | F_FILTER | F_SORT | F_REQUIRED | F_NOT_NULL,
     .options = answer_statuses},
    {"comment", FT_LONGTEXT, TR_sra_comment, LIST_FORM, .max_len = 4000},
    {"answered_on", FT_DATE, TR_sra_answered_on, LIST_FORM | F_SORT},
};

static void answer_validate(req *r, const entity *e, record *rec, const record *old, errors *errs)
{
    (void)old;
    if (str_empty(record_get(rec, e, "answered_on"))) {
        char today[11];
        date_today(today);
        record_set(rec, e, "answered_on", arena_strdup(r->a, today));
    }
    const char *agreement = record_get(rec, e, "agreement_id");
    if (str_empty(agreement)) return;
    const char *p[] = {tenant_param(r), agreement, record_get(rec, e, "supplier_id")};
    if (!db_scalar(r->db, r->a,
                   "SELECT 1 FROM agreement WHERE tenant_id = $1 AND id = $2 AND supplier_id = $3",
                   3, p))
        errors_add(errs, entity_field(e, "agreement_id"), TR_sra_err_agreement, NULL);
}

/* a requirement as the supplier answered it in the returned annex */
const entity entity_supplier_answers = {
    .name = "supplier_answers",
    .table = "supplier_answer",
    .label_one = TR_sra_one,
    .label_many = TR_sra_many,
    .fields = answer_fields,
    .nfields = sizeof answer_fields / sizeof answer_fields[0],
    .title_sql = "(SELECT q.code FROM requirement q WHERE q.id = t.requirement_id)",
    .default_sort = "-answered_on",
    .read_action = ACT_READ,
    .write_action = ACT_INVENTORY_WRITE,
    NEED_TO_KNOW,
    .can_create = true,
    .can_edit = true,
    .can_delete = true,
    .has_updated_at = true,
    .validate = answer_validate,
    .detail_extra = supplier_answer_gap,
};

static const enum_opt review_statuses[] = {
    {"planned", TR_srv_status_planned},
    {"held", TR_srv_status_held},
    {NULL, 0},
};

static const field review_fields[] = {
    {"title", FT_TEXT, TR_srv_title, LIST_FORM | F_SORT | F_SEARCH | F_REQUIRED, .max_len = 200},
    {"supplier_id", FT_REF, TR_sup_one, LIST_FORM | F_FILTER | F_REQUIRED | F_CREATE_ONLY,
     .ref = "suppliers"},
    {"status", FT_ENUM, TR_srv_status, LIST_FORM | F_FILTER | F_REQUIRED | F_NOT_NULL,
     .options = review_statuses},
    {"planned_on", FT_DATE, TR_srv_planned_on, LIST_FORM | F_SORT},
    {"held_on", FT_DATE, TR_srv_held_on, LIST_FORM | F_SORT, .help = TR_srv_held_on_help},
    {"reviewer_id", FT_REF, TR_srv_reviewer, LIST_FORM | F_FILTER, .ref = "people"},
    {"summary", FT_LONGTEXT, TR_srv_summary, DETAIL_FORM, .max_len = 8000},
};

/* A review held: the supplier's next one falls its interval later; a review planned: on
 * its date, unless one is due sooner. Written through the supplier's own update. */
static bool review_written(req *r, const entity *e, record *rec, const record *old, errors *errs)
{
    (void)old;
    const entity *s = &entity_suppliers;
    const char *status = record_get(rec, e, "status");
    const char *held = record_get(rec, e, "held_on"), *planned = record_get(rec, e, "planned_on");
    db_res *row = NULL;
    int64_t sid = atoll(record_get(rec, e, "supplier_id"));
    if (entity_get(r, s, sid, &row) != DB_OK || !row->nrows) return true;
    record *cur = record_from_row(r, s, row, 0);
    const char *months = record_get(cur, s, "review_months");
    const char *next = record_get(cur, s, "next_review");
    char out[11];
    const char *want = NULL;
    if (!strcmp(status, "held") && !str_empty(held)) {
        if (!supplier_next_review(held, months ? atoi(months) : 0, out)) return true;
        want = out;
        /* a review planned later than this one still stands */
        const char *p[] = {tenant_param(r), record_get(rec, e, "supplier_id"),
                           int_text(r->a, rec->id)};
        const char *later = db_scalar(r->db, r->a,
                                      "SELECT MIN(planned_on) FROM supplier_review WHERE "
                                      "tenant_id = $1 AND supplier_id = $2 AND id <> $3 AND "
                                      "status = 'planned' AND planned_on IS NOT NULL",
                                      3, p);
        if (later && *later && strcmp(later, held) > 0 && strcmp(later, want) < 0) want = later;
    } else if (!strcmp(status, "planned") && !str_empty(planned)) {
        if (!str_empty(next) && strcmp(next, planned) <= 0) return true;
        want = planned;
    }
    if (!want || str_same(want, next)) return true;
    record *upd = record_from_row(r, s, row, 0);
    record_set(upd, s, "next_review", arena_strdup(r->a, want));
    return entity_update_in(r, s, cur, upd, errs) == DB_OK;
}

static void review_validate(req *r, const entity *e, record *rec, const record *old, errors *errs)
{
    (void)r, (void)old;
    const char *status = record_get(rec, e, "status");
    if (status && !strcmp(status, "held") && str_empty(record_get(rec, e, "held_on")))
        errors_add(errs, entity_field(e, "held_on"), TR_srv_err_held_on, NULL);
    if (status && !strcmp(status, "planned") && str_empty(record_get(rec, e, "planned_on")))
        errors_add(errs, entity_field(e, "planned_on"), TR_srv_err_planned_on, NULL);
}

/* a supplier review: questions and answers, findings; who held it and when */
const entity entity_supplier_reviews = {
    .name = "supplier_reviews",
    .table = "supplier_review",
    .label_one = TR_srv_one,
    .label_many = TR_srv_many,
    .fields = review_fields,
    .nfields = sizeof review_fields / sizeof review_fields[0],
    .title_sql = "t.title",
    .pick_detail_sql = "(SELECT s.name FROM supplier s WHERE s.id = t.supplier_id)",
    .default_sort = "-planned_on",
    .read_action = ACT_READ,
    .write_action = ACT_INVENTORY_WRITE,
    .can_create = true,
    .can_edit = true,
    .has_updated_at = true,
    .validate = review_validate,
    .after_write = review_written,
    .detail_extra = supplier_review_extra,
    .related =
        (const related_list[]){
            {"supplier_review_questions", "review_id",
             (const char *const[]){"requirement_id", "question", "status", "evidence", NULL}, true,
             TR_srq_many},
            {"supplier_findings", "review_id",
             (const char *const[]){"title", "severity", "status", NULL}, true, TR_srf_many},
            {NULL},
        },
};

static const field question_fields[] = {
    {"review_id", FT_REF, TR_srv_one, LIST_FORM | F_FILTER | F_REQUIRED | F_CREATE_ONLY,
     .ref = "supplier_reviews"},
    {"requirement_id", FT_REF, TR_requirements_one, LIST_FORM | F_FILTER, .ref = "requirements",
     .help = TR_srq_requirement_help},
    {"question", FT_LONGTEXT, TR_srq_question, LIST_FORM, .max_len = 4000,
     .help = TR_srq_question_help},
    {"answer", FT_LONGTEXT, TR_srq_answer, LIST_FORM, .max_len = 8000},
    {"evidence", FT_TEXT, TR_srq_evidence, LIST_FORM, .max_len = 1000,
     .help = TR_srq_evidence_help},
    {"status", FT_ENUM, TR_sra_status, LIST_FORM | F_FILTER, .options = answer_statuses},
};

static void question_validate(req *r, const entity *e, record *rec, const record *old, errors *errs)
{
    (void)r, (void)old;
    if (str_empty(record_get(rec, e, "requirement_id")) &&
        str_empty(record_get(rec, e, "question")))
        errors_add(errs, entity_field(e, "question"), TR_srq_err_question, NULL);
}

/* a question of a review: an SKA requirement or the tenant's own text, and the answer */
const entity entity_supplier_review_questions = {
    .name = "supplier_review_questions",
    .table = "supplier_review_question",
    .label_one = TR_srq_one,
    .label_many = TR_srq_many,
    .fields = question_fields,
    .nfields = sizeof question_fields / sizeof question_fields[0],
    .title_sql = "COALESCE((SELECT q.code FROM requirement q WHERE q.id = t.requirement_id), "
                 "SUBSTR(t.question, 1, 80))",
    .read_action = ACT_READ,
    .write_action = ACT_INVENTORY_WRITE,
    NEED_TO_KNOW,
    .can_create = true,
    .can_edit = true,
    .can_delete = true,
    .has_updated_at = true,
    .validate = question_validate,
};

static const enum_opt severities[] = {
    {"low", TR_srf_sev_low},
    {"medium", TR_srf_sev_medium},
    {"high", TR_srf_sev_high},
    {NULL, 0},
};
static const enum_opt finding_statuses[] = {
    {"open", TR_srf_status_open},
    {"closed", TR_srf_status_closed},
    {NULL, 0},
};

static const field finding_fields[] = {
    {"title", FT_TEXT, TR_srf_title, LIST_FORM | F_SORT | F_SEARCH | F_REQUIRED, .max_len = 200},
    {"supplier_id", FT_REF, TR_sup_one, LIST_FORM | F_FILTER, .ref = "suppliers",
     .help = TR_srf_supplier_help},
    {"review_id", FT_REF, TR_srv_one, LIST_FORM | F_FILTER, .ref = "supplier_reviews"},
    {"severity", FT_ENUM, TR_srf_severity, LIST_FORM | F_FILTER | F_REQUIRED | F_NOT_NULL,
     .options = severities},
    {"status", FT_ENUM, TR_srf_status, LIST_FORM | F_FILTER | F_NOT_NULL,
     .options = finding_statuses},
    {"description", FT_LONGTEXT, TR_srf_description, DETAIL_FORM, .max_len = 8000},
};

static void finding_validate(req *r, const entity *e, record *rec, const record *old, errors *errs)
{
    if (str_empty(record_get(rec, e, "status"))) record_set(rec, e, "status", "open");
    const char *review = record_get(rec, e, "review_id");
    const char *supplier = record_get(rec, e, "supplier_id");
    if (!str_empty(review)) {
        const char *p[] = {tenant_param(r), review};
        const char *of = db_scalar(
            r->db, r->a, "SELECT supplier_id FROM supplier_review WHERE tenant_id = $1 AND id = $2",
            2, p);
        if (of && str_empty(supplier))
            record_set(rec, e, "supplier_id", supplier = of);
        else if (of && strcmp(of, supplier))
            errors_add(errs, entity_field(e, "review_id"), TR_srf_err_review, NULL);
    }
    (void)old;
    if (str_empty(supplier))
        errors_add(errs, entity_field(e, "supplier_id"), TR_err_required, NULL);
}

/* a finding about a supplier, from a review (or on its own) */
const entity entity_supplier_findings = {
    .name = "supplier_findings",
    .table = "supplier_finding",
    .label_one = TR_srf_one,
    .label_many = TR_srf_many,
    .fields = finding_fields,
    .nfields = sizeof finding_fields / sizeof finding_fields[0],
    .title_sql = "t.title",
    .pick_detail_sql = "(SELECT s.name FROM supplier s WHERE s.id = t.supplier_id)",
    .default_sort = "title",
    .read_action = ACT_READ,
    .write_action = ACT_INVENTORY_WRITE,
    NEED_TO_KNOW,
    .can_create = true,
    .can_edit = true,
    .can_delete = true,
    .has_updated_at = true,
    .validate = finding_validate,
    .detail_extra = supplier_finding_actions,
};

static const enum_opt standards[] = {
    {"iso27001", TR_src_std_iso27001},
    {"iso27701", TR_src_std_iso27701},
    {"iso22301", TR_src_std_iso22301},
    {"iso9001", TR_src_std_iso9001},
    {"soc2", TR_src_std_soc2},
    {"iso27017", TR_src_std_iso27017},
    {"iso27018", TR_src_std_iso27018},
    {"other", TR_src_std_other},
    {NULL, 0},
};

static const field certification_fields[] = {
    {"supplier_id", FT_REF, TR_sup_one, LIST_FORM | F_FILTER | F_REQUIRED | F_CREATE_ONLY,
     .ref = "suppliers"},
    {"standard", FT_ENUM, TR_src_standard, LIST_FORM | F_FILTER | F_REQUIRED | F_NOT_NULL,
     .options = standards},
    {"scope", FT_TEXT, TR_src_scope, LIST_FORM | F_SEARCH, .max_len = 500,
     .help = TR_src_scope_help},
    {"issuer", FT_TEXT, TR_src_issuer, DETAIL_FORM, .max_len = 200},
    {"seen_on", FT_DATE, TR_src_seen_on, LIST_FORM | F_SORT, .help = TR_src_seen_on_help},
    {"expires_on", FT_DATE, TR_src_expires_on, LIST_FORM | F_SORT},
};

static void certification_validate(req *r, const entity *e, record *rec, const record *old,
                                   errors *errs)
{
    (void)r, (void)old;
    const char *seen = record_get(rec, e, "seen_on"), *exp = record_get(rec, e, "expires_on");
    if (!str_empty(seen) && !str_empty(exp) && strcmp(exp, seen) < 0)
        errors_add(errs, entity_field(e, "expires_on"), TR_src_err_expires, NULL);
}

static const due_date certification_due = {"expires_on", NULL, NULL, NULL};

/* a certification the supplier showed */
const entity entity_supplier_certifications = {
    .name = "supplier_certifications",
    .table = "supplier_certification",
    .label_one = TR_src_one,
    .label_many = TR_src_many,
    .fields = certification_fields,
    .nfields = sizeof certification_fields / sizeof certification_fields[0],
    .title_sql = "(SELECT s.name FROM supplier s WHERE s.id = t.supplier_id) || ': ' || t.standard",
    .default_sort = "expires_on",
    .read_action = ACT_READ,
    .write_action = ACT_INVENTORY_WRITE,
    .can_create = true,
    .can_edit = true,
    .can_delete = true,
    .has_updated_at = true,
    .validate = certification_validate,
    .due = &certification_due,
};

bool supplier_next_review(const char *held_on, int months, char out[11])
{
    if (months <= 0) months = 12;
    return date_add_months(held_on, months, out);
}

cert_state certification_state(const char *expires_on, const char *today)
{
    if (!expires_on || !*expires_on) return CERT_NO_DATE;
    if (strcmp(expires_on, today) < 0) return CERT_EXPIRED;
    char soon[11];
    if (!date_add_days(today, CERT_WARN_DAYS, soon)) return CERT_VALID;
    return strcmp(expires_on, soon) <= 0 ? CERT_EXPIRING : CERT_VALID;
}

static const field analysis_supplier_fields[] = {
    {"analysis_id", FT_REF, TR_analyses_one, LIST_FORM | F_FILTER | F_REQUIRED | F_CREATE_ONLY,
     .ref = "analyses"},
    {"supplier_id", FT_REF, TR_sup_one, LIST_FORM | F_FILTER | F_REQUIRED | F_CREATE_ONLY,
     .ref = "suppliers"},
    {"note", FT_TEXT, TR_sup_analysis_note, LIST_FORM, .max_len = 500,
     .help = TR_sup_analysis_note_help},
    {"unit_id", FT_REF, TR_sup_analysis_unit, F_DETAIL | F_EXPORT, .ref = "units"},
};

/* the link's unit is the analysis's: its writers add or remove it; once per supplier */
static void analysis_supplier_validate(req *r, const entity *e, record *rec, const record *old,
                                       errors *errs)
{
    const char *analysis = record_get(rec, e, "analysis_id");
    const char *p[] = {tenant_param(r), analysis};
    const char *unit = analysis ? db_scalar(r->db, r->a,
                                            "SELECT unit_id FROM risk_analysis WHERE tenant_id = "
                                            "$1 AND id = $2",
                                            2, p)
                                : NULL;
    if (!unit) {
        errors_add(errs, entity_field(e, "analysis_id"), TR_err_ref, NULL);
        return;
    }
    record_set(rec, e, "unit_id", unit);
    const char *q[] = {tenant_param(r), analysis, record_get(rec, e, "supplier_id"),
                       int_text(r->a, old ? old->id : 0)};
    if (db_scalar(r->db, r->a,
                  "SELECT 1 FROM analysis_supplier WHERE tenant_id = $1 AND analysis_id = $2 AND "
                  "supplier_id = $3 AND id <> $4",
                  4, q))
        errors_add(errs, entity_field(e, "supplier_id"), TR_sup_analysis_err_twice, NULL);
}

/* a supplier taking part in (or concerned by) a risk analysis */
const entity entity_analysis_suppliers = {
    .name = "analysis_suppliers",
    .table = "analysis_supplier",
    .label_one = TR_sup_analysis_one,
    .label_many = TR_sup_analysis_many,
    .fields = analysis_supplier_fields,
    .nfields = sizeof analysis_supplier_fields / sizeof analysis_supplier_fields[0],
    .title_sql = "(SELECT s.name FROM supplier s WHERE s.id = t.supplier_id)",
    .default_sort = "-id",
    .read_action = ACT_READ,
    .write_action = ACT_RISK_WRITE,
    .unit_field = "unit_id",
    NEED_TO_KNOW,
    .can_create = true,
    .can_edit = true,
    .can_delete = true,
    .has_updated_at = true,
    .validate = analysis_supplier_validate,
};

static const field exit_fields[] = {
    {"title", FT_TEXT, TR_sxp_title, LIST_FORM | F_SORT | F_SEARCH | F_REQUIRED, .max_len = 200},
    {"supplier_id", FT_REF, TR_sup_one, LIST_FORM | F_FILTER | F_REQUIRED | F_CREATE_ONLY,
     .ref = "suppliers"},
    {"data_export", FT_LONGTEXT, TR_sxp_data_export, DETAIL_FORM | F_REQUIRED, .max_len = 4000,
     .help = TR_sxp_data_export_help},
    {"data_format", FT_TEXT, TR_sxp_data_format, LIST_FORM, .max_len = 200,
     .help = TR_sxp_data_format_help},
    {"time_needed", FT_TEXT, TR_sxp_time_needed, LIST_FORM, .max_len = 200,
     .help = TR_sxp_time_needed_help},
    {"responsible_id", FT_REF, TR_sxp_responsible, LIST_FORM | F_FILTER, .ref = "people"},
    {"test_due", FT_DATE, TR_sxp_test_due, LIST_FORM | F_SORT, .help = TR_sxp_test_due_help},
    {"tested_on", FT_DATE, TR_sxp_tested_on, LIST_FORM | F_SORT},
    {"test_result", FT_LONGTEXT, TR_sxp_test_result, DETAIL_FORM, .max_len = 4000},
};

static void exit_validate(req *r, const entity *e, record *rec, const record *old, errors *errs)
{
    (void)old;
    char today[11];
    date_today(today);
    const char *tested = record_get(rec, e, "tested_on");
    if (!str_empty(tested) && strcmp(tested, today) > 0)
        errors_add(errs, entity_field(e, "tested_on"), TR_sxp_err_tested_future, NULL);
    if (!str_empty(record_get(rec, e, "test_result")) && str_empty(tested))
        errors_add(errs, entity_field(e, "tested_on"), TR_sxp_err_result_date, NULL);
    (void)r;
}

/* the plan's test is due on test_due: overdue after it */
static const due_date exit_due = {"test_due", NULL, NULL, NULL};

/* how the kommun leaves a critical supplier: data back, format, time, who, tested when */
const entity entity_supplier_exit_plans = {
    .name = "supplier_exit_plans",
    .table = "supplier_exit_plan",
    .label_one = TR_sxp_one,
    .label_many = TR_sxp_many,
    .fields = exit_fields,
    .nfields = sizeof exit_fields / sizeof exit_fields[0],
    .title_sql = "t.title",
    .pick_detail_sql = "(SELECT s.name FROM supplier s WHERE s.id = t.supplier_id)",
    .default_sort = "title",
    .read_action = ACT_READ,
    .write_action = ACT_INVENTORY_WRITE,
    .can_create = true,
    .can_edit = true,
    .can_delete = true,
    .has_updated_at = true,
    .validate = exit_validate,
    .due = &exit_due,
};
