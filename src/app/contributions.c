/* contributions.c - what one area adds to another area's kinds: sections on their
 * detail pages and observers of their writes. The lower area (inventory) never names the
 * higher one (classification, requirements); they meet here. An area that adds to
 * another's page adds a line to a table below. */
#include "../entity/entity.h"
#include "../classification/classification.h"
#include "../requirements/requirements.h"
#include "../twostep/admin.h"
#include "../documents/documents.h"

/* Sections, in the order they appear on the page (after the fields). */
const entity_section entity_sections[] = {
    {"systems", need_system_section},
    {"assets", classification_asset_section},
    {"objects", need_object_section},
    {"objects", requirements_object_section},
    {"people", twostep_person_section},
    {NULL, NULL},
};

const entity_observer entity_observers[] = {
    /* a system going into procurement or operation is reclassified */
    {"systems", classification_system_written},
    {NULL, NULL},
};

/* what meets a requirement on every object's assessment */
const requirement_source requirement_sources[] = {
    {TR_doc_meets, documents_meeting_requirements},
    {0, NULL},
};
