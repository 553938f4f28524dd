/* entities.c - Cybersäkerhetslagen's records, described once: an organisation's status and
 * registration, the changes to report, management training. Kept by the CISO and the
 * administrator (ACT_CSL_WRITE), read by everyone in the tenant: none of it names a
 * weakness. Rules in rules.c, the law in law.c. */
#include "csl.h"

#define LIST_FORM (F_LIST | F_FORM | F_EXPORT | F_DETAIL)
#define DETAIL_FORM (F_FORM | F_DETAIL | F_EXPORT)

static const enum_opt reasons[] = {
    {"public_large", TR_csl_reason_public_large},
    {"public_medium", TR_csl_reason_public_medium},
    {"sector_large", TR_csl_reason_sector_large},
    {"sector_medium", TR_csl_reason_sector_medium},
    {"sector_small", TR_csl_reason_sector_small},
    {"no_sector", TR_csl_reason_no_sector},
    {"special_vasentlig", TR_csl_reason_special_vasentlig},
    {"special_viktig", TR_csl_reason_special_viktig},
    {NULL, 0},
};

static const enum_opt sectors[] = {
    {"energy", TR_csl_sector_energy},
    {"transport", TR_csl_sector_transport},
    {"banking", TR_csl_sector_banking},
    {"financial_market", TR_csl_sector_financial_market},
    {"health", TR_csl_sector_health},
    {"drinking_water", TR_csl_sector_drinking_water},
    {"waste_water", TR_csl_sector_waste_water},
    {"digital_infrastructure", TR_csl_sector_digital_infrastructure},
    {"ict_services", TR_csl_sector_ict_services},
    {"public_administration", TR_csl_sector_public_administration},
    {"space", TR_csl_sector_space},
    {"postal", TR_csl_sector_postal},
    {"waste_management", TR_csl_sector_waste_management},
    {"chemicals", TR_csl_sector_chemicals},
    {"food", TR_csl_sector_food},
    {"manufacturing", TR_csl_sector_manufacturing},
    {"digital_providers", TR_csl_sector_digital_providers},
    {"research", TR_csl_sector_research},
    {NULL, 0},
};

static const enum_opt statuses[] = {
    {"vasentlig", TR_csl_status_vasentlig},
    {"viktig", TR_csl_status_viktig},
    {"ej_omfattad", TR_csl_status_ej_omfattad},
    {NULL, 0},
};

static const field organisation_fields[] = {
    {"unit_id", FT_REF, TR_csl_org_unit, LIST_FORM | F_FILTER | F_REQUIRED | F_CREATE_ONLY,
     .ref = "units", .help = TR_csl_org_unit_help},
    {"status", FT_ENUM, TR_csl_status, F_LIST | F_DETAIL | F_EXPORT | F_FILTER | F_SORT,
     .options = statuses, .help = TR_csl_status_help},
    {"reason", FT_ENUM, TR_csl_reason, LIST_FORM | F_FILTER | F_REQUIRED, .options = reasons,
     .help = TR_csl_reason_help},
    {"sector", FT_ENUM, TR_csl_sector, LIST_FORM | F_FILTER, .options = sectors,
     .help = TR_csl_sector_help},
    {"reason_note", FT_LONGTEXT, TR_csl_reason_note, DETAIL_FORM, .max_len = 2000,
     .help = TR_csl_reason_note_help},
    {"org_number", FT_TEXT, TR_csl_org_number, DETAIL_FORM, .max_len = 20,
     .group = TR_csl_group_facts, .help = TR_csl_facts_help},
    {"address", FT_TEXT, TR_csl_address, DETAIL_FORM, .max_len = 300},
    {"contact_email", FT_EMAIL, TR_csl_contact_email, DETAIL_FORM, .max_len = 200},
    {"contact_phone", FT_TEXT, TR_csl_contact_phone, DETAIL_FORM, .max_len = 50},
    {"ip_ranges", FT_LONGTEXT, TR_csl_ip_ranges, DETAIL_FORM, .max_len = 4000,
     .help = TR_csl_ip_ranges_help},
    {"registered_on", FT_DATE, TR_csl_registered_on, LIST_FORM | F_SORT,
     .group = TR_csl_group_registration, .help = TR_csl_registered_on_help},
    {"registration_ref", FT_TEXT, TR_csl_registration_ref, LIST_FORM | F_SEARCH, .max_len = 200},
};

