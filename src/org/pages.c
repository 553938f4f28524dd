/* pages.c - the organisation's card on the start page, the organisation tree and role
 * coverage. */
#include "org.h"
#include "../core/escape.h"
#include "../core/util.h"
#include "../http/page.h"
#include "../http/page_memo.h"
#include "../../build/views/coverage.h"
#include "../../build/views/home_org.h"
#include "../../build/views/org.h"
#include <stdlib.h>
#include <string.h>

/* The owners the inventory names (an informationsmängd in the unit or below it, not
 * retired) who hold no informationsägare role at the unit, above it or below it. */
static int unappointed_load(req *r, coverage_row *rows, int n)
{
    const char *p[] = {tenant_param(r)};
    db_res *res = NULL;
    int rc = db_query(
        r->db, r->a,
        "SELECT DISTINCT u.id, o.id, o.name FROM unit u JOIN unit x ON x.tenant_id = u.tenant_id "
        "AND x.path LIKE u.path || '%' JOIN information_asset ia ON ia.tenant_id = u.tenant_id "
        "AND ia.unit_id = x.id AND ia.status <> 'retired' JOIN person o ON o.id = ia.owner_id AND "
        "o.active = 1 WHERE u.tenant_id = $1 AND u.retired_at IS NULL AND u.kind IN "
        "('forvaltning', 'bolag') AND NOT EXISTS (SELECT 1 FROM role_assignment ra JOIN unit y ON "
        "y.id = ra.unit_id WHERE ra.person_id = o.id AND ra.role = 'info_owner' AND (y.path LIKE "
        "u.path || '%' OR u.path LIKE y.path || '%')) ORDER BY 1, 3, 2",
        1, p, &res);
    if (rc != DB_OK) return rc;
    for (int i = 0; i < n; i++) {
        coverage_row *row = &rows[i];
        for (int k = 0; k < res->nrows; k++)
            row->unappointed += !strcmp(db_cell(res, k, 0), row->unit_id);
        row->unappointed_ids = arena_alloc(r->a, sizeof(char *) * (size_t)(row->unappointed + 1));
        row->unappointed_names = arena_alloc(r->a, sizeof(char *) * (size_t)(row->unappointed + 1));
        if (!row->unappointed_ids || !row->unappointed_names) return DB_ERROR;
        for (int k = 0, j = 0; k < res->nrows; k++)
            if (!strcmp(db_cell(res, k, 0), row->unit_id)) {
                row->unappointed_ids[j] = db_cell(res, k, 1);
                row->unappointed_names[j++] = db_cell(res, k, 2);
            }
    }
    return DB_OK;
}

int coverage_load(req *r, coverage_row **rows, int *n, const char **deadline)
{
    const char *p[] = {tenant_param(r)};
    db_res *res = NULL;
    int rc =
        db_query(r->db, r->a,
                 "SELECT u.id, u.name, u.kind, "
                 "(SELECT COUNT(*) FROM role_assignment ra JOIN person p ON p.id = ra.person_id "
                 "WHERE ra.unit_id = u.id AND ra.role = 'coordinator' AND p.active = 1), "
                 "(SELECT COUNT(*) FROM role_assignment ra JOIN person p ON p.id = ra.person_id "
                 "WHERE ra.unit_id = u.id AND ra.role = 'info_owner' AND p.active = 1), "
                 "(SELECT COUNT(*) FROM role_assignment ra JOIN person p ON p.id = ra.person_id "
                 "JOIN person d ON d.id = ra.deputy_id WHERE ra.unit_id = u.id AND ra.role = "
                 "'coordinator' AND p.active = 1 AND d.active = 1), "
                 "(SELECT COUNT(*) FROM role_assignment ra JOIN person p ON p.id = ra.person_id "
                 "JOIN person d ON d.id = ra.deputy_id WHERE ra.unit_id = u.id AND ra.role = "
                 "'info_owner' AND p.active = 1 AND d.active = 1), u.path "
                 "FROM unit u WHERE u.tenant_id = $1 AND u.retired_at IS NULL AND u.kind IN "
                 "('forvaltning', 'bolag') ORDER BY u.name, u.id",
                 1, p, &res);
    if (rc != DB_OK) return rc;
    *n = res->nrows;
    *rows = arena_alloc(r->a, sizeof(coverage_row) * (size_t)(res->nrows + 1));
    for (int i = 0; i < res->nrows; i++) {
        (*rows)[i].unit_id = db_cell(res, i, 0);
        (*rows)[i].name = db_cell(res, i, 1);
        (*rows)[i].kind = db_cell(res, i, 2);
        (*rows)[i].coordinators = (int)db_cell_int(res, i, 3);
        (*rows)[i].owners = (int)db_cell_int(res, i, 4);
        (*rows)[i].coordinator_deputies = (int)db_cell_int(res, i, 5);
        (*rows)[i].owner_deputies = (int)db_cell_int(res, i, 6);
        (*rows)[i].path = db_cell(res, i, 7);
    }
    *deadline = db_scalar(r->db, r->a, "SELECT coverage_deadline FROM tenant WHERE id = $1", 1, p);
    return unappointed_load(r, *rows, *n);
}

