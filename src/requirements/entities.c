/* entities.c - requirements and answers, described once. A shipped requirement's text
 * and triggers are lis's (rules.c keeps them fixed); the tenant decides only whether it
 * is used. An answer is written through the object's assessment page or the API. */
#include "requirements.h"
#include "../org/phases.h"

static const enum_opt sources[] = {
    {"lis", TR_req_source_lis}, {"own", TR_req_source_own}, {NULL, 0}};
static const enum_opt kinds[] = {{"AR", TR_req_kind_AR}, {"SKA", TR_req_kind_SKA}, {NULL, 0}};
static const enum_opt aspects[] = {{"K", TR_cls_k}, {"R", TR_cls_r},          {"T", TR_cls_t},
                                   {"S", TR_cls_s}, {"*", TR_req_aspect_any}, {NULL, 0}};
static const enum_opt areas[] = {
    {"behorighet", TR_req_area_behorighet},
    {"loggning", TR_req_area_loggning},
    {"backup", TR_req_area_backup},
    {"kryptering", TR_req_area_kryptering},
    {"leverantor", TR_req_area_leverantor},
    {"kontinuitet", TR_req_area_kontinuitet},
    {"fysisk", TR_req_area_fysisk},
    {"utveckling", TR_req_area_utveckling},
    {"incident", TR_req_area_incident},
    {"personuppgifter", TR_req_area_personuppgifter},
    {"sarbarhet", TR_req_area_sarbarhet},
    {"natverk", TR_req_area_natverk},
    {"konfiguration", TR_req_area_konfiguration},
    {"klassning", TR_req_area_klassning},
    {"utbildning", TR_req_area_utbildning},
    {"dokumentation", TR_req_area_dokumentation},
    {"ovrigt", TR_req_area_ovrigt},
    {NULL, 0},
};

#define SHOWN (F_DETAIL | F_EXPORT)
static const field requirement_fields[] = {
    {"code", FT_TEXT, TR_req_code, F_LIST | F_FORM | F_SORT | F_SEARCH | F_REQUIRED | SHOWN,
     .max_len = 20},
    {"area", FT_ENUM, TR_req_area, F_LIST | F_FORM | F_FILTER | F_REQUIRED | SHOWN,
     .options = areas},
    {"phase", FT_ENUM, TR_phase, F_LIST | F_FORM | F_FILTER | SHOWN, .options = phase_options,
     .help = TR_phase_help},
    {"kind", FT_ENUM, TR_req_kind, F_LIST | F_FORM | F_FILTER | F_REQUIRED | SHOWN,
     .options = kinds},
    {"aspect", FT_ENUM, TR_req_aspect, F_LIST | F_FORM | F_FILTER | F_REQUIRED | SHOWN,
     .options = aspects},
    {"min_level", FT_INT, TR_req_min_level, F_LIST | F_FORM | F_FILTER | F_REQUIRED | SHOWN,
     .min = 1, .max = 4},
    {"text_sv", FT_LONGTEXT, TR_req_text_sv, F_LIST | F_FORM | F_SEARCH | F_REQUIRED | SHOWN,
     .max_len = 2000},
    {"text_en", FT_LONGTEXT, TR_req_text_en, F_FORM | F_SEARCH | SHOWN, .max_len = 2000},
    {"iso27002", FT_TEXT, TR_req_iso27002, F_FORM | F_SEARCH | SHOWN, .max_len = 100},
    {"msbfs", FT_TEXT, TR_req_msbfs, F_FORM | SHOWN, .max_len = 100},
    {"gdpr", FT_TEXT, TR_req_gdpr, F_FORM | SHOWN, .max_len = 100},
    {"source", FT_ENUM, TR_req_source, F_LIST | F_FILTER | SHOWN | F_NOT_NULL, .options = sources},
    {"active", FT_BOOL, TR_req_active, F_LIST | F_FORM | F_FILTER | SHOWN},
    /* assessed once for the tenant (org.c), not per object; lis's own are marked in the
     * catalogue (data/requirements.csv, scope) */
    {"org_wide", FT_BOOL, TR_req_org_wide, F_LIST | F_FORM | F_FILTER | SHOWN,
     .help = TR_req_org_wide_help},
    {"disabled_reason", FT_TEXT, TR_req_disabled_reason, F_FORM | SHOWN, .max_len = 500,
     .help = TR_req_disabled_reason_help},
};

