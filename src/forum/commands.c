/* commands.c - approving a meeting's minutes (justering) and moving its postponed items
 * to the next meeting.
 *
 * The chair approves the minutes of a held meeting once every item is decided or
 * postponed; the agenda order of that moment is written into the order numbers, so the
 * minutes read the same later whatever happens to the risks, and from then on the
 * meeting and its items refuse every change (rules.c). A postponed item is copied, open,
 * to the next planned meeting: the minutes keep it as postponed where it was. */
#include "forum.h"
#include "../entity/handlers.h"
#include "../http/page.h"
#include "../core/util.h"
#include <stdlib.h>
#include <string.h>

static int approve(req *r, const entity *e, const record *rec, errors *errs)
{
    forum_meeting m;
    if (!forum_meeting_load(r, rec->id, &m)) return DB_ERROR;
    tr_key why = 0;
    if (m.approved_at)
        why = TR_forum_err_already_approved;
    else if (strcmp(m.status, "held") != 0)
        why = TR_forum_err_not_held;
    else if (!m.chair_id || atoll(m.chair_id) != r->auth->person_id)
        why = TR_forum_err_not_chair;
    if (why) {
        errors_add(errs, -1, why, NULL);
        return DB_CONSTRAINT;
    }
    if (db_begin(r->db) != DB_OK) return DB_ERROR;
    forum_row *rows = NULL;
    int n = forum_agenda(r, rec->id, &rows), rc = n < 0 ? DB_ERROR : DB_OK;
    for (int i = 0; rc == DB_OK && i < n; i++)
        if (!strcmp(rows[i].status, "open")) {
            errors_add(errs, -1, TR_forum_err_open_items, rows[i].title);
            rc = DB_CONSTRAINT;
        }
    const char *tenant = tenant_param(r);
    buf order;
    buf_init(&order, 0);
    for (int i = 0; i < n; i++)
        buf_printf(&order, "%s%s", i ? "," : "", rows[i].id);
    const char *approved_order = arena_strdup(r->a, buf_str(&order));
    buf_free(&order);
    for (int i = 0; rc == DB_OK && i < n; i++) {
        const char *p[] = {int_text(r->a, i + 1 > 999 ? 999 : i + 1), rows[i].id, tenant};
        rc = db_exec(r->db, "UPDATE forum_item SET position = $1 WHERE id = $2 AND tenant_id = $3",
                     3, p, NULL);
    }
    char now[21];
    time_now_iso(now);
    const char *me = int_text(r->a, r->auth->person_id);
    if (rc == DB_OK) {
        const char *p[] = {me, now, int_text(r->a, rec->id), tenant};
        rc = db_exec(r->db,
                     "UPDATE forum_meeting SET approved_by_id = $1, approved_at = $2, updated_at = "
                     "$2 WHERE id = $3 AND tenant_id = $4 AND approved_at IS NULL",
                     4, p, NULL);
    }
    if (rc == DB_OK) {
        /* the order the items were approved in (their ids) is part of the record */
        const char *triples[] = {"approved_by_id", NULL, me,
                                 "approved_at",    NULL, now,
                                 "agenda_order",   NULL, approved_order};
        rc = entity_audit(r, "approve", e, rec->id,
                          arena_printf(r->a, "%s %s", m.title, forum_local_time(r, m.starts_at)),
                          entity_diff_triples(r, triples, 3));
    }
    if (rc == DB_OK && db_commit(r->db) == DB_OK) return DB_OK;
    db_rollback(r->db);
    return rc == DB_OK ? DB_ERROR : rc;
}

void h_meeting_approve(req *r, resp *out)
{
    entity_command(r, out, &entity_meetings, approve, NULL);
}

/* The next planned, unapproved meeting after this one; NULL when there is none. */
static const char *next_meeting(req *r, int64_t id)
{
    forum_meeting m;
    if (!forum_meeting_load(r, id, &m)) return NULL;
    const char *p[] = {tenant_param(r), m.starts_at, int_text(r->a, id)};
    return db_scalar(r->db, r->a,
                     "SELECT id FROM forum_meeting WHERE tenant_id = $1 AND status = 'planned' AND "
                     "approved_at IS NULL AND starts_at > $2 AND id <> $3 ORDER BY starts_at, id "
                     "LIMIT 1",
                     3, p);
}

static void set(const entity *e, record *rec, const char *name, const char *v)
{
    int i = entity_field_index(e, name);
    rec->values[i] = v;
    rec->present[i] = true;
}

static int carry_over(req *r, const entity *e, const record *rec, errors *errs)
{
    const char *next = next_meeting(r, rec->id);
    if (!next) {
        errors_add(errs, -1, TR_forum_err_no_next, NULL);
        return DB_CONSTRAINT;
    }
    const char *p[] = {tenant_param(r), int_text(r->a, rec->id), next};
    db_res *res = NULL;
    if (db_begin(r->db) != DB_OK) return DB_ERROR;
    /* the postponed items not already on the next meeting (same source, or same title) */
    int rc = db_query(r->db, r->a,
                      "SELECT i.title, i.kind, i.source_entity, i.source_id, i.description, "
                      "i.presenter_id, i.proposal FROM forum_item i WHERE i.tenant_id = $1 AND "
                      "i.meeting_id = $2 AND i.status = 'postponed' AND NOT EXISTS (SELECT 1 FROM "
                      "forum_item n WHERE n.tenant_id = $1 AND n.meeting_id = $3 AND ((i.source_id "
                      "IS NOT NULL AND n.source_entity = i.source_entity AND n.source_id = "
                      "i.source_id) OR (i.source_id IS NULL AND n.title = i.title))) ORDER BY "
                      "i.position, i.id",
                      3, p, &res);
    const entity *fe = &entity_forum_items;
    for (int i = 0; rc == DB_OK && i < res->nrows; i++) {
        record *item = record_new(r, fe);
        set(fe, item, "meeting_id", next);
        set(fe, item, "title", db_cell(res, i, 0));
        set(fe, item, "kind", db_cell(res, i, 1));
        set(fe, item, "source_entity", db_cell(res, i, 2));
        set(fe, item, "source_id", db_cell(res, i, 3));
        set(fe, item, "description", db_cell(res, i, 4));
        set(fe, item, "presenter_id", db_cell(res, i, 5));
        set(fe, item, "proposal", db_cell(res, i, 6));
        set(fe, item, "status", "open");
        rc = entity_create_in(r, fe, item, errs);
    }
    if (rc == DB_OK)
        rc = entity_audit(r, "carry_over", e, rec->id,
                          arena_printf(r->a, "%d → %s", res->nrows, next), NULL);
    if (rc == DB_OK && db_commit(r->db) == DB_OK) return DB_OK;
    db_rollback(r->db);
    return rc == DB_OK ? DB_ERROR : rc;
}

void h_meeting_carry_over(req *r, resp *out)
{
    if (!perm_allows(r->auth, ACT_FORUM_WRITE, NULL)) {
        respond_error(r, out, 403, "forbidden", TR_err_forbidden);
        return;
    }
    int64_t id = 0;
    const char *next =
        r->nroute_args && parse_int64(r->route_args[0], &id) ? next_meeting(r, id) : NULL;
    entity_command(r, out, &entity_meetings, carry_over,
                   next ? arena_printf(r->a, "/meetings/%s?saved=1", next) : NULL);
}
