/* entities.c - a classification version, described once. Levels are enums "0".."4" so
 * forms show the scale's words; version, status, unit and the decision (who, when, by
 * right of what) are set by the rules (rules.c), never by input. */
#include "classification.h"

static const enum_opt levels[] = {
    {"0", TR_cls_level_0}, {"1", TR_cls_level_1}, {"2", TR_cls_level_2},
    {"3", TR_cls_level_3}, {"4", TR_cls_level_4}, {NULL, 0},
};

static const enum_opt statuses[] = {
    {"draft", TR_cls_status_draft},
    {"decided", TR_cls_status_decided},
    {NULL, 0},
};

static const enum_opt triggers[] = {
    {"procurement", TR_cls_trigger_procurement},
    {"golive", TR_cls_trigger_golive},
    {"extended", TR_cls_trigger_extended},
    {"change", TR_cls_trigger_change},
    {NULL, 0},
};

/* by right of what a classification was decided (rules.c, decision_basis) */
static const enum_opt bases[] = {
    {"owner", TR_cls_basis_owner},
    {"deputy", TR_cls_basis_deputy},
    {"ledning", TR_cls_basis_ledning},
    {"ciso", TR_cls_basis_ciso},
    {"tenant_admin", TR_cls_basis_tenant_admin},
    {NULL, 0},
};

const char *const aspect_columns[ASPECTS] = {"k", "r", "t", "s"};
const tr_key aspect_labels[ASPECTS] = {TR_cls_k, TR_cls_r, TR_cls_t, TR_cls_s};

tr_key level_label(int level)
{
    return level >= 0 && level <= 4 ? levels[level].label : TR_cls_level_0;
}

#define SHOWN (F_DETAIL | F_EXPORT)
#define LEVEL(col, label, help_, flags_)                                                           \
    {                                                                                              \
        col, FT_ENUM, label, F_FORM | SHOWN | F_LIST | (flags_), .options = levels, .help = help_  \
    }

static const field fields[] = {
    {"asset_id", FT_REF, TR_cls_asset,
     F_LIST | F_FILTER | F_FORM | F_REQUIRED | F_CREATE_ONLY | SHOWN, .ref = "assets"},
    {"version", FT_INT, TR_cls_version, F_LIST | F_SORT | SHOWN | F_NOT_NULL, .max = 1000000},
    {"status", FT_ENUM, TR_cls_status, F_LIST | F_FILTER | SHOWN | F_NOT_NULL, .options = statuses},
    LEVEL("k", TR_cls_k, TR_cls_k_help, F_REQUIRED | F_FILTER),
    LEVEL("r", TR_cls_r, TR_cls_r_help, F_REQUIRED | F_FILTER),
    LEVEL("t", TR_cls_t, TR_cls_t_help, F_REQUIRED | F_FILTER),
    LEVEL("s", TR_cls_s, TR_cls_s_help, 0),
    {"personal_data", FT_BOOL, TR_cls_personal_data, F_FORM | SHOWN | F_FILTER},
    {"sensitive_data", FT_BOOL, TR_cls_sensitive_data, F_FORM | SHOWN | F_FILTER},
    {"osl", FT_BOOL, TR_cls_osl, F_FORM | SHOWN | F_FILTER},
    {"osl_ref", FT_TEXT, TR_cls_osl_ref, F_FORM | SHOWN, .max_len = 200,
     .help = TR_cls_osl_ref_help},
    {"security_protection", FT_BOOL, TR_cls_security_protection, F_FORM | SHOWN | F_FILTER},
    {"motivation", FT_LONGTEXT, TR_cls_motivation, F_FORM | SHOWN | F_REQUIRED | F_SEARCH,
     .max_len = 8000, .help = TR_cls_motivation_help},
    {"participants", FT_TEXT, TR_cls_participants, F_FORM | SHOWN, .max_len = 500,
     .help = TR_cls_participants_help},
    {"classified_on", FT_DATE, TR_cls_classified_on, F_FORM | SHOWN | F_LIST | F_SORT | F_REQUIRED},
    {"next_review", FT_DATE, TR_cls_next_review, F_FORM | SHOWN | F_LIST | F_SORT,
     .help = TR_cls_next_review_help},
    {"decided_by", FT_REF, TR_cls_decided_by, SHOWN, .ref = "people"},
    {"decided_at", FT_DATETIME, TR_cls_decided_at, SHOWN},
    {"decided_as", FT_ENUM, TR_cls_decided_as, SHOWN | F_FILTER, .options = bases},
    {"review_trigger", FT_ENUM, TR_cls_review_trigger, SHOWN | F_FILTER, .options = triggers},
    {"triggered_at", FT_DATETIME, TR_cls_triggered_at, SHOWN},
    {"unit_id", FT_REF, TR_cls_unit, SHOWN | F_FILTER, .ref = "units"},
};

const entity entity_classifications = {
    .name = "classifications",
    .table = "classification",
    .label_one = TR_classifications_one,
    .label_many = TR_classifications_many,
    .fields = fields,
    .nfields = sizeof fields / sizeof fields[0],
    .title_sql = "((SELECT a.name FROM information_asset a WHERE a.id = t.asset_id) || ' v' || "
                 "CAST(t.version AS TEXT))",
    .default_sort = "-id",
    .read_action = ACT_READ,
    .write_action = ACT_INVENTORY_WRITE,
    .unit_field = "unit_id",
    .can_create = true,
    .can_edit = true,
    .frozen = classification_frozen,
    .detail_top = classification_detail_top,
    .has_updated_at = true,
    .validate = classification_validate,
};
