/* rules.c - the forum's rules. A meeting has the forum's name unless given another and
 * starts planned. An item belongs to a meeting that is neither cancelled nor approved;
 * a risk, incident or action item names its source, a row of the tenant the caller may
 * see (an incident: only its handlers and its reporter); a decided item carries its
 * decision. Only those who run the forum (ACT_FORUM_WRITE) decide: a forum member
 * (ACT_FORUM_PROPOSE) raises matters on a planned meeting and adds notes. Once the
 * minutes are approved, the meeting and its items are frozen. */
#include "forum.h"
#include "../core/escape.h"
#include "../core/util.h"
#include <stdlib.h>
#include <string.h>

static int fi(const entity *e, const char *name)
{
    return entity_field_index(e, name);
}

static const char *val(const entity *e, const record *rec, const char *name)
{
    return rec->values[fi(e, name)];
}

static void set(const entity *e, record *rec, const char *name, const char *v)
{
    int i = fi(e, name);
    rec->values[i] = v;
    rec->present[i] = true;
}

static bool same(const char *a, const char *b)
{
    return (str_empty(a) && str_empty(b)) || (a && b && !strcmp(a, b));
}

void meeting_validate(req *r, const entity *e, record *rec, const record *old, errors *errs)
{
    (void)r;
    if (old && val(e, old, "approved_at")) {
        errors_add(errs, -1, TR_forum_err_frozen, NULL);
        return;
    }
    /* who chaired a held meeting is a fact: the chair approves its minutes, so a writer
     * who could name another chair (or re-open the meeting to do so) could have them
     * approved by anyone */
    if (old && same(val(e, old, "status"), "held")) {
        if (!same(val(e, old, "chair_id"), val(e, rec, "chair_id")))
            errors_add(errs, fi(e, "chair_id"), TR_forum_err_chair_fixed, NULL);
        if (!same(val(e, rec, "status"), "held"))
            errors_add(errs, fi(e, "status"), TR_forum_err_chair_fixed, NULL);
    }
    if (str_empty(val(e, rec, "title"))) set(e, rec, "title", tr(LANG_SV, TR_forum_default_title));
    if (str_empty(val(e, rec, "status"))) set(e, rec, "status", "planned");
}

bool forum_may_see_incident(req *r, const char *incident_id)
{
    if (perm_allows(r->auth, ACT_INCIDENT_HANDLE, NULL)) return true;
    const char *p[] = {incident_id, tenant_param(r), int_text(r->a, r->auth->person_id)};
    return incident_id && db_scalar(r->db, r->a,
                                    "SELECT 1 FROM incident WHERE id = $1 AND tenant_id = $2 AND "
                                    "reporter_id = $3",
                                    3, p);
}

/* The source entity each kind links to. */
static const char *source_of_kind(const char *kind)
{
    forum_kind k = forum_kind_from_code(kind);
    return k == FK_RISK       ? "risks"
           : k == FK_INCIDENT ? "incidents"
           : k == FK_ACTION   ? "actions"
                              : NULL;
}

static void check_source(req *r, const entity *e, record *rec, errors *errs)
{
    const char *kind = val(e, rec, "kind");
    const char *want = source_of_kind(kind);
    const char *src = val(e, rec, "source_entity"), *id = val(e, rec, "source_id");
    if (!want) {
        if (src || id) errors_add(errs, fi(e, "source_entity"), TR_forum_err_free_source, NULL);
        return;
    }
    /* the kind says which entity: an id alone is enough */
    if (!src && id) set(e, rec, "source_entity", src = want);
    if (!id) {
        errors_add(errs, fi(e, "source_id"), TR_forum_err_source_needed, NULL);
        return;
    }
    if (strcmp(src, want) != 0) {
        errors_add(errs, fi(e, "source_entity"), TR_forum_err_source_kind, want);
        return;
    }
    const entity *s = entity_find(src);
    const char *p[] = {id, tenant_param(r)};
    const char *sql =
        arena_printf(r->a, "SELECT 1 FROM %s WHERE id = $1 AND tenant_id = $2", s->table);
    /* an incident the caller may not see is answered as one that does not exist */
    if (!db_scalar(r->db, r->a, sql, 2, p) ||
        (!strcmp(src, "incidents") && !forum_may_see_incident(r, id))) {
        errors_add(errs, fi(e, "source_id"), TR_err_ref, NULL);
        return;
    }
    /* one item per record and meeting: the agenda takes a matter up once */
    const char *q[] = {tenant_param(r), val(e, rec, "meeting_id"), src, id};
    if (db_scalar(r->db, r->a,
                  "SELECT 1 FROM forum_item WHERE tenant_id = $1 AND meeting_id = $2 AND "
                  "source_entity = $3 AND source_id = $4",
                  4, q))
        errors_add(errs, fi(e, "source_id"), TR_forum_err_already_on_agenda, NULL);
}

