/* entities.c - continuity plans and their tests, described once; rules in rules.c. Both
 * belong to the unit of the object or process they are for, so that its owners and
 * samordnare write them, as for the inventory. */
#include "continuity.h"
#include "../risks/risks.h"

#define LIST_FORM (F_LIST | F_FORM | F_EXPORT)
#define DETAIL_FORM (F_FORM | F_DETAIL | F_EXPORT)

static const field plan_fields[] = {
    {"name", FT_TEXT, TR_cont_name, LIST_FORM | F_SORT | F_SEARCH | F_REQUIRED, .max_len = 200},
    {"object_id", FT_REF, TR_cont_object, LIST_FORM | F_FILTER, .ref = "objects",
     .help = TR_cont_object_help},
    {"process_id", FT_REF, TR_cont_process, LIST_FORM | F_FILTER, .ref = "processes"},
    {"unit_id", FT_REF, TR_inv_unit, F_LIST | F_FILTER | F_EXPORT, .ref = "units"},
    {"owner_id", FT_REF, TR_cont_owner, LIST_FORM | F_FILTER, .ref = "people"},
    {"what_stops", FT_LONGTEXT, TR_cont_what_stops, DETAIL_FORM, .max_len = 4000},
    {"mtpd_hours", FT_INT, TR_cont_mtpd, LIST_FORM | F_SORT, .min = 0, .max = 100000,
     .help = TR_cont_mtpd_help},
    {"rto_hours", FT_INT, TR_cont_rto, LIST_FORM | F_SORT, .min = 0, .max = 100000,
     .help = TR_cont_rto_help},
    {"rpo_hours", FT_INT, TR_cont_rpo, LIST_FORM | F_SORT, .min = 0, .max = 100000,
     .help = TR_cont_rpo_help},
    {"dependencies", FT_LONGTEXT, TR_cont_dependencies, DETAIL_FORM, .max_len = 4000,
     .help = TR_cont_dependencies_help},
    {"plan", FT_LONGTEXT, TR_cont_plan, DETAIL_FORM, .max_len = 8000, .help = TR_cont_plan_help},
    {"last_reviewed", FT_DATE, TR_cont_last_reviewed, LIST_FORM | F_SORT,
     .help = TR_bia_last_reviewed_help},
    /* the BIA beside the impact grid (bia_impacts): what must keep going, how, with whom */
    {"min_level", FT_LONGTEXT, TR_bia_min_level, DETAIL_FORM, .max_len = 4000,
     .help = TR_bia_min_level_help},
    {"workarounds", FT_LONGTEXT, TR_bia_workarounds, DETAIL_FORM, .max_len = 4000,
     .help = TR_bia_workarounds_help},
    {"workaround_hours", FT_INT, TR_bia_workaround_hours, DETAIL_FORM, .min = 0, .max = 100000,
     .help = TR_bia_workaround_hours_help},
    {"people_needed", FT_LONGTEXT, TR_bia_people, DETAIL_FORM, .max_len = 4000},
    {"premises_needed", FT_LONGTEXT, TR_bia_premises, DETAIL_FORM, .max_len = 4000},
    /* a year after the last review, set by the rules (rules.c), never by input */
    {"review_due", FT_DATE, TR_bia_review_due, F_LIST | F_DETAIL | F_EXPORT | F_SORT},
};

const entity entity_continuity_plans = {
    .name = "continuity_plans",
    .table = "continuity_plan",
    .label_one = TR_cont_plans_one,
    .label_many = TR_cont_plans_many,
    .fields = plan_fields,
    .nfields = sizeof plan_fields / sizeof plan_fields[0],
    .title_sql = "t.name",
    .default_sort = "name",
    .read_action = ACT_READ,
    .write_action = ACT_INVENTORY_WRITE,
    .unit_field = "unit_id",
    .can_create = true,
    .can_edit = true,
    .can_delete = true,
    .has_updated_at = true,
    .validate = continuity_plan_validate,
    .after_write = continuity_plan_after_write,
    .detail_lead = continuity_plan_lead,
    .due = &(const due_date){"review_due"},
    .related =
        (const related_list[]){
            {"bia_impacts", "plan_id", (const char *const[]){"kind", "after_hours", "level", NULL},
             true, TR_bia_impacts_many},
            {"continuity_tests", "plan_id",
             (const char *const[]){"tested_on", "kind", "result", "next_due", NULL}, true,
             TR_cont_tests_many},
            {NULL},
        },
};

