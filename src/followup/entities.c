/* entities.c - the internal audit and the management review, described once; their rules
 * are in rules.c. Audits belong to the unit audited, so that its writers (the CISO
 * tenant-wide, a förvaltning's samordnare for their own) keep them; the programme and the
 * review are the tenant's. */
#include "followup.h"

#define LIST_FORM (F_LIST | F_FORM | F_EXPORT)
#define DETAIL_FORM (F_FORM | F_DETAIL | F_EXPORT)

static const field programme_fields[] = {
    {"year", FT_INT, TR_fu_year, LIST_FORM | F_SORT | F_FILTER | F_REQUIRED | F_CREATE_ONLY,
     .min = 2000, .max = 2100},
    {"title", FT_TEXT, TR_fu_title, LIST_FORM | F_SEARCH | F_REQUIRED, .max_len = 200},
    {"owner_id", FT_REF, TR_fu_owner, LIST_FORM | F_FILTER, .ref = "people"},
    {"approved_on", FT_DATE, TR_fu_approved_on, LIST_FORM | F_SORT, .help = TR_fu_approved_on_help},
    {"note", FT_LONGTEXT, TR_fu_note, DETAIL_FORM, .max_len = 4000},
};

const entity entity_audit_programmes = {
    .name = "audit_programmes",
    .table = "audit_programme",
    .label_one = TR_fu_programmes_one,
    .label_many = TR_fu_programmes_many,
    .fields = programme_fields,
    .nfields = sizeof programme_fields / sizeof programme_fields[0],
    .title_sql = "t.title",
    .default_sort = "-year",
    .read_action = ACT_READ,
    .write_action = ACT_RISK_WRITE,
    .small = true,
    .can_create = true,
    .can_edit = true,
    .has_updated_at = true,
    .validate = audit_programme_validate,
    .related =
        (const related_list[]){
            {"internal_audits", "programme_id",
             (const char *const[]){"title", "unit_id", "planned_on", "auditor_id", "status", NULL},
             true, TR_fu_audits_many, .order_sql = "t.planned_on, t.id"},
            {NULL},
        },
};

static const enum_opt audit_statuses[] = {
    {"planned", TR_fu_status_planned},
    {"held", TR_fu_status_held},
    {"cancelled", TR_fu_status_cancelled},
    {NULL, 0},
};

static const field audit_fields[] = {
    {"programme_id", FT_REF, TR_fu_programmes_one,
     LIST_FORM | F_FILTER | F_REQUIRED | F_CREATE_ONLY, .ref = "audit_programmes"},
    {"title", FT_TEXT, TR_fu_what, LIST_FORM | F_SORT | F_SEARCH | F_REQUIRED, .max_len = 200,
     .help = TR_fu_what_help},
    {"unit_id", FT_REF, TR_fu_where, LIST_FORM | F_FILTER | F_REQUIRED, .ref = "units",
     .help = TR_fu_where_help},
    {"planned_on", FT_DATE, TR_fu_when, LIST_FORM | F_SORT | F_FILTER | F_REQUIRED | F_NOT_NULL},
    {"auditor_id", FT_REF, TR_fu_who, LIST_FORM | F_FILTER, .ref = "people"},
    {"scope", FT_LONGTEXT, TR_fu_scope, DETAIL_FORM | F_SEARCH, .max_len = 4000,
     .help = TR_fu_scope_help},
    {"status", FT_ENUM, TR_fu_status, LIST_FORM | F_FILTER | F_REQUIRED | F_NOT_NULL,
     .options = audit_statuses},
    {"held_on", FT_DATE, TR_fu_held_on, LIST_FORM | F_SORT | F_FILTER},
};

