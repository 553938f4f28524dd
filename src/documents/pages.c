/* pages.c - what a styrdokument's page shows besides its fields: its file (and, while it
 * is a draft, the form to replace it), and the changes of its text — a draft against the
 * version last decided, a decided version against the one before it. */
#include "documents.h"
#include "../core/util.h"
#include "../../build/views/document_diff.h"
#include "../../build/views/document_file.h"
#include <stdlib.h>
#include <string.h>

/* The text of version (document id and number as text) or NULL; found says whether such
 * a version exists. */
static const char *version_body(req *r, const char *document, const char *version, bool *found)
{
    const char *p[] = {document, version, tenant_param(r)};
    db_res *res = NULL;
    *found = db_query(r->db, r->a,
                      "SELECT body FROM document_version WHERE document_id = $1 AND version = $2 "
                      "AND tenant_id = $3",
                      3, p, &res) == DB_OK &&
             res->nrows == 1;
    return *found ? db_cell(res, 0, 0) : NULL;
}

static void changes(req *r, const char *old, const char *now, const char *since, buf *out)
{
    diff_line *lines = NULL;
    int n = diff_lines(r->a, old, now, &lines);
    bool changed = false;
    for (int i = 0; i < n && !changed; i++)
        changed = lines[i].op != DIFF_SAME;
    const char *heading = arena_printf(r->a, "%s %s", tr(r->lang, TR_doc_diff_since), since);
    view_document_diff(out, r->lang, heading, lines, changed || n < 0 ? n : 0);
}

void document_detail_extra(req *r, const entity *e, const record *rec, buf *out)
{
    bool draft = !strcmp(record_get(rec, e, "status"), "utkast");
    const char *id = int_text(r->a, rec->id);
    document_ack_section(r, e, rec, out);
    view_document_file(out, r->lang, r, arena_printf(r->a, "/documents/%s/file", id),
                       arena_printf(r->a, "/documents/%s/file", id),
                       record_get(rec, e, "file_name"), draft && entity_may_write(r, e, rec));
    /* a draft of a next version: what it changes in the one in force */
    long long version = atoll(record_get(rec, e, "version"));
    if (!draft || version < 2) return;
    const char *prev = int_text(r->a, version - 1);
    bool found;
    const char *old = version_body(r, id, prev, &found);
    if (found) changes(r, old, record_get(rec, e, "body"), prev, out);
}

void document_version_detail_extra(req *r, const entity *e, const record *rec, buf *out)
{
    const char *id = int_text(r->a, rec->id);
    if (record_get(rec, e, "file_name"))
        view_document_file(out, r->lang, r, "",
                           arena_printf(r->a, "/document_versions/%s/file", id),
                           record_get(rec, e, "file_name"), false);
    long long version = atoll(record_get(rec, e, "version"));
    if (version < 2) return;
    const char *prev = int_text(r->a, version - 1);
    bool found;
    const char *old = version_body(r, record_get(rec, e, "document_id"), prev, &found);
    if (found) changes(r, old, record_get(rec, e, "body"), prev, out);
}

int documents_meeting_requirements(req *r, const char *unit_id, db_res **rows)
{
    const char *p[] = {tenant_param(r), unit_id};
    const char *sql = arena_printf(
        r->a,
        "SELECT x.requirement_id, '/documents/' || CAST(d.id AS TEXT), d.title FROM "
        "document_requirement x JOIN document d ON d.tenant_id = x.tenant_id AND d.id = "
        "x.document_id WHERE x.tenant_id = $1 AND d.status IN ('beslutad', 'kommunicerad') AND "
        "(d.unit_id IS NULL OR EXISTS (SELECT 1 FROM unit du JOIN unit ou ON ou.tenant_id = "
        "du.tenant_id WHERE du.id = d.unit_id AND ou.id = $2 AND ou.path LIKE du.path || '%%'))%s "
        "ORDER BY d.title, d.id",
        entity_read_scope(r, &entity_documents, "d"));
    return db_query(r->db, r->a, sql, 2, p, rows);
}
