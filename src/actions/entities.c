/* entities.c - the actions of the handlingsplan and the decisions that freeze a year's
 * plan, described once. Their rules are in rules.c. */
#include "actions.h"
#include "../org/phases.h"

#define LIST_FORM (F_LIST | F_FORM | F_EXPORT)

static const enum_opt priorities[] = {
    {"high", TR_act_priority_high},
    {"medium", TR_act_priority_medium},
    {"low", TR_act_priority_low},
    {NULL, 0},
};

static const enum_opt statuses[] = {
    {"planned", TR_act_status_planned},
    {"ongoing", TR_act_status_ongoing},
    {"done", TR_act_status_done},
    {"cancelled", TR_act_status_cancelled},
    {NULL, 0},
};

static const field action_fields[] = {
    {"title", FT_TEXT, TR_act_title, LIST_FORM | F_SORT | F_SEARCH | F_REQUIRED, .max_len = 200},
    {"goal", FT_LONGTEXT, TR_act_goal, F_FORM | F_DETAIL | F_EXPORT, .max_len = 2000},
    {"measure", FT_LONGTEXT, TR_act_measure, F_FORM | F_DETAIL | F_EXPORT | F_SEARCH,
     .max_len = 4000},
    {"priority", FT_ENUM, TR_act_priority, LIST_FORM | F_FILTER, .options = priorities},
    {"phase", FT_ENUM, TR_phase, LIST_FORM | F_FILTER, .options = phase_options,
     .help = TR_phase_help},
    {"cost", FT_TEXT, TR_act_cost, F_FORM | F_DETAIL | F_EXPORT, .max_len = 500},
    {"responsible_id", FT_REF, TR_act_responsible, LIST_FORM | F_FILTER, .ref = "people"},
    {"unit_id", FT_REF, TR_act_unit, LIST_FORM | F_FILTER | F_REQUIRED, .ref = "units",
     .help = TR_act_unit_help},
    {"start_date", FT_DATE, TR_act_start_date, F_FORM | F_DETAIL | F_EXPORT | F_FILTER},
    {"end_date", FT_DATE, TR_act_end_date, LIST_FORM | F_SORT | F_FILTER},
    {"status", FT_ENUM, TR_act_status, LIST_FORM | F_SORT | F_FILTER | F_REQUIRED,
     .options = statuses},
    {"progress", FT_LONGTEXT, TR_act_progress, F_FORM | F_DETAIL | F_EXPORT, .max_len = 8000},
    /* empty in a form means the current year (the rules fill it in) */
    {"plan_year", FT_INT, TR_act_plan_year, LIST_FORM | F_SORT | F_FILTER | F_NOT_NULL, .min = 2000,
     .max = 2100},
    {"source_entity", FT_TEXT, TR_act_source_entity,
     F_FORM | F_CREATE_ONLY | F_FILTER | F_DETAIL | F_EXPORT, .max_len = 64},
    {"source_id", FT_INT, TR_act_source_id, F_FORM | F_CREATE_ONLY | F_FILTER | F_DETAIL | F_EXPORT,
     .min = 1, .max = INT64_MAX},
    {"carried_from_id", FT_REF, TR_act_carried_from, F_DETAIL | F_EXPORT, .ref = "actions"},
    {"carried_from_year", FT_INT, TR_act_carried_from_year, F_DETAIL | F_EXPORT | F_FILTER,
     .min = 2000, .max = 2100},
};

const entity entity_actions = {
    .name = "actions",
    .table = "action_item",
    .label_one = TR_actions_one,
    .label_many = TR_actions_many,
    .fields = action_fields,
    .nfields = sizeof action_fields / sizeof action_fields[0],
    .title_sql = "t.title",
    .default_sort = "title",
    .read_action = ACT_READ,
    .write_action = ACT_RISK_WRITE,
    .unit_field = "unit_id",
    .editor_field = "responsible_id",
    /* an action names the weakness it mends: need-to-know like risks (those who see every
     * risk, the writers in its unit's subtree, the person responsible for it) */
    .need_to_know = true,
    .read_all = ACT_RISK_READ,
    .can_create = true,
    .can_edit = true,
    .has_updated_at = true,
    .validate = action_validate,
    .form_defaults = action_form_defaults,
    .after_write = action_after_write,
    .detail_lead = action_detail_extra,
    .related =
        (const related_list[]){
            {"risk_actions", "action_id", (const char *const[]){"risk_id", "note", NULL}, true,
             TR_act_risks},
            {NULL},
        },
    .due = &(const due_date){"end_date", "status", (const char *const[]){"done", "cancelled", NULL},
                             .done_value = "done", .done_label = TR_act_mark_done},
};

/* A decision is a record of what was decided: made once per year, never edited. */
static const field decision_fields[] = {
    {"plan_year", FT_INT, TR_decision_year,
     LIST_FORM | F_SORT | F_FILTER | F_REQUIRED | F_CREATE_ONLY, .min = 2000, .max = 2100},
    {"decided_by_id", FT_REF, TR_decision_decided_by, LIST_FORM | F_REQUIRED, .ref = "people"},
    {"body", FT_TEXT, TR_decision_body, LIST_FORM | F_REQUIRED, .max_len = 200,
     .help = TR_decision_body_help},
    {"decided_on", FT_DATE, TR_decision_decided_on, LIST_FORM | F_SORT | F_REQUIRED},
    {"reference", FT_TEXT, TR_decision_reference, LIST_FORM | F_SEARCH, .max_len = 100},
    {"snapshot", FT_LONGTEXT, TR_decision_snapshot, F_EXPORT},
};

const entity entity_plan_decisions = {
    .name = "plan_decisions",
    .table = "plan_decision",
    .label_one = TR_plan_decisions_one,
    .label_many = TR_plan_decisions_many,
    .fields = decision_fields,
    .nfields = sizeof decision_fields / sizeof decision_fields[0],
    .title_sql = "CAST(t.plan_year AS TEXT)",
    .default_sort = "-plan_year",
    .read_action = ACT_READ,
    .write_action = ACT_PLAN_DECIDE,
    /* the snapshot holds the whole year's plan: those who see every action, and whoever
     * decided it */
    .need_to_know = true,
    .read_all = ACT_RISK_READ,
    .readers = {"decided_by_id"},
    .can_create = true,
    .validate = decision_validate,
};
