/* suggest.c - "Föreslå ärenden": what a planned meeting should take up, found in the
 * tenant's records — open risks at the two top levels (hög, mycket hög), late actions of
 * the handlingsplan, and open incidents with legal clocks (significant incidents and
 * personal-data breaches; only for those who handle incidents, and named by reference
 * only, need-to-know) — none already on an open item of any meeting or on this meeting
 * at all. The user sees the list first, picks, and the picked ones are created in one
 * transaction, each audited, with a summary row on the meeting. */
#include "forum.h"
#include "../entity/handlers.h"
#include "../http/page.h"
#include "../core/escape.h"
#include "../core/util.h"
#include "../../build/views/forum_suggest.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

/* at most this many of each kind: a meeting's agenda, not the register */
enum { MAX_EACH = 25 };

typedef struct candidate {
    const char *kind, *source_entity, *source_id, *title, *description, *presenter_id, *why;
} candidate;

/* not on an open item anywhere, nor on this meeting in any state */
#define NOT_ON_AGENDA(src, col)                                                                    \
    " AND NOT EXISTS (SELECT 1 FROM forum_item f WHERE f.tenant_id = $1 AND f.source_entity = "    \
    "'" src "' AND f.source_id = " col " AND (f.status = 'open' OR f.meeting_id = $2))"

/* The candidates, risks first, then actions, then incidents; -1 on a database error.
 * shown: they go to the reader, so the read is recorded (in its own transaction: not
 * from inside the caller's); when they are only turned into items, those are audited. */
static int candidates(req *r, int64_t meeting, bool shown, candidate **out)
{
    char today[11];
    date_today(today);
    const char *p[] = {tenant_param(r), int_text(r->a, meeting), today};
    db_res *risks = NULL, *acts = NULL, *incs = NULL;
    bool handler = perm_allows(r->auth, ACT_INCIDENT_HANDLE, NULL);
    if (db_query(
            r->db, r->a,
            "SELECT id, title, level, owner_id FROM risk WHERE tenant_id = $1 AND status = "
            "'open' AND level IN ('high', 'very_high')" NOT_ON_AGENDA(
                "risks",
                "risk.id") " ORDER BY CASE level WHEN 'very_high' THEN 0 ELSE 1 END, likelihood * "
                           "consequence DESC, title, id LIMIT 25",
            2, p, &risks) != DB_OK ||
        db_query(r->db, r->a,
                 "SELECT id, title, end_date, responsible_id FROM action_item WHERE tenant_id = "
                 "$1 AND status IN ('planned', 'ongoing') AND end_date < $3" NOT_ON_AGENDA(
                     "actions", "action_item.id") " ORDER BY end_date, id LIMIT 25",
                 3, p, &acts) != DB_OK ||
        (handler &&
         db_query(r->db, r->a,
                  "SELECT id, reference, significant, personal_data FROM incident WHERE tenant_id "
                  "= $1 AND status <> 'closed' AND (significant = 'yes' OR personal_data = "
                  "'yes')" NOT_ON_AGENDA("incidents", "incident.id") " ORDER BY reference, id "
                                                                     "LIMIT 25",
                  2, p, &incs) != DB_OK))
        return -1;
    /* the list names weaknesses: one read row per kind, as every list of them leaves */
    const char *what = "forum suggestions";
    if (shown && (!entity_audit_read_rows(r, entity_find("risks"), risks, 0, what) ||
                  !entity_audit_read_rows(r, entity_find("actions"), acts, 0, what) ||
                  (incs && !entity_audit_read_rows(r, entity_find("incidents"), incs, 0, what))))
        return -1;
    int n = risks->nrows + acts->nrows + (incs ? incs->nrows : 0), k = 0;
    candidate *c = arena_alloc(r->a, sizeof(candidate) * (size_t)(n ? n : 1));
    for (int i = 0; i < risks->nrows; i++)
        c[k++] = (candidate){"risk",
                             "risks",
                             db_cell(risks, i, 0),
                             db_cell(risks, i, 1),
                             NULL,
                             db_cell(risks, i, 3),
                             arena_printf(r->a, "%s: %s", tr(r->lang, TR_risk_level),
                                          tr(r->lang, risk_level_label(risk_level_from_code(
                                                          db_cell(risks, i, 2)))))};
    for (int i = 0; i < acts->nrows; i++)
        c[k++] =
            (candidate){"action",
                        "actions",
                        db_cell(acts, i, 0),
                        db_cell(acts, i, 1),
                        NULL,
                        db_cell(acts, i, 3),
                        arena_printf(r->a, tr(r->lang, TR_forum_why_late), db_cell(acts, i, 2))};
    for (int i = 0; incs && i < incs->nrows; i++) {
        bool sig = !strcmp(db_cell(incs, i, 2), "yes"), pd = !strcmp(db_cell(incs, i, 3), "yes");
        tr_key why = sig && pd ? TR_forum_why_both
                     : sig     ? TR_forum_why_significant
                               : TR_forum_why_personal;
        /* the reference and why it is here: nothing of its content (need-to-know) */
        c[k++] = (candidate){"incident",
                             "incidents",
                             db_cell(incs, i, 0),
                             arena_printf(r->a, "%s %s — %s", tr(r->lang, TR_incidents_one),
                                          db_cell(incs, i, 1), tr(r->lang, why)),
                             tr(r->lang, TR_forum_incident_description),
                             NULL,
                             tr(r->lang, why)};
    }
    *out = c;
    return k;
}

