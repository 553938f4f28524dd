/* entities.c - risk analyses, risks and the links between risks and actions, described
 * once. The rules (scope, ratings on the tenant's matrix, acceptance) are in rules.c. */
#include "risks.h"

#define LIST_FORM (F_LIST | F_FORM | F_EXPORT)
/* Risks name weaknesses: every risk and analysis is seen by CISO, IT-säkerhet, ledning,
 * auditors and the forum (ACT_RISK_READ); a samordnare or other risk writer sees those of
 * the units they write in, a risk owner their own risks, anyone else none. */
#define NEED_TO_KNOW .need_to_know = true, .read_all = ACT_RISK_READ

static const enum_opt scope_kinds[] = {
    {"object", TR_analysis_scope_object},
    {"process", TR_analysis_scope_process},
    {"unit", TR_analysis_scope_unit},
    {"tenant", TR_analysis_scope_tenant},
    {NULL, 0},
};

static const enum_opt analysis_statuses[] = {
    {"planned", TR_analysis_status_planned},
    {"ongoing", TR_analysis_status_ongoing},
    {"done", TR_analysis_status_done},
    {NULL, 0},
};

static const field analysis_fields[] = {
    {"title", FT_TEXT, TR_analysis_title, LIST_FORM | F_SORT | F_SEARCH | F_REQUIRED,
     .max_len = 200},
    {"unit_id", FT_REF, TR_analysis_unit, LIST_FORM | F_FILTER | F_REQUIRED, .ref = "units",
     .help = TR_analysis_unit_help},
    {"scope_kind", FT_ENUM, TR_analysis_scope_kind, LIST_FORM | F_FILTER | F_REQUIRED,
     .options = scope_kinds},
    {"object_id", FT_REF, TR_analysis_object, F_FORM | F_FILTER | F_DETAIL | F_EXPORT,
     .ref = "objects"},
    {"process_id", FT_REF, TR_analysis_process, F_FORM | F_FILTER | F_DETAIL | F_EXPORT,
     .ref = "processes"},
    {"analysed_on", FT_DATE, TR_analysis_analysed_on, LIST_FORM | F_SORT | F_FILTER},
    {"participants", FT_LONGTEXT, TR_analysis_participants, F_FORM | F_DETAIL | F_EXPORT,
     .max_len = 2000},
    {"method_notes", FT_LONGTEXT, TR_analysis_method_notes, F_FORM | F_DETAIL | F_EXPORT,
     .max_len = 8000},
    {"status", FT_ENUM, TR_analysis_status, LIST_FORM | F_SORT | F_FILTER | F_REQUIRED,
     .options = analysis_statuses},
};

const entity entity_analyses = {
    .name = "analyses",
    .table = "risk_analysis",
    .label_one = TR_analyses_one,
    .label_many = TR_analyses_many,
    .fields = analysis_fields,
    .nfields = sizeof analysis_fields / sizeof analysis_fields[0],
    .title_sql = "t.title",
    .pick_detail_sql = "t.analysed_on",
    .default_sort = "title",
    .read_action = ACT_READ,
    .write_action = ACT_RISK_WRITE,
    .unit_field = "unit_id",
    NEED_TO_KNOW,
    .can_create = true,
    .can_edit = true,
    .has_updated_at = true,
    .validate = analysis_validate,
    .detail_extra = analysis_detail_extra,
    .related =
        (const related_list[]){
            /* the most serious first */
            {"risks", "analysis_id",
             (const char *const[]){"title", "level", "status", "owner_id", NULL}, true,
             TR_analysis_risks, "t.likelihood * t.consequence DESC, t.title"},
            /* the suppliers taking part (src/suppliers) */
            {"analysis_suppliers", "analysis_id",
             (const char *const[]){"supplier_id", "note", NULL}, true, TR_analysis_suppliers},
            {NULL},
        },
};

static const enum_opt treatments[] = {
    {"accept", TR_risk_treatment_accept},
    {"reduce", TR_risk_treatment_reduce},
    {"avoid", TR_risk_treatment_avoid},
    {"share", TR_risk_treatment_share},
    {NULL, 0},
};

static const enum_opt risk_statuses[] = {
    {"open", TR_risk_status_open},
    {"treated", TR_risk_status_treated},
    {"accepted", TR_risk_status_accepted},
    {"closed", TR_risk_status_closed},
    {NULL, 0},
};

/* derived from the ratings by the rules; matrix.c names them */
static const enum_opt levels[] = {
    {"low", TR_risk_level_low},
    {"medium", TR_risk_level_medium},
    {"high", TR_risk_level_high},
    {"very_high", TR_risk_level_very_high},
    {NULL, 0},
};

/* the ratings' bounds are the largest matrix; the rules check the tenant's own */
#define RATING .min = 1, .max = MATRIX_MAX_LEVELS

