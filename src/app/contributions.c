/* contributions.c - what one area adds to another area's kinds: sections on their
 * detail pages and observers of their writes; and what each area adds to the start page's
 * "Att göra". The lower area (inventory) never names the
 * higher one (classification, requirements); they meet here. An area that adds to
 * another's page adds a line to a table below. */
#include "../entity/entity.h"
#include "../entity/todo.h"
#include "../actions/actions.h"
#include "../classification/classification.h"
#include "../continuity/continuity.h"
#include "../forum/forum.h"
#include "../incidents/incidents.h"
#include "../requirements/requirements.h"
#include "../twostep/admin.h"
#include "../documents/documents.h"
#include "../followup/followup.h"
#include "../risks/risks.h"
#include "../scans/scans.h"
#include "../coverage/protection.h"
#include "../suppliers/suppliers.h"
#include "../csl/csl.h"
#include "../awareness/awareness.h"

/* Sections, in the order they appear on the page (after the fields). */
const entity_section entity_sections[] = {
    {"systems", need_system_section},
    {"assets", classification_asset_section},
    {"objects", need_object_section},
    {"objects", requirements_object_section},
    {"objects", service_levels_object_section},
    {"people", twostep_person_section},
    {"systems", protection_system_section},
    {"systems", scans_system_section},
    {"systems", suppliers_system_section},
    {"incidents", incident_phase_section},
    {"incidents", suppliers_incident_section},
    {"continuity_plans", suppliers_continuity_section},
    {NULL, NULL},
};

const entity_observer entity_observers[] = {
    /* a system going into procurement or operation is reclassified */
    {"systems", classification_system_written},
    /* a registered organisation renamed: a change to report within 14 days */
    {"units", csl_unit_written},
    {NULL, NULL},
};

/* what meets a requirement on every object's assessment */
const requirement_source requirement_sources[] = {
    {TR_doc_meets, documents_meeting_requirements},
    {TR_aw_meets, awareness_meeting_requirements},
    {0, NULL},
};

/* what a classification's decision changes for the requirements of the objects that
 * handle the information (requirements read classification, never the reverse) */
bool (*const classification_requirement_changes)(req *r, cls_change *objects,
                                                 int n) = requirements_change;

/* The start page's "Att göra": each area's items for the reader (src/entity/todo.h), in
 * any order (the page sorts them by heading and date). */
const todo_source todo_sources[] = {
    classification_todo, /* drafts to decide as owner; classifications to review */
    actions_todo,        /* my late and soon actions; plans awaiting their decision */
    incidents_todo,      /* my incident tasks; legal clocks for handlers */
    risks_todo,          /* risk acceptances to review in my units */
    continuity_todo,     /* plans whose test is due; the RSA to report */
    forum_todo,          /* the next forum meeting, what I present there */
    scans_todo,          /* scan findings past or near their remediation deadline */
    followup_todo,       /* audits due; findings without an action */
    agreements_todo,     /* agreements whose notice date or end is near */
    documents_todo,      /* styrdokument I own that are due for review */
    csl_todo,            /* changes to report (14 days), registration, management training */
    awareness_todo,      /* trainings I am to complete or repeat */
    NULL,
};