static const char *pick_key(req *r, const candidate *c)
{
    return arena_printf(r->a, "%s:%s", c->source_entity, c->source_id);
}

/* Is the meeting open for suggestions? (planned, not approved) */
static bool suggestible(const forum_meeting *m)
{
    return !strcmp(m->status, "planned") && !m->approved_at;
}

/* The route's meeting and what could be suggested for it (none unless it is planned and
 * open), for the forum's managers; -1 after answering 404, 403 or 500. */
static int route_candidates(req *r, resp *out, forum_meeting *m, candidate **c)
{
    if (!forum_route_meeting(r, out, m)) return -1;
    if (!perm_allows(r->auth, ACT_FORUM_WRITE, NULL)) {
        respond_error(r, out, 403, "forbidden", TR_err_forbidden);
        return -1;
    }
    int n = suggestible(m) ? candidates(r, m->id, true, c) : 0;
    if (n < 0) respond_error(r, out, 500, "internal", TR_err_internal);
    return n;
}

void h_meeting_suggest_preview(req *r, resp *out)
{
    forum_meeting m;
    candidate *c = NULL;
    int n = route_candidates(r, out, &m, &c);
    if (n < 0) return;
    const char **keys = arena_alloc(r->a, sizeof(char *) * 4 * (size_t)(n + 1));
    const char **kinds = keys + n + 1, **titles = kinds + n + 1, **whys = titles + n + 1;
    for (int i = 0; i < n; i++) {
        keys[i] = pick_key(r, &c[i]);
        kinds[i] = forum_kind_label(r, c[i].kind);
        titles[i] = c[i].title;
        whys[i] = c[i].why;
    }
    page_begin(r, out, tr(r->lang, TR_forum_suggest), "meetings");
    view_forum_suggest(&out->body, r->lang, r, &m, suggestible(&m), n, keys, kinds, titles, whys);
    page_end(r, out);
}

/* The picks of the request: the form's "pick" values, or the API's {"pick": [...]}
 * (absent: every candidate). NULL entries mean "all". */
static bool picked(req *r, const char *key, json_t *api_picks, bool api_all)
{
    if (r->api) {
        if (api_all) return true;
        size_t i;
        json_t *v;
        json_array_foreach(api_picks, i, v) if (json_is_string(v) &&
                                                !strcmp(json_string_value(v), key)) return true;
        return false;
    }
    for (int i = 0; i < r->form.n; i++)
        if (!strcmp(r->form.items[i].key, "pick") && !strcmp(r->form.items[i].value, key))
            return true;
    return false;
}

