/* entities.c - suppliers, their agreements, the systems an agreement covers and a
 * PUB-avtal's third-country transfers, described once; rules in rules.c. Registers of the
 * whole tenant, kept by those who write the inventory tenant-wide (the CISO, the
 * administrator): procurement and contracts are decided centrally, whatever unit the
 * systems belong to. */
#include "suppliers.h"

#define LIST_FORM (F_LIST | F_FORM | F_EXPORT | F_DETAIL)
#define DETAIL_FORM (F_FORM | F_DETAIL | F_EXPORT)

static const field supplier_fields[] = {
    {"name", FT_TEXT, TR_sup_name, LIST_FORM | F_SORT | F_SEARCH | F_REQUIRED, .max_len = 200},
    {"org_number", FT_TEXT, TR_sup_org_number, LIST_FORM | F_SEARCH, .max_len = 20,
     .help = TR_sup_org_number_help},
    {"country", FT_TEXT, TR_sup_country, LIST_FORM | F_SORT | F_FILTER, .max_len = 100,
     .help = TR_sup_country_help},
    {"responsible_id", FT_REF, TR_sup_responsible, LIST_FORM | F_FILTER, .ref = "people",
     .help = TR_sup_responsible_help},
    {"security_contact", FT_TEXT, TR_sup_security_contact, DETAIL_FORM, .max_len = 200},
    {"security_email", FT_EMAIL, TR_sup_security_email, DETAIL_FORM, .max_len = 200},
    {"security_phone", FT_TEXT, TR_sup_security_phone, DETAIL_FORM, .max_len = 40},
    {"incident_contact", FT_TEXT, TR_sup_incident_contact, DETAIL_FORM, .max_len = 200,
     .help = TR_sup_incident_contact_help},
    {"incident_email", FT_EMAIL, TR_sup_incident_email, DETAIL_FORM, .max_len = 200},
    {"incident_phone", FT_TEXT, TR_sup_incident_phone, DETAIL_FORM, .max_len = 40},
    {"note", FT_LONGTEXT, TR_sup_note, DETAIL_FORM, .max_len = 4000},
    {"critical", FT_BOOL, TR_sup_critical, LIST_FORM | F_FILTER | F_NOT_NULL,
     .help = TR_sup_critical_help, .group = TR_sup_group_follow_up},
    {"review_months", FT_INT, TR_sup_review_months, DETAIL_FORM, .min = 1, .max = 60,
     .help = TR_sup_review_months_help},
    {"next_review", FT_DATE, TR_sup_next_review, LIST_FORM | F_SORT,
     .help = TR_sup_next_review_help},
};

/* the next review is due on its date: lists and the page mark it overdue after */
static const due_date supplier_due = {"next_review", NULL, NULL, NULL};

const entity entity_suppliers = {
    .name = "suppliers",
    .table = "supplier",
    .label_one = TR_sup_one,
    .label_many = TR_sup_many,
    .fields = supplier_fields,
    .nfields = sizeof supplier_fields / sizeof supplier_fields[0],
    .title_sql = "t.name",
    .pick_detail_sql = "t.org_number",
    .default_sort = "name",
    .read_action = ACT_READ,
    .write_action = ACT_INVENTORY_WRITE,
    .can_create = true,
    .can_edit = true,
    .has_updated_at = true,
    .validate = supplier_validate,
    .detail_extra = supplier_detail_extra,
    .due = &supplier_due,
    .related =
        (const related_list[]){
            {"supplier_reviews", "supplier_id",
             (const char *const[]){"title", "status", "planned_on", "held_on", NULL}, true,
             TR_srv_many},
            {"supplier_exit_plans", "supplier_id",
             (const char *const[]){"title", "time_needed", "test_due", "tested_on", NULL}, true,
             TR_sxp_many},
            {"analysis_suppliers", "supplier_id",
             (const char *const[]){"analysis_id", "note", NULL}, false, TR_sup_analyses},
            {"systems", "supplier_id",
             (const char *const[]){"name", "object_id", "status", "hosting", NULL}, false,
             TR_sup_systems},
            {"agreements", "supplier_id",
             (const char *const[]){"title", "kind", "end_date", "notice_date", NULL}, true,
             TR_agr_many},
            {NULL},
        },
};

static const enum_opt kinds[] = {
    {"avtal", TR_agr_kind_avtal},
    {"pub", TR_agr_kind_pub},
    {"sla", TR_agr_kind_sla},
    {"sekretess", TR_agr_kind_sekretess},
    {"underbitrade", TR_agr_kind_underbitrade},
    {NULL, 0},
};

