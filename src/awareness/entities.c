/* entities.c - training campaigns, their completions and a phishing drill's numbers,
 * described once; rules in rules.c. A campaign belongs to its target unit (none: the whole
 * tenant), whose writers (ACT_TRAINING_WRITE) keep it and what is recorded under it;
 * everyone reads the campaigns, and each person their own completions. */
#include "awareness.h"
#include "../documents/documents.h"
#include "../org/org.h"

#define LIST_FORM (F_LIST | F_FORM | F_EXPORT | F_DETAIL)
#define DETAIL_FORM (F_FORM | F_DETAIL | F_EXPORT)
#define SHOWN (F_DETAIL | F_EXPORT)

static const enum_opt kinds[] = {
    {"elearning", TR_aw_kind_elearning},
    {"klassrum", TR_aw_kind_klassrum},
    {"ledning", TR_aw_kind_ledning},
    {"phishing", TR_aw_kind_phishing},
    {NULL, 0},
};

static const field campaign_fields[] = {
    {"name", FT_TEXT, TR_aw_name, LIST_FORM | F_SORT | F_SEARCH | F_REQUIRED, .max_len = 200},
    {"kind", FT_ENUM, TR_aw_kind, LIST_FORM | F_FILTER | F_REQUIRED, .options = kinds},
    {"basic", FT_BOOL, TR_aw_basic, LIST_FORM | F_FILTER | F_NOT_NULL, .help = TR_aw_basic_help},
    {"target", FT_ENUM, TR_doc_target, LIST_FORM | F_FILTER | F_REQUIRED,
     .options = audience_targets, .help = TR_aw_target_help},
    {"target_unit_id", FT_REF, TR_doc_target_unit_id, LIST_FORM | F_FILTER, .ref = "units"},
    {"target_role", FT_ENUM, TR_doc_target_role_id, DETAIL_FORM | F_FILTER,
     .options = role_options},
    {"starts_on", FT_DATE, TR_aw_starts_on, LIST_FORM | F_SORT},
    {"ends_on", FT_DATE, TR_aw_ends_on, LIST_FORM | F_SORT},
    {"repeat_months", FT_INT, TR_aw_repeat_months, LIST_FORM, .min = 1, .max = 120,
     .help = TR_aw_repeat_help},
    {"requirement_id", FT_REF, TR_aw_requirement, DETAIL_FORM | F_FILTER, .ref = "requirements",
     .help = TR_aw_requirement_help},
    {"owner_id", FT_REF, TR_aw_owner, DETAIL_FORM | F_FILTER, .ref = "people"},
    {"description", FT_LONGTEXT, TR_aw_description, DETAIL_FORM | F_SEARCH, .max_len = 10000},
    {"unit_id", FT_REF, TR_aw_unit, SHOWN | F_FILTER, .ref = "units"},
};

const entity entity_training_campaigns = {
    .name = "training_campaigns",
    .table = "training_campaign",
    .label_one = TR_aw_campaign_one,
    .label_many = TR_aw_campaign_many,
    .fields = campaign_fields,
    .nfields = sizeof campaign_fields / sizeof campaign_fields[0],
    .title_sql = "t.name",
    .default_sort = "name",
    .read_action = ACT_READ,
    .write_action = ACT_TRAINING_WRITE,
    .unit_field = "unit_id",
    .editor_field = "owner_id",
    .can_create = true,
    .can_edit = true,
    .can_delete = false,
    .has_updated_at = true,
    .validate = campaign_validate,
    .detail_extra = campaign_detail_extra,
    .related =
        (const related_list[]){
            {"training_completions", "campaign_id",
             (const char *const[]){"person_id", "completed_on", "source", NULL}, true,
             TR_aw_completion_many, "t.completed_on DESC", .when_field = "kind",
             .when_value = "phishing", .when_not = true},
            {"phishing_results", "campaign_id",
             (const char *const[]){"forvaltning_id", "sent", "clicked", "reported", NULL}, true,
             TR_aw_phishing_many, .when_field = "kind", .when_value = "phishing"},
            {NULL},
        },
};

