/* entities.c - the incident area's records, described once. An employee's report sets
 * the first fields; the rest (F_WRITERS) are the handlers' triage, legal assessment,
 * report-draft facts and closing. Children (what is affected, notifications sent,
 * timeline events) are read and written by handlers only. Rules are in rules.c. */
#include "incidents.h"
#include "../org/phases.h"

static const enum_opt statuses[] = {
    {"reported", TR_inc_status_reported},
    {"triaged", TR_inc_status_triaged},
    {"closed", TR_inc_status_closed},
    {NULL, 0},
};

static const enum_opt categories[] = {
    {"phishing", TR_inc_cat_phishing},
    {"malware", TR_inc_cat_malware},
    {"ransomware", TR_inc_cat_ransomware},
    {"unauthorised_access", TR_inc_cat_unauthorised_access},
    {"lost_device", TR_inc_cat_lost_device},
    {"misdirected_email", TR_inc_cat_misdirected_email},
    {"outage", TR_inc_cat_outage},
    {"supplier", TR_inc_cat_supplier},
    {"other", TR_inc_cat_other},
    {NULL, 0},
};

static const enum_opt severities[] = {
    {"low", TR_inc_sev_low},
    {"medium", TR_inc_sev_medium},
    {"high", TR_inc_sev_high},
    {"critical", TR_inc_sev_critical},
    {NULL, 0},
};

static const enum_opt answers[] = {
    {"unknown", TR_inc_answer_unknown},
    {"yes", TR_inc_answer_yes},
    {"no", TR_inc_answer_no},
    {NULL, 0},
};

#define TRIAGE (F_FORM | F_WRITERS | F_DETAIL | F_EXPORT)
#define LONG(name, label)                                                                          \
    {                                                                                              \
        name, FT_LONGTEXT, label, TRIAGE, .max_len = 4000                                          \
    }

