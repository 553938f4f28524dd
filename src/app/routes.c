/* routes.c - every route of lis in one table, each with a one-line summary; OpenAPI
 * (src/http/openapi.c) and lis routes are written from it. Order matters: specific
 * routes come before the generic entity routes (":e" matches any entity name). */
#include "../http/router.h"
#include "../http/static.h"
#include "../http/openapi.h"
#include "app_pages.h"
#include "../auth/handlers.h"
#include "../twostep/pages.h"
#include "../twostep/admin.h"
#include "../entity/handlers.h"
#include "../entity/pick.h"
#include "../org/org.h"
#include "../inventory/inventory.h"
#include "../classification/classification.h"
#include "../requirements/requirements.h"
#include "../imports/imports.h"
#include "../coverage/coverage.h"
#include "../risks/risks.h"
#include "../actions/actions.h"
#include "../dashboard/dashboard.h"
#include "../dashboard/trends.h"
#include "../dashboard/summary.h"
#include "../incidents/incidents.h"
#include "../continuity/continuity.h"
#include "../followup/followup.h"
#include "../forum/forum.h"
#include "../documents/documents.h"
#include "../scans/scans.h"
#include "../suppliers/suppliers.h"
#include "../yearwheel/yearwheel.h"
#include "../csl/csl.h"
#include "../awareness/awareness.h"
#include "../mail/mail.h"
#include "../remind/remind.h"
#include "../sso/sso.h"
#include "../scim/scim.h"

/* Which kinds an ":e" route exists for, from the descriptors' capabilities. */
static bool creatable(const entity *e)
{
    return e->can_create;
}
static bool editable(const entity *e)
{
    return e->can_edit;
}
static bool deletable(const entity *e)
{
    return e->can_delete;
}
static bool markable_done(const entity *e)
{
    return e->due && e->due->done_value;
}
static bool retirable(const entity *e)
{
    return e->retire_column != NULL;
}

