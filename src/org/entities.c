/* entities.c - the organisation's records, described once: units, people, role
 * assignments, API tokens and the audit log. Their own rules are in rules.c. */
#include "org.h"

static const enum_opt unit_kinds[] = {
    {"organisation", TR_unit_kind_organisation},
    {"fullmaktige", TR_unit_kind_fullmaktige},
    {"styrelse", TR_unit_kind_styrelse},
    {"namnd", TR_unit_kind_namnd},
    {"forvaltning", TR_unit_kind_forvaltning},
    {"avdelning", TR_unit_kind_avdelning},
    {"enhet", TR_unit_kind_enhet},
    {"koncern", TR_unit_kind_koncern},
    {"bolag", TR_unit_kind_bolag},
    {"forbund", TR_unit_kind_forbund},
    {NULL, 0},
};

static const field unit_fields[] = {
    {"name", FT_TEXT, TR_unit_name, F_LIST | F_SORT | F_SEARCH | F_FORM | F_REQUIRED | F_EXPORT,
     .max_len = 200},
    {"kind", FT_ENUM, TR_unit_kind, F_LIST | F_SORT | F_FILTER | F_FORM | F_REQUIRED | F_EXPORT,
     .options = unit_kinds},
    {"parent_id", FT_REF, TR_unit_parent, F_LIST | F_FILTER | F_FORM | F_EXPORT, .ref = "units",
     .help = TR_unit_parent_help},
    {"code", FT_TEXT, TR_unit_code, F_LIST | F_SEARCH | F_FORM | F_EXPORT, .max_len = 50},
};

const entity entity_units = {
    .name = "units",
    .table = "unit",
    .label_one = TR_units_one,
    .label_many = TR_units_many,
    .fields = unit_fields,
    .nfields = sizeof unit_fields / sizeof unit_fields[0],
    .title_sql = "t.name",
    .default_sort = "name",
    .read_action = ACT_READ,
    .write_action = ACT_ORG_WRITE,
    .unit_field = "parent_id",
    .retire_column = "retired_at",
    .can_create = true,
    .can_edit = true,
    .small = true,
    .has_updated_at = true,
    .validate = unit_validate,
    .after_write = unit_after_write,
    .related =
        (const related_list[]){
            {"units", "parent_id", (const char *const[]){"name", "kind", "code", NULL}, true,
             TR_unit_children},
            {"roles", "unit_id",
             (const char *const[]){"person_id", "role", "time_share", "deputy_id", NULL}, true,
             TR_unit_roles},
            {"people", "unit_id", (const char *const[]){"name", "title", "email", NULL}, true,
             TR_unit_people, .only_field = "active", .only_value = "1"},
            {NULL},
        },
};

static const field person_fields[] = {
    {"name", FT_TEXT, TR_person_name, F_LIST | F_SORT | F_SEARCH | F_FORM | F_REQUIRED | F_EXPORT,
     .max_len = 200},
    {"email", FT_EMAIL, TR_person_email,
     F_LIST | F_SORT | F_SEARCH | F_FORM | F_REQUIRED | F_CREATE_ONLY | F_EXPORT,
     .help = TR_person_email_help},
    {"title", FT_TEXT, TR_person_title, F_LIST | F_SEARCH | F_FORM | F_EXPORT, .max_len = 200},
    {"phone", FT_TEXT, TR_person_phone, F_FORM | F_EXPORT, .max_len = 50},
    {"unit_id", FT_REF, TR_person_unit, F_LIST | F_FILTER | F_FORM | F_EXPORT, .ref = "units"},
    {"active", FT_BOOL, TR_person_active, F_LIST | F_FILTER | F_FORM | F_EXPORT},
    {"employment_ends", FT_DATE, TR_person_employment_ends, F_FORM | F_EXPORT | F_SORT,
     .help = TR_person_employment_ends_help},
    {"account_id", FT_INT, TR_person_account, 0, .min = 1, .max = INT64_MAX},
};