const entity entity_requirements = {
    .name = "requirements",
    .table = "requirement",
    .label_one = TR_requirements_one,
    .label_many = TR_requirements_many,
    .fields = requirement_fields,
    .nfields = sizeof requirement_fields / sizeof requirement_fields[0],
    .title_sql = "(t.code || ' ' || t.text_sv)",
    .default_sort = "code",
    .read_action = ACT_READ,
    .write_action = ACT_REQUIREMENT_WRITE,
    .can_create = true,
    .can_edit = true,
    .has_updated_at = true,
    .validate = requirement_validate,
    .after_write = requirement_after_write,
    /* the styrdokument that meet it (src/documents/), for the whole tenant or a unit */
    .related =
        (const related_list[]){
            {"document_requirements", "requirement_id",
             (const char *const[]){"document_id", "note", NULL}, false, TR_doc_meets},
            {NULL},
        },
};

static const enum_opt statuses[] = {
    {"met", TR_ans_status_met},
    {"partly", TR_ans_status_partly},
    {"not_met", TR_ans_status_not_met},
    {"na", TR_ans_status_na},
    {NULL, 0},
};

static const field answer_fields[] = {
    {"object_id", FT_REF, TR_ans_object,
     F_LIST | F_FORM | F_FILTER | F_REQUIRED | F_CREATE_ONLY | SHOWN, .ref = "objects"},
    {"requirement_id", FT_REF, TR_ans_requirement,
     F_LIST | F_FORM | F_FILTER | F_REQUIRED | F_CREATE_ONLY | SHOWN, .ref = "requirements"},
    {"status", FT_ENUM, TR_ans_status, F_LIST | F_FORM | F_FILTER | F_REQUIRED | SHOWN,
     .options = statuses},
    {"comment", FT_LONGTEXT, TR_ans_comment, F_FORM | F_SEARCH | SHOWN, .max_len = 4000},
    {"evidence", FT_TEXT, TR_ans_evidence, F_FORM | SHOWN, .max_len = 1000},
    {"unit_id", FT_REF, TR_ans_unit, F_FILTER | SHOWN, .ref = "units"},
};

const entity entity_answers = {
    .name = "answers",
    .table = "answer",
    .label_one = TR_answers_one,
    .label_many = TR_answers_many,
    .fields = answer_fields,
    .nfields = sizeof answer_fields / sizeof answer_fields[0],
    .title_sql = "((SELECT q.code FROM requirement q WHERE q.id = t.requirement_id) || ' / ' || "
                 "(SELECT o.name FROM managed_object o WHERE o.id = t.object_id))",
    .default_sort = "-id",
    .read_action = ACT_READ,
    .write_action = ACT_INVENTORY_WRITE,
    .unit_field = "unit_id",
    /* an answer "Ej uppfyllt" with its comment names a weakness: need-to-know like risks,
     * scoped by its object (whose unit the answer's copy may lag): those who see every
     * risk, the object's writers in its unit's subtree, its owner and förvaltare */
    .need_to_know = true,
    .read_all = ACT_RISK_READ,
    .scope_via = "object_id",
    .readers = {"owner_id", "manager_id"},
    .can_create = true,
    .can_edit = true,
    .has_updated_at = true,
    .validate = answer_validate,
    .after_write = answer_after_write,
};

/* The tenant's one answer to an organisation-wide requirement (org.c): given on the page
 * of organisation-wide requirements or through the API by those who keep the
 * requirements, and shown read-only on every object's assessment. A "not met" names a
 * weakness of the whole organisation: need-to-know, read by those who see every risk. */
static const field org_answer_fields[] = {
    {"requirement_id", FT_REF, TR_ans_requirement,
     F_LIST | F_FORM | F_FILTER | F_REQUIRED | F_CREATE_ONLY | SHOWN, .ref = "requirements"},
    {"status", FT_ENUM, TR_ans_status, F_LIST | F_FORM | F_FILTER | F_REQUIRED | SHOWN,
     .options = statuses},
    {"comment", FT_LONGTEXT, TR_ans_comment, F_FORM | F_SEARCH | SHOWN, .max_len = 4000},
    {"evidence", FT_TEXT, TR_ans_evidence, F_FORM | SHOWN, .max_len = 1000},
};

const entity entity_org_answers = {
    .name = "org_answers",
    .table = "org_answer",
    .label_one = TR_org_answers_one,
    .label_many = TR_org_answers_many,
    .fields = org_answer_fields,
    .nfields = sizeof org_answer_fields / sizeof org_answer_fields[0],
    .title_sql = "(SELECT q.code FROM requirement q WHERE q.id = t.requirement_id)",
    .default_sort = "-id",
    .read_action = ACT_READ,
    .write_action = ACT_REQUIREMENT_WRITE,
    .need_to_know = true,
    .read_all = ACT_RISK_READ,
    .can_create = true,
    .can_edit = true,
    .can_delete = true,
    .has_updated_at = true,
    .validate = org_answer_validate,
};
