/* publish.c - a decided styrdokument is communicated: published to everyone, to a unit's
 * staff (its subtree) or to the holders of a role, and each person it reaches confirms
 * "läst och förstått" — once per version, so a new version asks again. Its writers see
 * the share per förvaltning and who has not confirmed; each reader sees, on the start
 * page, what waits for them. */
#include "documents.h"
#include "../core/util.h"
#include "../entity/handlers.h"
#include "../../build/views/document_acks.h"
#include "../../build/views/document_home.h"
#include <stdlib.h>
#include <string.h>

const char *audience_reached_sql(arena *a, const char *target, const char *target_unit,
                                 const char *role)
{
    return arena_printf(
        a,
        "(%s = 'all' OR (%s = 'unit' AND EXISTS (SELECT 1 FROM unit pu WHERE pu.id = p.unit_id "
        "AND pu.path LIKE %s.path || '%%')) OR (%s = 'role' AND EXISTS (SELECT 1 FROM "
        "role_assignment ra JOIN unit ru ON ru.id = ra.unit_id WHERE ra.person_id = p.id AND "
        "ra.role = %s AND (%s.id IS NULL OR ru.path LIKE %s.path || '%%'))))",
        target, target, target_unit, target, role, target_unit, target_unit);
}

/* the förvaltning (or bolag) f whose subtree holds the unit pu, of the tenant SQL tenant */
#define FORVALTNING_OF_PU(tenant)                                                                  \
    "LEFT JOIN unit f ON f.tenant_id = " tenant " AND f.kind IN ('forvaltning', 'bolag') AND "     \
    "pu.path LIKE f.path || '%'"

const char *audience_forvaltning_join(void)
{
    return "JOIN unit pu ON pu.id = p.unit_id " FORVALTNING_OF_PU("p.tenant_id");
}

const char *audience_unit_forvaltning_join(void)
{
    return FORVALTNING_OF_PU("pu.tenant_id");
}

void audience_validate(req *r, const entity *e, record *rec, errors *errs)
{
    (void)r;
    const char *target = record_get(rec, e, "target");
    if (!target) return;
    if (!strcmp(target, "unit") && !record_get(rec, e, "target_unit_id"))
        errors_add(errs, entity_field(e, "target_unit_id"), TR_doc_err_target_unit, NULL);
    if (!strcmp(target, "role") && !record_get(rec, e, "target_role"))
        errors_add(errs, entity_field(e, "target_role"), TR_doc_err_target_role, NULL);
    if (!strcmp(target, "all")) record_set(rec, e, "target_unit_id", NULL);
    if (strcmp(target, "role") != 0) record_set(rec, e, "target_role", NULL);
}

/* The condition that the person under alias p is reached by a publication of document
 * doc_sql at version version_sql (SQL expressions): everyone, a unit's subtree, or a
 * role held anywhere (or within the target unit's subtree). */
static const char *reached_sql(req *r, const char *doc_sql, const char *version_sql)
{
    return arena_printf(r->a,
                        "EXISTS (SELECT 1 FROM document_publication pb LEFT JOIN unit tu ON tu.id "
                        "= pb.target_unit_id WHERE pb.tenant_id = p.tenant_id AND pb.document_id "
                        "= %s AND pb.version = %s AND %s)",
                        doc_sql, version_sql,
                        audience_reached_sql(r->a, "pb.target", "tu", "pb.target_role"));
}

static bool decided(const char *status)
{
    return status && (!strcmp(status, "beslutad") || !strcmp(status, "kommunicerad"));
}

void document_publication_validate(req *r, const entity *e, record *rec, const record *old,
                                   errors *errs)
{
    (void)old;
    const char *p[] = {record_get(rec, e, "document_id"), tenant_param(r)};
    db_res *doc = NULL;
    if (!p[0] ||
        db_query(r->db, r->a,
                 "SELECT status, version, unit_id FROM document WHERE id = $1 AND tenant_id = $2",
                 2, p, &doc) != DB_OK ||
        doc->nrows != 1) {
        errors_add(errs, entity_field(e, "document_id"), TR_err_ref, NULL);
        return;
    }
    if (!decided(db_cell(doc, 0, 0)))
        errors_add(errs, entity_field(e, "document_id"), TR_doc_err_not_decided, NULL);
    record_set(rec, e, "version", db_cell(doc, 0, 1));
    record_set(rec, e, "unit_id", db_cell(doc, 0, 2));
    audience_validate(r, e, rec, errs);
    if (!record_get(rec, e, "published_on")) {
        char today[11];
        date_today(today);
        record_set(rec, e, "published_on", arena_strdup(r->a, today));
    }
}

/* Published, a decided document is communicated. */
bool document_publication_after_write(req *r, const entity *e, record *rec, const record *old,
                                      errors *errs)
{
    (void)old;
    (void)errs;
    if (!rec) return true;
    const char *doc = record_get(rec, e, "document_id");
    const char *p[] = {doc, tenant_param(r)};
    const char *status = db_scalar(
        r->db, r->a, "SELECT status FROM document WHERE id = $1 AND tenant_id = $2", 2, p);
    if (!status || strcmp(status, "beslutad") != 0) return true;
    char now[21];
    time_now_iso(now);
    const char *q[] = {doc, tenant_param(r), now};
    const char *triples[] = {"status", "beslutad", "kommunicerad"};
    const char *title =
        db_scalar(r->db, r->a, "SELECT title FROM document WHERE id = $1 AND tenant_id = $2", 2, p);
    return db_exec(r->db,
                   "UPDATE document SET status = 'kommunicerad', updated_at = $3 WHERE id = $1 AND "
                   "tenant_id = $2",
                   3, q, NULL) == DB_OK &&
           entity_audit(r, "update", &entity_documents, atoll(doc), title,
                        entity_diff_triples(r, triples, 1)) == DB_OK;
}