const entity entity_internal_audits = {
    .name = "internal_audits",
    .table = "internal_audit",
    .label_one = TR_fu_audits_one,
    .label_many = TR_fu_audits_many,
    .fields = audit_fields,
    .nfields = sizeof audit_fields / sizeof audit_fields[0],
    .title_sql = "t.title",
    .default_sort = "planned_on",
    .read_action = ACT_READ,
    .write_action = ACT_RISK_WRITE,
    .unit_field = "unit_id",
    /* the auditor records what they found without a role in the unit audited */
    .editor_field = "auditor_id",
    .can_create = true,
    .can_edit = true,
    .has_updated_at = true,
    .validate = internal_audit_validate,
    .related =
        (const related_list[]){
            {"audit_checks", "audit_id",
             (const char *const[]){"requirement_id", "document_id", "note", NULL}, true,
             TR_fu_checks_many},
            {"audit_findings", "audit_id", (const char *const[]){"title", "kind", "status", NULL},
             true, TR_fu_findings_many},
            {NULL},
        },
    .due =
        &(const due_date){"planned_on", "status", (const char *const[]){"held", "cancelled", NULL}},
};

/* what an audit checked: one requirement or one styrdokument per row */
static const field check_fields[] = {
    {"audit_id", FT_REF, TR_fu_audits_one, LIST_FORM | F_FILTER | F_REQUIRED | F_CREATE_ONLY,
     .ref = "internal_audits"},
    {"requirement_id", FT_REF, TR_fu_requirement, LIST_FORM | F_FILTER, .ref = "requirements",
     .help = TR_fu_check_help},
    {"document_id", FT_REF, TR_fu_document, LIST_FORM | F_FILTER, .ref = "documents"},
    {"note", FT_TEXT, TR_fu_note, LIST_FORM, .max_len = 500},
    {"unit_id", FT_REF, TR_fu_where, F_DETAIL | F_EXPORT | F_FILTER, .ref = "units"},
};

const entity entity_audit_checks = {
    .name = "audit_checks",
    .table = "audit_check",
    .label_one = TR_fu_checks_one,
    .label_many = TR_fu_checks_many,
    .fields = check_fields,
    .nfields = sizeof check_fields / sizeof check_fields[0],
    .title_sql = "CAST(t.id AS TEXT)",
    .default_sort = "-id",
    .read_action = ACT_READ,
    .write_action = ACT_RISK_WRITE,
    .unit_field = "unit_id",
    .can_create = true,
    .can_edit = true,
    .can_delete = true,
    .has_updated_at = true,
    .validate = audit_check_validate,
};

static const enum_opt finding_kinds[] = {
    {"deviation", TR_fu_kind_deviation},
    {"observation", TR_fu_kind_observation},
    {"improvement", TR_fu_kind_improvement},
    {NULL, 0},
};

static const enum_opt finding_statuses[] = {
    {"open", TR_fu_finding_open},
    {"closed", TR_fu_finding_closed},
    {NULL, 0},
};

static const field finding_fields[] = {
    {"audit_id", FT_REF, TR_fu_audits_one, LIST_FORM | F_FILTER | F_REQUIRED | F_CREATE_ONLY,
     .ref = "internal_audits"},
    {"kind", FT_ENUM, TR_fu_kind, LIST_FORM | F_FILTER | F_REQUIRED | F_NOT_NULL,
     .options = finding_kinds, .help = TR_fu_kind_help},
    {"title", FT_TEXT, TR_fu_finding_title, LIST_FORM | F_SORT | F_SEARCH | F_REQUIRED,
     .max_len = 200},
    {"description", FT_LONGTEXT, TR_fu_description, DETAIL_FORM | F_SEARCH, .max_len = 8000},
    {"requirement_id", FT_REF, TR_fu_requirement, LIST_FORM | F_FILTER, .ref = "requirements"},
    {"status", FT_ENUM, TR_fu_status, LIST_FORM | F_SORT | F_FILTER | F_NOT_NULL,
     .options = finding_statuses},
    {"closed_on", FT_DATE, TR_fu_closed_on, LIST_FORM | F_SORT},
    {"close_reason", FT_LONGTEXT, TR_fu_close_reason, DETAIL_FORM, .max_len = 2000,
     .help = TR_fu_close_reason_help},
    {"unit_id", FT_REF, TR_fu_where, F_LIST | F_DETAIL | F_EXPORT | F_FILTER, .ref = "units"},
};

