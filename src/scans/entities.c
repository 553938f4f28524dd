/* entities.c - scan findings, the imports that brought them, the tenant's host rules and
 * remediation deadlines, described once. The rules are in rules.c, the import in store.c. */
#include "scans.h"

/* Findings name weaknesses: CISO, IT-säkerhet, ledning, auditors and the forum read them
 * all (ACT_RISK_READ, as risks); risk writers those of their units; anyone else none. */
#define NEED_TO_KNOW .need_to_know = true, .read_all = ACT_RISK_READ
#define SHOWN (F_LIST | F_EXPORT | F_DETAIL)

static const enum_opt severities[] = {
    {"critical", TR_scan_sev_critical},
    {"high", TR_scan_sev_high},
    {"medium", TR_scan_sev_medium},
    {"low", TR_scan_sev_low},
    {NULL, 0},
};

static const enum_opt statuses[] = {
    {"open", TR_scan_status_open},
    {"fixed", TR_scan_status_fixed},
    {"accepted", TR_scan_status_accepted},
    {NULL, 0},
};

/* Only the import sets what the scanner saw; people decide the system, the status and
 * an acceptance. */
static const field finding_fields[] = {
    {"title", FT_TEXT, TR_scan_title, SHOWN | F_SORT | F_SEARCH | F_NOT_NULL, .max_len = 400,
     .value_label = signal_title_label},
    {"severity", FT_ENUM, TR_scan_severity, SHOWN | F_SORT | F_FILTER | F_NOT_NULL,
     .options = severities},
    {"status", FT_ENUM, TR_scan_status, SHOWN | F_FORM | F_SORT | F_FILTER | F_REQUIRED,
     .options = statuses},
    {"host", FT_TEXT, TR_scan_host, SHOWN | F_SORT | F_FILTER | F_SEARCH | F_NOT_NULL,
     .max_len = 256, .value_label = signal_host_label},
    {"host_name", FT_TEXT, TR_scan_host_name, F_DETAIL | F_EXPORT | F_SEARCH, .max_len = 256},
    {"port", FT_TEXT, TR_scan_port, SHOWN | F_NOT_NULL, .max_len = 64},
    {"plugin", FT_TEXT, TR_scan_plugin, F_DETAIL | F_EXPORT | F_FILTER | F_NOT_NULL,
     .max_len = 128},
    {"system_id", FT_REF, TR_scan_system, SHOWN | F_FORM | F_FILTER, .ref = "systems"},
    {"unit_id", FT_REF, TR_scan_unit, F_DETAIL | F_EXPORT | F_FORM | F_FILTER | F_REQUIRED,
     .ref = "units"},
    {"cvss", FT_TEXT, TR_scan_cvss, F_DETAIL | F_EXPORT, .max_len = 16},
    {"cvss_version", FT_TEXT, TR_scan_cvss_version, F_DETAIL | F_EXPORT, .max_len = 4},
    {"scanner", FT_TEXT, TR_scan_scanner, F_DETAIL | F_EXPORT | F_FILTER, .max_len = 64},
    {"first_seen", FT_DATE, TR_scan_first_seen, SHOWN | F_SORT | F_NOT_NULL},
    {"last_seen", FT_DATE, TR_scan_last_seen, SHOWN | F_SORT | F_NOT_NULL},
    {"fixed_on", FT_DATE, TR_scan_fixed_on, F_DETAIL | F_EXPORT},
    {"due_on", FT_DATE, TR_scan_due_on, SHOWN | F_SORT | F_NOT_NULL},
    {"acceptance_reason", FT_LONGTEXT, TR_scan_acceptance_reason, F_FORM | F_DETAIL | F_EXPORT,
     .max_len = 4000, .help = TR_scan_acceptance_help},
    {"review_date", FT_DATE, TR_scan_review_date, F_FORM | F_DETAIL | F_EXPORT | F_FILTER},
    {"output", FT_LONGTEXT, TR_scan_output, F_DETAIL | F_EXPORT, .max_len = 4000},
};

const entity entity_scan_findings = {
    .name = "scan_findings",
    .table = "scan_finding",
    .label_one = TR_scan_findings_one,
    .label_many = TR_scan_findings_many,
    .fields = finding_fields,
    .nfields = sizeof finding_fields / sizeof finding_fields[0],
    /* a directory or device finding's title names its account or device already */
    .title_sql = "(CASE WHEN t.host IN ('" HYGIENE_HOST "', '" DEVICES_HOST "') THEN t.title "
                 "ELSE t.title || ' – ' || t.host || ' ' || t.port END)",
    .pick_detail_sql = "t.host",
    .default_sort = "due_on",
    .read_action = ACT_READ,
    .write_action = ACT_RISK_WRITE,
    .unit_field = "unit_id",
    NEED_TO_KNOW,
    .can_edit = true,
    .has_updated_at = true,
    .validate = scan_finding_validate,
    .detail_extra = scan_finding_detail_extra,
    /* fixed or accepted, the deadline no longer runs */
    .due = &(const due_date){"due_on", "status", (const char *const[]){"fixed", "accepted", NULL}},
};

