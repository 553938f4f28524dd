/* phase_page.c - an incident's page: how long detecting, containing and restoring took
 * (phase_times.c), in words ("Begränsad efter 3 h 20 min"), or which time is missing or
 * out of order. Shown where the incident is shown: to its handlers and its reporter. */
#include "incidents.h"
#include "phase_times.h"
#include "../core/util.h"
#include "../../build/views/incident_phases.h"

void incident_phase_section(req *r, int64_t incident_id, buf *out)
{
    const char *p[] = {tenant_param(r), int_text(r->a, incident_id)};
    db_res *res = NULL;
    if (db_query(r->db, r->a,
                 "SELECT discovered_at, aware_at, contained_at, handled_at FROM incident WHERE "
                 "tenant_id = $1 AND id = $2",
                 2, p, &res) != DB_OK ||
        !res->nrows)
        return;
    phase_span spans[SPANS];
    incident_phase_spans(db_cell(res, 0, 0), db_cell(res, 0, 1), db_cell(res, 0, 2),
                         db_cell(res, 0, 3), spans);
    const char *texts[SPANS];
    for (int i = 0; i < SPANS; i++) {
        char *t = arena_alloc(r->a, 32);
        if (!t) return;
        span_text(spans[i].minutes, t, 32);
        texts[i] = t;
    }
    view_incident_phases(out, r->lang, spans, texts);
}