static const enum_opt sources[] = {
    {"lis", TR_aw_source_lis},
    {"import", TR_aw_source_import},
    {NULL, 0},
};

static const field completion_fields[] = {
    {"campaign_id", FT_REF, TR_aw_campaign_one, LIST_FORM | F_FILTER | F_REQUIRED | F_CREATE_ONLY,
     .ref = "training_campaigns"},
    {"person_id", FT_REF, TR_aw_person, LIST_FORM | F_FILTER | F_REQUIRED, .ref = "people"},
    {"completed_on", FT_DATE, TR_aw_completed_on, LIST_FORM | F_SORT | F_REQUIRED},
    {"source", FT_ENUM, TR_aw_source, F_LIST | SHOWN | F_FILTER | F_NOT_NULL, .options = sources},
    {"unit_id", FT_REF, TR_aw_unit, SHOWN | F_FILTER, .ref = "units"},
};

/* one person's completion of a campaign: each person reads their own, the campaign's
 * writers all of them */
const entity entity_training_completions = {
    .name = "training_completions",
    .table = "training_completion",
    .label_one = TR_aw_completion_one,
    .label_many = TR_aw_completion_many,
    .fields = completion_fields,
    .nfields = sizeof completion_fields / sizeof completion_fields[0],
    .title_sql = "(SELECT p.name FROM person p WHERE p.id = t.person_id) || ' ' || t.completed_on",
    .default_sort = "-completed_on",
    .read_action = ACT_READ,
    .write_action = ACT_TRAINING_WRITE,
    .unit_field = "unit_id",
    /* who did which training is personal: read by the campaign's writers (tenant-wide all,
     * a förvaltning's those of its campaigns) and each person their own, the reads
     * audited; written only by the writers */
    .need_to_know = true,
    .read_all = ACT_TRAINING_WRITE,
    .readers = {"person_id"},
    .can_create = true,
    .can_edit = true,
    .can_delete = true,
    .has_updated_at = true,
    .validate = completion_validate,
};

static const field phishing_fields[] = {
    {"campaign_id", FT_REF, TR_aw_campaign_one, LIST_FORM | F_FILTER | F_REQUIRED | F_CREATE_ONLY,
     .ref = "training_campaigns"},
    {"forvaltning_id", FT_REF, TR_aw_forvaltning, LIST_FORM | F_FILTER | F_REQUIRED, .ref = "units",
     .help = TR_aw_forvaltning_help},
    {"sent", FT_INT, TR_aw_sent, LIST_FORM | F_REQUIRED, .min = 0, .max = 1000000},
    {"clicked", FT_INT, TR_aw_clicked, LIST_FORM | F_REQUIRED, .min = 0, .max = 1000000},
    {"reported", FT_INT, TR_aw_reported, LIST_FORM | F_REQUIRED, .min = 0, .max = 1000000,
     .help = TR_aw_reported_help},
    {"unit_id", FT_REF, TR_aw_unit, SHOWN | F_FILTER, .ref = "units"},
};

/* a phishing drill's numbers for one förvaltning: e-mails sent, clicked, reported */
const entity entity_phishing_results = {
    .name = "phishing_results",
    .table = "phishing_result",
    .label_one = TR_aw_phishing_one,
    .label_many = TR_aw_phishing_many,
    .fields = phishing_fields,
    .nfields = sizeof phishing_fields / sizeof phishing_fields[0],
    .title_sql = "(SELECT c.name FROM training_campaign c WHERE c.id = t.campaign_id) || ', ' || "
                 "(SELECT u.name FROM unit u WHERE u.id = t.forvaltning_id)",
    .read_action = ACT_READ,
    .write_action = ACT_TRAINING_WRITE,
    .unit_field = "unit_id",
    .can_create = true,
    .can_edit = true,
    .can_delete = true,
    .has_updated_at = true,
    .validate = phishing_validate,
};
