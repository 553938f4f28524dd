/* phases.c - the lägesbild's view of where the kommun's measures sit among the four phases
 * (prevent, detect, respond, recover; seed 001): per phase, the requirement assessments
 * met and not met, and the open and late actions — each within the reader's read scope
 * (assessments are need-to-know through their object). A last row counts what has no
 * phase yet. The assessments are summed from their counts per object and phase, kept on
 * every answer write (answer_phase_tally, src/requirements/tally.c): the scope, which
 * names the object, applies to those rows as to the answers. The tenant's answers to the
 * organisation-wide requirements (src/requirements/org.c) are counted once, beside them. */
#include "dashboard.h"
#include "../actions/actions.h"
#include "../org/phases.h"
#include "../requirements/requirements.h"
#include "../core/util.h"
#include "../../build/views/dash_phases.h"
#include <stdlib.h>
#include <string.h>

static int phase_index(const char *code)
{
    for (int i = 0; code && i < PHASES; i++)
        if (!strcmp(code, phase_codes[i])) return i;
    return PHASES; /* none */
}

void dashboard_phase_section(req *r, const char *today, buf *out)
{
    const char *p[] = {tenant_param(r), today};
    db_res *answers = NULL, *actions = NULL, *org = NULL;
    if (db_query(r->db, r->a,
                 arena_printf(r->a,
                              "SELECT a.phase, SUM(a.met), SUM(a.not_met) FROM "
                              "answer_phase_tally a WHERE a.tenant_id = $1%s GROUP BY a.phase",
                              entity_read_scope(r, &entity_answers, "a")),
                 1, p, &answers) != DB_OK ||
        db_query(r->db, r->a,
                 arena_printf(r->a,
                              "SELECT q.phase, SUM(CASE WHEN t.status = 'met' THEN 1 ELSE 0 END), "
                              "SUM(CASE WHEN t.status IN ('partly', 'not_met') THEN 1 ELSE 0 END) "
                              "FROM org_answer t JOIN requirement q ON q.tenant_id = t.tenant_id "
                              "AND q.id = t.requirement_id AND q.org_wide = 1 AND q.active = 1 "
                              "WHERE t.tenant_id = $1%s GROUP BY q.phase",
                              entity_read_scope(r, &entity_org_answers, "t")),
                 1, p, &org) != DB_OK ||
        db_query(r->db, r->a,
                 arena_printf(r->a,
                              "SELECT t.phase, COUNT(*), SUM(CASE WHEN t.end_date < $2 THEN 1 ELSE "
                              "0 END) FROM action_item t WHERE t.tenant_id = $1 AND t.status IN "
                              "('planned', 'ongoing')%s GROUP BY t.phase",
                              entity_read_scope(r, &entity_actions, "t")),
                 2, p, &actions) != DB_OK)
        return;
    dash_phase_row rows[PHASES + 1];
    memset(rows, 0, sizeof rows);
    for (int i = 0; i < answers->nrows; i++) {
        dash_phase_row *row = &rows[phase_index(db_cell(answers, i, 0))];
        row->met += db_cell_int(answers, i, 1);
        row->not_met += db_cell_int(answers, i, 2);
    }
    for (int i = 0; i < org->nrows; i++) {
        dash_phase_row *row = &rows[phase_index(db_cell(org, i, 0))];
        row->met += db_cell_int(org, i, 1);
        row->not_met += db_cell_int(org, i, 2);
    }
    for (int i = 0; i < actions->nrows; i++) {
        dash_phase_row *row = &rows[phase_index(db_cell(actions, i, 0))];
        row->open += db_cell_int(actions, i, 1);
        row->late += db_cell_int(actions, i, 2);
    }
    view_dash_phases(out, r->lang, rows);
}
