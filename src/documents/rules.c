/* rules.c - the rules of a styrdokument. Its level decides where it sits: a policy at the
 * top, a riktlinje under the policy, a tillämpningsanvisning or rutin under either. Its
 * status goes utkast → beslutad → kommunicerad → upphävd; a decided version is never
 * edited — setting it back to utkast starts the next version, and each decision is kept
 * in document_version. The review date follows the decision by the review interval. */
#include "documents.h"
#include "../core/util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int status_rank(const char *s)
{
    static const char *const order[] = {"utkast", "beslutad", "kommunicerad", "upphavd"};
    for (int i = 0; s && i < 4; i++)
        if (!strcmp(s, order[i])) return i;
    return -1;
}

bool document_transition_allowed(const char *from, const char *to)
{
    int f = status_rank(from), t = status_rank(to);
    if (f < 0 || t < 0) return false;
    if (f == t) return true;
    if (f == 3) return false;            /* upphävd is final */
    if (t == 0) return f == 1 || f == 2; /* a decided one's next version */
    return t == f + 1 || (t == 3 && f >= 1);
}

static int level_rank(const char *level)
{
    if (!level) return -1;
    if (!strcmp(level, "policy")) return 0;
    if (!strcmp(level, "riktlinje")) return 1;
    if (!strcmp(level, "tillampningsanvisning") || !strcmp(level, "rutin")) return 2;
    return -1;
}

bool document_parent_allowed(const char *child, const char *parent)
{
    int c = level_rank(child);
    if (!parent) return c >= 0;
    int p = level_rank(parent);
    return c >= 1 && p >= 0 && p < c;
}

static bool decided(const char *status)
{
    return status && (!strcmp(status, "beslutad") || !strcmp(status, "kommunicerad"));
}

/* the fields a decided version holds: changed only by starting the next version */
static const char *const locked[] = {
    "title",      "level",      "parent_id",          "unit_id",      "body", "link",
    "decided_by", "decided_on", "decision_paragraph", "diarienummer", NULL};

static void check_parent(req *r, const entity *e, record *rec, const record *old, errors *errs)
{
    const char *level = record_get(rec, e, "level"), *parent = record_get(rec, e, "parent_id");
    const char *parent_level = NULL;
    if (parent) {
        const char *p[] = {parent, tenant_param(r)};
        parent_level = db_scalar(
            r->db, r->a, "SELECT level FROM document WHERE id = $1 AND tenant_id = $2", 2, p);
    }
    if (!document_parent_allowed(level, parent_level) ||
        (old && parent && atoll(parent) == old->id))
        errors_add(errs, entity_field(e, "parent_id"), TR_doc_err_parent, NULL);
    if (!old || str_same(level, record_get(old, e, "level"))) return;
    /* a new level must still sit above every document under it */
    const char *p[] = {int_text(r->a, old->id), tenant_param(r)};
    db_res *children = NULL;
    if (db_query(r->db, r->a, "SELECT level FROM document WHERE parent_id = $1 AND tenant_id = $2",
                 2, p, &children) != DB_OK)
        return;
    for (int i = 0; i < children->nrows; i++)
        if (!document_parent_allowed(db_cell(children, i, 0), level)) {
            errors_add(errs, entity_field(e, "level"), TR_doc_err_children, NULL);
            return;
        }
}