const entity entity_csl_organisations = {
    .name = "csl_organisations",
    .table = "csl_organisation",
    .label_one = TR_csl_org_one,
    .label_many = TR_csl_org_many,
    .fields = organisation_fields,
    .nfields = sizeof organisation_fields / sizeof organisation_fields[0],
    .title_sql = "(SELECT u.name FROM unit u WHERE u.id = t.unit_id)",
    .default_sort = "status",
    .read_action = ACT_READ,
    .write_action = ACT_CSL_WRITE,
    .unit_field = "unit_id",
    .can_create = true,
    .can_edit = true,
    .small = true,
    .has_updated_at = true,
    .validate = csl_organisation_validate,
    .after_write = csl_organisation_after_write,
    .detail_extra = csl_organisation_detail_extra,
    .related =
        (const related_list[]){
            {"csl_changes", "organisation_id",
             (const char *const[]){"facts", "changed_on", "due_on", "reported_on", NULL}, true,
             TR_csl_change_many, .order_sql = "t.changed_on DESC, t.id DESC"},
            {"csl_trainings", "organisation_id",
             (const char *const[]){"person_id", "trained_on", "period", "course", NULL}, true,
             TR_csl_training_many, .order_sql = "t.trained_on DESC, t.id DESC"},
            {NULL},
        },
};

static const field change_fields[] = {
    {"organisation_id", FT_REF, TR_csl_org_one, LIST_FORM | F_FILTER | F_REQUIRED | F_CREATE_ONLY,
     .ref = "csl_organisations"},
    {"unit_id", FT_REF, TR_csl_org_unit, F_EXPORT | F_FILTER, .ref = "units"},
    {"facts", FT_TEXT, TR_csl_change_facts, LIST_FORM | F_REQUIRED | F_SEARCH, .max_len = 1000,
     .help = TR_csl_change_facts_help},
    {"changed_on", FT_DATE, TR_csl_change_changed_on, LIST_FORM | F_REQUIRED | F_SORT,
     .help = TR_csl_change_changed_on_help},
    {"due_on", FT_DATE, TR_csl_change_due_on, F_LIST | F_DETAIL | F_EXPORT | F_SORT,
     .help = TR_csl_change_due_on_help},
    {"reported_on", FT_DATE, TR_csl_change_reported_on, LIST_FORM | F_SORT | F_FILTER},
    {"report_ref", FT_TEXT, TR_csl_change_report_ref, LIST_FORM, .max_len = 200},
};

const entity entity_csl_changes = {
    .name = "csl_changes",
    .table = "csl_change",
    .label_one = TR_csl_change_one,
    .label_many = TR_csl_change_many,
    .fields = change_fields,
    .nfields = sizeof change_fields / sizeof change_fields[0],
    .title_sql = "(SELECT u.name FROM unit u WHERE u.id = t.unit_id) || ': ' || t.facts",
    .default_sort = "-changed_on",
    .read_action = ACT_READ,
    .write_action = ACT_CSL_WRITE,
    .unit_field = "unit_id",
    .can_create = true,
    .can_edit = true,
    .has_updated_at = true,
    .validate = csl_change_validate,
    .due = &(const due_date){"due_on", NULL, NULL, "reported_on"},
};

static const field training_fields[] = {
    {"person_id", FT_REF, TR_csl_training_person, LIST_FORM | F_FILTER | F_REQUIRED,
     .ref = "people"},
    {"organisation_id", FT_REF, TR_csl_org_one, LIST_FORM | F_FILTER | F_REQUIRED,
     .ref = "csl_organisations"},
    {"unit_id", FT_REF, TR_csl_org_unit, F_EXPORT | F_FILTER, .ref = "units"},
    {"trained_on", FT_DATE, TR_csl_training_on, LIST_FORM | F_REQUIRED | F_SORT},
    {"period", FT_TEXT, TR_csl_training_period, F_LIST | F_DETAIL | F_EXPORT | F_FILTER | F_SORT,
     .help = TR_csl_training_period_help},
    {"course", FT_TEXT, TR_csl_training_course, LIST_FORM | F_SEARCH, .max_len = 200},
    {"note", FT_LONGTEXT, TR_csl_training_note, DETAIL_FORM, .max_len = 2000},
};

const entity entity_csl_trainings = {
    .name = "csl_trainings",
    .table = "csl_training",
    .label_one = TR_csl_training_one,
    .label_many = TR_csl_training_many,
    .fields = training_fields,
    .nfields = sizeof training_fields / sizeof training_fields[0],
    .title_sql = "(SELECT p.name FROM person p WHERE p.id = t.person_id)",
    .pick_detail_sql = "t.trained_on",
    .default_sort = "-trained_on",
    .read_action = ACT_READ,
    .write_action = ACT_CSL_WRITE,
    .unit_field = "unit_id",
    .can_create = true,
    .can_edit = true,
    .can_delete = true,
    .has_updated_at = true,
    .validate = csl_training_validate,
};
