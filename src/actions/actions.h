/* actions.h - the actions of the handlingsplan (MSB's fields: aktivitet, mål,
 * säkerhetsåtgärd, prioritet, kostnad/resurser, ansvarig, start, slut), the yearly plan
 * and its decision.
 *
 * Creating an action "from" another record — the URL contract other areas use:
 *
 *     /actions/new?source_entity=<entity name>&source_id=<id>[&unit_id=<id>][&title=…]
 *
 * opens the action form with the origin filled in (any other field of the form, such as
 * unit_id, title or plan_year, can be prefilled the same way). source_entity is the
 * record's entity name as in its URL ("risks", "incidents", "answers", …): it must be a
 * registered entity, and source_id must be a row of it in the caller's tenant that the
 * caller may read (an incident is need-to-know: src/entity/origin.h); both or neither
 * are given. Risks take the same origin: /risks/new?source_entity=…&source_id=…. The same two
 * fields are accepted by POST /api/v1/actions. The action's page then links back to
 * /<source_entity>/<source_id>, and lists of actions can be filtered by
 * ?source_entity=…&source_id=…. An action created from a risk is also linked to that risk
 * (risk_actions), so it shows on the risk's page. */
#ifndef LIS_ACTIONS_H
#define LIS_ACTIONS_H
#include "../entity/entity.h"
#include "plan.h"

extern const entity entity_actions, entity_plan_decisions;

void action_validate(req *r, const entity *e, record *rec, const record *old, errors *errs);
void action_form_defaults(req *r, const entity *e, record *rec);
bool action_after_write(req *r, const entity *e, record *rec, const record *old, errors *errs);
void action_detail_extra(req *r, const entity *e, const record *rec, buf *out);
void decision_validate(req *r, const entity *e, record *rec, const record *old, errors *errs);

/* GET /plan: the years; GET /plan/:year: the year's plan, its decision and the changes
 * since; POST /plan/:year/carry-over: unfinished actions to the next year (CISO);
 * GET /plan/:year/follow-up: late, due soon and done, per responsible and förvaltning. */
void h_plan_index(req *r, resp *out);
void h_plan_year(req *r, resp *out);
void h_plan_year_pdf(req *r, resp *out);
void h_plan_carry_over(req *r, resp *out);
void h_plan_follow_up(req *r, resp *out);
/* todo.c: the reader's late and soon actions, plans awaiting their decision (the start
 * page, src/entity/todo.h) */
struct todo_list;
bool actions_todo(req *r, struct todo_list *l);
#endif