/* the RSA of a term of office: tenant-wide, kept by those who hold the inventory at the
 * organisation's root (the CISO, the administrator). Its chapters follow MSBFS 2015:5 § 5
 * (rsa.c: rsa_chapters); it names the kommun's weaknesses (restore order, gaps), so it is
 * need-to-know like risks: those who read every risk, and its owner. */
#define CHAPTER(name_, label_, help_)                                                              \
    {                                                                                              \
        name_, FT_LONGTEXT, label_, DETAIL_FORM, .max_len = 20000, .help = help_                   \
    }
static const field rsa_fields[] = {
    {"term", FT_TEXT, TR_rsa_term, LIST_FORM | F_SORT | F_SEARCH | F_REQUIRED, .max_len = 50,
     .help = TR_rsa_term_help},
    {"due_on", FT_DATE, TR_rsa_due_on, LIST_FORM | F_SORT | F_REQUIRED | F_NOT_NULL,
     .help = TR_rsa_due_on_help},
    {"reported_on", FT_DATE, TR_rsa_reported_on, LIST_FORM | F_SORT},
    {"owner_id", FT_REF, TR_cont_owner, LIST_FORM | F_FILTER, .ref = "people"},
    {"note", FT_LONGTEXT, TR_rsa_note, DETAIL_FORM, .max_len = 4000},
    {"ch_area", FT_LONGTEXT, TR_rsa_ch_area, DETAIL_FORM, .max_len = 20000,
     .help = TR_rsa_ch_area_help, .group = TR_rsa_chapters},
    CHAPTER("ch_method", TR_rsa_ch_method, TR_rsa_ch_method_help),
    CHAPTER("ch_critical", TR_rsa_ch_critical, TR_rsa_ch_critical_help),
    CHAPTER("ch_dependencies", TR_rsa_ch_dependencies, TR_rsa_ch_dependencies_help),
    CHAPTER("ch_risks", TR_rsa_ch_risks, TR_rsa_ch_risks_help),
    CHAPTER("ch_weaknesses", TR_rsa_ch_weaknesses, TR_rsa_ch_weaknesses_help),
    CHAPTER("ch_measures", TR_rsa_ch_measures, TR_rsa_ch_measures_help),
    CHAPTER("ch_capability", TR_rsa_ch_capability, TR_rsa_ch_capability_help),
};

const entity entity_rsa = {
    .name = "rsa",
    .table = "rsa",
    .label_one = TR_rsa_one,
    .label_many = TR_rsa_many,
    .fields = rsa_fields,
    .nfields = sizeof rsa_fields / sizeof rsa_fields[0],
    .title_sql = "t.term",
    .default_sort = "-due_on",
    .read_action = ACT_READ,
    .write_action = ACT_INVENTORY_WRITE,
    .need_to_know = true,
    .read_all = ACT_RISK_READ,
    .readers = {"owner_id"},
    .can_create = true,
    .can_edit = true,
    .has_updated_at = true,
    .validate = rsa_validate,
    .detail_lead = rsa_lead,
    .due = &(const due_date){"due_on", .done_field = "reported_on"},
    .related =
        (const related_list[]){
            {"rsa_links", "rsa_id",
             (const char *const[]){"process_id", "object_id", "risk_id", "action_id", "note", NULL},
             true, TR_rsa_links_many},
            {NULL},
        },
};

/* What an RSA is about, one thing per row: a samhällsviktig process or förvaltningsobjekt
 * (its MTPD and RTO from the BIA), a risk from the register (its level), an action (its
 * status and end date). Read as its RSA is. */
static const field rsa_link_fields[] = {
    {"rsa_id", FT_REF, TR_rsa_one, LIST_FORM | F_FILTER | F_REQUIRED | F_CREATE_ONLY, .ref = "rsa"},
    {"process_id", FT_REF, TR_cont_process, LIST_FORM | F_FILTER, .ref = "processes",
     .help = TR_rsa_link_target_help},
    {"object_id", FT_REF, TR_cont_object, LIST_FORM | F_FILTER, .ref = "objects"},
    {"risk_id", FT_REF, TR_rsa_link_risk, LIST_FORM | F_FILTER, .ref = "risks"},
    {"action_id", FT_REF, TR_rsa_link_action, LIST_FORM | F_FILTER, .ref = "actions"},
    {"note", FT_TEXT, TR_rsa_link_note, LIST_FORM | F_SEARCH, .max_len = 500},
};