static const field incident_fields[] = {
    {"reference", FT_TEXT, TR_inc_reference,
     F_LIST | F_SORT | F_SEARCH | F_EXPORT | F_NOT_NULL | F_DETAIL, .group = TR_inc_group_report},
    {"title", FT_TEXT, TR_inc_title, F_LIST | F_FORM | F_SEARCH | F_EXPORT | F_REQUIRED,
     .max_len = 200, .help = TR_inc_title_help},
    {"what_happened", FT_LONGTEXT, TR_inc_what, F_FORM | F_DETAIL | F_EXPORT | F_REQUIRED,
     .max_len = 4000, .help = TR_inc_what_help},
    {"discovered_at", FT_DATETIME, TR_inc_discovered,
     F_LIST | F_SORT | F_FORM | F_EXPORT | F_REQUIRED, .help = TR_inc_discovered_help},
    {"affected", FT_LONGTEXT, TR_inc_affected, F_FORM | F_DETAIL | F_EXPORT, .max_len = 2000,
     .help = TR_inc_affected_help},
    {"contact", FT_TEXT, TR_inc_contact, F_FORM | F_DETAIL | F_EXPORT, .max_len = 200,
     .help = TR_inc_contact_help},
    {"reporter_id", FT_REF, TR_inc_reporter, F_LIST | F_FILTER | F_EXPORT, .ref = "people"},
    {"status", FT_ENUM, TR_inc_status, TRIAGE | F_LIST | F_FILTER | F_SORT | F_NOT_NULL,
     .options = statuses, .group = TR_inc_group_triage},
    {"aware_at", FT_DATETIME, TR_inc_aware, TRIAGE | F_NOT_NULL, .help = TR_inc_aware_help},
    {"category", FT_ENUM, TR_inc_category, TRIAGE | F_LIST | F_FILTER, .options = categories},
    {"severity", FT_ENUM, TR_inc_severity, TRIAGE | F_LIST | F_FILTER, .options = severities},
    {"supplier_id", FT_REF, TR_inc_supplier, TRIAGE | F_FILTER, .ref = "suppliers",
     .help = TR_inc_supplier_help},
    {"personal_data", FT_ENUM, TR_inc_personal, TRIAGE | F_FILTER | F_NOT_NULL, .options = answers,
     .help = TR_inc_personal_help},
    {"personal_data_reason", FT_LONGTEXT, TR_inc_personal_reason, TRIAGE, .max_len = 4000,
     .help = TR_inc_reason_help},
    {"significant", FT_ENUM, TR_inc_significant, TRIAGE | F_FILTER | F_NOT_NULL, .options = answers,
     .help = TR_inc_significant_help},
    {"significant_reason", FT_LONGTEXT, TR_inc_significant_reason, TRIAGE, .max_len = 4000,
     .help = TR_inc_reason_help},
    /* the significance questions (significance.c): lis suggests, the handler decides */
    {"sig_restricted_hours", FT_INT, TR_inc_sig_restricted_hours, TRIAGE, .min = 0, .max = 100000,
     .help = TR_inc_sig_help},
    {"sig_manual_hours", FT_INT, TR_inc_sig_manual_hours, TRIAGE, .min = 0, .max = 100000},
    {"sig_people", FT_INT, TR_inc_sig_people, TRIAGE, .min = 0, .max = 100000000000},
    {"sig_cost_percent", FT_INT, TR_inc_sig_cost_percent, TRIAGE, .min = 0, .max = 100},
    {"breach_nature", FT_LONGTEXT, TR_inc_breach_nature, TRIAGE, .max_len = 4000,
     .group = TR_inc_group_personal},
    {"data_subject_categories", FT_TEXT, TR_inc_subject_categories, TRIAGE, .max_len = 500},
    {"data_subjects_approx", FT_INT, TR_inc_subjects_approx, TRIAGE, .min = 0, .max = 100000000000},
    {"records_approx", FT_INT, TR_inc_records_approx, TRIAGE, .min = 0, .max = 100000000000},
    LONG("consequences", TR_inc_consequences),
    LONG("measures", TR_inc_measures),
    {"dso_contact", FT_TEXT, TR_inc_dso_contact, TRIAGE, .max_len = 300},
    {"suspected_cause", FT_LONGTEXT, TR_inc_cause, TRIAGE, .max_len = 4000,
     .group = TR_inc_group_significant},
    {"cross_border", FT_ENUM, TR_inc_cross_border, TRIAGE, .options = answers},
    LONG("impact", TR_inc_impact),
    LONG("indicators", TR_inc_indicators),
    {"contained_at", FT_DATETIME, TR_inc_contained_at, TRIAGE, .help = TR_inc_contained_at_help},
    {"handled_at", FT_DATETIME, TR_inc_handled_at, TRIAGE, .help = TR_inc_handled_at_help},
    {"triaged_at", FT_DATETIME, TR_inc_triaged_at, F_DETAIL | F_EXPORT,
     .group = TR_inc_group_closing},
    {"closed_at", FT_DATETIME, TR_inc_closed_at, F_DETAIL | F_EXPORT},
    {"lessons", FT_LONGTEXT, TR_inc_lessons, TRIAGE, .max_len = 8000, .help = TR_inc_lessons_help},
};

const entity entity_incidents = {
    .name = "incidents",
    .table = "incident",
    .label_one = TR_incidents_one,
    .label_many = TR_incidents_many,
    .fields = incident_fields,
    .nfields = sizeof incident_fields / sizeof incident_fields[0],
    .title_sql = "(t.reference || ' ' || t.title)",
    .default_sort = "-reference",
    /* handlers see every incident; everyone else only those they reported */
    .read_action = ACT_INCIDENT_HANDLE,
    .write_action = ACT_INCIDENT_HANDLE,
    .owner_field = "reporter_id",
    .can_create = true,
    .can_edit = true,
    .has_updated_at = true,
    .audit_reads = true,
    .validate = incident_validate,
    .detail_top = incident_detail_top,
    .detail_lead = incident_detail_lead,
    .detail_extra = incident_detail_extra,
    .related =
        (const related_list[]){
            {"incident_links", "incident_id",
             (const char *const[]){"unit_id", "system_id", "asset_id", "note", NULL}, true,
             TR_inc_links_many},
            {"incident_tasks", "incident_id",
             (const char *const[]){"title", "owner_id", "due_at", "status", "done_at", NULL}, true,
             TR_inc_tasks_many, .row_action = incident_task_tick},
            {"incident_notifications", "incident_id",
             (const char *const[]){"kind", "also_serves", "sent_at", "reference", NULL}, true,
             TR_inc_notifications_many},
            {"incident_report_requests", "incident_id",
             (const char *const[]){"requested_at", "requested_by", "due_at", "sent_at", NULL}, true,
             TR_inc_requests_many},
            {NULL},
        },
};