const entity entity_people = {
    .name = "people",
    .table = "person",
    .label_one = TR_people_one,
    .label_many = TR_people_many,
    .fields = person_fields,
    .nfields = sizeof person_fields / sizeof person_fields[0],
    .title_sql = "t.name",
    .pick_detail_sql = "t.email", /* two Olle Falk differ by their address */
    .default_sort = "name",
    .read_action = ACT_READ,
    .write_action = ACT_PEOPLE_WRITE,
    .unit_field = "unit_id",
    .can_create = true,
    .can_edit = true,
    .has_updated_at = true,
    .validate = person_validate,
    .after_write = person_after_write,
    .related =
        (const related_list[]){
            {"roles", "person_id", (const char *const[]){"unit_id", "role", "note", NULL}, true,
             TR_person_roles},
            {NULL},
        },
};

const enum_opt role_options[] = {
    {"tenant_admin", TR_role_tenant_admin},
    {"ledning", TR_role_ledning},
    {"ciso", TR_role_ciso},
    {"it_security", TR_role_it_security},
    {"info_owner", TR_role_info_owner},
    {"system_owner", TR_role_system_owner},
    {"info_manager", TR_role_info_manager},
    {"coordinator", TR_role_coordinator},
    {"forum_member", TR_role_forum_member},
    {"dpo", TR_role_dpo},
    {"auditor", TR_role_auditor},
    {"employee", TR_role_employee},
    {"national_viewer", TR_role_national_viewer},
    {NULL, 0},
};

static const field role_fields[] = {
    {"person_id", FT_REF, TR_role_person, F_LIST | F_FILTER | F_FORM | F_REQUIRED | F_EXPORT,
     .ref = "people"},
    {"role", FT_ENUM, TR_role_role, F_LIST | F_SORT | F_FILTER | F_FORM | F_REQUIRED | F_EXPORT,
     .options = role_options},
    {"unit_id", FT_REF, TR_role_unit, F_LIST | F_FILTER | F_FORM | F_REQUIRED | F_EXPORT,
     .ref = "units", .help = TR_role_unit_help},
    {"note", FT_TEXT, TR_role_note, F_LIST | F_FORM | F_EXPORT, .max_len = 500},
    /* roles with time (SKR's level 4): how much of the week it takes, and who stands in */
    {"time_share", FT_INT, TR_role_time_share, F_LIST | F_FORM | F_EXPORT | F_SORT, .min = 1,
     .max = 100, .help = TR_role_time_share_help},
    {"deputy_id", FT_REF, TR_role_deputy, F_LIST | F_FILTER | F_FORM | F_EXPORT, .ref = "people",
     .help = TR_role_deputy_help},
};

const entity entity_roles = {
    .name = "roles",
    .table = "role_assignment",
    .label_one = TR_roles_one,
    .label_many = TR_roles_many,
    .fields = role_fields,
    .nfields = sizeof role_fields / sizeof role_fields[0],
    .title_sql = "t.role",
    .default_sort = "role",
    .read_action = ACT_READ,
    .write_action = ACT_ROLE_WRITE,
    .unit_field = "unit_id",
    .can_create = true,
    .can_edit = true,
    .can_delete = true,
    .has_updated_at = true,
    .validate = role_validate,
    .after_write = role_after_write,
};

static const field token_fields[] = {
    {"name", FT_TEXT, TR_token_name, F_LIST | F_SORT | F_FORM | F_REQUIRED | F_EXPORT,
     .max_len = 100},
    {"prefix", FT_TEXT, TR_token_prefix, F_LIST | F_EXPORT},
    {"person_id", FT_REF, TR_token_person, F_LIST | F_FILTER | F_EXPORT, .ref = "people"},
    {"created_at", FT_DATETIME, TR_token_created, F_LIST | F_SORT | F_EXPORT | F_NOT_NULL},
    {"last_used_at", FT_DATETIME, TR_token_last_used, F_LIST | F_EXPORT},
};

const entity entity_tokens = {
    .name = "tokens",
    .table = "api_token",
    .label_one = TR_tokens_one,
    .label_many = TR_tokens_many,
    .fields = token_fields,
    .nfields = sizeof token_fields / sizeof token_fields[0],
    .title_sql = "t.name",
    .default_sort = "-created_at",
    .read_action = ACT_READ,
    .write_action = ACT_PEOPLE_WRITE,
    .owner_field = "person_id",
    .retire_column = "revoked_at",
    .retire_final = true, /* a leaked key revoked must stay dead: make a new one */
    .can_create = true,
    .has_updated_at = false,
};
