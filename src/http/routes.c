/* routes.c - every route of lis in one table. Order matters: specific routes come
 * before the generic entity routes (":e" matches any entity name). */
#include "router.h"
#include "static.h"
#include "../auth/handlers.h"
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
#include "../dashboard/summary.h"
#include "../incidents/incidents.h"
#include "../continuity/continuity.h"
#include "../forum/forum.h"

const route app_routes[] = {
    {"GET", "/", h_root, ROUTE_PUBLIC},
    {"GET", "/health", h_health, ROUTE_PUBLIC},
    {"GET", "/static/:name", h_static, ROUTE_PUBLIC},
    {"GET", "/login", h_login_form, ROUTE_PUBLIC},
    {"POST", "/login", h_login, ROUTE_PUBLIC},
    {"POST", "/lang", h_lang, ROUTE_PUBLIC},
    {"POST", "/logout", h_logout, 0},
    {"GET", "/home", h_home, 0},
    {"GET", "/org", h_org_tree, 0},
    {"GET", "/coverage", h_coverage, 0},
    {"GET", "/inventory", h_inventory, 0},
    {"GET", "/lagesbild", h_dashboard, 0},
    {"GET", "/lagesbild/summary", h_dashboard_summary, 0},
    {"GET", "/lagesbild/summary.pdf", h_dashboard_summary_pdf, 0},
    {"GET", "/risks/heatmap", h_risk_heatmap, 0},
    {"GET", "/risks/matrix", h_risk_matrix, 0},
    {"POST", "/risks/matrix", h_risk_matrix_change, 0},
    {"POST", "/risks/matrix/labels", h_risk_matrix_labels, 0},
    {"GET", "/plan", h_plan_index, 0},
    {"GET", "/plan/:year", h_plan_year, 0},
    {"GET", "/plan/:year/follow-up", h_plan_follow_up, 0},
    {"POST", "/plan/:year/carry-over", h_plan_carry_over, 0},
    {"GET", "/incidents/open", h_incidents_open, 0},
    {"GET", "/continuity", h_continuity, 0},
    {"GET", "/meetings/:id/agenda.pdf", h_meeting_agenda_pdf, 0},
    {"GET", "/meetings/:id/minutes.pdf", h_meeting_minutes_pdf, 0},
    {"GET", "/meetings/:id/agenda", h_meeting_agenda, 0},
    {"GET", "/meetings/:id/minutes", h_meeting_minutes, 0},
    {"GET", "/meetings/:id/suggest", h_meeting_suggest_preview, 0},
    {"POST", "/meetings/:id/suggest", h_meeting_suggest, 0},
    {"POST", "/meetings/:id/approve", h_meeting_approve, 0},
    {"POST", "/meetings/:id/carry-over", h_meeting_carry_over, 0},
    {"GET", "/incidents/stats", h_incident_stats, 0},
    {"GET", "/incidents/stats/export", h_incident_stats_csv, 0},
    {"GET", "/incidents/stats.xlsx", h_incident_stats_xlsx, 0},
    {"GET", "/incidents/:id/imy-draft", h_incident_imy_draft, 0},
    {"GET", "/incidents/:id/csirt-draft", h_incident_csirt_draft, 0},
    {"POST", "/incident_tasks/:id/done", h_incident_task_done, 0},
    {"POST", "/coverage/deadline", h_coverage_deadline, 0},
    {"GET", "/classification", h_classification_overview, 0},
    {"POST", "/classification/settings", h_classification_settings, 0},
    {"POST", "/classifications/:id/decide", h_classification_decide, 0},
    {"POST", "/classifications/:id/trigger", h_classification_trigger, 0},
    {"GET", "/objects/:id/requirements", h_object_requirements, 0},
    {"POST", "/objects/:id/requirements", h_object_requirements_save, 0},
    {"GET", "/objects/:id/annex", h_object_annex, 0},
    {"GET", "/objects/:id/annex.xlsx", h_object_annex_xlsx, 0},
    {"GET", "/inventory/coverage", h_inventory_coverage, 0},
    {"GET", "/import", h_import_form, 0},
    {"POST", "/import", h_import_preview, 0},
    {"POST", "/import/:id", h_import_commit, 0},
    {"GET", "/account", h_account, 0},
    {"POST", "/account/password", h_password, 0},
    {"POST", "/tenant", h_switch_tenant, 0},
    {"GET", "/tokens/new", h_token_new, 0},
    {"POST", "/tokens", h_token_create, 0},

    {"GET", "/api/v1/openapi.json", api_openapi, ROUTE_PUBLIC},
    {"GET", "/api/v1/me", api_me, 0},
    {"GET", "/api/v1/coverage", api_coverage, 0},
    {"GET", "/api/v1/inventory-coverage", api_inventory_coverage, 0},
    {"GET", "/api/v1/risk_matrix", api_risk_matrix, 0},
    {"POST", "/api/v1/risk_matrix", api_risk_matrix_change, 0},
    {"POST", "/api/v1/risk_matrix/labels", api_risk_matrix_labels, 0},
    {"GET", "/api/v1/incidents/:id/deadlines", api_incident_deadlines, 0},
    {"POST", "/api/v1/tokens", api_token_create_h, 0},
    {"POST", "/api/v1/classifications/:id/decide", h_classification_decide, ROUTE_NO_BODY},
    {"POST", "/api/v1/classifications/:id/trigger", h_classification_trigger, 0},
    {"GET", "/api/v1/meetings/:id/suggestions", api_meeting_suggestions, 0},
    {"POST", "/api/v1/meetings/:id/suggest", h_meeting_suggest, 0},
    {"POST", "/api/v1/meetings/:id/approve", h_meeting_approve, ROUTE_NO_BODY},
    {"POST", "/api/v1/meetings/:id/carry-over", h_meeting_carry_over, ROUTE_NO_BODY},
    {"GET", "/api/v1/pick/:e", h_pick, 0},
    {"GET", "/api/v1/:e", api_entity_list, 0},
    {"POST", "/api/v1/:e", api_entity_create, 0},
    {"GET", "/api/v1/:e/:id", api_entity_show, 0},
    {"PATCH", "/api/v1/:e/:id", api_entity_update, 0},
    {"DELETE", "/api/v1/:e/:id", api_entity_delete, ROUTE_NO_BODY},
    {"POST", "/api/v1/:e/:id/retire", api_entity_retire, ROUTE_NO_BODY},
    {"POST", "/api/v1/:e/:id/reinstate", api_entity_reinstate, ROUTE_NO_BODY},

    {"GET", "/pick/:e", h_pick, 0},
    {"GET", "/:e.csv", h_entity_csv, 0},
    {"GET", "/:e.xlsx", h_entity_xlsx, 0},
    {"GET", "/:e", h_entity_list, 0},
    {"GET", "/:e/new", h_entity_new, 0},
    {"POST", "/:e", h_entity_create, 0},
    {"GET", "/:e/:id", h_entity_show, 0},
    {"GET", "/:e/:id/edit", h_entity_edit, 0},
    {"POST", "/:e/:id", h_entity_update, 0},
    {"POST", "/:e/:id/retire", h_entity_retire, 0},
    {"POST", "/:e/:id/reinstate", h_entity_reinstate, 0},
    {"POST", "/:e/:id/delete", h_entity_delete, 0},
    {NULL, NULL, NULL, 0},
};