const entity entity_audit_findings = {
    .name = "audit_findings",
    .table = "audit_finding",
    .label_one = TR_fu_findings_one,
    .label_many = TR_fu_findings_many,
    .fields = finding_fields,
    .nfields = sizeof finding_fields / sizeof finding_fields[0],
    .title_sql = "t.title",
    .default_sort = "-id",
    .read_action = ACT_READ,
    .write_action = ACT_RISK_WRITE,
    .unit_field = "unit_id",
    /* a finding names a weakness ("ingen logggranskning på ekonomisystemet"): need-to-know
     * like risks, through its audit: those who see every risk, the writers in the audited
     * unit's subtree and the audit's auditor; every read is recorded */
    .need_to_know = true,
    .read_all = ACT_RISK_READ,
    .scope_via = "audit_id",
    .readers = {"auditor_id"},
    .can_create = true,
    .can_edit = true,
    .has_updated_at = true,
    .validate = audit_finding_validate,
    .detail_extra = audit_finding_detail_extra,
};

static const enum_opt review_statuses[] = {
    {"planned", TR_fu_status_planned},
    {"held", TR_fu_status_held},
    {NULL, 0},
};

static const field review_fields[] = {
    {"title", FT_TEXT, TR_fu_title, LIST_FORM | F_SEARCH | F_REQUIRED, .max_len = 200},
    {"planned_on", FT_DATE, TR_fu_when, LIST_FORM | F_SORT | F_REQUIRED | F_NOT_NULL},
    {"status", FT_ENUM, TR_fu_status, LIST_FORM | F_FILTER | F_NOT_NULL, .options = review_statuses,
     .help = TR_fu_review_status_help},
    {"held_on", FT_DATE, TR_fu_held_on, LIST_FORM | F_SORT},
    {"attendees", FT_LONGTEXT, TR_fu_attendees, DETAIL_FORM, .max_len = 2000,
     .help = TR_fu_attendees_help},
    {"context_changes", FT_LONGTEXT, TR_fu_context_changes, DETAIL_FORM, .max_len = 8000,
     .help = TR_fu_context_changes_help},
    {"feedback", FT_LONGTEXT, TR_fu_feedback, DETAIL_FORM, .max_len = 8000,
     .help = TR_fu_feedback_help},
    {"opportunities", FT_LONGTEXT, TR_fu_opportunities, DETAIL_FORM, .max_len = 8000},
    {"conclusions", FT_LONGTEXT, TR_fu_conclusions, DETAIL_FORM, .max_len = 8000},
    /* the inputs as they were when the review was held: JSON written by lis */
    {"snapshot", FT_LONGTEXT, TR_fu_snapshot, F_EXPORT},
};

const entity entity_management_reviews = {
    .name = "management_reviews",
    .table = "management_review",
    .label_one = TR_fu_reviews_one,
    .label_many = TR_fu_reviews_many,
    .fields = review_fields,
    .nfields = sizeof review_fields / sizeof review_fields[0],
    .title_sql = "t.title",
    .default_sort = "-planned_on",
    .read_action = ACT_READ,
    .write_action = ACT_PLAN_DECIDE,
    /* the inputs summarise the tenant's weaknesses (risks by level, late actions, open
     * findings): those who see every risk, and those who hold the review */
    .need_to_know = true,
    .read_all = ACT_RISK_READ,
    .can_create = true,
    .can_edit = true,
    .has_updated_at = true,
    .validate = review_validate,
    .detail_lead = review_detail_lead,
    .related =
        (const related_list[]){
            {"review_decisions", "review_id",
             (const char *const[]){"decision", "responsible_id", "due_on", NULL}, true,
             TR_fu_decisions_many, .order_sql = "t.id", .row_action = review_decision_row_action},
            {NULL},
        },
};