static const field agreement_fields[] = {
    {"title", FT_TEXT, TR_agr_title, LIST_FORM | F_SORT | F_SEARCH | F_REQUIRED, .max_len = 200},
    {"kind", FT_ENUM, TR_agr_kind, LIST_FORM | F_FILTER | F_REQUIRED | F_NOT_NULL, .options = kinds,
     .help = TR_agr_kind_help},
    {"supplier_id", FT_REF, TR_sup_one, LIST_FORM | F_FILTER | F_REQUIRED, .ref = "suppliers"},
    {"unit_id", FT_REF, TR_agr_unit, DETAIL_FORM | F_FILTER, .ref = "units",
     .help = TR_agr_unit_help},
    {"other_parties", FT_TEXT, TR_agr_other_parties, DETAIL_FORM, .max_len = 500},
    {"responsible_id", FT_REF, TR_agr_responsible, LIST_FORM | F_FILTER, .ref = "people",
     .help = TR_agr_responsible_help},
    {"start_date", FT_DATE, TR_agr_start, DETAIL_FORM | F_SORT},
    {"end_date", FT_DATE, TR_agr_end, LIST_FORM | F_SORT},
    {"notice_months", FT_INT, TR_agr_notice_months, DETAIL_FORM, .min = 0, .max = 120,
     .help = TR_agr_notice_months_help},
    {"notice_date", FT_DATE, TR_agr_notice_date, F_LIST | F_DETAIL | F_EXPORT | F_SORT,
     .help = TR_agr_notice_date_help},
    {"document_location", FT_TEXT, TR_agr_document, DETAIL_FORM, .max_len = 500,
     .help = TR_agr_document_help},
    {"processing", FT_LONGTEXT, TR_agr_processing, DETAIL_FORM, .max_len = 4000,
     .help = TR_agr_processing_help},
    {"availability", FT_TEXT, TR_agr_availability, DETAIL_FORM, .max_len = 16,
     .help = TR_agr_availability_help},
    {"support_hours", FT_TEXT, TR_agr_support_hours, DETAIL_FORM, .max_len = 200},
    {"rto_hours", FT_INT, TR_agr_rto, DETAIL_FORM, .min = 0, .max = 100000,
     .help = TR_agr_rto_help},
    {"rpo_hours", FT_INT, TR_agr_rpo, DETAIL_FORM, .min = 0, .max = 100000,
     .help = TR_agr_rpo_help},
    {"backup_hours", FT_INT, TR_agr_backup, DETAIL_FORM, .min = 0, .max = 100000,
     .help = TR_agr_backup_help},
};

const entity entity_agreements = {
    .name = "agreements",
    .table = "agreement",
    .label_one = TR_agr_one,
    .label_many = TR_agr_many,
    .fields = agreement_fields,
    .nfields = sizeof agreement_fields / sizeof agreement_fields[0],
    .title_sql = "t.title",
    .pick_detail_sql = "(SELECT s.name FROM supplier s WHERE s.id = t.supplier_id)",
    .default_sort = "title",
    .read_action = ACT_READ,
    .write_action = ACT_INVENTORY_WRITE,
    .can_create = true,
    .can_edit = true,
    .has_updated_at = true,
    .validate = agreement_validate,
    .detail_lead = agreement_detail_lead,
    .related =
        (const related_list[]){
            {"agreement_systems", "agreement_id", (const char *const[]){"system_id", "note", NULL},
             true, TR_agr_systems},
            {"agreement_transfers", "agreement_id",
             (const char *const[]){"country", "legal_ground", "note", NULL}, true,
             TR_agr_transfers},
            {NULL},
        },
};

static const field agreement_system_fields[] = {
    {"agreement_id", FT_REF, TR_agr_one, LIST_FORM | F_FILTER | F_REQUIRED | F_CREATE_ONLY,
     .ref = "agreements"},
    {"system_id", FT_REF, TR_systems_one, LIST_FORM | F_FILTER | F_REQUIRED | F_CREATE_ONLY,
     .ref = "systems"},
    {"note", FT_TEXT, TR_agr_system_note, LIST_FORM, .max_len = 500},
};

/* a system an agreement covers */
const entity entity_agreement_systems = {
    .name = "agreement_systems",
    .table = "agreement_system",
    .label_one = TR_agr_system_one,
    .label_many = TR_agr_systems,
    .fields = agreement_system_fields,
    .nfields = sizeof agreement_system_fields / sizeof agreement_system_fields[0],
    .title_sql = "(SELECT s.name FROM system s WHERE s.id = t.system_id)",
    .read_action = ACT_READ,
    .write_action = ACT_INVENTORY_WRITE,
    .can_create = true,
    .can_delete = true,
    .has_updated_at = true,
    .validate = agreement_system_validate,
};

/* GDPR chapter V: the ground a transfer to a third country rests on */
static const enum_opt grounds[] = {
    {"adequacy", TR_agr_ground_adequacy},     /* art. 45 */
    {"scc", TR_agr_ground_scc},               /* art. 46.2 c */
    {"bcr", TR_agr_ground_bcr},               /* art. 47 */
    {"derogation", TR_agr_ground_derogation}, /* art. 49 */
    {NULL, 0},
};

static const field transfer_fields[] = {
    {"agreement_id", FT_REF, TR_agr_one, LIST_FORM | F_FILTER | F_REQUIRED | F_CREATE_ONLY,
     .ref = "agreements"},
    {"country", FT_TEXT, TR_agr_transfer_country, LIST_FORM | F_SORT | F_FILTER | F_REQUIRED,
     .max_len = 100},
    {"legal_ground", FT_ENUM, TR_agr_legal_ground, LIST_FORM | F_FILTER | F_REQUIRED | F_NOT_NULL,
     .options = grounds, .help = TR_agr_legal_ground_help},
    {"note", FT_TEXT, TR_agr_transfer_note, LIST_FORM, .max_len = 500},
};

/* a PUB-avtal's transfer of personal data to a third country */
const entity entity_agreement_transfers = {
    .name = "agreement_transfers",
    .table = "agreement_transfer",
    .label_one = TR_agr_transfer_one,
    .label_many = TR_agr_transfers,
    .fields = transfer_fields,
    .nfields = sizeof transfer_fields / sizeof transfer_fields[0],
    .title_sql = "t.country",
    .default_sort = "country",
    .read_action = ACT_READ,
    .write_action = ACT_INVENTORY_WRITE,
    .can_create = true,
    .can_edit = true,
    .can_delete = true,
    .has_updated_at = true,
    .validate = agreement_transfer_validate,
};
