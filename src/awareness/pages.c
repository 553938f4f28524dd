/* pages.c - what a campaign's page shows besides its fields: for its writers, the share of
 * the target group that completed it per förvaltning and per role, the repeats that are
 * overdue, and who in the target group never did the basic course; for a phishing drill,
 * to every reader, the numbers per förvaltning and their change since the drill before.
 * The same figures as JSON (GET /api/v1/training_campaigns/:id/summary). And the
 * requirements (UTB-*) that campaigns meet, for the self-assessment of every object. */
#include "awareness.h"
#include "../documents/documents.h"
#include "../org/org.h"
#include "../core/escape.h"
#include "../core/util.h"
#include "../http/page.h"
#include "../../build/views/awareness_campaign.h"
#include "../../build/views/awareness_phishing.h"
#include "../../build/views/awareness_mine.h"
#include <stdlib.h>
#include <string.h>

/* The people reached by campaign $2 of tenant $1, as a table of its own (alias x): each
 * one's person_id, unit_id and last_on, their latest completion of it (NULL: none); only
 * the person whose id is the SQL person, unless NULL. The latest completions are one pass
 * over the campaign's range of the completions' unique index, grouped by person, and the
 * people one pass over an index of the tenant's active ones with their units (migration
 * 0047) — no query per person. */
static const char *reached_sql(req *r, const char *person)
{
    const char *only = person ? arena_printf(r->a, " AND person_id = %s", person) : "";
    return arena_printf(
        r->a,
        "(SELECT p.id AS person_id, p.unit_id AS unit_id, l.last_on AS last_on FROM "
        "training_campaign c LEFT JOIN unit tu ON tu.id = c.target_unit_id JOIN person p ON "
        "p.tenant_id = c.tenant_id LEFT JOIN (SELECT person_id, MAX(completed_on) AS last_on FROM "
        "training_completion WHERE tenant_id = $1 AND campaign_id = $2%s GROUP BY person_id) l ON "
        "l.person_id = p.id WHERE c.id = $2 AND c.tenant_id = $1 AND p.active = 1 AND p.unit_id "
        "IS NOT NULL%s AND %s) x",
        only, person ? arena_printf(r->a, " AND p.id = %s", person) : "",
        audience_reached_sql(r->a, "c.target", "tu", "c.target_role"));
}

/* The people reached with their unit pu, then join (" JOIN …" or "") and where
 * (" WHERE …" or ""). */
static const char *reached_from(req *r, const char *join, const char *where)
{
    return arena_printf(r->a, " FROM %s JOIN unit pu ON pu.id = x.unit_id%s%s",
                        reached_sql(r, NULL), join, where);
}

static const char *const person_join = " JOIN person p ON p.id = x.person_id";
/* Those who never completed a basic course of tenant $1: the basic courses' completions are
 * read once, not once per person. */
static const char *const without_basic =
    " WHERE x.person_id NOT IN (SELECT bc.person_id FROM training_completion bc JOIN "
    "training_campaign bk ON bk.id = bc.campaign_id WHERE bc.tenant_id = $1 AND bk.basic = 1)";

