/* entities.c - forum meetings and their items (ärenden), described once. The rules
 * (defaults, sources, who decides, the freeze after approval) are in rules.c. */
#include "forum.h"

#define LIST_FORM (F_LIST | F_FORM | F_EXPORT)

static const enum_opt meeting_statuses[] = {
    {"planned", TR_forum_status_planned},
    {"held", TR_forum_status_held},
    {"cancelled", TR_forum_status_cancelled},
    {NULL, 0},
};

static const field meeting_fields[] = {
    /* empty means the forum's name (the rules fill it in) */
    {"title", FT_TEXT, TR_meeting_title, LIST_FORM | F_SEARCH | F_NOT_NULL, .max_len = 200,
     .help = TR_meeting_title_help},
    {"starts_at", FT_DATETIME, TR_meeting_starts_at, LIST_FORM | F_SORT | F_REQUIRED,
     .help = TR_meeting_starts_at_help},
    {"place", FT_TEXT, TR_meeting_place, LIST_FORM, .max_len = 200},
    {"chair_id", FT_REF, TR_meeting_chair, LIST_FORM | F_FILTER, .ref = "people",
     .help = TR_meeting_chair_help},
    {"participants", FT_LONGTEXT, TR_meeting_participants, F_FORM | F_DETAIL | F_EXPORT,
     .max_len = 4000},
    /* the protokoll's signatures: who kept it, who checks it with the chair, and when */
    {"secretary_id", FT_REF, TR_meeting_secretary, F_FORM | F_DETAIL | F_EXPORT, .ref = "people",
     .help = TR_meeting_secretary_help},
    {"adjuster_id", FT_REF, TR_meeting_adjuster, F_FORM | F_DETAIL | F_EXPORT, .ref = "people",
     .help = TR_meeting_adjuster_help},
    {"adjusted_on", FT_DATE, TR_meeting_adjusted_on, F_FORM | F_DETAIL | F_EXPORT,
     .help = TR_meeting_adjusted_on_help},
    {"status", FT_ENUM, TR_meeting_status, LIST_FORM | F_SORT | F_FILTER | F_NOT_NULL,
     .options = meeting_statuses},
    {"approved_by_id", FT_REF, TR_meeting_approved_by, F_DETAIL | F_EXPORT, .ref = "people"},
    {"approved_at", FT_DATETIME, TR_meeting_approved_at, F_LIST | F_DETAIL | F_EXPORT},
};

const entity entity_meetings = {
    .name = "meetings",
    .table = "forum_meeting",
    .label_one = TR_meetings_one,
    .label_many = TR_meetings_many,
    .fields = meeting_fields,
    .nfields = sizeof meeting_fields / sizeof meeting_fields[0],
    /* every meeting has the forum's name: the date tells them apart */
    .title_sql = "(substr(t.starts_at, 1, 10) || ' ' || t.title)",
    .default_sort = "-starts_at",
    .read_action = ACT_RISK_READ, /* the agenda names weaknesses: those who see every risk */
    .write_action = ACT_FORUM_WRITE,
    .can_create = true,
    .can_edit = true,
    .small = true,
    .has_updated_at = true,
    .validate = meeting_validate,
    .detail_extra = meeting_detail_extra,
};

static const enum_opt kinds[] = {
    {"risk", TR_forum_kind_risk},
    {"incident", TR_forum_kind_incident},
    {"action", TR_forum_kind_action},
    {"free", TR_forum_kind_free},
    {NULL, 0},
};

static const enum_opt item_statuses[] = {
    {"open", TR_forum_item_status_open},
    {"decided", TR_forum_item_status_decided},
    {"postponed", TR_forum_item_status_postponed},
    {NULL, 0},
};

static const field item_fields[] = {
    {"meeting_id", FT_REF, TR_forum_item_meeting, LIST_FORM | F_FILTER | F_REQUIRED | F_CREATE_ONLY,
     .ref = "meetings"},
    {"title", FT_TEXT, TR_forum_item_title, LIST_FORM | F_SORT | F_SEARCH | F_REQUIRED,
     .max_len = 200},
    {"kind", FT_ENUM, TR_forum_item_kind, LIST_FORM | F_FILTER | F_REQUIRED, .options = kinds},
    {"description", FT_LONGTEXT, TR_forum_item_description, F_FORM | F_DETAIL | F_EXPORT | F_SEARCH,
     .max_len = 4000},
    {"source_entity", FT_TEXT, TR_forum_item_source_entity,
     F_FORM | F_CREATE_ONLY | F_FILTER | F_DETAIL | F_EXPORT, .max_len = 64,
     .help = TR_forum_item_source_help},
    {"source_id", FT_INT, TR_forum_item_source_id,
     F_FORM | F_CREATE_ONLY | F_FILTER | F_DETAIL | F_EXPORT, .min = 1, .max = INT64_MAX},
    {"presenter_id", FT_REF, TR_forum_item_presenter, LIST_FORM | F_FILTER, .ref = "people"},
    {"proposal", FT_LONGTEXT, TR_forum_item_proposal, F_FORM | F_DETAIL | F_EXPORT,
     .max_len = 4000},
    {"decision", FT_LONGTEXT, TR_forum_item_decision, F_FORM | F_DETAIL | F_EXPORT, .max_len = 4000,
     .help = TR_forum_item_decision_help},
    {"notes", FT_LONGTEXT, TR_forum_item_notes, F_FORM | F_DETAIL | F_EXPORT, .max_len = 8000},
    {"status", FT_ENUM, TR_forum_item_status, LIST_FORM | F_SORT | F_FILTER | F_NOT_NULL,
     .options = item_statuses},
    /* empty means last on the agenda (the rules fill it in) */
    {"position", FT_INT, TR_forum_item_position, LIST_FORM | F_SORT | F_NOT_NULL, .min = 1,
     .max = 999, .help = TR_forum_item_position_help},
};

const entity entity_forum_items = {
    .name = "forum_items",
    .table = "forum_item",
    .label_one = TR_forum_items_one,
    .label_many = TR_forum_items_many,
    .fields = item_fields,
    .nfields = sizeof item_fields / sizeof item_fields[0],
    .title_sql = "t.title",
    .default_sort = "position",
    .read_action = ACT_RISK_READ, /* the agenda names weaknesses: those who see every risk */
    .write_action = ACT_FORUM_PROPOSE,
    .can_create = true,
    .can_edit = true,
    .has_updated_at = true,
    .validate = forum_item_validate,
    .detail_extra = forum_item_detail_extra,
};
