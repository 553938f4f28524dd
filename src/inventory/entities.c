/* entities.c - the inventory's records, described once. The four kinds share their
 * leading fields (name, description, unit, owner, förvaltare, status); the owner's title
 * differs per kind (informationsägare, systemägare, objektägare, processägare). Their
 * rules are in rules.c. */
#include "inventory.h"

static const enum_opt statuses[] = {
    {"planned", TR_inv_status_planned},
    {"procurement", TR_inv_status_procurement},
    {"operation", TR_inv_status_operation},
    /* in operation still, but its end is decided: kommuner's lists say "Avvecklas" */
    {"retiring", TR_inv_status_retiring},
    {"retired", TR_inv_status_retired},
    {NULL, 0},
};

static const enum_opt hostings[] = {
    {"own", TR_system_hosting_own},
    {"supplier", TR_system_hosting_supplier},
    {"cloud", TR_system_hosting_cloud},
    {NULL, 0},
};

/* what protects a system (issue 21 point 4); no value: not known yet */
static const enum_opt yes_no[] = {
    {"yes", TR_system_yes},
    {"no", TR_system_no},
    {NULL, 0},
};

#define LIST_FORM (F_LIST | F_FORM | F_EXPORT)
/* the fields every inventory kind starts with; owner is the kind's own label. The owner
 * is appointed (ACT_OWNER_APPOINT: the unit's ledning, the CISO, the tenant admin), not
 * set by those who write the inventory: the owner decides the classification. */
#define COMMON_FIELDS(owner_label)                                                                 \
    {"name", FT_TEXT, TR_inv_name, LIST_FORM | F_SORT | F_SEARCH | F_REQUIRED, .max_len = 200},    \
        {"description", FT_LONGTEXT, TR_inv_description, F_FORM | F_DETAIL | F_EXPORT,             \
         .max_len = 4000},                                                                         \
        {"unit_id",      FT_REF,                                                                   \
         TR_inv_unit,    LIST_FORM | F_FILTER | F_REQUIRED,                                        \
         .ref = "units", .help = TR_inv_unit_help},                                                \
        {"owner_id",                                                                               \
         FT_REF,                                                                                   \
         owner_label,                                                                              \
         LIST_FORM | F_FILTER,                                                                     \
         .ref = "people",                                                                          \
         .help = TR_inv_owner_help,                                                                \
         .set_by = ACT_OWNER_APPOINT},                                                             \
        {"manager_id", FT_REF, TR_inv_manager, F_FORM | F_FILTER | F_DETAIL | F_EXPORT,            \
         .ref = "people"},                                                                         \
    {                                                                                              \
        "status", FT_ENUM, TR_inv_status, LIST_FORM | F_SORT | F_FILTER | F_REQUIRED,              \
            .options = statuses                                                                    \
    }

/* the settings every inventory kind shares: read by all, written within the unit */
#define INVENTORY_ENTITY(fields_)                                                                  \
    .fields = fields_, .nfields = sizeof fields_ / sizeof fields_[0], .title_sql = "t.name",       \
    .default_sort = "name", .read_action = ACT_READ, .write_action = ACT_INVENTORY_WRITE,          \
    .unit_field = "unit_id", .can_create = true, .can_edit = true, .has_updated_at = true

static const field object_fields[] = {COMMON_FIELDS(TR_object_owner)};

const entity entity_objects = {
    .name = "objects",
    .table = "managed_object",
    .label_one = TR_objects_one,
    .label_many = TR_objects_many,
    INVENTORY_ENTITY(object_fields),
    .related =
        (const related_list[]){
            {"systems", "object_id", (const char *const[]){"name", "status", "owner_id", NULL},
             true, TR_object_systems},
            /* what IT has agreed with the verksamhet (continuity's service levels) */
            {"service_levels", "object_id",
             (const char *const[]){"support_hours", "rto_hours", "rpo_hours", "review_due", NULL},
             true, TR_sl_many},
            {NULL},
        },
};

static const field system_fields[] = {
    COMMON_FIELDS(TR_system_owner),
    {"object_id", FT_REF, TR_system_object, LIST_FORM | F_FILTER, .ref = "objects"},
    {"supplier_id", FT_REF, TR_system_supplier_id, LIST_FORM | F_FILTER, .ref = "suppliers",
     .help = TR_system_supplier_id_help},
    {"supplier", FT_TEXT, TR_system_supplier, F_FORM | F_DETAIL | F_EXPORT | F_SEARCH,
     .max_len = 200, .help = TR_system_supplier_help},
    {"hosting", FT_ENUM, TR_system_hosting, LIST_FORM | F_FILTER, .options = hostings},
    {"hosting_country", FT_TEXT, TR_system_country, F_FORM | F_DETAIL | F_EXPORT, .max_len = 100},
    {"soc_logging", FT_ENUM, TR_system_soc_logging, F_FORM | F_DETAIL | F_EXPORT | F_FILTER,
     .options = yes_no, .help = TR_system_soc_logging_help, .group = TR_system_protection},
    {"mfa", FT_ENUM, TR_system_mfa, F_FORM | F_DETAIL | F_EXPORT | F_FILTER, .options = yes_no,
     .help = TR_system_mfa_help},
};