int awareness_summary(req *r, const entity *e, const record *rec, awareness_parts parts,
                      awareness_summary_t *s)
{
    memset(s, 0, sizeof *s);
    const char *id = int_text(r->a, rec->id);
    const char *months = record_get(rec, e, "repeat_months");
    char today[11], cutoff[11];
    date_today(today);
    s->cutoff = months && awareness_repeat_cutoff(today, atoi(months), cutoff)
                    ? arena_strdup(r->a, cutoff)
                    : NULL;
    /* $3 only where the query compares with it: PostgreSQL types every parameter it gets */
    const char *p[] = {tenant_param(r), id, s->cutoff ? s->cutoff : ""};
    const char *kind = record_get(rec, e, "kind");
    s->phishing = kind && !strcmp(kind, "phishing");
    if (s->phishing) {
        const char *drill_sql =
            "SELECT u.id, u.name, d.sent, d.clicked, d.reported FROM phishing_result d JOIN unit u "
            "ON u.id = d.forvaltning_id WHERE d.tenant_id = $1 AND d.campaign_id = $2 ORDER BY "
            "u.name, u.id";
        const char *start = record_get(rec, e, "starts_on");
        const char *q[] = {tenant_param(r), start ? start : "", id};
        db_res *prev = NULL;
        int rc = db_query(r->db, r->a, drill_sql, 2, p, &s->drill);
        if (rc != DB_OK || parts == AW_SUMMARY_SHARE) return rc;
        rc = db_query(r->db, r->a,
                      "SELECT id, name FROM training_campaign WHERE tenant_id = $1 AND kind = "
                      "'phishing' AND (COALESCE(starts_on, '') < $2 OR (COALESCE(starts_on, "
                      "'') = $2 AND id < $3)) ORDER BY COALESCE(starts_on, '') DESC, id DESC "
                      "LIMIT 1",
                      3, q, &prev);
        if (rc == DB_OK && prev->nrows) {
            s->before_id = db_cell(prev, 0, 0);
            s->before_name = db_cell(prev, 0, 1);
            const char *b[] = {tenant_param(r), s->before_id};
            rc = db_query(r->db, r->a, drill_sql, 2, b, &s->before);
        }
        if (rc == DB_OK)
            rc = db_query(r->db, r->a,
                          "SELECT c.id, c.name, c.starts_on, SUM(d.sent), SUM(d.clicked), "
                          "SUM(d.reported) FROM training_campaign c JOIN phishing_result d ON "
                          "d.tenant_id = c.tenant_id AND d.campaign_id = c.id WHERE c.tenant_id = "
                          "$1 AND c.kind = 'phishing' GROUP BY c.id, c.name, c.starts_on ORDER BY "
                          "COALESCE(c.starts_on, ''), c.id LIMIT 100",
                          1, p, &s->drills);
        return rc;
    }
    /* the reader's own: in the target group, and when they last completed it */
    if (parts == AW_SUMMARY_ALL && r->auth && r->auth->person_id) {
        const char *m[] = {tenant_param(r), id, int_text(r->a, r->auth->person_id)};
        db_res *mine = NULL;
        if (db_query(r->db, r->a,
                     arena_printf(r->a,
                                  "SELECT x.last_on FROM %s JOIN unit pu ON pu.id = x.unit_id",
                                  reached_sql(r, "$3")),
                     3, m, &mine) != DB_OK)
            return DB_ERROR;
        s->mine = mine->nrows == 1;
        s->my_last = s->mine ? db_cell(mine, 0, 0) : NULL;
        char due[11];
        if (s->my_last && months && awareness_repeat_overdue(s->my_last, atoi(months), today) &&
            date_add_months(s->my_last, atoi(months), due))
            s->my_repeat_due = arena_strdup(r->a, due);
    }
    if (!entity_may_write(r, e, rec)) return DB_OK;
    s->writer = true;
    /* per förvaltning: counted per unit first, so that each unit (not each person) is
     * matched with the förvaltning above it */
    int rc = db_query(
        r->db, r->a,
        arena_printf(r->a,
                     "SELECT f.name, SUM(g.reached), SUM(g.done), SUM(g.late) FROM (SELECT "
                     "x.unit_id AS unit_id, COUNT(*) AS reached, SUM(CASE WHEN x.last_on > $3 "
                     "THEN 1 ELSE 0 END) AS done, SUM(CASE WHEN x.last_on <= $3 THEN 1 ELSE 0 "
                     "END) AS late FROM %s GROUP BY x.unit_id) g JOIN unit pu ON pu.id = "
                     "g.unit_id %s GROUP BY f.name ORDER BY CASE WHEN f.name IS NULL THEN 1 ELSE "
                     "0 END, f.name",
                     reached_sql(r, NULL), audience_unit_forvaltning_join()),
        3, p, &s->share);
    if (rc != DB_OK || parts == AW_SUMMARY_SHARE) return rc;
    /* per role: each holder once, however many units they hold it in */
    rc = db_query(r->db, r->a,
                  arena_printf(r->a,
                               "SELECT ra.role, COUNT(*), SUM(CASE WHEN x.last_on > $3 THEN 1 ELSE "
                               "0 END)%s GROUP BY ra.role ORDER BY ra.role",
                               reached_from(r,
                                            " JOIN (SELECT DISTINCT person_id, role FROM "
                                            "role_assignment WHERE tenant_id = $1) ra ON "
                                            "ra.person_id = x.person_id",
                                            "")),
                  3, p, &s->roles);
    if (rc == DB_OK)
        rc = db_query(r->db, r->a,
                      arena_printf(r->a,
                                   "SELECT p.id, p.name, pu.name, x.last_on%s ORDER BY x.last_on, "
                                   "p.name, p.id LIMIT 200",
                                   reached_from(r, person_join, " WHERE x.last_on <= $3")),
                      3, p, &s->overdue);
    s->has_basic =
        db_scalar(r->db, r->a, "SELECT 1 FROM training_campaign WHERE tenant_id = $1 AND basic = 1",
                  1, p) != NULL;
    if (rc == DB_OK && s->has_basic) {
        /* the first 200 and, on each row, how many they are in all */
        rc = db_query(r->db, r->a,
                      arena_printf(r->a,
                                   "SELECT p.id, p.name, pu.name, COUNT(*) OVER ()%s ORDER BY "
                                   "p.name, p.id LIMIT 200",
                                   reached_from(r, person_join, without_basic)),
                      2, p, &s->no_basic);
        if (rc == DB_OK && s->no_basic->nrows) s->without_basic = db_cell_int(s->no_basic, 0, 3);
    }
    return rc;
}