static const field import_fields[] = {
    {"scanned_on", FT_DATE, TR_scan_imported_on, SHOWN | F_SORT | F_FILTER | F_NOT_NULL},
    {"file_name", FT_TEXT, TR_scan_file_name, SHOWN | F_SEARCH, .max_len = 200},
    {"format", FT_TEXT, TR_scan_format, SHOWN | F_FILTER | F_NOT_NULL, .max_len = 64},
    {"unit_id", FT_REF, TR_scan_unit, F_DETAIL | F_EXPORT | F_FILTER | F_NOT_NULL, .ref = "units"},
    {"findings", FT_INT, TR_scan_count_findings, SHOWN | F_NOT_NULL, .max = INT64_MAX},
    {"hosts", FT_INT, TR_scan_count_hosts, SHOWN | F_NOT_NULL, .max = INT64_MAX},
    {"new_findings", FT_INT, TR_scan_count_new, SHOWN | F_NOT_NULL, .max = INT64_MAX},
    {"still_open", FT_INT, TR_scan_count_open, SHOWN | F_NOT_NULL, .max = INT64_MAX},
    {"fixed", FT_INT, TR_scan_count_fixed, SHOWN | F_NOT_NULL, .max = INT64_MAX},
    {"unmapped_hosts", FT_LONGTEXT, TR_scan_unmapped, F_DETAIL | F_EXPORT, .max_len = 100000},
};

const entity entity_scan_imports = {
    .name = "scan_imports",
    .table = "scan_import",
    .label_one = TR_scan_imports_one,
    .label_many = TR_scan_imports_many,
    .fields = import_fields,
    .nfields = sizeof import_fields / sizeof import_fields[0],
    .title_sql = "(t.scanned_on || ' ' || COALESCE(t.file_name, t.format))",
    .default_sort = "-scanned_on",
    .read_action = ACT_READ,
    .write_action = ACT_RISK_WRITE,
    .unit_field = "unit_id",
    NEED_TO_KNOW,
    .has_updated_at = true,
};

/* Which system a scanned host belongs to is set once per host or address range, by the
 * tenant's security writers; what a host is called is no weakness, so all members read. */
static const field rule_fields[] = {
    {"pattern", FT_TEXT, TR_scan_rule_pattern, SHOWN | F_FORM | F_SORT | F_SEARCH | F_REQUIRED,
     .max_len = 256, .help = TR_scan_rule_pattern_help},
    {"system_id", FT_REF, TR_scan_system, SHOWN | F_FORM | F_FILTER | F_REQUIRED, .ref = "systems"},
};

const entity entity_scan_host_rules = {
    .name = "scan_host_rules",
    .table = "scan_host_rule",
    .label_one = TR_scan_rules_one,
    .label_many = TR_scan_rules_many,
    .fields = rule_fields,
    .nfields = sizeof rule_fields / sizeof rule_fields[0],
    .title_sql = "t.pattern",
    .default_sort = "pattern",
    .validate = scan_rule_validate,
    .read_action = ACT_READ,
    .write_action = ACT_RISK_WRITE,
    .can_create = true,
    .can_edit = true,
    .can_delete = true,
    .has_updated_at = true,
};

static const field deadline_fields[] = {
    {"severity", FT_ENUM, TR_scan_severity, SHOWN | F_FORM | F_REQUIRED | F_CREATE_ONLY | F_SORT,
     .options = severities},
    {"days", FT_INT, TR_scan_deadline_days, SHOWN | F_FORM | F_REQUIRED, .min = 1, .max = 3650,
     .help = TR_scan_deadline_days_help},
};

const entity entity_scan_deadlines = {
    .name = "scan_deadlines",
    .table = "scan_deadline",
    .label_one = TR_scan_deadlines_one,
    .label_many = TR_scan_deadlines_many,
    .fields = deadline_fields,
    .nfields = sizeof deadline_fields / sizeof deadline_fields[0],
    .title_sql = "t.severity",
    .default_sort = "severity",
    .read_action = ACT_READ,
    .write_action = ACT_RISK_WRITE,
    .can_create = true,
    .can_edit = true,
    .can_delete = true,
    .has_updated_at = true,
};

/* Directory and device hygiene (hygiene.h, devices.h): the tenant's one setting of what
 * "inactive" means, which groups are the admin groups and how many days without check-in
 * make a device stale; without it, 90 days, the default groups and 30 days. */
static const field directory_setting_fields[] = {
    {"inactive_days", FT_INT, TR_hyg_inactive_days, SHOWN | F_FORM | F_REQUIRED, .min = 1,
     .max = 3650, .help = TR_hyg_inactive_days_help},
    {"admin_groups", FT_LONGTEXT, TR_hyg_admin_groups, SHOWN | F_FORM,
     .help = TR_hyg_admin_groups_help},
    {"stale_days", FT_INT, TR_dev_stale_days, SHOWN | F_FORM, .min = 1, .max = 3650,
     .help = TR_dev_stale_days_help},
};

const entity entity_directory_settings = {
    .name = "directory_settings",
    .table = "directory_setting",
    .label_one = TR_hyg_settings_one,
    .label_many = TR_hyg_settings_many,
    .fields = directory_setting_fields,
    .nfields = sizeof directory_setting_fields / sizeof directory_setting_fields[0],
    .title_sql = "CAST(t.inactive_days AS TEXT)",
    .default_sort = "inactive_days",
    .read_action = ACT_READ,
    .write_action = ACT_RISK_WRITE,
    .can_create = true,
    .can_edit = true,
    .can_delete = true,
    .has_updated_at = true,
};