const entity entity_rsa_links = {
    .name = "rsa_links",
    .table = "rsa_link",
    .label_one = TR_rsa_links_one,
    .label_many = TR_rsa_links_many,
    .fields = rsa_link_fields,
    .nfields = sizeof rsa_link_fields / sizeof rsa_link_fields[0],
    .title_sql = "CAST(t.id AS TEXT)",
    .default_sort = "-id",
    .read_action = ACT_READ,
    .write_action = ACT_INVENTORY_WRITE,
    .need_to_know = true,
    .read_all = ACT_RISK_READ,
    .scope_via = "rsa_id",
    .readers = {"owner_id"},
    .can_create = true,
    .can_edit = true,
    .can_delete = true,
    .has_updated_at = true,
    .validate = rsa_link_validate,
};

static const enum_opt test_kinds[] = {
    {"restore", TR_cont_kind_restore},
    {"tabletop", TR_cont_kind_tabletop},
    {"technical", TR_cont_kind_technical},
    {"full", TR_cont_kind_full},
    {NULL, 0},
};

const enum_opt continuity_results[] = {
    {"passed", TR_cont_result_passed},
    {"partial", TR_cont_result_partial},
    {"failed", TR_cont_result_failed},
    {NULL, 0},
};

static const field test_fields[] = {
    {"plan_id", FT_REF, TR_cont_plans_one, LIST_FORM | F_FILTER | F_REQUIRED | F_CREATE_ONLY,
     .ref = "continuity_plans"},
    {"kind", FT_ENUM, TR_cont_kind, LIST_FORM | F_FILTER | F_REQUIRED | F_NOT_NULL,
     .options = test_kinds},
    {"tested_on", FT_DATE, TR_cont_tested_on,
     LIST_FORM | F_SORT | F_FILTER | F_REQUIRED | F_NOT_NULL},
    {"scope", FT_TEXT, TR_cont_scope, LIST_FORM | F_SEARCH, .max_len = 500},
    {"result", FT_ENUM, TR_cont_result, LIST_FORM | F_FILTER | F_REQUIRED | F_NOT_NULL,
     .options = continuity_results},
    {"findings", FT_LONGTEXT, TR_cont_findings, DETAIL_FORM, .max_len = 8000,
     .help = TR_cont_findings_help},
    {"next_due", FT_DATE, TR_cont_next_due, LIST_FORM | F_SORT, .help = TR_cont_next_due_help},
    /* compared with the need rolled down to the plan's systems (rollup_page.c) */
    {"measured_restore_hours", FT_INT, TR_cont_measured, LIST_FORM | F_SORT, .min = 0,
     .max = 100000, .help = TR_cont_measured_help},
    {"unit_id", FT_REF, TR_inv_unit, F_DETAIL | F_EXPORT | F_FILTER, .ref = "units"},
};

const entity entity_continuity_tests = {
    .name = "continuity_tests",
    .table = "continuity_test",
    .label_one = TR_cont_tests_one,
    .label_many = TR_cont_tests_many,
    .fields = test_fields,
    .nfields = sizeof test_fields / sizeof test_fields[0],
    .title_sql = "t.tested_on",
    .default_sort = "-tested_on",
    .read_action = ACT_READ,
    .write_action = ACT_INVENTORY_WRITE,
    .unit_field = "unit_id",
    /* a test's findings ("återläsning tog 30 h mot RTO 8") name a weakness: need-to-know
     * like risks, scoped by its plan: those who see every risk, the plan's writers in its
     * unit's subtree and the plan's owner */
    .need_to_know = true,
    .read_all = ACT_RISK_READ,
    .scope_via = "plan_id",
    .readers = {"owner_id"},
    .can_create = true,
    .can_edit = true,
    .can_delete = true,
    .has_updated_at = true,
    .validate = continuity_test_validate,
    .detail_extra = continuity_test_detail_extra,
};

/* The impact grid of a plan's BIA: one row per kind of consequence and point in time
 * where the impact is stated, on the tenant's consequence scale; the plan's page shows
 * the grid and the MTPD that follows (bia_page.c). In the plan's unit. */
static const enum_opt bia_kinds[] = {
    {"life_health", TR_bia_kind_life_health},
    {"duties", TR_bia_kind_duties},
    {"money", TR_bia_kind_money},
    {"trust", TR_bia_kind_trust},
    {"personal_data", TR_bia_kind_personal_data},
    {NULL, 0},
};