/* A role's label as the roles' form has it. */
static const char *role_label(req *r, const char *code)
{
    const entity *roles = &entity_roles;
    return enum_label(r, &roles->fields[entity_field(roles, "role")], code);
}

/* The row of förvaltning id in a drill's numbers, or -1. */
static int drill_row(const db_res *d, const char *id)
{
    for (int i = 0; d && i < d->nrows; i++)
        if (!strcmp(db_cell(d, i, 0), id)) return i;
    return -1;
}

void campaign_detail_extra(req *r, const entity *e, const record *rec, buf *out)
{
    awareness_summary_t s;
    if (awareness_summary(r, e, rec, AW_SUMMARY_ALL, &s) != DB_OK) return;
    if (s.phishing) {
        view_awareness_phishing(out, r->lang, &s);
        return;
    }
    view_awareness_mine(out, r->lang, &s);
    if (!s.writer) return;
    const char **roles = arena_alloc(r->a, sizeof(char *) * (size_t)(s.roles->nrows + 1));
    for (int i = 0; i < s.roles->nrows; i++)
        roles[i] = role_label(r, db_cell(s.roles, i, 0));
    view_awareness_campaign(out, r->lang, r, int_text(r->a, rec->id), &s, roles);
}

/* a rate of a drill's row: column col of those sent, in whole percent */
static int pct(const db_res *d, int row, int col)
{
    return awareness_share_percent(db_cell_int(d, row, col), db_cell_int(d, row, 2));
}

int awareness_drill_percent(const db_res *d, int row, int col)
{
    return pct(d, row, col);
}

int awareness_before_percent(const awareness_summary_t *s, int row, int col)
{
    int b = drill_row(s->before, db_cell(s->drill, row, 0));
    return b < 0 ? -1 : pct(s->before, b, col);
}