void document_validate(req *r, const entity *e, record *rec, const record *old, errors *errs)
{
    const char *status = record_get(rec, e, "status");
    const char *was = old ? record_get(old, e, "status") : NULL;
    int si = entity_field(e, "status");
    if (!old && !strcmp(status, "upphavd")) errors_add(errs, si, TR_doc_err_transition, NULL);
    if (old && !document_transition_allowed(was, status))
        errors_add(errs, si, TR_doc_err_transition, NULL);
    if (errs->n) return;
    bool next_version = old && decided(was) && !strcmp(status, "utkast");
    if (old && !next_version && strcmp(was, "utkast") != 0) {
        for (const char *const *f = locked; *f; f++)
            if (!str_same(record_get(rec, e, *f), record_get(old, e, *f))) {
                errors_add(errs, entity_field(e, *f), TR_doc_err_locked, NULL);
                return;
            }
    }
    check_parent(r, e, rec, old, errs);
    const char *link = record_get(rec, e, "link");
    if (link && strncmp(link, "https://", 8) != 0 && strncmp(link, "http://", 7) != 0)
        errors_add(errs, entity_field(e, "link"), TR_doc_err_link, NULL);
    record_set(rec, e, "version",
               old ? int_text(r->a, atoll(record_get(old, e, "version")) + next_version) : "1");
    if (!record_get(rec, e, "review_months")) record_set(rec, e, "review_months", "12");
    if (next_version) {
        /* the next version waits for its own decision */
        for (const char *const *f = locked + 6; *f; f++)
            record_set(rec, e, *f, NULL);
        return;
    }
    if (!decided(status) || decided(was)) return;
    /* being decided now: by whom and when, and the review date follows */
    const char *on = record_get(rec, e, "decided_on");
    char today[11];
    date_today(today);
    if (!record_get(rec, e, "decided_by"))
        errors_add(errs, entity_field(e, "decided_by"), TR_doc_err_decision, NULL);
    if (!on)
        errors_add(errs, entity_field(e, "decided_on"), TR_doc_err_decision, NULL);
    else if (strcmp(on, today) > 0)
        errors_add(errs, entity_field(e, "decided_on"), TR_doc_err_future, NULL);
    const char *next = record_get(rec, e, "next_review");
    char due[11];
    if (on &&
        (!next || strcmp(next, on) <= 0 ||
         (old && str_same(next, record_get(old, e, "next_review")))) &&
        date_add_months(on, atoi(record_get(rec, e, "review_months")), due))
        record_set(rec, e, "next_review", arena_strdup(r->a, due));
}

/* A decision is kept as a version: the text, link and file as they were decided. */
static bool keep_version(req *r, const entity *e, record *rec, errors *errs)
{
    const entity *v = &entity_document_versions;
    record *kept = record_new(r, v);
    record_set(kept, v, "document_id", int_text(r->a, rec->id));
    static const char *const copied[] = {"version",      "title",      "unit_id",
                                         "body",         "link",       "file_name",
                                         "decided_by",   "decided_on", "decision_paragraph",
                                         "diarienummer", NULL};
    for (const char *const *f = copied; *f; f++)
        record_set(kept, v, *f, record_get(rec, e, *f));
    if (entity_create_in(r, v, kept, errs) != DB_OK) return false;
    const char *p[] = {int_text(r->a, kept->id), int_text(r->a, rec->id), tenant_param(r)};
    return db_exec(
               r->db,
               "UPDATE document_version SET file_type = (SELECT d.file_type FROM document d "
               "WHERE d.id = $2 AND d.tenant_id = $3), file_data = (SELECT d.file_data FROM "
               "document d WHERE d.id = $2 AND d.tenant_id = $3) WHERE id = $1 AND tenant_id = $3",
               3, p, NULL) == DB_OK;
}

bool document_after_write(req *r, const entity *e, record *rec, const record *old, errors *errs)
{
    if (!rec) return true;
    const char *was = old ? record_get(old, e, "status") : NULL;
    if (decided(record_get(rec, e, "status")) && !decided(was) && !str_same(was, "upphavd") &&
        !keep_version(r, e, rec, errs))
        return false;
    if (!old || str_same(record_get(rec, e, "unit_id"), record_get(old, e, "unit_id"))) return true;
    /* the requirements it meets follow a document to another unit, for their writers */
    const char *p[] = {record_get(rec, e, "unit_id"), int_text(r->a, rec->id), tenant_param(r)};
    return db_exec(r->db,
                   "UPDATE document_requirement SET unit_id = $1 WHERE document_id = $2 AND "
                   "tenant_id = $3",
                   3, p, NULL) == DB_OK;
}

void document_link_validate(req *r, const entity *e, record *rec, const record *old, errors *errs)
{
    (void)old;
    const char *p[] = {record_get(rec, e, "document_id"), tenant_param(r)};
    db_res *doc = NULL;
    if (!p[0] ||
        db_query(r->db, r->a, "SELECT unit_id FROM document WHERE id = $1 AND tenant_id = $2", 2, p,
                 &doc) != DB_OK ||
        doc->nrows != 1) {
        errors_add(errs, entity_field(e, "document_id"), TR_err_ref, NULL);
        return;
    }
    record_set(rec, e, "unit_id", db_cell(doc, 0, 0));
}