bool coverage_one_person(int holders, int deputies)
{
    return holders == 1 && deputies == 0;
}

/* The tenant's central function, the informationssäkerhetsansvarig (CISO): its active
 * holders anywhere in the tenant and those of them with an active deputy. */
static bool central_load(req *r, int *holders, int *deputies)
{
    const char *p[] = {tenant_param(r)};
    db_res *res = NULL;
    if (db_query(r->db, r->a,
                 "SELECT COUNT(*), COUNT(d.id) FROM role_assignment ra JOIN person p ON p.id = "
                 "ra.person_id LEFT JOIN person d ON d.id = ra.deputy_id AND d.active = 1 WHERE "
                 "ra.tenant_id = $1 AND ra.role = 'ciso' AND p.active = 1",
                 1, p, &res) != DB_OK ||
        res->nrows != 1)
        return false;
    *holders = (int)db_cell_int(res, 0, 0);
    *deputies = (int)db_cell_int(res, 0, 1);
    return true;
}

static void coverage_counts(const coverage_row *rows, int n, int *no_coord, int *no_owner,
                            int *one_person)
{
    *no_coord = *no_owner = *one_person = 0;
    for (int i = 0; i < n; i++) {
        *no_coord += rows[i].coordinators == 0;
        *no_owner += rows[i].owners == 0;
        *one_person += coverage_one_person(rows[i].coordinators, rows[i].coordinator_deputies) +
                       coverage_one_person(rows[i].owners, rows[i].owner_deputies);
    }
}

bool org_home_card(req *r, buf *out)
{
    coverage_row *rows = NULL;
    int n = 0, no_coord = 0, no_owner = 0, one_person = 0;
    const char *deadline = NULL;
    /* role coverage for those who give roles or oversee the whole organisation; a teacher
     * has nothing to do with it */
    bool coverage =
        perm_allows(r->auth, ACT_ROLE_WRITE, NULL) || perm_allows(r->auth, ACT_RISK_READ, NULL);
    if (coverage && coverage_load(r, &rows, &n, &deadline) != DB_OK) return false;
    coverage_counts(rows, n, &no_coord, &no_owner, &one_person);
    /* the caller's roles, by unit */
    const char *p[] = {int_text(r->a, r->auth->person_id)};
    db_res *roles = NULL;
    if (db_query(r->db, r->a,
                 "SELECT ra.role, u.name, u.id FROM role_assignment ra JOIN unit u ON "
                 "u.id = ra.unit_id WHERE ra.person_id = $1 ORDER BY u.path, ra.role",
                 1, p, &roles) != DB_OK)
        return false;
    buf list;
    buf_init(&list, 0);
    for (int i = 0; roles && i < roles->nrows; i++) {
        buf_puts(&list, "<li>");
        int k = tr_find(arena_printf(r->a, "role.%s", db_cell(roles, i, 0)));
        esc_html(&list, k >= 0 ? tr(r->lang, (tr_key)k) : db_cell(roles, i, 0));
        buf_puts(&list, " — <a href=\"/units/");
        esc_html(&list, db_cell(roles, i, 2));
        buf_puts(&list, "\">");
        esc_html(&list, db_cell(roles, i, 1));
        buf_puts(&list, "</a></li>");
    }
    view_home_org(out, r->lang, buf_str(&list), coverage, n, no_coord, no_owner, deadline,
                  deadline ? date_days_until(deadline) : 0);
    buf_free(&list);
    return true;
}