void h_api_campaign_summary(req *r, resp *out)
{
    const entity *e = &entity_training_campaigns;
    int64_t id;
    db_res *row = NULL;
    if (!r->nroute_args || !parse_int64(r->route_args[0], &id) || !entity_may_read(r, e) ||
        entity_get(r, e, id, &row) != DB_OK || !row->nrows) {
        respond_error(r, out, 404, "not_found", TR_err_not_found);
        return;
    }
    record *rec = record_from_row(r, e, row, 0);
    awareness_summary_t s;
    if (awareness_summary(r, e, rec, AW_SUMMARY_ALL, &s) != DB_OK) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    respond_json(out, 200);
    buf *b = &out->body;
    buf_printf(b, "{\"id\":%lld,\"repeat_cutoff\":", (long long)id);
    if (s.cutoff)
        esc_json_string(b, s.cutoff);
    else
        buf_puts(b, "null");
    if (s.phishing) {
        buf_puts(b, ",\"previous_drill\":");
        if (s.before_id) {
            buf_printf(b, "{\"id\":%s,\"name\":", s.before_id);
            esc_json_string(b, s.before_name);
            buf_puts(b, "}");
        } else {
            buf_puts(b, "null");
        }
        buf_puts(b, ",\"phishing\":[");
        long long sent = 0, clicked = 0, reported = 0;
        for (int i = 0; i < s.drill->nrows; i++) {
            long long n = db_cell_int(s.drill, i, 2), c = db_cell_int(s.drill, i, 3),
                      k = db_cell_int(s.drill, i, 4);
            sent += n, clicked += c, reported += k;
            int cp = awareness_share_percent(c, n), before = awareness_before_percent(&s, i, 3);
            buf_printf(b, "%s{\"forvaltning_id\":%s,\"forvaltning\":", i ? "," : "",
                       db_cell(s.drill, i, 0));
            esc_json_string(b, db_cell(s.drill, i, 1));
            buf_printf(b,
                       ",\"sent\":%lld,\"clicked\":%lld,\"reported\":%lld,\"clicked_percent\":%d,"
                       "\"reported_percent\":%d,\"previous_clicked_percent\":",
                       n, c, k, cp, awareness_share_percent(k, n));
            if (before < 0)
                buf_puts(b, "null,\"clicked_trend_points\":null}");
            else
                buf_printf(b, "%d,\"clicked_trend_points\":%d}", before,
                           phishing_trend_points(before, cp));
        }
        buf_puts(b, "],\"drills\":[");
        for (int i = 0; i < s.drills->nrows; i++) {
            long long n = db_cell_int(s.drills, i, 3);
            buf_printf(b, "%s{\"id\":%s,\"name\":", i ? "," : "", db_cell(s.drills, i, 0));
            esc_json_string(b, db_cell(s.drills, i, 1));
            buf_puts(b, ",\"starts_on\":");
            if (db_cell(s.drills, i, 2))
                esc_json_string(b, db_cell(s.drills, i, 2));
            else
                buf_puts(b, "null");
            buf_printf(b, ",\"sent\":%lld,\"clicked_percent\":%d,\"reported_percent\":%d}", n,
                       awareness_share_percent(db_cell_int(s.drills, i, 4), n),
                       awareness_share_percent(db_cell_int(s.drills, i, 5), n));
        }
        buf_printf(b,
                   "],\"total\":{\"sent\":%lld,\"clicked\":%lld,\"reported\":%lld,"
                   "\"clicked_percent\":%d,\"reported_percent\":%d}}",
                   sent, clicked, reported, awareness_share_percent(clicked, sent),
                   awareness_share_percent(reported, sent));
        return;
    }
    buf_puts(b, ",\"mine\":");
    if (!s.mine) {
        buf_puts(b, "null");
    } else {
        buf_puts(b, "{\"last_completed_on\":");
        if (s.my_last)
            esc_json_string(b, s.my_last);
        else
            buf_puts(b, "null");
        buf_puts(b, ",\"repeat_overdue_since\":");
        if (s.my_repeat_due)
            esc_json_string(b, s.my_repeat_due);
        else
            buf_puts(b, "null");
        buf_puts(b, "}");
    }
    if (!s.writer) {
        buf_puts(b, "}");
        return;
    }
    buf_puts(b, ",\"per_forvaltning\":[");
    for (int i = 0; i < s.share->nrows; i++) {
        long long n = db_cell_int(s.share, i, 1), k = db_cell_int(s.share, i, 2);
        buf_puts(b, i ? ",{\"forvaltning\":" : "{\"forvaltning\":");
        if (db_cell(s.share, i, 0))
            esc_json_string(b, db_cell(s.share, i, 0));
        else
            buf_puts(b, "null");
        buf_printf(b, ",\"reached\":%lld,\"completed\":%lld,\"overdue\":%lld,\"percent\":%d}", n, k,
                   (long long)db_cell_int(s.share, i, 3), awareness_share_percent(k, n));
    }
    buf_puts(b, "],\"per_role\":[");
    for (int i = 0; i < s.roles->nrows; i++) {
        long long n = db_cell_int(s.roles, i, 1), k = db_cell_int(s.roles, i, 2);
        buf_puts(b, i ? ",{\"role\":" : "{\"role\":");
        esc_json_string(b, db_cell(s.roles, i, 0));
        buf_printf(b, ",\"reached\":%lld,\"completed\":%lld,\"percent\":%d}", n, k,
                   awareness_share_percent(k, n));
    }
    buf_puts(b, "],\"overdue\":[");
    for (int i = 0; i < s.overdue->nrows; i++) {
        buf_printf(b, "%s{\"person_id\":%s,\"name\":", i ? "," : "", db_cell(s.overdue, i, 0));
        esc_json_string(b, db_cell(s.overdue, i, 1));
        buf_puts(b, ",\"last_completed_on\":");
        esc_json_string(b, db_cell(s.overdue, i, 3));
        buf_puts(b, "}");
    }
    buf_printf(b, "],\"basic_course\":%s,\"without_basic_count\":%lld,\"without_basic\":[",
               s.has_basic ? "true" : "false", s.without_basic);
    for (int i = 0; s.no_basic && i < s.no_basic->nrows; i++) {
        buf_printf(b, "%s{\"person_id\":%s,\"name\":", i ? "," : "", db_cell(s.no_basic, i, 0));
        esc_json_string(b, db_cell(s.no_basic, i, 1));
        buf_puts(b, "}");
    }
    buf_puts(b, "]}");
}

int awareness_meeting_requirements(req *r, const char *unit_id, db_res **rows)
{
    /* a campaign meets its requirement for the units it reaches once someone completed it
     * (or, a drill, once its numbers are in) */
    const char *p[] = {tenant_param(r), unit_id};
    return db_query(
        r->db, r->a,
        "SELECT c.requirement_id, '/training_campaigns/' || CAST(c.id AS TEXT), c.name FROM "
        "training_campaign c WHERE c.tenant_id = $1 AND c.requirement_id IS NOT NULL AND "
        "(c.unit_id IS NULL OR EXISTS (SELECT 1 FROM unit cu JOIN unit ou ON ou.tenant_id = "
        "cu.tenant_id WHERE cu.id = c.unit_id AND ou.id = $2 AND ou.path LIKE cu.path || '%')) "
        "AND (EXISTS (SELECT 1 FROM training_completion x WHERE x.tenant_id = c.tenant_id AND "
        "x.campaign_id = c.id) OR EXISTS (SELECT 1 FROM phishing_result d WHERE d.tenant_id = "
        "c.tenant_id AND d.campaign_id = c.id)) ORDER BY c.name, c.id",
        2, p, rows);
}
