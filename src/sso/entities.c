/* entities.c - the mapping of the provider's group claims to lis roles, described once:
 * a group (as the provider names it: for Entra ID the group's object id), the role and the
 * unit it is held for. Kept by the tenant administrator through the engine; applied at
 * each login through the provider (login.c). */
#include "sso.h"
#include "../org/org.h"

#define ALL (F_LIST | F_FORM | F_EXPORT | F_DETAIL)

static const field group_role_fields[] = {
    {"group_name", FT_TEXT, TR_sso_group, ALL | F_SORT | F_SEARCH | F_FILTER | F_REQUIRED,
     .max_len = 256, .help = TR_sso_group_help},
    {"role", FT_ENUM, TR_role_role, ALL | F_SORT | F_FILTER | F_REQUIRED, .options = role_options},
    {"unit_id", FT_REF, TR_role_unit, ALL | F_FILTER | F_REQUIRED, .ref = "units",
     .help = TR_role_unit_help},
};

const entity entity_sso_group_roles = {
    .name = "sso_group_roles",
    .table = "sso_group_role",
    .label_one = TR_sso_group_role_one,
    .label_many = TR_sso_group_role_many,
    .fields = group_role_fields,
    .nfields = sizeof group_role_fields / sizeof group_role_fields[0],
    .title_sql = "t.group_name",
    .default_sort = "group_name",
    .read_action = ACT_READ, /* like the roles themselves: the organisation is no secret */
    .write_action = ACT_TENANT_ADMIN,
    .can_create = true,
    .can_edit = true,
    .can_delete = true,
    .has_updated_at = true,
};