/* Is the caller reached by a publication of this document's current version? */
static bool reaches_me(req *r, const char *doc, const char *version)
{
    const char *p[] = {tenant_param(r), int_text(r->a, r->auth->person_id), doc, version};
    const char *sql =
        arena_printf(r->a, "SELECT 1 FROM person p WHERE p.tenant_id = $1 AND p.id = $2 AND %s",
                     reached_sql(r, "$3", "$4"));
    return db_scalar(r->db, r->a, sql, 4, p) != NULL;
}

static int cmd_acknowledge(req *r, const entity *e, const record *rec, errors *errs)
{
    const char *doc = int_text(r->a, rec->id), *version = record_get(rec, e, "version");
    if (!decided(record_get(rec, e, "status")) || !reaches_me(r, doc, version)) {
        errors_add(errs, -1, TR_doc_err_not_reached, NULL);
        return DB_CONSTRAINT;
    }
    char now[21];
    time_now_iso(now);
    const char *p[] = {tenant_param(r), doc, version, int_text(r->a, r->auth->person_id), now};
    if (db_begin(r->db) != DB_OK) return DB_ERROR;
    db_res *made = NULL;
    int rc =
        db_query(r->db, r->a,
                 "INSERT INTO document_ack (tenant_id, document_id, version, person_id, unit_id, "
                 "confirmed_at, created_at) SELECT $1, $2, $3, p.id, p.unit_id, $5, $5 FROM "
                 "person p WHERE p.id = $4 AND p.tenant_id = $1 ON CONFLICT DO NOTHING "
                 "RETURNING id",
                 5, p, &made);
    /* confirmed before: nothing new to record */
    if (rc == DB_OK && made->nrows == 1)
        rc = entity_audit(r, "create", &entity_document_acks, db_cell_int(made, 0, 0),
                          arena_printf(r->a, "%s v%s", record_get(rec, e, "title"), version), NULL);
    if (rc == DB_OK) return db_commit(r->db);
    db_rollback(r->db);
    return rc;
}

void h_document_acknowledge(req *r, resp *out)
{
    const char *back = r->api ? NULL : kv_get(&r->form, "back");
    entity_command(r, out, &entity_documents, cmd_acknowledge,
                   back && !strcmp(back, "home") ? "/home" : NULL);
}

void document_ack_section(req *r, const entity *e, const record *rec, buf *out)
{
    const char *doc = int_text(r->a, rec->id), *version = record_get(rec, e, "version");
    if (!decided(record_get(rec, e, "status"))) return;
    const char *p[] = {tenant_param(r), doc, version, int_text(r->a, r->auth->person_id)};
    const char *reached = reached_sql(r, "$2", "$3");
    bool mine = reaches_me(r, doc, version);
    const char *confirmed =
        mine ? db_scalar(r->db, r->a,
                         "SELECT confirmed_at FROM document_ack WHERE tenant_id = $1 AND "
                         "document_id = $2 AND version = $3 AND person_id = $4",
                         4, p)
             : NULL;
    db_res *share = NULL, *missing = NULL;
    bool writer = entity_may_write(r, e, rec);
    if (writer) {
        /* per förvaltning (or bolag): the one the person's unit lies in; förvaltningar do
         * not nest, so there is at most one. Those above any (kommunstyrelsen) count apart. */
        const char *from = arena_printf(
            r->a,
            " FROM person p %s LEFT JOIN document_ack a ON a.tenant_id = p.tenant_id AND "
            "a.document_id = $2 AND a.version = $3 AND a.person_id = p.id WHERE p.tenant_id = $1 "
            "AND p.active = 1 AND %s",
            audience_forvaltning_join(), reached);
        if (db_query(r->db, r->a,
                     arena_printf(r->a,
                                  "SELECT f.name, COUNT(*), COUNT(a.id)%s GROUP BY f.name ORDER BY "
                                  "CASE WHEN f.name IS NULL THEN 1 ELSE 0 END, f.name",
                                  from),
                     3, p, &share) != DB_OK ||
            db_query(r->db, r->a,
                     arena_printf(r->a,
                                  "SELECT p.id, p.name, pu.name%s AND a.id IS NULL ORDER BY "
                                  "p.name, p.id LIMIT 200",
                                  from),
                     3, p, &missing) != DB_OK)
            share = missing = NULL;
    }
    if (!mine && !(share && share->nrows)) return;
    const entity *acks = &entity_document_acks;
    if (confirmed)
        confirmed =
            field_value_display(r, &acks->fields[entity_field(acks, "confirmed_at")], confirmed);
    view_document_acks(out, r->lang, r, doc, version, mine, confirmed, share, missing);
}

bool documents_home_card(req *r, buf *out)
{
    if (!r->auth || !r->auth->person_id) return true;
    const char *p[] = {tenant_param(r), int_text(r->a, r->auth->person_id)};
    db_res *rows = NULL;
    const char *sql = arena_printf(
        r->a,
        "SELECT d.id, d.title, d.version FROM document d JOIN person p ON p.id = $2 AND "
        "p.tenant_id = d.tenant_id WHERE d.tenant_id = $1 AND d.status IN ('beslutad', "
        "'kommunicerad') AND %s AND NOT EXISTS (SELECT 1 FROM document_ack a WHERE a.tenant_id = "
        "d.tenant_id AND a.document_id = d.id AND a.version = d.version AND a.person_id = p.id) "
        "ORDER BY d.title, d.id LIMIT 20",
        reached_sql(r, "d.id", "d.version"));
    if (db_query(r->db, r->a, sql, 2, p, &rows) != DB_OK) return false;
    if (rows->nrows) view_document_home(out, r->lang, r, rows);
    return true;
}