#define CHILD_ENTITY(fields_)                                                                      \
    .fields = fields_, .nfields = sizeof fields_ / sizeof fields_[0],                              \
    .read_action = ACT_INCIDENT_HANDLE, .write_action = ACT_INCIDENT_HANDLE, .can_create = true,   \
    .can_edit = true, .has_updated_at = true, .audit_reads = true

/* one affected thing per row: a unit, a system or an information asset */
static const field link_fields[] = {
    {"incident_id", FT_REF, TR_inc_incident,
     F_LIST | F_FILTER | F_FORM | F_REQUIRED | F_CREATE_ONLY | F_EXPORT, .ref = "incidents"},
    {"unit_id", FT_REF, TR_inc_link_unit, F_LIST | F_FILTER | F_FORM | F_EXPORT, .ref = "units"},
    {"system_id", FT_REF, TR_inc_link_system, F_LIST | F_FILTER | F_FORM | F_EXPORT,
     .ref = "systems"},
    {"asset_id", FT_REF, TR_inc_link_asset, F_LIST | F_FILTER | F_FORM | F_EXPORT, .ref = "assets"},
    {"note", FT_TEXT, TR_inc_link_note, F_LIST | F_FORM | F_EXPORT, .max_len = 500},
};

const entity entity_incident_links = {
    .name = "incident_links",
    .table = "incident_link",
    .label_one = TR_inc_links_one,
    .label_many = TR_inc_links_many,
    CHILD_ENTITY(link_fields),
    .title_sql = "CAST(t.id AS TEXT)",
    .default_sort = "-id",
    .can_delete = true,
    .validate = incident_link_validate,
};

static const enum_opt notification_kinds[] = {
    {"imy", TR_inc_kind_imy},
    {"csirt_early", TR_inc_kind_csirt_early},
    {"csirt_notification", TR_inc_kind_csirt_notification},
    {"csirt_progress", TR_inc_kind_csirt_progress},
    {"csirt_final", TR_inc_kind_csirt_final},
    {NULL, 0},
};

static const field notification_fields[] = {
    {"incident_id", FT_REF, TR_inc_incident,
     F_LIST | F_FILTER | F_FORM | F_REQUIRED | F_CREATE_ONLY | F_EXPORT, .ref = "incidents"},
    {"kind", FT_ENUM, TR_inc_notification_kind,
     F_LIST | F_FILTER | F_FORM | F_REQUIRED | F_EXPORT | F_NOT_NULL,
     .options = notification_kinds},
    /* one submission that serves two duties (an incident notification that is also the
     * early warning) is recorded once, and both clocks count it */
    {"also_serves", FT_ENUM, TR_inc_also_serves, F_LIST | F_FORM | F_EXPORT,
     .options = notification_kinds, .help = TR_inc_also_serves_help},
    {"sent_at", FT_DATETIME, TR_inc_sent_at,
     F_LIST | F_SORT | F_FORM | F_REQUIRED | F_EXPORT | F_NOT_NULL, .help = TR_inc_sent_at_help},
    {"reference", FT_TEXT, TR_inc_notification_reference, F_LIST | F_FORM | F_EXPORT | F_SEARCH,
     .max_len = 200, .help = TR_inc_notification_reference_help},
    {"note", FT_LONGTEXT, TR_inc_note, F_FORM | F_DETAIL | F_EXPORT, .max_len = 2000},
};

