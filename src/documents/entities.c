/* entities.c - styrdokument, their decided versions and the requirements they meet,
 * described once; rules in rules.c. A document belongs to its unit (none: the whole
 * tenant), whose writers keep it; drafts are read only by them and the owner. */
#include "documents.h"
#include "../org/org.h"

#define LIST_FORM (F_LIST | F_FORM | F_EXPORT | F_DETAIL)
#define DETAIL_FORM (F_FORM | F_DETAIL | F_EXPORT)
#define SHOWN (F_DETAIL | F_EXPORT)

static const enum_opt levels[] = {
    {"policy", TR_doc_level_policy},
    {"riktlinje", TR_doc_level_riktlinje},
    {"tillampningsanvisning", TR_doc_level_tillampningsanvisning},
    {"rutin", TR_doc_level_rutin},
    {NULL, 0},
};
static const enum_opt statuses[] = {
    {"utkast", TR_doc_status_utkast},
    {"beslutad", TR_doc_status_beslutad},
    {"kommunicerad", TR_doc_status_kommunicerad},
    {"upphavd", TR_doc_status_upphavd},
    {NULL, 0},
};
static const enum_opt bodies[] = {
    {"kf", TR_doc_by_kf},
    {"ks", TR_doc_by_ks},
    {"kommundirektor", TR_doc_by_kommundirektor},
    {"namnd", TR_doc_by_namnd},
    {"forvaltningschef", TR_doc_by_forvaltningschef},
    {NULL, 0},
};

#define DECISION_FIELDS                                                                            \
    {"decided_by", FT_ENUM, TR_doc_decided_by, DETAIL_FORM | F_FILTER, .options = bodies},         \
        {"decided_on", FT_DATE, TR_doc_decided_on, LIST_FORM | F_SORT},                            \
        {"decision_paragraph", FT_TEXT, TR_doc_paragraph, DETAIL_FORM, .max_len = 20},             \
    {                                                                                              \
        "diarienummer", FT_TEXT, TR_doc_diarienummer, DETAIL_FORM | F_SEARCH, .max_len = 50        \
    }

static const field document_fields[] = {
    {"title", FT_TEXT, TR_doc_title, LIST_FORM | F_SORT | F_SEARCH | F_REQUIRED, .max_len = 200},
    {"level", FT_ENUM, TR_doc_level, LIST_FORM | F_FILTER | F_REQUIRED, .options = levels},
    {"parent_id", FT_REF, TR_doc_parent, LIST_FORM | F_FILTER, .ref = "documents",
     .help = TR_doc_parent_help},
    {"owner_id", FT_REF, TR_doc_owner, LIST_FORM | F_FILTER, .ref = "people"},
    {"unit_id", FT_REF, TR_doc_unit, LIST_FORM | F_FILTER, .ref = "units",
     .help = TR_doc_unit_help},
    {"status", FT_ENUM, TR_doc_status, LIST_FORM | F_FILTER | F_REQUIRED, .options = statuses,
     .help = TR_doc_status_help},
    {"version", FT_INT, TR_doc_version, F_LIST | SHOWN | F_NOT_NULL, .min = 1, .max = 100000},
    {"body", FT_LONGTEXT, TR_doc_body, DETAIL_FORM | F_SEARCH, .max_len = 100000},
    {"link", FT_TEXT, TR_doc_link, DETAIL_FORM, .max_len = 500, .help = TR_doc_link_help},
    {"file_name", FT_TEXT, TR_doc_file_name, SHOWN, .max_len = 200},
    DECISION_FIELDS,
    {"review_months", FT_INT, TR_doc_review_months, DETAIL_FORM, .min = 1, .max = 60,
     .help = TR_doc_review_months_help},
    {"next_review", FT_DATE, TR_doc_next_review, LIST_FORM | F_SORT,
     .help = TR_doc_next_review_help},
};