/* bia_point_codes, in words */
static const enum_opt bia_points[] = {
    {"1", TR_bia_after_1},   {"4", TR_bia_after_4},     {"24", TR_bia_after_24},
    {"72", TR_bia_after_72}, {"168", TR_bia_after_168}, {NULL, 0},
};

static const field impact_fields[] = {
    {"plan_id", FT_REF, TR_cont_plans_one, LIST_FORM | F_FILTER | F_REQUIRED | F_CREATE_ONLY,
     .ref = "continuity_plans"},
    {"kind", FT_ENUM, TR_bia_kind, LIST_FORM | F_FILTER | F_REQUIRED | F_NOT_NULL,
     .options = bia_kinds},
    {"after_hours", FT_ENUM, TR_bia_after, LIST_FORM | F_FILTER | F_REQUIRED | F_NOT_NULL,
     .options = bia_points},
    {"level", FT_INT, TR_bia_level, LIST_FORM | F_SORT | F_REQUIRED | F_NOT_NULL, .min = 1,
     .max = 9, .help = TR_bia_level_help, .value_label = risk_consequence_name},
    {"note", FT_TEXT, TR_bia_note, LIST_FORM | F_SEARCH, .max_len = 500},
    {"unit_id", FT_REF, TR_inv_unit, F_DETAIL | F_EXPORT | F_FILTER, .ref = "units"},
};

const entity entity_bia_impacts = {
    .name = "bia_impacts",
    .table = "bia_impact",
    .label_one = TR_bia_impacts_one,
    .label_many = TR_bia_impacts_many,
    .fields = impact_fields,
    .nfields = sizeof impact_fields / sizeof impact_fields[0],
    .title_sql = "(SELECT c.name FROM continuity_plan c WHERE c.id = t.plan_id) || ' · ' || "
                 "t.after_hours || ' h'",
    .default_sort = "plan_id",
    .read_action = ACT_READ,
    .write_action = ACT_INVENTORY_WRITE,
    .unit_field = "unit_id",
    .can_create = true,
    .can_edit = true,
    .can_delete = true,
    .has_updated_at = true,
    .validate = bia_impact_validate,
};

/* What a process or system needs to run: another system, a supplier (with the restore
 * time its SLA promises) or premises. In the dependant's unit. The restore order and the
 * gaps it reveals are on /continuity/rollup, need-to-know like risks. */
static const field dependency_fields[] = {
    {"process_id", FT_REF, TR_cont_process, LIST_FORM | F_FILTER, .ref = "processes",
     .help = TR_dep_dependant_help},
    {"system_id", FT_REF, TR_dep_system, LIST_FORM | F_FILTER, .ref = "systems"},
    {"needs_system_id", FT_REF, TR_dep_needs_system, LIST_FORM | F_FILTER, .ref = "systems",
     .help = TR_dep_needs_help},
    {"supplier", FT_TEXT, TR_dep_supplier, LIST_FORM | F_SEARCH, .max_len = 200},
    {"sla_restore_hours", FT_INT, TR_dep_sla_hours, LIST_FORM, .min = 0, .max = 100000,
     .help = TR_dep_sla_hours_help},
    {"premises", FT_TEXT, TR_dep_premises, LIST_FORM | F_SEARCH, .max_len = 200},
    {"note", FT_LONGTEXT, TR_bia_note, DETAIL_FORM, .max_len = 2000},
    {"unit_id", FT_REF, TR_inv_unit, F_DETAIL | F_EXPORT | F_FILTER, .ref = "units"},
};

const entity entity_continuity_dependencies = {
    .name = "dependencies",
    .table = "continuity_dependency",
    .label_one = TR_dep_one,
    .label_many = TR_dep_many,
    .fields = dependency_fields,
    .nfields = sizeof dependency_fields / sizeof dependency_fields[0],
    .title_sql =
        "COALESCE((SELECT p.name FROM process p WHERE p.id = t.process_id), (SELECT s.name "
        "FROM system s WHERE s.id = t.system_id), '') || ' → ' || COALESCE((SELECT s.name "
        "FROM system s WHERE s.id = t.needs_system_id), t.supplier, t.premises, '')",
    .default_sort = "process_id",
    .read_action = ACT_READ,
    .write_action = ACT_INVENTORY_WRITE,
    .unit_field = "unit_id",
    .can_create = true,
    .can_edit = true,
    .can_delete = true,
    .has_updated_at = true,
    .validate = dependency_validate,
};
