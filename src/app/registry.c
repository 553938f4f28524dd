/* registry.c - every kind of record lis knows, in one list: the engine finds a kind
 * by name here (entity_find) and walks them all for OpenAPI and checks. It lives in the
 * composition root because it names every area; an area adds its kinds with one line. */
#include "../org/org.h"
#include "../sso/sso.h"
#include "../inventory/inventory.h"
#include "../classification/classification.h"
#include "../requirements/requirements.h"
#include "../risks/risks.h"
#include "../actions/actions.h"
#include "../incidents/incidents.h"
#include "../continuity/continuity.h"
#include "../forum/forum.h"
#include "../documents/documents.h"
#include "../scans/scans.h"
#include "../followup/followup.h"
#include "../suppliers/suppliers.h"
#include "../yearwheel/yearwheel.h"
#include "../csl/csl.h"
#include "../awareness/awareness.h"
#include <string.h>

/* one line per entity, so each area adds its own line */
/* clang-format off */
static const entity *const all_entities[] = {&entity_units,
                                             &entity_people,
                                             &entity_roles,
                                             &entity_tokens,
                                             &entity_sso_group_roles,
                                             &entity_audit_log,
                                             &entity_objects,
                                             &entity_systems,
                                             &entity_assets,
                                             &entity_processes,
                                             &entity_system_assets,
                                             &entity_analyses,
                                             &entity_risks,
                                             &entity_risk_actions,
                                             &entity_actions,
                                             &entity_plan_decisions,
                                             &entity_classifications,
                                             &entity_requirements,
                                             &entity_answers,
                                             &entity_org_answers,
                                             &entity_incidents,
                                             &entity_incident_links,
                                             &entity_incident_notifications,
                                             &entity_incident_events,
                                             &entity_incident_tasks,
                                             &entity_incident_authorities,
                                             &entity_incident_report_requests,
                                             &entity_significance_thresholds,
                                             &entity_continuity_plans,
                                             &entity_continuity_tests,
                                             &entity_rsa,
                                             &entity_rsa_links,
                                             &entity_bia_impacts,
                                             &entity_continuity_dependencies,
                                             &entity_service_levels,
                                             &entity_response_plans,
                                             &entity_response_contacts,
                                             &entity_response_exercises,
                                             &entity_meetings, &entity_forum_items,
                                             &entity_documents, &entity_document_versions,
                                             &entity_document_requirements,
                                             &entity_document_publications, &entity_document_acks,
                                             &entity_scan_findings, &entity_scan_imports,
                                             &entity_scan_host_rules, &entity_scan_deadlines, &entity_directory_settings,
                                             &entity_pentests,
                                             &entity_audit_programmes, &entity_internal_audits,
                                             &entity_audit_checks, &entity_audit_findings,
                                             &entity_management_reviews,
                                             &entity_review_decisions,
                                             &entity_maturity_answers, &entity_national_optins,
                                             &entity_suppliers, &entity_agreements,
                                             &entity_agreement_systems, &entity_agreement_transfers,
                                             &entity_supplier_answers, &entity_supplier_reviews,
                                             &entity_supplier_review_questions,
                                             &entity_supplier_findings,
                                             &entity_supplier_certifications,
                                             &entity_analysis_suppliers,
                                             &entity_supplier_exit_plans,
                                             &entity_yearly_duties,
                                             &entity_csl_organisations, &entity_csl_changes,
                                             &entity_csl_trainings,
                                             &entity_training_campaigns,
                                             &entity_training_completions,
                                             &entity_phishing_results,
                                             NULL};
/* clang-format on */

const entity *const *entity_all(void)
{
    return all_entities;
}

const entity *entity_find(const char *name)
{
    for (int i = 0; name && all_entities[i]; i++)
        if (strcmp(all_entities[i]->name, name) == 0) return all_entities[i];
    return NULL;
}