const entity entity_documents = {
    .name = "documents",
    .table = "document",
    .label_one = TR_doc_one,
    .label_many = TR_doc_many,
    .fields = document_fields,
    .nfields = sizeof document_fields / sizeof document_fields[0],
    .title_sql = "t.title",
    .default_sort = "title",
    .read_action = ACT_READ,
    .write_action = ACT_DOCUMENT_WRITE,
    .unit_field = "unit_id",
    .editor_field = "owner_id",
    .draft_field = "status",
    .draft_values = (const char *const[]){"utkast", NULL},
    .can_create = true,
    .can_edit = true,
    .has_updated_at = true,
    .validate = document_validate,
    .after_write = document_after_write,
    .detail_extra = document_detail_extra,
    .due = &(const due_date){"next_review", "status", (const char *const[]){"upphavd", NULL}},
    .related =
        (const related_list[]){
            {"documents", "parent_id", (const char *const[]){"title", "level", "status", NULL},
             true, TR_doc_children},
            {"document_requirements", "document_id",
             (const char *const[]){"requirement_id", "note", NULL}, true, TR_doc_requirements},
            {"document_publications", "document_id",
             (const char *const[]){"published_on", "version", "target", "target_unit_id",
                                   "target_role", NULL},
             true, TR_doc_publications, "t.published_on DESC"},
            {"document_versions", "document_id",
             (const char *const[]){"version", "decided_on", "decided_by", NULL}, false,
             TR_doc_versions, "t.version DESC"},
            {NULL},
        },
};

static const field version_fields[] = {
    {"document_id", FT_REF, TR_doc_one, F_LIST | SHOWN | F_FILTER | F_REQUIRED, .ref = "documents"},
    {"version", FT_INT, TR_doc_version, F_LIST | SHOWN | F_SORT | F_REQUIRED, .min = 1,
     .max = 100000},
    {"title", FT_TEXT, TR_doc_title, F_LIST | SHOWN | F_SEARCH | F_REQUIRED, .max_len = 200},
    {"unit_id", FT_REF, TR_doc_unit, SHOWN | F_FILTER, .ref = "units"},
    {"body", FT_LONGTEXT, TR_doc_body, SHOWN, .max_len = 100000},
    {"link", FT_TEXT, TR_doc_link, SHOWN, .max_len = 500},
    {"file_name", FT_TEXT, TR_doc_file_name, SHOWN, .max_len = 200},
    {"decided_by", FT_ENUM, TR_doc_decided_by, F_LIST | SHOWN, .options = bodies},
    {"decided_on", FT_DATE, TR_doc_decided_on, F_LIST | SHOWN | F_SORT},
    {"decision_paragraph", FT_TEXT, TR_doc_paragraph, SHOWN, .max_len = 20},
    {"diarienummer", FT_TEXT, TR_doc_diarienummer, SHOWN | F_SEARCH, .max_len = 50},
};

/* written by the rules when a version is decided, never edited */
const entity entity_document_versions = {
    .name = "document_versions",
    .table = "document_version",
    .label_one = TR_doc_version_one,
    .label_many = TR_doc_version_many,
    .fields = version_fields,
    .nfields = sizeof version_fields / sizeof version_fields[0],
    .title_sql = "t.title || ' v' || CAST(t.version AS TEXT)",
    .default_sort = "-decided_on",
    .read_action = ACT_READ,
    .write_action = ACT_DOCUMENT_WRITE,
    .unit_field = "unit_id",
    .detail_extra = document_version_detail_extra,
};

static const field link_fields[] = {
    {"document_id", FT_REF, TR_doc_one, LIST_FORM | F_FILTER | F_REQUIRED | F_CREATE_ONLY,
     .ref = "documents"},
    {"requirement_id", FT_REF, TR_doc_requirement, LIST_FORM | F_FILTER | F_REQUIRED,
     .ref = "requirements"},
    {"note", FT_TEXT, TR_doc_link_note, LIST_FORM, .max_len = 500},
    {"unit_id", FT_REF, TR_doc_unit, SHOWN | F_FILTER, .ref = "units"},
};