typedef struct tree_node {
    int64_t id, parent; /* parent 0 for the root */
    const char *id_text, *name, *kind;
} tree_node;

/* Children of one parent lie next to each other, by name: the tree is drawn in one
 * pass with a binary search per unit, not a scan of all units per unit. */
static int by_parent_then_name(const void *a, const void *b)
{
    const tree_node *x = a, *y = b;
    if (x->parent != y->parent) return x->parent < y->parent ? -1 : 1;
    int c = strcmp(x->name, y->name);
    return c ? c : (x->id < y->id ? -1 : x->id > y->id);
}

static int first_child(const tree_node *nodes, int n, int64_t parent)
{
    int lo = 0, hi = n;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (nodes[mid].parent < parent)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static void tree_render(req *r, buf *out, const tree_node *nodes, int n, int64_t parent, int depth)
{
    int i = first_child(nodes, n, parent);
    if (i >= n || nodes[i].parent != parent) return;
    buf_puts(out, depth ? "<ul>" : "<ul class=\"tree\">");
    for (; i < n && nodes[i].parent == parent; i++) {
        const tree_node *t = &nodes[i];
        buf_puts(out, "<li><a href=\"/units/");
        esc_html(out, t->id_text);
        buf_puts(out, "\">");
        esc_html(out, t->name);
        buf_puts(out, "</a> <span class=\"kind\">");
        int k = tr_find(arena_printf(r->a, "unit.kind.%s", t->kind));
        esc_html(out, k >= 0 ? tr(r->lang, (tr_key)k) : t->kind);
        buf_puts(out, "</span>");
        if (depth < 30 && t->id != parent) tree_render(r, out, nodes, n, t->id, depth + 1);
        buf_puts(out, "</li>");
    }
    buf_puts(out, "</ul>");
}

void h_org_tree(req *r, resp *out)
{
    const char *p[] = {tenant_param(r)};
    db_res *res = NULL;
    if (db_query(r->db, r->a,
                 "SELECT id, name, kind, parent_id FROM unit WHERE tenant_id = $1 AND retired_at "
                 "IS NULL LIMIT 20000",
                 1, p, &res) != DB_OK) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    tree_node *nodes = arena_alloc(r->a, sizeof(tree_node) * (size_t)(res->nrows + 1));
    for (int i = 0; i < res->nrows; i++) {
        nodes[i].id = db_cell_int(res, i, 0);
        nodes[i].id_text = db_cell(res, i, 0);
        nodes[i].name = db_cell(res, i, 1);
        nodes[i].kind = db_cell(res, i, 2);
        nodes[i].parent = db_cell_int(res, i, 3);
    }
    qsort(nodes, (size_t)res->nrows, sizeof *nodes, by_parent_then_name);
    buf tree;
    buf_init(&tree, 0);
    tree_render(r, &tree, nodes, res->nrows, 0, 0);
    page_begin(r, out, tr(r->lang, TR_org_title), "org");
    view_org(&out->body, r->lang, r, buf_str(&tree), perm_allows(r->auth, ACT_ORG_WRITE, NULL));
    page_end(r, out);
    buf_free(&tree);
}

void h_coverage(req *r, resp *out)
{
    /* the owners without a role are found over every unit's subtree and every
     * information asset (18 ms on SQLite at --scale 100): the page is kept until the next
     * change (page_memo.h), like the other summary pages */
    memo_part part;
    if (page_memo_serve(r, out, "role_coverage", tr(r->lang, TR_coverage_title), "coverage", &part))
        return;
    coverage_row *rows = NULL;
    int n = 0, no_coord = 0, no_owner = 0, one_person = 0;
    const char *deadline = NULL;
    if (coverage_load(r, &rows, &n, &deadline) != DB_OK) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    coverage_counts(rows, n, &no_coord, &no_owner, &one_person);
    int ciso_holders = 0, ciso_deputies = 0;
    if (!central_load(r, &ciso_holders, &ciso_deputies)) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    one_person += coverage_one_person(ciso_holders, ciso_deputies);
    /* who may appoint, per unit: the links to /roles/new are offered only to them */
    bool *can_assign = arena_alloc(r->a, sizeof(bool) * (size_t)(n + 1));
    int unappointed = 0;
    for (int i = 0; can_assign && i < n; i++) {
        can_assign[i] = perm_allows(r->auth, ACT_ROLE_WRITE, rows[i].path);
        unappointed += rows[i].unappointed;
    }
    if (!can_assign) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    page_begin(r, out, tr(r->lang, TR_coverage_title), "coverage");
    size_t start = out->body.len;
    view_coverage(&out->body, r->lang, r, rows, can_assign, n, unappointed, no_coord, no_owner,
                  one_person, ciso_holders, coverage_one_person(ciso_holders, ciso_deputies),
                  deadline, deadline ? date_days_until(deadline) : 0,
                  perm_allows(r->auth, ACT_TENANT_ADMIN, NULL), kv_get(&r->query, "error") != NULL);
    page_memo_keep(r, &part, &out->body, start, 0);
    page_end(r, out);
}

void h_coverage_deadline(req *r, resp *out)
{
    if (!perm_allows(r->auth, ACT_TENANT_ADMIN, NULL)) {
        respond_error(r, out, 403, "forbidden", TR_err_forbidden);
        return;
    }
    const char *d = kv_get(&r->form, "deadline");
    if (d && *d && !date_valid(d)) {
        resp_redirect(out, r->a, "/coverage?error=date");
        return;
    }
    const char *p[] = {tenant_param(r), d && *d ? d : NULL};
    if (db_begin(r->db) != DB_OK ||
        db_exec(r->db, "UPDATE tenant SET coverage_deadline = $2 WHERE id = $1", 2, p, NULL) !=
            DB_OK ||
        entity_audit(r, "update", NULL, 0, "coverage_deadline",
                     arena_printf(r->a, "{\"coverage_deadline\":\"%s\"}", d && *d ? d : "")) !=
            DB_OK ||
        db_commit(r->db) != DB_OK) {
        db_rollback(r->db);
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    resp_redirect(out, r->a, "/coverage");
}

void api_coverage(req *r, resp *out)
{
    coverage_row *rows = NULL;
    int n = 0;
    const char *deadline = NULL;
    if (coverage_load(r, &rows, &n, &deadline) != DB_OK) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    int ciso_holders = 0, ciso_deputies = 0;
    if (!central_load(r, &ciso_holders, &ciso_deputies)) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    respond_json(out, 200);
    buf *b = &out->body;
    buf_printf(b, "{\"ciso\":{\"holders\":%d,\"deputies\":%d,\"one_person\":%s},", ciso_holders,
               ciso_deputies, coverage_one_person(ciso_holders, ciso_deputies) ? "true" : "false");
    buf_puts(b, "\"deadline\":");
    if (deadline)
        esc_json_string(b, deadline);
    else
        buf_puts(b, "null");
    buf_puts(b, ",\"units\":[");
    for (int i = 0; i < n; i++) {
        buf_printf(b, "%s{\"unit_id\":%s,\"name\":", i ? "," : "", rows[i].unit_id);
        esc_json_string(b, rows[i].name);
        buf_puts(b, ",\"kind\":");
        esc_json_string(b, rows[i].kind);
        buf_printf(b,
                   ",\"coordinators\":%d,\"info_owners\":%d,\"coordinator_deputies\":%d,"
                   "\"info_owner_deputies\":%d,\"inventory_owners_without_role\":[",
                   rows[i].coordinators, rows[i].owners, rows[i].coordinator_deputies,
                   rows[i].owner_deputies);
        for (int k = 0; k < rows[i].unappointed; k++) {
            buf_printf(b, "%s{\"person_id\":%s,\"name\":", k ? "," : "",
                       rows[i].unappointed_ids[k]);
            esc_json_string(b, rows[i].unappointed_names[k]);
            buf_putc(b, '}');
        }
        bool c1 = coverage_one_person(rows[i].coordinators, rows[i].coordinator_deputies);
        bool o1 = coverage_one_person(rows[i].owners, rows[i].owner_deputies);
        buf_printf(b, "],\"one_person\":[%s%s%s]}", c1 ? "\"coordinator\"" : "",
                   c1 && o1 ? "," : "", o1 ? "\"info_owner\"" : "");
    }
    buf_puts(b, "]}");
}
