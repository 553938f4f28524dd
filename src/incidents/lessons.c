/* lessons.c - from an incident's lessons learned to risks and actions, one click each:
 * every lesson gets a "create risk" and a "create action" button that open the risk or
 * action form prefilled (title and text from the lesson, the unit the incident affects,
 * the incident as origin: the URL contract of actions.h). Nothing is saved until the
 * user saves the form, so what leaves the incident is what they saw and accepted. The
 * incident page then lists what was made from it. */
#include "incidents.h"
#include "../core/escape.h"
#include "../core/util.h"
#include "../entity/origin.h"
#include "../../build/views/incident_lessons.h"
#include <string.h>

enum {
    MAX_LESSONS = 30,
    TITLE_CHARS = 120, /* the forms take 200 */
    TEXT_CHARS = 2000, /* keeps the prefilled URL well within a request's limits */
};

/* The unit the incident affects: a unit linked to it, else the unit of a linked system
 * or information asset; NULL when nothing is linked. */
static const char *affected_unit(req *r, int64_t id)
{
    const char *p[] = {int_text(r->a, id), tenant_param(r)};
    return db_scalar(r->db, r->a,
                     "SELECT COALESCE(l.unit_id, s.unit_id, a.unit_id) FROM incident_link l LEFT "
                     "JOIN system s ON s.id = l.system_id LEFT JOIN information_asset a ON a.id = "
                     "l.asset_id WHERE l.incident_id = $1 AND l.tenant_id = $2 ORDER BY CASE WHEN "
                     "l.unit_id IS NULL THEN 1 ELSE 0 END, l.id LIMIT 1",
                     2, p);
}

void incident_lessons_section(req *r, const record *rec, buf *out)
{
    const char *lessons = record_get(rec, &entity_incidents, "lessons");
    const char *items[MAX_LESSONS];
    int n = str_empty(lessons) ? 0 : origin_text_items(r->a, lessons, items, MAX_LESSONS);
    if (n) {
        const char *unit = affected_unit(r, rec->id);
        const char *path = unit ? unit_path_of(r, unit) : NULL;
        bool may = perm_allows(r->auth, ACT_RISK_WRITE, path);
        view_incident_lessons(out, r->lang, r, (long long)rec->id, items, n, unit, may);
    }
    origin_made_from(r, &entity_incidents, rec->id, TR_inc_made_from, out);
}
