/* findings.c - what an audit finding and a review decision lead to: an action of the
 * handlingsplan, opened with one click prefilled from the record (the URL contract of
 * actions.h: the record is the action's origin, and the action's page links back), and
 * the list of the actions made from it, so that following up shows what became of it. */
#include "followup.h"
#include "../core/util.h"
#include "../entity/origin.h"
#include "../../build/views/followup_to_action.h"
#include <string.h>

void audit_finding_detail_extra(req *r, const entity *e, const record *rec, buf *out)
{
    const char *unit = record_get(rec, e, "unit_id"), *status = record_get(rec, e, "status");
    const char *title = record_get(rec, e, "title"), *text = record_get(rec, e, "description");
    /* the action's title is the item's first sentence (origin_prefill_button): the finding's
     * title, then its description as the measure's text */
    size_t len = title ? strlen(title) : 0;
    const char *item =
        str_empty(text)
            ? title
            : arena_printf(r->a, "%s%s %s", title, len && title[len - 1] == '.' ? "" : ".", text);
    bool may = perm_allows(r->auth, ACT_RISK_WRITE, unit_path_of(r, unit));
    if (status && !strcmp(status, "open"))
        view_followup_to_action(out, r->lang, r, e, (long long)rec->id, unit, item, may,
                                TR_fu_finding_to_action);
    origin_made_from(r, e, rec->id, TR_fu_made_from, out);
}

void review_decision_detail_extra(req *r, const entity *e, const record *rec, buf *out)
{
    /* an action needs a unit: the person responsible for it picks it in the form */
    bool may = perm_paths(r->auth, ACT_RISK_WRITE, &(const char *){NULL}, 1) > 0;
    view_followup_to_action(out, r->lang, r, e, (long long)rec->id, NULL,
                            record_get(rec, e, "decision"), may, TR_fu_decision_to_action);
    origin_made_from(r, e, rec->id, TR_fu_made_from, out);
}

void review_decision_row_action(req *r, const entity *child, const db_res *rows, int row, buf *out)
{
    int64_t id;
    if (!parse_int64(db_cell(rows, row, 0), &id) ||
        perm_paths(r->auth, ACT_RISK_WRITE, &(const char *){NULL}, 1) <= 0)
        return;
    const char *decision = db_cell(rows, row, entity_col(child, entity_field(child, "decision")));
    origin_prefill_button(r, out, "actions", "measure", child, id, NULL, decision,
                          TR_fu_decision_to_action);
}