static void set(const entity *e, record *rec, const char *name, const char *v)
{
    int i = entity_field_index(e, name);
    rec->values[i] = v;
    rec->present[i] = true;
}

static int suggest(req *r, const entity *e, const record *meeting, errors *errs)
{
    (void)e;
    forum_meeting m;
    if (!forum_meeting_load(r, meeting->id, &m) || !suggestible(&m)) {
        errors_add(errs, -1, TR_forum_err_not_planned, NULL);
        return DB_CONSTRAINT;
    }
    json_t *body = NULL, *picks = NULL;
    bool all = false;
    if (r->api) {
        body = json_loadb(r->body ? r->body : "", r->body_len, 0, NULL);
        picks = body ? json_object_get(body, "pick") : NULL;
        if (!body || !json_is_object(body) || (picks && !json_is_array(picks))) {
            json_decref(body);
            errors_add(errs, -1, TR_forum_err_picks, NULL);
            return DB_CONSTRAINT;
        }
        all = picks == NULL;
    }
    if (db_begin(r->db) != DB_OK) {
        json_decref(body);
        return DB_ERROR;
    }
    candidate *c = NULL;
    int n = candidates(r, meeting->id, false, &c), made = 0, rc = n < 0 ? DB_ERROR : DB_OK;
    for (int i = 0; rc == DB_OK && i < n; i++) {
        if (!picked(r, pick_key(r, &c[i]), picks, all)) continue;
        const entity *fe = &entity_forum_items;
        record *rec = record_new(r, fe);
        set(fe, rec, "meeting_id", int_text(r->a, meeting->id));
        set(fe, rec, "title", c[i].title);
        set(fe, rec, "kind", c[i].kind);
        set(fe, rec, "source_entity", c[i].source_entity);
        set(fe, rec, "source_id", c[i].source_id);
        set(fe, rec, "description", c[i].description);
        set(fe, rec, "presenter_id", c[i].presenter_id);
        set(fe, rec, "status", "open");
        rc = entity_create_in(r, fe, rec, errs);
        made++;
    }
    json_decref(body);
    if (rc == DB_OK && made)
        rc = entity_audit(r, "suggest", &entity_meetings, meeting->id,
                          arena_printf(r->a, "%d", made), NULL);
    if (rc == DB_OK && db_commit(r->db) == DB_OK) return DB_OK;
    db_rollback(r->db);
    return rc == DB_OK ? DB_ERROR : rc;
}

void h_meeting_suggest(req *r, resp *out)
{
    if (!perm_allows(r->auth, ACT_FORUM_WRITE, NULL)) {
        respond_error(r, out, 403, "forbidden", TR_err_forbidden);
        return;
    }
    entity_command(r, out, &entity_meetings, suggest, NULL);
}

void api_meeting_suggestions(req *r, resp *out)
{
    forum_meeting m;
    candidate *c = NULL;
    int n = route_candidates(r, out, &m, &c);
    if (n < 0) return;
    json_t *arr = json_array();
    for (int i = 0; i < n; i++) {
        json_t *o = json_object();
        json_object_set_new(o, "pick", json_string(pick_key(r, &c[i])));
        json_object_set_new(o, "kind", json_string(c[i].kind));
        json_object_set_new(o, "source_entity", json_string(c[i].source_entity));
        json_object_set_new(o, "source_id", json_integer(atoll(c[i].source_id)));
        json_object_set_new(o, "title", json_string(c[i].title));
        json_object_set_new(o, "reason", json_string(c[i].why));
        json_array_append_new(arr, o);
    }
    json_t *doc = json_pack("{s:o, s:b}", "suggestions", arr, "open", suggestible(&m));
    char *s = json_dumps(doc, JSON_COMPACT);
    json_decref(doc);
    buf_puts(&out->body, s ? s : "{}");
    free(s);
    respond_json(out, 200);
}