const entity entity_systems = {
    .name = "systems",
    .table = "system",
    .label_one = TR_systems_one,
    .label_many = TR_systems_many,
    INVENTORY_ENTITY(system_fields),
    /* two systems called Lifecare differ by their object and supplier */
    .pick_detail_sql = "CASE WHEN t.supplier IS NULL THEN (SELECT o.name FROM managed_object o "
                       "WHERE o.id = t.object_id) ELSE COALESCE((SELECT o.name FROM "
                       "managed_object o WHERE o.id = t.object_id) || ' · ', '') || t.supplier END",
    .after_write = system_after_write,
    .related =
        (const related_list[]){
            {"system_assets", "system_id", (const char *const[]){"asset_id", "note", NULL}, true,
             TR_system_assets},
            /* what it needs to run (continuity's dependencies) */
            {"dependencies", "system_id",
             (const char *const[]){"needs_system_id", "supplier", "sla_restore_hours", "premises",
                                   NULL},
             true, TR_dep_needs_list},
            /* its penetration tests (need-to-know: only the rows the reader may read) */
            {"pentests", "system_id",
             (const char *const[]){"tested_on", "tester", "retest_on", "retest_result", NULL}, true,
             TR_system_pentests, .order_sql = "t.tested_on DESC"},
            {NULL},
        },
};

/* The current classification's levels ("K2 R3 T1"), read beside each asset so the list
 * answers "which are classified, and how"; empty where none is decided. */
static const char *asset_levels_sql(req *r, const char *alias)
{
    return arena_printf(r->a,
                        "(SELECT 'K' || c.k || ' R' || c.r || ' T' || c.t FROM classification c "
                        "WHERE c.tenant_id = %s.tenant_id AND c.asset_id = %s.id AND "
                        "c.is_current = 1)",
                        alias, alias);
}

/* Whether a current classification exists: the filter behind "26 av 29 klassade", so the
 * figure links to the three that are not (the same test as the lägesbild's count). */
static const char *asset_classified_sql(req *r, const char *alias)
{
    return arena_printf(r->a,
                        "(CASE WHEN EXISTS (SELECT 1 FROM classification c WHERE c.tenant_id = "
                        "%s.tenant_id AND c.asset_id = %s.id AND c.is_current = 1) THEN 'yes' "
                        "ELSE 'no' END)",
                        alias, alias);
}

static const enum_opt classified_options[] = {
    {"yes", TR_asset_classified_yes},
    {"no", TR_asset_classified_no},
    {NULL, 0},
};

static const field asset_fields[] = {
    COMMON_FIELDS(TR_asset_owner),
    {"levels", FT_TEXT, TR_asset_levels, F_LIST | F_DETAIL | F_EXPORT,
     .select_sql = asset_levels_sql},
    {"classified", FT_ENUM, TR_asset_classified, F_FILTER, .options = classified_options,
     .select_sql = asset_classified_sql},
};

const entity entity_assets = {
    .name = "assets",
    .table = "information_asset",
    .label_one = TR_assets_one,
    .label_many = TR_assets_many,
    INVENTORY_ENTITY(asset_fields),
    .related =
        (const related_list[]){
            {"system_assets", "asset_id", (const char *const[]){"system_id", "note", NULL}, true,
             TR_asset_systems},
            {NULL},
        },
};

static const field process_fields[] = {COMMON_FIELDS(TR_process_owner)};

const entity entity_processes = {
    .name = "processes",
    .table = "process",
    .label_one = TR_processes_one,
    .label_many = TR_processes_many,
    INVENTORY_ENTITY(process_fields),
    .related =
        (const related_list[]){
            /* what it needs to run (continuity's dependencies) */
            {"dependencies", "process_id",
             (const char *const[]){"needs_system_id", "supplier", "premises", NULL}, true,
             TR_dep_needs_list},
            {NULL},
        },
};

/* The link's unit is the system's, copied by the rules: it decides who may add or
 * remove the link, as for the system itself. */
static const field link_fields[] = {
    {"system_id", FT_REF, TR_link_system, LIST_FORM | F_FILTER | F_REQUIRED | F_CREATE_ONLY,
     .ref = "systems"},
    {"asset_id", FT_REF, TR_link_asset, LIST_FORM | F_FILTER | F_REQUIRED | F_CREATE_ONLY,
     .ref = "assets"},
    {"note", FT_TEXT, TR_link_note, LIST_FORM, .max_len = 500},
    {"unit_id", FT_REF, TR_inv_unit, F_DETAIL | F_EXPORT, .ref = "units"},
};

const entity entity_system_assets = {
    .name = "system_assets",
    .table = "system_asset",
    .label_one = TR_links_one,
    .label_many = TR_links_many,
    .fields = link_fields,
    .nfields = sizeof link_fields / sizeof link_fields[0],
    .title_sql = "(CAST(t.system_id AS TEXT) || '/' || CAST(t.asset_id AS TEXT))",
    .default_sort = "-id",
    .read_action = ACT_READ,
    .write_action = ACT_INVENTORY_WRITE,
    .unit_field = "unit_id",
    .can_create = true,
    .can_edit = true,
    .can_delete = true,
    .has_updated_at = true,
    .validate = system_asset_validate,
};
