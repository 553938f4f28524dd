/* routes.c - every route of lis in one table. Order matters: specific routes come
 * before the generic entity routes (":e" matches any entity name). */
#include "router.h"
#include "static.h"
#include "../auth/handlers.h"
#include "../entity/handlers.h"
#include "../org/org.h"
#include "../inventory/inventory.h"
#include "../incidents/incidents.h"
#include "../continuity/continuity.h"

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
    {"GET", "/incidents/open", h_incidents_open, 0},
    {"GET", "/continuity", h_continuity, 0},
    {"GET", "/incidents/stats", h_incident_stats, 0},
    {"GET", "/incidents/stats/export", h_incident_stats_csv, 0},
    {"GET", "/incidents/:id/imy-draft", h_incident_imy_draft, 0},
    {"GET", "/incidents/:id/csirt-draft", h_incident_csirt_draft, 0},
    {"POST", "/coverage/deadline", h_coverage_deadline, 0},
    {"GET", "/account", h_account, 0},
    {"POST", "/account/password", h_password, 0},
    {"POST", "/tenant", h_switch_tenant, 0},
    {"GET", "/tokens/new", h_token_new, 0},
    {"POST", "/tokens", h_token_create, 0},

    {"GET", "/api/v1/openapi.json", api_openapi, ROUTE_PUBLIC},
    {"GET", "/api/v1/me", api_me, 0},
    {"GET", "/api/v1/coverage", api_coverage, 0},
    {"GET", "/api/v1/incidents/:id/deadlines", api_incident_deadlines, 0},
    {"POST", "/api/v1/tokens", api_token_create_h, 0},
    {"GET", "/api/v1/:e", api_entity_list, 0},
    {"POST", "/api/v1/:e", api_entity_create, 0},
    {"GET", "/api/v1/:e/:id", api_entity_show, 0},
    {"PATCH", "/api/v1/:e/:id", api_entity_update, 0},
    {"DELETE", "/api/v1/:e/:id", api_entity_delete, ROUTE_NO_BODY},
    {"POST", "/api/v1/:e/:id/retire", api_entity_retire, ROUTE_NO_BODY},
    {"POST", "/api/v1/:e/:id/reinstate", api_entity_reinstate, ROUTE_NO_BODY},

    {"GET", "/:e.csv", h_entity_csv, 0},
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