static const field decision_fields[] = {
    {"review_id", FT_REF, TR_fu_reviews_one, LIST_FORM | F_FILTER | F_REQUIRED | F_CREATE_ONLY,
     .ref = "management_reviews"},
    {"decision", FT_TEXT, TR_fu_decision, LIST_FORM | F_SEARCH | F_REQUIRED, .max_len = 500},
    {"responsible_id", FT_REF, TR_fu_responsible, LIST_FORM | F_FILTER, .ref = "people"},
    {"due_on", FT_DATE, TR_fu_due_on, LIST_FORM | F_SORT},
};

const entity entity_review_decisions = {
    .name = "review_decisions",
    .table = "review_decision",
    .label_one = TR_fu_decisions_one,
    .label_many = TR_fu_decisions_many,
    .fields = decision_fields,
    .nfields = sizeof decision_fields / sizeof decision_fields[0],
    .title_sql = "t.decision",
    .default_sort = "-id",
    .read_action = ACT_READ,
    .write_action = ACT_PLAN_DECIDE,
    .need_to_know = true,
    .read_all = ACT_RISK_READ,
    .scope_via = "review_id",
    .can_create = true,
    .can_edit = true,
    .has_updated_at = true,
    .validate = review_decision_validate,
    .detail_extra = review_decision_detail_extra,
};

/* the same codes, in the same order, as maturity_areas (test_maturity checks it) */
const enum_opt maturity_area_options[] = {
    {"ciso", TR_mat_area_ciso},
    {"management_info", TR_mat_area_management_info},
    {"action_plan", TR_mat_area_action_plan},
    {"risks", TR_mat_area_risks},
    {"classification", TR_mat_area_classification},
    {"incidents", TR_mat_area_incidents},
    {"continuity", TR_mat_area_continuity},
    {"awareness", TR_mat_area_awareness},
    {"procurement", TR_mat_area_procurement},
    {"followup", TR_mat_area_followup},
    {NULL, 0},
};

static const field maturity_fields[] = {
    {"year", FT_INT, TR_fu_year, LIST_FORM | F_SORT | F_FILTER | F_REQUIRED | F_NOT_NULL,
     .min = 2000, .max = 2100},
    {"area", FT_ENUM, TR_mat_area, LIST_FORM | F_FILTER | F_REQUIRED | F_NOT_NULL,
     .options = maturity_area_options},
    {"answered_yes", FT_BOOL, TR_mat_answered_yes, LIST_FORM | F_FILTER,
     .help = TR_mat_answered_yes_help},
    {"level", FT_INT, TR_mat_level, LIST_FORM | F_SORT | F_FILTER, .min = 1, .max = 4,
     .help = TR_mat_level_help, .value_label = maturity_level_value_label},
    {"evidence", FT_LONGTEXT, TR_mat_evidence, DETAIL_FORM | F_SEARCH, .max_len = 4000,
     .help = TR_mat_evidence_help},
    {"note", FT_LONGTEXT, TR_fu_note, DETAIL_FORM, .max_len = 4000},
};

const entity entity_maturity_answers = {
    .name = "maturity_answers",
    .table = "maturity_answer",
    .label_one = TR_mat_answers_one,
    .label_many = TR_mat_answers_many,
    .fields = maturity_fields,
    .nfields = sizeof maturity_fields / sizeof maturity_fields[0],
    .title_sql = "(CAST(t.year AS TEXT) || ' ' || t.area)",
    .default_sort = "-year",
    .read_action = ACT_READ,
    .write_action = ACT_RISK_WRITE,
    /* where the tenant stands, area by area, names its weakest parts: those who see every
     * risk, and those who keep the answers */
    .need_to_know = true,
    .read_all = ACT_RISK_READ,
    .can_create = true,
    .can_edit = true,
    .has_updated_at = true,
    .validate = maturity_validate,
};