/* a requirement of the catalogue that a document meets, for the whole tenant */
const entity entity_document_requirements = {
    .name = "document_requirements",
    .table = "document_requirement",
    .label_one = TR_doc_requirement_one,
    .label_many = TR_doc_requirements,
    .fields = link_fields,
    .nfields = sizeof link_fields / sizeof link_fields[0],
    .title_sql = "(SELECT q.code FROM requirement q WHERE q.id = t.requirement_id)",
    .read_action = ACT_READ,
    .write_action = ACT_DOCUMENT_WRITE,
    .unit_field = "unit_id",
    .can_create = true,
    .can_delete = true,
    .has_updated_at = true,
    .validate = document_link_validate,
};

const enum_opt audience_targets[] = {
    {"all", TR_doc_target_all},
    {"unit", TR_doc_target_unit},
    {"role", TR_doc_target_role},
    {NULL, 0},
};

static const field publication_fields[] = {
    {"document_id", FT_REF, TR_doc_one, LIST_FORM | F_FILTER | F_REQUIRED | F_CREATE_ONLY,
     .ref = "documents"},
    {"version", FT_INT, TR_doc_version, F_LIST | SHOWN | F_NOT_NULL, .min = 1, .max = 100000},
    {"target", FT_ENUM, TR_doc_target, LIST_FORM | F_FILTER | F_REQUIRED,
     .options = audience_targets, .help = TR_doc_target_help},
    {"target_unit_id", FT_REF, TR_doc_target_unit_id, LIST_FORM | F_FILTER, .ref = "units"},
    {"target_role", FT_ENUM, TR_doc_target_role_id, LIST_FORM | F_FILTER, .options = role_options},
    {"published_on", FT_DATE, TR_doc_published_on, LIST_FORM | F_SORT | F_NOT_NULL},
    {"unit_id", FT_REF, TR_doc_unit, SHOWN | F_FILTER, .ref = "units"},
};

/* a decided version sent to its readers, who confirm it (document_acks) */
const entity entity_document_publications = {
    .name = "document_publications",
    .table = "document_publication",
    .label_one = TR_doc_publication_one,
    .label_many = TR_doc_publications,
    .fields = publication_fields,
    .nfields = sizeof publication_fields / sizeof publication_fields[0],
    .title_sql = "(SELECT d.title FROM document d WHERE d.id = t.document_id) || ' v' || "
                 "CAST(t.version AS TEXT)",
    .default_sort = "-published_on",
    .read_action = ACT_READ,
    .write_action = ACT_DOCUMENT_WRITE,
    .unit_field = "unit_id",
    .can_create = true,
    .can_delete = true,
    .has_updated_at = true,
    .validate = document_publication_validate,
    .after_write = document_publication_after_write,
};

static const field ack_fields[] = {
    {"document_id", FT_REF, TR_doc_one, F_LIST | SHOWN | F_FILTER | F_REQUIRED, .ref = "documents"},
    {"version", FT_INT, TR_doc_version, F_LIST | SHOWN | F_FILTER | F_REQUIRED, .min = 1,
     .max = 100000},
    {"person_id", FT_REF, TR_doc_ack_person, F_LIST | SHOWN | F_FILTER | F_REQUIRED,
     .ref = "people"},
    {"unit_id", FT_REF, TR_doc_ack_unit, F_LIST | SHOWN | F_FILTER, .ref = "units"},
    {"confirmed_at", FT_DATETIME, TR_doc_ack_confirmed_at, F_LIST | SHOWN | F_SORT | F_REQUIRED},
};

/* "läst och förstått", written by the reader's own command (rules.c); each member sees
 * their own, writers tenant-wide all of them */
const entity entity_document_acks = {
    .name = "document_acks",
    .table = "document_ack",
    .label_one = TR_doc_ack_one,
    .label_many = TR_doc_ack_many,
    .fields = ack_fields,
    .nfields = sizeof ack_fields / sizeof ack_fields[0],
    .title_sql = "(SELECT p.name FROM person p WHERE p.id = t.person_id)",
    .default_sort = "-confirmed_at",
    .read_action = ACT_READ,
    .write_action = ACT_DOCUMENT_WRITE,
    .owner_field = "person_id",
};