/* A forum member may raise a matter and add notes, not decide or rewrite it. */
static void proposer_limits(req *r, const entity *e, record *rec, const record *old, errors *errs)
{
    if (perm_allows(r->auth, ACT_FORUM_WRITE, NULL)) return;
    if (!old) {
        if (!str_empty(val(e, rec, "decision")))
            errors_add(errs, fi(e, "decision"), TR_forum_err_writers_only, NULL);
        if (strcmp(val(e, rec, "status"), "open") != 0)
            errors_add(errs, fi(e, "status"), TR_forum_err_writers_only, NULL);
        return;
    }
    for (int i = 0; i < e->nfields; i++)
        if (strcmp(e->fields[i].name, "notes") != 0 && !same(rec->values[i], old->values[i]))
            errors_add(errs, i, TR_forum_err_notes_only, NULL);
}

void forum_item_validate(req *r, const entity *e, record *rec, const record *old, errors *errs)
{
    const char *meeting = val(e, rec, "meeting_id");
    const char *p[] = {meeting, tenant_param(r)};
    db_res *m = NULL;
    if (db_query(r->db, r->a,
                 "SELECT status, approved_at FROM forum_meeting WHERE id = $1 AND tenant_id = $2",
                 2, p, &m) != DB_OK ||
        m->nrows != 1) {
        errors_add(errs, fi(e, "meeting_id"), TR_err_ref, NULL);
        return;
    }
    if (db_cell(m, 0, 1)) {
        errors_add(errs, -1, TR_forum_err_frozen, NULL);
        return;
    }
    const char *mstatus = db_cell(m, 0, 0);
    if (!old && !strcmp(mstatus, "cancelled"))
        errors_add(errs, fi(e, "meeting_id"), TR_forum_err_cancelled, NULL);
    if (str_empty(val(e, rec, "status"))) set(e, rec, "status", "open");
    if (!old) check_source(r, e, rec, errs);
    const char *status = val(e, rec, "status");
    if (!strcmp(status, "decided") && str_empty(val(e, rec, "decision")))
        errors_add(errs, fi(e, "decision"), TR_forum_err_decision_needed, NULL);
    if (!perm_allows(r->auth, ACT_FORUM_WRITE, NULL) && strcmp(mstatus, "planned") != 0 && !old)
        errors_add(errs, fi(e, "meeting_id"), TR_forum_err_not_planned, NULL);
    proposer_limits(r, e, rec, old, errs);
    if (str_empty(val(e, rec, "position"))) {
        const char *next = db_scalar(r->db, r->a,
                                     "SELECT COALESCE(MAX(position), 0) + 1 FROM forum_item "
                                     "WHERE meeting_id = $1 AND tenant_id = $2",
                                     2, p);
        long n = next ? atol(next) : 1;
        set(e, rec, "position", int_text(r->a, n > 999 ? 999 : n));
    }
}

void forum_item_detail_extra(req *r, const entity *e, const record *rec, buf *out)
{
    const char *src = val(e, rec, "source_entity"), *id = val(e, rec, "source_id");
    const entity *s = src ? entity_find(src) : NULL;
    if (!s || !id) return;
    buf_puts(out, "<p>");
    esc_html(out, tr(r->lang, TR_forum_item_source));
    buf_puts(out, ": ");
    if (!strcmp(src, "incidents") && !forum_may_see_incident(r, id)) {
        /* need-to-know: the reference number only, no title, no link */
        const char *q[] = {id, tenant_param(r)};
        const char *ref = db_scalar(
            r->db, r->a, "SELECT reference FROM incident WHERE id = $1 AND tenant_id = $2", 2, q);
        esc_html(out, tr(r->lang, s->label_one));
        buf_puts(out, " ");
        esc_html(out, ref ? ref : id);
        buf_puts(out, " <span class=\"muted\">(");
        esc_html(out, tr(r->lang, TR_forum_need_to_know));
        buf_puts(out, ")</span></p>");
        return;
    }
    buf_printf(out, "<a href=\"/%s/", s->name);
    esc_html(out, id);
    buf_puts(out, "\">");
    esc_html(out, tr(r->lang, s->label_one));
    buf_puts(out, " ");
    esc_html(out, ref_name(r, s, id));
    buf_puts(out, "</a></p>");
}