const entity entity_incident_notifications = {
    .name = "incident_notifications",
    .table = "incident_notification",
    .label_one = TR_inc_notifications_one,
    .label_many = TR_inc_notifications_many,
    CHILD_ENTITY(notification_fields),
    .title_sql = "t.kind",
    .default_sort = "-sent_at",
    .can_delete = true,
    .validate = incident_notification_validate,
    .after_write = incident_notification_after_write,
};

/* the events lis writes itself (events.c); a person's own have none */
static const enum_opt event_codes[] = {
    {"notified", TR_inc_event_notified},
    {"task_added", TR_inc_task_event_added},
    {"task_done", TR_inc_task_event_done},
    {"task_reopened", TR_inc_task_event_reopened},
    {NULL, 0},
};

static const field event_fields[] = {
    {"incident_id", FT_REF, TR_inc_incident,
     F_LIST | F_FILTER | F_FORM | F_REQUIRED | F_CREATE_ONLY | F_EXPORT, .ref = "incidents"},
    {"at", FT_DATETIME, TR_inc_event_at, F_LIST | F_SORT | F_FORM | F_EXPORT | F_NOT_NULL,
     .help = TR_inc_event_at_help},
    {"what", FT_LONGTEXT, TR_inc_event_what, F_LIST | F_FORM | F_REQUIRED | F_EXPORT | F_SEARCH,
     .max_len = 4000, .row_label = incident_event_row_label},
    {"person_id", FT_REF, TR_inc_event_person, F_LIST | F_FILTER | F_EXPORT, .ref = "people"},
    {"phase", FT_ENUM, TR_phase, F_LIST | F_FORM | F_FILTER | F_EXPORT, .options = phase_options,
     .help = TR_phase_help},
    {"code", FT_ENUM, TR_inc_event_code, F_FILTER | F_EXPORT, .options = event_codes},
    /* the code's arguments as JSON, for integrations: "what" gives them in words */
    {"args", FT_LONGTEXT, TR_inc_event_args, 0},
};

const entity entity_incident_events = {
    .name = "incident_events",
    .table = "incident_event",
    .label_one = TR_inc_events_one,
    .label_many = TR_inc_events_many,
    CHILD_ENTITY(event_fields),
    .title_sql = "t.at",
    .default_sort = "-at",
    .validate = incident_event_validate,
    .frozen = incident_event_frozen,
};

/* A delrapport the authority asked for: a recorded request with its own deadline, moot
 * once the report is sent. */
static const field request_fields[] = {
    {"incident_id", FT_REF, TR_inc_incident,
     F_LIST | F_FILTER | F_FORM | F_REQUIRED | F_CREATE_ONLY | F_EXPORT, .ref = "incidents"},
    {"requested_at", FT_DATETIME, TR_inc_request_at,
     F_LIST | F_SORT | F_FORM | F_REQUIRED | F_EXPORT | F_NOT_NULL},
    {"requested_by", FT_TEXT, TR_inc_request_by, F_LIST | F_FORM | F_EXPORT, .max_len = 200,
     .help = TR_inc_request_by_help},
    {"asked_for", FT_LONGTEXT, TR_inc_request_what,
     F_FORM | F_DETAIL | F_REQUIRED | F_EXPORT | F_SEARCH | F_NOT_NULL, .max_len = 4000},
    {"due_at", FT_DATETIME, TR_inc_request_due,
     F_LIST | F_SORT | F_FORM | F_REQUIRED | F_EXPORT | F_NOT_NULL},
    {"sent_at", FT_DATETIME, TR_inc_request_sent, F_LIST | F_SORT | F_FORM | F_EXPORT,
     .help = TR_inc_sent_at_help},
    {"reference", FT_TEXT, TR_inc_notification_reference, F_LIST | F_FORM | F_EXPORT | F_SEARCH,
     .max_len = 200},
};

const entity entity_incident_report_requests = {
    .name = "incident_report_requests",
    .table = "incident_report_request",
    .label_one = TR_inc_requests_one,
    .label_many = TR_inc_requests_many,
    CHILD_ENTITY(request_fields),
    .title_sql = "t.due_at",
    .default_sort = "due_at",
    .can_delete = true,
    .due = &(const due_date){"due_at", .done_field = "sent_at"},
    .validate = incident_report_request_validate,
};
