/* todo.c - classification's items on the start page (src/entity/todo.h): the drafts that
 * wait for the reader's decision as the information's owner or the owner's deputy, one click from
 * the draft's own page with its decision; and the current classifications in the reader's units
 * that are due for review, or marked for reclassification (a procurement, a go-live), unless a new
 * draft is already under way. */
#include "classification.h"
#include "../entity/due.h"
#include "../entity/todo.h"
#include "../core/util.h"
#include <string.h>

enum { MAX_ITEMS = 20 };

/* The drafts the reader decides: as the asset's owner, or as the deputy named on the
 * owner's information owner role (then the item says for whom). The reader's own assets
 * and those of the owners they stand in for come first (by the owner index, a few dozen),
 * then their drafts: walking every asset of a large kommun in name order until 20 drafts
 * turned up read 3,000 assets for a reader with none (4 ms on PostgreSQL). */
static bool drafts_to_decide(req *r, todo_list *l)
{
    const char *p[] = {tenant_param(r), int_text(r->a, r->auth->person_id)};
    db_res *res = NULL;
    const char *sql = arena_printf(
        r->a,
        "WITH mine AS MATERIALIZED (SELECT a.id, a.name, a.owner_id FROM information_asset a "
        "WHERE a.tenant_id = $1 AND a.owner_id = $2 AND a.status <> 'retired' UNION ALL SELECT "
        "a.id, a.name, a.owner_id FROM information_asset a WHERE a.tenant_id = $1 AND a.owner_id "
        "IN (SELECT ra.person_id FROM role_assignment ra WHERE ra.tenant_id = $1 AND ra.deputy_id "
        "= $2 AND ra.role = 'info_owner') AND a.owner_id <> $2 AND a.status <> 'retired' AND %s) "
        "SELECT t.id, m.name, CAST(t.version AS TEXT), CASE WHEN m.owner_id = $2 THEN NULL ELSE "
        "o.name END FROM mine m JOIN classification t ON t.tenant_id = $1 AND t.asset_id = m.id "
        "AND t.status = 'draft' LEFT JOIN person o ON o.id = m.owner_id AND o.tenant_id = $1 "
        "WHERE 1 = 1%s ORDER BY m.name, t.id LIMIT %d",
        cls_deputy_sql(r->a, "$1", "a.owner_id", "a.unit_id", "$2"),
        entity_read_scope(r, &entity_classifications, "t"), todo_limit(l, MAX_ITEMS));
    if (db_query(r->db, r->a, sql, 2, p, &res) != DB_OK) return false;
    for (int i = 0; i < res->nrows; i++) {
        todo_item *it = todo_add(r, l, TODO_DECIDE, TR_todo_what_cls_draft);
        it->title = arena_printf(r->a, "%s v%s", db_cell(res, i, 1), db_cell(res, i, 2));
        it->href = arena_printf(r->a, "/classifications/%s", db_cell(res, i, 0));
        it->verb = TR_todo_decide;
        if (db_cell(res, i, 3))
            it->note = arena_printf(r->a, "%s %s", tr(r->lang, TR_cls_todo_deputy_for),
                                    db_cell(res, i, 3));
    }
    return true;
}

/* The current classifications in the reader's units that are due for review, with the
 * condition on the review date (without one: only those marked for reclassification),
 * ordered so that the index on (tenant, is_current, next_review) gives them in order and
 * the query stops at its limit, rather than sorting every due one of a large tenant. */
static const char *due_sql(req *r, bool dated, int limit)
{
    return arena_printf(
        r->a,
        "SELECT %d AS part, t.id, a.name, t.next_review, t.review_trigger, a.id AS asset FROM "
        "classification t JOIN information_asset a ON a.id = t.asset_id AND a.tenant_id = "
        "t.tenant_id WHERE t.tenant_id = $1 AND t.is_current = 1 AND %s AND a.status <> "
        "'retired' AND (t.review_trigger IS NOT NULL OR t.next_review < $2) AND NOT EXISTS "
        "(SELECT 1 FROM classification d WHERE d.tenant_id = t.tenant_id AND d.asset_id = "
        "t.asset_id AND d.status = 'draft')%s%s ORDER BY %s a.name LIMIT %d",
        dated, dated ? "t.next_review IS NOT NULL" : "t.next_review IS NULL",
        entity_mine_scope(r, &entity_classifications, "t"),
        entity_read_scope(r, &entity_classifications, "t"), dated ? "t.next_review," : "", limit);
}

static bool due_for_review(req *r, todo_list *l)
{
    const field *next =
        &entity_classifications.fields[entity_field(&entity_classifications, "next_review")];
    const char *p[] = {tenant_param(r), todo_bound(r, l, next)};
    int limit = todo_limit(l, MAX_ITEMS);
    /* those marked for reclassification without a review date first, then by date: each
     * part walks its index in order and stops at the limit, both in one statement */
    db_res *res = NULL;
    const char *sql = arena_printf(r->a,
                                   "SELECT * FROM (%s) u UNION ALL SELECT * FROM (%s) d ORDER BY "
                                   "1, 4, 3, 2",
                                   due_sql(r, false, limit), due_sql(r, true, limit));
    if (db_query(r->db, r->a, sql, 2, p, &res) != DB_OK) return false;
    for (int i = 0; i < res->nrows && i < limit; i++) {
        const char *when = db_cell(res, i, 3), *trigger = db_cell(res, i, 4);
        char since[11] = "";
        bool late = due_past(r, next, when, since);
        todo_item *it =
            todo_add(r, l, late || trigger ? TODO_LATE : TODO_SOON, TR_todo_what_cls_review);
        it->title = db_cell(res, i, 2);
        it->href = arena_printf(r->a, "/assets/%s#classification", db_cell(res, i, 5));
        /* marked for reclassification: due now, not at the old review date */
        it->due = trigger && !late ? NULL : when;
        memcpy(it->since, since, sizeof since);
        if (trigger)
            it->note = arena_printf(r->a, "%s: %s", tr(r->lang, TR_cls_review_trigger),
                                    cls_trigger_text(r->lang, trigger));
    }
    return true;
}

bool classification_todo(req *r, todo_list *l)
{
    return drafts_to_decide(r, l) && due_for_review(r, l);
}