const route app_routes[] = {
    {"GET", "/", h_root, ROUTE_PUBLIC, "the login page, or the start page when signed in"},
    {"GET", "/health", h_health, ROUTE_PUBLIC, "liveness and database check for load balancers"},
    {"GET", "/static/:name", h_static, ROUTE_PUBLIC, "stylesheet, script and images"},
    {"GET", "/login", h_login_form, ROUTE_PUBLIC, "the login form"},
    {"POST", "/login", h_login, ROUTE_PUBLIC, "sign in with e-mail and password"},
    {"GET", "/login/code", h_login_code_form, ROUTE_PUBLIC,
     "the login's second step: the code from the authenticator app"},
    {"POST", "/login/code", h_login_code, ROUTE_PUBLIC,
     "the login's second step: a code or a recovery code, then the session"},
    {"POST", "/lang", h_lang, ROUTE_PUBLIC, "switch the interface language"},
    {"GET", "/login/sso/callback", h_sso_callback, ROUTE_PUBLIC,
     "single sign-on: the provider's answer (code and state), checked, then the session"},
    {"GET", "/login/sso/:id", h_sso_start, ROUTE_PUBLIC,
     "single sign-on: begin logging in through the tenant's OpenID Connect provider"},
    {"POST", "/logout", h_sso_logout, ROUTE_ENROL,
     "sign out (and, after a single sign-on, offer the provider's logout)"},
    {"GET", "/home", h_home, 0,
     "the start page: what needs me now (Att göra), the figures of my scope, my roles"},
    {"GET", "/org", h_org_tree, 0, "the organisation as a tree"},
    {"GET", "/coverage", h_coverage, 0, "role coverage per förvaltning and bolag"},
    {"GET", "/csl", h_csl, 0,
     "Cybersäkerhetslagen per organisation: status, registration, changes to report, "
     "management training"},
    {"GET", "/inventory", h_inventory, 0, "the inventory overview"},
    {"GET", "/lagesbild", h_dashboard, 0, "the lägesbild (security dashboard), per förvaltning"},
    {"GET", "/trends.csv", h_trends_csv, 0,
     "the lägesbild's key figures per quarter (?upto=2026-Q4) as CSV; a figure the reader may "
     "not see is left empty"},
    {"GET", "/lagesbild/summary", h_dashboard_summary, 0, "the lägesbild summary for management"},
    {"GET", "/lagesbild/summary.pdf", h_dashboard_summary_pdf, 0, "the lägesbild summary as a PDF"},
    {"GET", "/risks/heatmap", h_risk_heatmap, 0, "the risk heat map"},
    {"GET", "/risks/matrix", h_risk_matrix, 0, "the tenant's risk matrix and its names"},
    {"POST", "/risks/matrix", h_risk_matrix_change, 0, "change the risk matrix's size"},
    {"POST", "/risks/matrix/labels", h_risk_matrix_labels, 0,
     "rename the matrix's steps and levels, set their colours"},
    {"GET", "/plan", h_plan_index, 0, "the handlingsplan's years"},
    {"GET", "/plan/:year", h_plan_year, 0, "one year's handlingsplan"},
    {"GET", "/plan/:year/follow-up", h_plan_follow_up, 0, "follow-up of one year's plan"},
    {"GET", "/response_plans/:id/plan.pdf", h_response_plan_pdf, 0,
     "the incident response plan as a PDF to print and keep offline"},
    {"GET", "/rsa/:id/rsa.pdf", h_rsa_pdf, 0,
     "the RSA of a term of office as a PDF for the länsstyrelse, with today's linked data"},
    {"GET", "/rsa/:id/rsa.xlsx", h_rsa_xlsx, 0,
     "the RSA as an XLSX workbook to edit, one sheet per chapter"},
    {"GET", "/plan/:year/plan.pdf", h_plan_year_pdf, 0,
     "one year's handlingsplan as a PDF for kommunstyrelsen"},
    {"POST", "/plan/:year/carry-over", h_plan_carry_over, 0,
     "carry unfinished actions over to the next year"},
    {"GET", "/incidents/open", h_incidents_open, 0, "open incidents and their legal clocks"},
    {"GET", "/continuity", h_continuity, 0, "continuity plans: overdue and never-tested"},
    {"GET", "/maturity", h_maturity, 0,
     "maturity per SKR area for a year (?year=), against the 2019 national shares"},
    {"GET", "/followup/audit-pack", h_audit_pack, 0,
     "the audit pack: the eight audit questions answered from data, with the lists behind them"},
    {"GET", "/followup/audit-pack.pdf", h_audit_pack_pdf, 0, "the audit pack as a PDF"},
    {"GET", "/followup/audit-pack.xlsx", h_audit_pack_xlsx, 0,
     "the audit pack as XLSX: a summary sheet and one sheet per question with its rows"},
    {"GET", "/national", h_national, 0,
     "a body's national view (?year=): maturity and key shares over the tenants that opted "
     "in, per county and size class, cells below five tenants suppressed"},
    {"GET", "/national.csv", h_national_csv, 0,
     "the national view (?year=) as CSV, suppressed cells with their reason"},
    {"GET", "/management_reviews/:id/report.pdf", h_review_report_pdf, 0,
     "a management review with its inputs and decisions as PDF, for kommunstyrelsen"},
    {"POST", "/continuity/unacceptable", h_bia_unacceptable, 0,
     "set the step of the consequence scale from which an outage is unacceptable"},
    {"GET", "/continuity/rollup", h_continuity_rollup, 0,
     "each system's strictest recovery need through the dependencies, and the restore order"},
    {"GET", "/meetings/:id/agenda.pdf", h_meeting_agenda_pdf, 0, "a forum meeting's agenda as PDF"},
    {"GET", "/meetings/:id/minutes.pdf", h_meeting_minutes_pdf, 0,
     "a forum meeting's minutes as PDF"},
    {"GET", "/meetings/:id/agenda", h_meeting_agenda, 0, "a forum meeting's agenda, printable"},
    {"GET", "/meetings/:id/minutes", h_meeting_minutes, 0, "a forum meeting's minutes, printable"},
    {"GET", "/meetings/:id/suggest", h_meeting_suggest_preview, 0,
     "the suggested agenda for a planned meeting"},
    {"POST", "/meetings/:id/suggest", h_meeting_suggest, 0, "put suggested matters on the agenda"},
    {"POST", "/meetings/:id/approve", h_meeting_approve, 0, "the chair approves the minutes"},
    {"POST", "/meetings/:id/carry-over", h_meeting_carry_over, 0,
     "carry open matters over to the next meeting"},
    {"GET", "/incidents/stats", h_incident_stats, 0, "incident statistics"},
    {"GET", "/incidents/stats/export", h_incident_stats_csv, 0, "incident statistics as CSV"},
    {"GET", "/incidents/stats.xlsx", h_incident_stats_xlsx, 0, "incident statistics as XLSX"},
    {"GET", "/incidents/:id/imy-draft", h_incident_imy_draft, 0,
     "a draft personal data breach notification to IMY"},
    {"GET", "/incidents/:id/csirt-draft", h_incident_csirt_draft, 0,
     "a draft incident report to CERT-SE"},
    {"POST", "/incident_tasks/:id/done", h_incident_task_done, 0, "mark an incident task done"},
    {"GET", "/documents/:id/file", h_document_file, 0, "a styrdokument's file, as an attachment"},
    {"GET", "/document_versions/:id/file", h_document_file, 0,
     "a decided version's file, as an attachment"},
    {"POST", "/documents/:id/file", h_document_file_upload, 0, "upload a draft's file"},
    {"POST", "/documents/:id/acknowledge", h_document_acknowledge, 0,
     "confirm a published document as read and understood"},
    {"POST", "/training_campaigns/:id/import", h_campaign_import, 0,
     "preview a training platform's export of completions, or import a previewed one"},
    {"GET", "/suppliers/unmatched", h_suppliers_unmatched, 0,
     "free-text supplier names on systems that no supplier record matches"},
    {"POST", "/supplier_reviews/:id/questions", h_review_questions, 0,
     "add the SKA requirements that apply to the supplier as questions of the review"},
    {"POST", "/suppliers/:id/annex-import", h_supplier_annex_import, 0,
     "the returned SKA annex with the supplier's answers: preview, then import"},
    {"POST", "/suppliers/:id/link", h_supplier_link, 0,
     "link the systems naming this supplier in free text to it"},
    {"POST", "/coverage/deadline", h_coverage_deadline, 0, "set the role coverage deadline"},
    {"GET", "/yearwheel", h_yearwheel, 0,
     "the årshjul: the year's recurring duties in twelve months (year, unit_id, mine=1)"},
    {"POST", "/yearwheel/feed", h_yearwheel_feed_create, 0,
     "a new secret calendar address for my årshjul (the old one stops working)"},
    {"POST", "/yearwheel/feed/revoke", h_yearwheel_feed_revoke, 0, "revoke my calendar address"},
    {"GET", "/calendar/:token.ics", h_calendar_feed, ROUTE_PUBLIC,
     "my årshjul as iCalendar (RFC 5545), at the secret address"},
    {"GET", "/classification", h_classification_overview, 0, "the classification overview"},
    {"POST", "/classification/settings", h_classification_settings, 0,
     "set the reclassification interval"},
    {"GET", "/classifications/:id/decide", h_classification_confirm, 0,
     "the confirm step of a draft classification's decision"},
    {"POST", "/classifications/:id/decide", h_classification_decide, 0,
     "the information owner decides a draft classification (with confirm=1)"},
    {"GET", "/classifications/:id/new-version", h_classification_new_version, 0,
     "a new draft classification, filled in from this version"},
    {"POST", "/classifications/:id/trigger", h_classification_trigger, 0,
     "mark a classification due for reclassification"},
    {"GET", "/requirements/org-wide", h_org_requirements, 0,
     "the organisation-wide requirements and the tenant's one answer to each"},
    {"POST", "/requirements/org-wide", h_org_requirements_save, 0,
     "save the tenant's answers to the organisation-wide requirements"},
    {"GET", "/objects/:id/requirements", h_object_requirements, 0,
     "an object's self-assessment against the requirements"},
    {"POST", "/objects/:id/requirements", h_object_requirements_save, 0,
     "save an object's self-assessment"},
    {"GET", "/objects/:id/annex", h_object_annex, 0, "an object's procurement annex"},
    {"GET", "/objects/:id/annex.xlsx", h_object_annex_xlsx, 0,
     "an object's procurement annex as XLSX"},
    {"GET", "/inventory/coverage", h_inventory_coverage, 0,
     "inventory and classification coverage per förvaltning"},
    {"POST", "/pentests/:id/scan-finding", h_pentest_scan_finding, 0,
     "one finding of a penetration test as a scan finding"},
    {"GET", "/import/directory", h_signal_import_form, 0, "the account export upload form"},
    {"POST", "/import/directory", h_signal_import_preview, 0,
     "preview an account export's directory findings"},
    {"POST", "/import/directory/:id", h_signal_import_commit, 0,
     "import a previewed account export"},
    {"GET", "/import/devices", h_signal_import_form, 0, "the device export upload form"},
    {"POST", "/import/devices", h_signal_import_preview, 0,
     "preview a device export's unmanaged, non-compliant and stale devices"},
    {"POST", "/import/devices/:id", h_signal_import_commit, 0, "import a previewed device export"},
    {"GET", "/import/scan", h_scan_import_form, 0, "the vulnerability scan import form"},
    {"POST", "/import/scan", h_scan_import_preview, 0,
     "upload an OpenVAS or Nessus export and preview its findings"},
    {"POST", "/import/scan/:id", h_scan_import_commit, 0, "import a previewed scan's findings"},
    {"GET", "/import/people", h_people_import_page, 0, "the people import from the HR export"},
    {"POST", "/import/people", h_people_import_page, 0,
     "preview the HR export's people, or import a previewed one"},
    {"GET", "/import", h_import_form, 0, "the CSV import form"},
    {"POST", "/import", h_import_preview, ROUTE_STREAM_UPLOAD,
     "upload a CSV file and preview the import"},
    {"POST", "/import/:id", h_import_commit, 0,
     "change a preview's mapping, or import its good rows"},
    {"GET", "/import/:id/rejected", h_import_rejected, 0, "the rows an import left out, as CSV"},
    {"GET", "/account", h_account, 0, "the signed-in user's account"},
    {"POST", "/account/password", h_password, 0, "change one's password"},
    {"GET", "/account/two-step", h_twostep, ROUTE_ENROL,
     "one's two-step verification: set it up, recovery codes, switch it off"},
    {"POST", "/account/two-step/start", h_twostep_start, ROUTE_ENROL,
     "start setting up two-step verification (a new secret and its QR code)"},
    {"POST", "/account/two-step/confirm", h_twostep_confirm, ROUTE_ENROL,
     "switch two-step verification on with a first code; recovery codes shown once"},
    {"POST", "/account/two-step/recovery", h_twostep_recovery, 0,
     "new recovery codes (a current code or the password), shown once"},
    {"POST", "/account/two-step/off", h_twostep_off, 0,
     "switch two-step verification off (a current code or the password)"},
    {"GET", "/settings/sso", h_sso_settings, 0,
     "the tenant's single sign-on settings (OpenID Connect provider; tenant admin)"},
    {"POST", "/settings/sso", h_sso_settings_save, 0,
     "save the provider: issuer, client id and secret (never shown again), e-mail claim, "
     "domains, unknown users"},
    {"GET", "/settings/passwords", h_password_settings, 0,
     "local passwords on or off for the tenant, and its emergency admins (tenant admin)"},
    {"POST", "/settings/passwords", h_password_settings_save, 0,
     "switch local passwords on or off (tenant admin, audited; off needs an emergency admin)"},
    {"POST", "/settings/passwords/emergency", h_password_emergency, 0,
     "mark a person as emergency admin or remove the mark (tenant admin, audited)"},
    {"GET", "/settings/scim", h_scim_settings, 0,
     "the tenant's SCIM address and bearer token (tenant admin)"},
    {"POST", "/settings/scim/token", h_scim_token_new, 0,
     "make a new SCIM bearer token, shown once (tenant admin, audited)"},
    {"POST", "/settings/scim/revoke", h_scim_token_revoke, 0,
     "revoke the SCIM bearer token (tenant admin, audited)"},
    {"GET", "/scim/v2/Users", h_scim_users, ROUTE_PUBLIC,
     "SCIM 2.0: the tenant's people as Users (filter userName eq, startIndex, count; SCIM token)"},
    {"GET", "/scim/v2/Users/:id", h_scim_user, ROUTE_PUBLIC, "SCIM 2.0: one User (SCIM token)"},
    {"POST", "/scim/v2/Users", h_scim_create, ROUTE_PUBLIC,
     "SCIM 2.0: create a person (SCIM token)"},
    {"PUT", "/scim/v2/Users/:id", h_scim_replace, ROUTE_PUBLIC,
     "SCIM 2.0: replace a person's name and active (SCIM token; inactive ends sessions, tokens)"},
    {"PATCH", "/scim/v2/Users/:id", h_scim_patch, ROUTE_PUBLIC,
     "SCIM 2.0: add or replace active, displayName (SCIM token; inactive ends sessions, tokens); "
     "attributes lis does not keep are left aside"},
    {"DELETE", "/scim/v2/Users/:id", h_scim_delete, ROUTE_PUBLIC | ROUTE_NO_BODY,
     "SCIM 2.0: deactivate a person (kept for the audit trail; SCIM token)"},
    {"GET", "/scim/v2/ServiceProviderConfig", h_scim_config, ROUTE_PUBLIC,
     "SCIM 2.0: what lis supports (SCIM token)"},
    {"GET", "/scim/v2/ResourceTypes", h_scim_resource_types, ROUTE_PUBLIC,
     "SCIM 2.0: the User resource type (SCIM token)"},
    {"GET", "/scim/v2/Schemas", h_scim_schemas, ROUTE_PUBLIC,
     "SCIM 2.0: the User schema as lis keeps it (SCIM token)"},
    {"POST", "/settings/sso/test", h_sso_test, 0,
     "test the provider: fetch its discovery document and keys and say what they hold"},
    {"GET", "/settings/mail", h_mail_settings, 0, "the tenant's e-mail (SMTP) settings"},
    {"POST", "/settings/mail", h_mail_settings_save, 0,
     "save the SMTP server, encryption, login and sender (the password is never shown again)"},
    {"POST", "/settings/mail/test", h_mail_test, 0,
     "send a test message to my own address through the saved SMTP server"},
    {"GET", "/settings/mail/queue", h_mail_queue, 0,
     "outgoing e-mail: queued, sent and failed messages (?status=; tenant admin)"},
    {"GET", "/account/reminders", h_remind_prefs, 0,
     "my reminders by e-mail: digest or one message each, language, stop; messages sent to me"},
    {"POST", "/account/reminders", h_remind_prefs_save, 0,
     "save my choice of reminders (mode digest|immediate, lang sv|en, unsubscribed 1)"},
    {"GET", "/settings/two-step", h_twostep_settings, 0,
     "who in the tenant must use two-step verification (tenant admin)"},
    {"POST", "/settings/two-step", h_twostep_settings_save, 0,
     "set who in the tenant must use two-step verification (tenant admin)"},
    {"POST", "/people/:id/two-step/reset", h_twostep_reset, 0,
     "reset a person's two-step verification (tenant admin, audited)"},
    {"POST", "/tenant", h_switch_tenant, 0, "switch to another tenant one belongs to"},
    {"GET", "/tokens/new", h_token_new, 0, "the form for a new API token"},
    {"POST", "/tokens", h_token_create, 0, "create an API token (shown once)"},

    {"GET", "/api/v1/openapi.json", api_openapi, ROUTE_PUBLIC, "this description of the API",
     .answer = "an OpenAPI 3 document"},
    {"GET", "/api/v1/me", api_me, 0, "who the token belongs to",
     .answer = "the person, the tenant and the person's roles"},
    {"GET", "/api/v1/coverage", api_coverage, 0, "role coverage per förvaltning and bolag",
     .answer = "per unit: the samordnare and informationsägare it has, their deputies and the "
               "functions resting on one person; the deadline"},
    {"GET", "/api/v1/csl", h_csl, 0, "Cybersäkerhetslagen per organisation",
     .answer = "the mandate period; the supervisory authority and the CSIRT; per organisation "
               "its status, registration, open changes with the earliest due day, and its "
               "ledning with their training in the period"},
    {"GET", "/api/v1/inventory-coverage", api_inventory_coverage, 0,
     "inventory and classification coverage per förvaltning",
     .answer = "per unit: assets, classified, overdue, share of requirements met"},
    {"GET", "/api/v1/risk_matrix", api_risk_matrix, 0, "the tenant's risk matrix",
     .answer = "the steps of likelihood and consequence, the level names and colours"},
    {"POST", "/api/v1/risk_matrix", api_risk_matrix_change, 0, "change the risk matrix's size",
     .body = "{\"likelihood_levels\": 3-6, \"consequence_levels\": 3-6}",
     .answer = "the matrix; existing risks are mapped onto the new steps"},
    {"POST", "/api/v1/risk_matrix/labels", api_risk_matrix_labels, 0,
     "rename the matrix's steps and levels, set their colours",
     .body = "{\"likelihood\": [names], \"consequence\": [names], \"levels\": "
             "[{\"name\", \"colour\"}]}",
     .answer = "the matrix with its new names"},
    {"POST", "/api/v1/directory-imports", h_api_directory_import, ROUTE_RAW_BODY,
     "import an Active Directory / Entra ID account export (CSV) as the body: inactive, never "
     "used and privileged accounts become findings of the directory; ?preview=1 counts and "
     "keeps nothing",
     .body = "the account export file as it is"},
    {"POST", "/api/v1/device-imports", h_api_device_import, ROUTE_RAW_BODY,
     "import an Intune/MDM device export (CSV: deviceName, userPrincipalName, managementState, "
     "complianceState, lastSyncDateTime, operatingSystem) as the body: unmanaged, non-compliant "
     "and stale devices become findings per förvaltning; ?preview=1 counts and keeps nothing",
     .body = "the device export file as it is"},
    {"POST", "/api/v1/import/people", h_api_people_import, ROUTE_RAW_BODY,
     "import people from the HR or directory export (CSV or XLSX: name, e-mail, unit, "
     "employment end) as the body: creates, updates, deactivates; ?preview=1 to see each row's "
     "action without writing",
     .body = "the export file as it is",
     .answer = "created, updated, deactivated, unchanged, errors, rows [{line, email, action, "
               "error}]; 422 naming every bad row, nothing written"},
    {"POST", "/api/v1/scan-imports", h_api_scan_import, ROUTE_RAW_BODY,
     "import a vulnerability scan (Greenbone/OpenVAS XML, Nessus .nessus or CSV) as the body; "
     "?unit_id= for unmapped hosts, ?preview=1 to count without writing, ?file_name=",
     .body = "the scan export file as it is",
     .answer = "findings, hosts, new, still_open, fixed, informational, unmapped_hosts, "
               "import_id; 422 naming every bad row, nothing written"},
    {"GET", "/api/v1/continuity/unacceptable", api_bia_unacceptable, 0,
     "the step of the consequence scale from which an outage is unacceptable"},
    {"POST", "/api/v1/continuity/unacceptable", api_bia_unacceptable_set, 0,
     "set the step of the consequence scale from which an outage is unacceptable"},
    {"GET", "/api/v1/continuity/service_level_gaps", api_service_level_gaps, 0,
     "objects whose internal service level falls short of the need or of the suppliers' backing"},
    {"GET", "/api/v1/continuity/rollup", api_continuity_rollup, 0,
     "each system's strictest RTO and RPO through the dependencies, its chain and gaps"},
    {"GET", "/api/v1/todo", api_home_todo, 0, "what needs the caller now, as on the start page",
     .answer =
         "items: group (decide, clocks, late, soon, ahead, open, meeting), what, title, href, due, "
         "overdue_since, note"},
    {"GET", "/api/v1/audit-pack", api_audit_pack, 0,
     "the audit pack: the eight audit questions answered from data",
     .answer = "counted_on, questions: number, key, question, answer (yes, partly, no), "
               "answer_label, reason, figures: key, label, value (null = not counted), href, "
               "list (href is a list whose rows the value counts)"},
    {"GET", "/api/v1/maturity", api_maturity, 0,
     "maturity per SKR area for a year (?year=), against the 2019 national shares",
     .answer = "year, answered_yes, national_mean_yes_2019, areas: area, "
               "national_yes_share_2019, answered_yes (null = not answered), level"},
    {"GET", "/api/v1/trends", h_api_trends, 0,
     "the lägesbild's key figures per quarter (?upto=2026-Q4: up to that quarter), oldest first",
     .answer = "quarters: quarter, counted_on, figures {risks_low, risks_medium, risks_high, "
               "risks_very_high, actions_open, actions_late, objects, objects_analysed, assets, "
               "assets_classified, incidents, deadlines_met, deadlines_late, training_people, "
               "training_done}; a figure not counted or not for the reader is left out"},
    {"GET", "/api/v1/national", api_national, 0,
     "a body's national view (?year=): maturity per SKR area over the tenants that opted in, "
     "for the country, per county and per size class, beside the 2019 shares",
     .answer = "year, min_tenants, coverage_mark, total, counties, size_classes: key, label, "
               "shown, reason (fewer_than_5, complementary, no_tenants), tenants, areas: area, "
               "answered, yes, yes_share, levels, national_yes_share_2019, past_level_1_share, "
               "national_past_level_1_share_2019; key_shares (current year): key (policy, "
               "plan_decided, classified_80, restore_tested, internal_audit, deadlines_met, "
               "staff_trained), "
               "label, shown, reason, count, of, tenants, share"},
    {"GET", "/api/v1/incidents/:id/deadlines", api_incident_deadlines, 0,
     "an incident's legal deadlines",
     .answer = "handled_at; per clock: kind (imy, csirt_early, csirt_notification, "
               "csirt_progress, csirt_final), start, due, seconds_left, state (ok, amber, red, "
               "sent, sent_late), sent_at, reference, provisional (counted from a deadline), "
               "ask_ongoing (a final report that becomes a progress report if the incident "
               "still goes on), final_waits_handled"},
    {"GET", "/api/v1/yearwheel", api_yearwheel, 0,
     "the årshjul's duties of a year (year, unit_id, mine=1)"},
    {"GET", "/api/v1/mail/queue", api_mail_queue, 0,
     "outgoing e-mail, newest first: the tenant's for its administrator, else my own "
     "(status=queued|sending|sent|failed)",
     .answer = "items: id, created_at, to, subject, kind (digest, reminder), status, attempts, "
               "next_attempt_at, sent_at, last_error"},
    {"POST", "/api/v1/tokens", api_token_create_h, 0, "create an API token",
     .body = "{\"name\": text}", .answer = "the token, shown this once"},
    {"POST", "/api/v1/classifications/:id/decide", h_classification_decide, ROUTE_NO_BODY,
     "the information owner decides a draft classification", .answer = "the classification"},
    {"POST", "/api/v1/classifications/:id/trigger", h_classification_trigger, 0,
     "mark a classification due for reclassification",
     .body = "{\"reason\": \"procurement\" | \"golive\" | \"extended\" | \"change\"}",
     .answer = "the classification"},
    {"GET", "/api/v1/meetings/:id/suggestions", api_meeting_suggestions, 0,
     "the suggested agenda for a planned forum meeting",
     .answer = "the matters in order of seriousness, with why each is suggested"},
    {"POST", "/api/v1/meetings/:id/suggest", h_meeting_suggest, 0,
     "put suggested matters on a planned meeting's agenda",
     .body = "{\"pick\": [suggestion keys]}; without pick, every suggestion",
     .answer = "the meeting"},
    {"POST", "/api/v1/pentests/:id/scan-finding", h_pentest_scan_finding, ROUTE_NO_BODY,
     "one finding of a penetration test (?item=N, from 1) as a scan finding with a deadline by "
     "?severity=critical|high|medium|low",
     .answer = "the penetration test"},
    {"POST", "/api/v1/meetings/:id/approve", h_meeting_approve, ROUTE_NO_BODY,
     "the chair approves the minutes", .answer = "the meeting"},
    {"POST", "/api/v1/meetings/:id/carry-over", h_meeting_carry_over, ROUTE_NO_BODY,
     "carry open matters over to the next meeting", .answer = "the meeting"},
    {"GET", "/api/v1/documents/:id/file", h_document_file, 0, "a styrdokument's file",
     .answer = "the file as uploaded (PDF, DOCX, ODT…), as an attachment"},
    {"GET", "/api/v1/document_versions/:id/file", h_document_file, 0, "a decided version's file",
     .answer = "the file as it was decided, as an attachment"},
    {"POST", "/api/v1/documents/:id/file", h_document_file_upload, ROUTE_NO_BODY,
     "upload a draft's file (the body is the file, ?name= its name)",
     .body = "the file's bytes: PDF, DOCX, XLSX, PPTX, ODT, ODS or ODP, at most 700 kB",
     .answer = "the document"},
    {"POST", "/api/v1/documents/:id/acknowledge", h_document_acknowledge, ROUTE_NO_BODY,
     "confirm the current version as read and understood (once per version)",
     .answer = "the document"},
    {"GET", "/api/v1/training_campaigns/:id/summary", h_api_campaign_summary, 0,
     "a campaign's figures: share completed per förvaltning and role, overdue repeats, those "
     "without the basic course (for its writers); a phishing drill's numbers and trend",
     .answer = "{per_forvaltning, per_role, overdue, without_basic_count, without_basic} or "
               "{phishing: [{forvaltning, sent, clicked, reported, clicked_percent, "
               "reported_percent, previous_clicked_percent, clicked_trend_points}], total, "
               "previous_drill}"},
    {"POST", "/api/v1/training_campaigns/:id/import", h_api_campaign_import, ROUTE_RAW_BODY,
     "import completions from a training platform's export (CSV with ; or , or XLSX; a column "
     "of e-mail addresses and one of dates) as the body; ?preview=1 to check without writing",
     .body = "the export file as it is",
     .answer = "rows, new, known; 422 naming every bad row (unknown e-mail, bad date), nothing "
               "written"},
    {"GET", "/api/v1/suppliers/unmatched", h_suppliers_unmatched, 0,
     "free-text supplier names on systems that no supplier record matches",
     .answer = "{\"items\": [{system_id, system, supplier}]}"},
    {"POST", "/api/v1/supplier_reviews/:id/questions", h_review_questions, ROUTE_NO_BODY,
     "add every SKA requirement that applies to the highest protection need among the "
     "supplier's systems, and is not yet a question of the review, as a question",
     .answer = "the review"},
    {"POST", "/api/v1/suppliers/:id/annex-import", h_api_supplier_annex_import, ROUTE_RAW_BODY,
     "the returned SKA annex (XLSX or CSV as the body): each answer recorded for the supplier "
     "(?agreement_id= for its agreement), every bad row named and nothing written; ?preview=1 "
     "checks only",
     .answer = "{supplier_id, rows, new, updated, unanswered, preview, format}"},
    {"POST", "/api/v1/suppliers/:id/link", h_supplier_link, ROUTE_NO_BODY,
     "link the systems naming this supplier in free text (case and spaces aside) to it",
     .answer = "the supplier"},
    {"GET", "/api/v1/pick/:e", h_pick, 0,
     "search as you type: the records a reference may name (?q=, words' starts)", entity_pickable,
     .answer = "{\"items\": [{id, title, unit, detail}], \"more\": bool}"},
    {"GET", "/api/v1/:e", api_entity_list, 0, "list, filtered, sorted and paged"},
    {"POST", "/api/v1/:e", api_entity_create, 0, "create", creatable},
    {"GET", "/api/v1/:e/:id", api_entity_show, 0, "one record"},
    {"PATCH", "/api/v1/:e/:id", api_entity_update, 0, "change the fields sent", editable},
    {"DELETE", "/api/v1/:e/:id", api_entity_delete, ROUTE_NO_BODY, "delete", deletable},
    {"POST", "/api/v1/:e/:id/done", api_entity_done, ROUTE_NO_BODY,
     "mark done (the status that ends its due date)", markable_done},
    {"POST", "/api/v1/:e/:id/retire", api_entity_retire, ROUTE_NO_BODY, "retire (kept, hidden)",
     retirable},
    {"POST", "/api/v1/:e/:id/reinstate", api_entity_reinstate, ROUTE_NO_BODY,
     "reinstate a retired record", retirable},

    {"GET", "/pick/:e", h_pick, 0, "the picker's matches for a form (?q=)", entity_pickable},
    {"GET", "/:e.csv", h_entity_csv, 0, "the list as CSV"},
    {"GET", "/:e.xlsx", h_entity_xlsx, 0, "the list as XLSX"},
    {"GET", "/:e", h_entity_list, 0, "the list, filtered, sorted and paged"},
    {"GET", "/:e/new", h_entity_new, 0, "the form for a new record", creatable},
    {"POST", "/:e", h_entity_create, 0, "create", creatable},
    {"GET", "/:e/:id", h_entity_show, 0, "one record's page"},
    {"GET", "/:e/:id/edit", h_entity_edit, 0, "the form to change a record", editable},
    {"POST", "/:e/:id", h_entity_update, 0, "change a record", editable},
    {"POST", "/:e/:id/done", h_entity_done, 0, "mark done", markable_done},
    {"POST", "/:e/:id/retire", h_entity_retire, 0, "retire (kept, hidden)", retirable},
    {"POST", "/:e/:id/reinstate", h_entity_reinstate, 0, "reinstate a retired record", retirable},
    {"POST", "/:e/:id/delete", h_entity_delete, 0, "delete", deletable},
    {NULL, NULL, NULL, 0, NULL},
};