static const field risk_fields[] = {
    {"title", FT_TEXT, TR_risk_title, LIST_FORM | F_SORT | F_SEARCH | F_REQUIRED, .max_len = 200},
    {"description", FT_LONGTEXT, TR_risk_description, F_FORM | F_DETAIL | F_EXPORT | F_SEARCH,
     .max_len = 4000},
    {"threat", FT_LONGTEXT, TR_risk_threat, F_FORM | F_DETAIL | F_EXPORT, .max_len = 2000},
    {"vulnerability", FT_LONGTEXT, TR_risk_vulnerability, F_FORM | F_DETAIL | F_EXPORT,
     .max_len = 2000},
    {"unit_id", FT_REF, TR_risk_unit, LIST_FORM | F_FILTER | F_REQUIRED, .ref = "units",
     .help = TR_risk_unit_help},
    {"analysis_id", FT_REF, TR_risk_analysis, F_FORM | F_FILTER | F_DETAIL | F_EXPORT,
     .ref = "analyses"},
    {"object_id", FT_REF, TR_risk_object, F_FORM | F_FILTER | F_DETAIL | F_EXPORT,
     .ref = "objects"},
    {"system_id", FT_REF, TR_risk_system, F_FORM | F_FILTER | F_DETAIL | F_EXPORT,
     .ref = "systems"},
    {"likelihood", FT_INT, TR_risk_likelihood, F_FORM | F_FILTER | F_DETAIL | F_EXPORT | F_REQUIRED,
     RATING, .help = TR_risk_likelihood_help, .value_label = risk_likelihood_name},
    {"consequence", FT_INT, TR_risk_consequence,
     F_FORM | F_FILTER | F_DETAIL | F_EXPORT | F_REQUIRED, RATING, .help = TR_risk_consequence_help,
     .value_label = risk_consequence_name},
    {"level", FT_ENUM, TR_risk_level, F_LIST | F_SORT | F_FILTER | F_EXPORT | F_NOT_NULL,
     .options = levels, .value_label = risk_level_name},
    {"owner_id", FT_REF, TR_risk_owner, LIST_FORM | F_FILTER, .ref = "people"},
    {"treatment", FT_ENUM, TR_risk_treatment, LIST_FORM | F_FILTER, .options = treatments},
    {"acceptance_reason", FT_LONGTEXT, TR_risk_acceptance_reason, F_FORM | F_DETAIL | F_EXPORT,
     .max_len = 4000},
    {"review_date", FT_DATE, TR_risk_review_date, F_FORM | F_DETAIL | F_EXPORT | F_FILTER},
    {"residual_likelihood", FT_INT, TR_risk_residual_likelihood,
     F_FORM | F_FILTER | F_DETAIL | F_EXPORT, RATING, .value_label = risk_likelihood_name},
    {"residual_consequence", FT_INT, TR_risk_residual_consequence,
     F_FORM | F_FILTER | F_DETAIL | F_EXPORT, RATING, .value_label = risk_consequence_name},
    {"residual_level", FT_ENUM, TR_risk_residual_level, F_LIST | F_SORT | F_FILTER | F_EXPORT,
     .options = levels, .value_label = risk_level_name},
    {"status", FT_ENUM, TR_risk_status, LIST_FORM | F_SORT | F_FILTER | F_REQUIRED,
     .options = risk_statuses},
    /* the record it was made from, as for actions (src/entity/origin.h) */
    {"source_entity", FT_TEXT, TR_act_source_entity,
     F_FORM | F_CREATE_ONLY | F_FILTER | F_DETAIL | F_EXPORT, .max_len = 64},
    {"source_id", FT_INT, TR_act_source_id, F_FORM | F_CREATE_ONLY | F_FILTER | F_DETAIL | F_EXPORT,
     .min = 1, .max = INT64_MAX},
};

const entity entity_risks = {
    .name = "risks",
    .table = "risk",
    .label_one = TR_risks_one,
    .label_many = TR_risks_many,
    .fields = risk_fields,
    .nfields = sizeof risk_fields / sizeof risk_fields[0],
    .title_sql = "t.title",
    .pick_detail_sql = "(SELECT a.title FROM risk_analysis a WHERE a.id = t.analysis_id)",
    .default_sort = "title",
    .read_action = ACT_READ,
    .write_action = ACT_RISK_WRITE,
    .unit_field = "unit_id",
    .editor_field = "owner_id",
    NEED_TO_KNOW,
    .can_create = true,
    .can_edit = true,
    .has_updated_at = true,
    .validate = risk_validate,
    .detail_lead = risk_detail_lead,
    .detail_extra = risk_detail_extra,
    .related =
        (const related_list[]){
            {"risk_actions", "risk_id", (const char *const[]){"action_id", "note", NULL}, true,
             TR_risk_actions},
            {NULL},
        },
};

/* The link's unit is the risk's, copied by the rules: the risk's writers add or remove
 * it. An action's own page lists its risks through the same rows. */
static const field risk_action_fields[] = {
    {"risk_id", FT_REF, TR_risk_action_risk, LIST_FORM | F_FILTER | F_REQUIRED | F_CREATE_ONLY,
     .ref = "risks"},
    {"action_id", FT_REF, TR_risk_action_action, LIST_FORM | F_FILTER | F_REQUIRED | F_CREATE_ONLY,
     .ref = "actions"},
    {"note", FT_TEXT, TR_risk_action_note, LIST_FORM, .max_len = 500},
    {"unit_id", FT_REF, TR_risk_action_unit, F_DETAIL | F_EXPORT, .ref = "units"},
};

const entity entity_risk_actions = {
    .name = "risk_actions",
    .table = "risk_action",
    .label_one = TR_risk_actions_one,
    .label_many = TR_risk_actions_many,
    .fields = risk_action_fields,
    .nfields = sizeof risk_action_fields / sizeof risk_action_fields[0],
    .title_sql = "(CAST(t.risk_id AS TEXT) || '/' || CAST(t.action_id AS TEXT))",
    .default_sort = "-id",
    .read_action = ACT_READ,
    .write_action = ACT_RISK_WRITE,
    .unit_field = "unit_id",
    NEED_TO_KNOW,
    .can_create = true,
    .can_edit = true,
    .can_delete = true,
    .has_updated_at = true,
    .validate = risk_action_validate,
};
