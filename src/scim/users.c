/* users.c - the SCIM 2.0 User endpoint (scim.h; RFC 7644 §3): list with the filter
 * userName eq "…" and index paging, one user, create, replace and patch. Answers are
 * application/scim+json; every refusal is a SCIM error (RFC 7644 §3.12) and changes
 * nothing. */
#include "scim.h"
#include "../auth/auth.h"
#include "../core/escape.h"
#include "../core/util.h"
#include "../entity/entity.h"
#include "../org/org.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { SCIM_PAGE_DEFAULT = 100, SCIM_PAGE_MAX = 200, MAX_NAME = 200, MAX_EMAIL = 254 };

#define USER_COLUMNS "CAST(id AS TEXT), name, email, active, created_at, updated_at"

/* One person as a SCIM User (RFC 7643 §4.1). */
static void user_json(buf *b, const db_res *res, int i)
{
    const char *id = db_cell(res, i, 0);
    buf_printf(b, "{\"schemas\":[\"%s\"],\"id\":", SCIM_USER_SCHEMA);
    esc_json_string(b, id);
    buf_puts(b, ",\"userName\":");
    esc_json_string(b, db_cell(res, i, 2));
    buf_puts(b, ",\"displayName\":");
    esc_json_string(b, db_cell(res, i, 1));
    buf_puts(b, ",\"name\":{\"formatted\":");
    esc_json_string(b, db_cell(res, i, 1));
    buf_puts(b, "},\"emails\":[{\"value\":");
    esc_json_string(b, db_cell(res, i, 2));
    buf_printf(b,
               ",\"type\":\"work\",\"primary\":true}],\"active\":%s,\"meta\":{\"resourceType\":"
               "\"User\",\"created\":",
               db_cell_int(res, i, 3) ? "true" : "false");
    esc_json_string(b, db_cell(res, i, 4));
    buf_puts(b, ",\"lastModified\":");
    esc_json_string(b, db_cell(res, i, 5) ? db_cell(res, i, 5) : db_cell(res, i, 4));
    /* the id is a number: nothing to escape */
    buf_printf(b, ",\"location\":\"/scim/v2/Users/%s\"}}", id);
}

/* The person id of the path, or 0 (then 404 was answered). */
static int64_t path_id(req *r, resp *out)
{
    int64_t id = 0;
    if (!parse_int64(r->route_args[0], &id) || id <= 0) {
        scim_error(out, 404, NULL, "no such user");
        return 0;
    }
    return id;
}

/* The person of the caller's tenant as a one-row result, or NULL after answering. */
static db_res *load_user(req *r, resp *out, int64_t id)
{
    const char *p[] = {tenant_param(r), int_text(r->a, id)};
    db_res *res = NULL;
    if (db_query(r->db, r->a,
                 "SELECT " USER_COLUMNS " FROM person WHERE tenant_id = $1 AND id = $2", 2, p,
                 &res) != DB_OK) {
        scim_error(out, 500, NULL, "internal error");
        return NULL;
    }
    if (res->nrows != 1) {
        scim_error(out, 404, NULL, "no such user");
        return NULL;
    }
    return res;
}

static void answer_user(req *r, resp *out, int status, const db_res *res)
{
    out->status = status;
    out->content_type = "application/scim+json";
    buf_reset(&out->body);
    user_json(&out->body, res, 0);
    resp_header(out, r->a, "Location", arena_printf(r->a, "/scim/v2/Users/%s", db_cell(res, 0, 0)));
}

/* The filter lis understands: userName eq "value" (attribute and operator in any case,
 * RFC 7644 §3.4.2.2); the value, or NULL. */
static const char *username_filter(req *r, const char *filter)
{
    while (*filter == ' ')
        filter++;
    if (strncasecmp(filter, "userName", 8) != 0 || filter[8] != ' ') return NULL;
    filter += 9;
    while (*filter == ' ')
        filter++;
    if (strncasecmp(filter, "eq", 2) != 0 || filter[2] != ' ') return NULL;
    filter += 3;
    while (*filter == ' ')
        filter++;
    size_t n = strlen(filter);
    while (n && filter[n - 1] == ' ')
        n--;
    if (n < 2 || filter[0] != '"' || filter[n - 1] != '"') return NULL;
    /* the quoted value is a JSON string (its escapes included) */
    json_error_t err;
    json_t *v = json_loadb(filter, n, JSON_DECODE_ANY, &err);
    const char *value = json_is_string(v) ? arena_strdup(r->a, json_string_value(v)) : NULL;
    json_decref(v);
    return value;
}

static bool index_param(req *r, const char *name, int64_t dflt, int64_t *out_v)
{
    const char *v = kv_get(&r->query, name);
    *out_v = dflt;
    return !v || parse_int64(v, out_v);
}

void h_scim_users(req *r, resp *out)
{
    if (!scim_auth(r, out)) return;
    const char *filter = kv_get(&r->query, "filter");
    const char *username = NULL;
    if (filter && !(username = username_filter(r, filter))) {
        scim_error(out, 400, "invalidFilter", "only the filter userName eq \"...\" is supported");
        return;
    }
    int64_t start = 1, count = SCIM_PAGE_DEFAULT;
    if (!index_param(r, "startIndex", 1, &start) ||
        !index_param(r, "count", SCIM_PAGE_DEFAULT, &count)) {
        scim_error(out, 400, "invalidValue", "startIndex and count are whole numbers");
        return;
    }
    /* RFC 7644 §3.4.2.4: below 1 is read as 1, a negative count as 0 */
    if (start < 1) start = 1;
    if (count < 0) count = 0;
    if (count > SCIM_PAGE_MAX) count = SCIM_PAGE_MAX;
    char *lower = username ? arena_strdup(r->a, username) : NULL;
    for (char *c = lower; c && *c; c++)
        if (*c >= 'A' && *c <= 'Z') *c = (char)(*c - 'A' + 'a');
    const char *p[] = {tenant_param(r), lower, int_text(r->a, count), int_text(r->a, start - 1)};
    db_res *total = NULL, *res = NULL;
    if (db_query(r->db, r->a,
                 "SELECT COUNT(*) FROM person WHERE tenant_id = $1 AND (CAST($2 AS TEXT) IS NULL "
                 "OR LOWER(email) = $2)",
                 2, p, &total) != DB_OK ||
        db_query(r->db, r->a,
                 "SELECT " USER_COLUMNS " FROM person WHERE tenant_id = $1 AND (CAST($2 AS TEXT) "
                 "IS NULL OR LOWER(email) = $2) ORDER BY id LIMIT CAST($3 AS BIGINT) OFFSET "
                 "CAST($4 AS BIGINT)",
                 4, p, &res) != DB_OK) {
        scim_error(out, 500, NULL, "internal error");
        return;
    }
    out->status = 200;
    out->content_type = "application/scim+json";
    buf *b = &out->body;
    buf_printf(b,
               "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:ListResponse\"],"
               "\"totalResults\":%lld,\"startIndex\":%lld,\"itemsPerPage\":%d,\"Resources\":[",
               (long long)db_cell_int(total, 0, 0), (long long)start, res->nrows);
    for (int i = 0; i < res->nrows; i++) {
        if (i) buf_putc(b, ',');
        user_json(b, res, i);
    }
    buf_puts(b, "]}");
}

void h_scim_user(req *r, resp *out)
{
    if (!scim_auth(r, out)) return;
    int64_t id = path_id(r, out);
    db_res *res = id ? load_user(r, out, id) : NULL;
    if (res) answer_user(r, out, 200, res);
}

/* What a request asks to change; NULL / -1: not asked. */
typedef struct user_change {
    const char *username, *name;
    int active;
} user_change;

/* A SCIM boolean: true or false, or the strings "True"/"False" some directories send. */
static bool scim_bool(const json_t *v, int *out_v)
{
    if (json_is_boolean(v)) {
        *out_v = json_is_true(v);
        return true;
    }
    if (json_is_string(v)) {
        if (!strcasecmp(json_string_value(v), "true")) return (*out_v = 1, true);
        if (!strcasecmp(json_string_value(v), "false")) return (*out_v = 0, true);
    }
    return false;
}

static const char *text_of(req *r, const json_t *v)
{
    if (!json_is_string(v)) return NULL;
    char *t = str_trim(arena_strdup(r->a, json_string_value(v)));
    return *t ? t : NULL;
}

/* Reads the attributes lis keeps from a User object (or a PATCH value object) into c;
 * false with *why on a bad value. */
static bool read_user(req *r, const json_t *obj, user_change *c, const char **why)
{
    const json_t *v;
    if ((v = json_object_get(obj, "userName"))) {
        if (!(c->username = text_of(r, v))) return (*why = "userName must be a text", false);
    }
    const json_t *name = json_object_get(obj, "name");
    if ((v = json_object_get(obj, "displayName"))) {
        if (!(c->name = text_of(r, v))) return (*why = "displayName must be a text", false);
    } else if (json_is_object(name)) {
        const char *formatted = text_of(r, json_object_get(name, "formatted"));
        const char *given = text_of(r, json_object_get(name, "givenName"));
        const char *family = text_of(r, json_object_get(name, "familyName"));
        c->name = formatted         ? formatted
                  : given && family ? arena_printf(r->a, "%s %s", given, family)
                  : given           ? given
                                    : family;
    }
    if ((v = json_object_get(obj, "active")) && !scim_bool(v, &c->active))
        return (*why = "active must be true or false", false);
    return true;
}

static bool change_valid(const user_change *c, const char **why)
{
    if (c->name && (strlen(c->name) > MAX_NAME || !utf8_valid(c->name, strlen(c->name))))
        return (*why = "the name is longer than 200 characters or not UTF-8", false);
    if (c->username && (strlen(c->username) > MAX_EMAIL || !strchr(c->username, '@') ||
                        strpbrk(c->username, " \r\n\t")))
        return (*why = "userName must be the person's e-mail address", false);
    return true;
}

static json_t *body_json(req *r, resp *out)
{
    json_error_t err;
    json_t *root = json_loadb(r->body ? r->body : "", r->body_len, JSON_REJECT_DUPLICATES, &err);
    if (!json_is_object(root)) {
        json_decref(root);
        scim_error(out, 400, "invalidSyntax", "the body must be a JSON object");
        return NULL;
    }
    return root;
}

/* The engine's refusal as a SCIM error. */
static void refused(resp *out, const errors *errs)
{
    buf b;
    buf_init(&b, 256);
    for (int i = 0; i < errs->n; i++) {
        if (i) buf_puts(&b, "; ");
        if (errs->items[i].field >= 0)
            buf_printf(&b, "%s: ", entity_people.fields[errs->items[i].field].name);
        buf_puts(&b, tr(LANG_EN, errs->items[i].message));
    }
    scim_error(out, 400, "invalidValue", b.len ? buf_str(&b) : "refused");
    buf_free(&b);
}

void h_scim_create(req *r, resp *out)
{
    if (!scim_auth(r, out)) return;
    json_t *root = body_json(r, out);
    if (!root) return;
    user_change c = {NULL, NULL, 1};
    const char *why = NULL;
    bool ok = read_user(r, root, &c, &why);
    json_decref(root);
    if (ok && !c.username) ok = (why = "userName (the e-mail address) is required", false);
    if (ok) ok = change_valid(&c, &why);
    if (!ok) {
        scim_error(out, 400, "invalidValue", why);
        return;
    }
    char *email = arena_strdup(r->a, c.username);
    for (char *ch = email; *ch; ch++)
        if (*ch >= 'A' && *ch <= 'Z') *ch = (char)(*ch - 'A' + 'a');
    const char *p[] = {tenant_param(r), email};
    db_res *dup = NULL;
    if (db_query(r->db, r->a, "SELECT id FROM person WHERE tenant_id = $1 AND LOWER(email) = $2", 2,
                 p, &dup) != DB_OK) {
        scim_error(out, 500, NULL, "internal error");
        return;
    }
    if (dup->nrows) {
        scim_error(out, 409, "uniqueness", "a user with this userName exists");
        return;
    }
    const entity *e = &entity_people;
    record *rec = record_new(r, e);
    record_set(rec, e, "name", c.name ? c.name : email);
    record_set(rec, e, "email", email);
    record_set(rec, e, "active", c.active ? "1" : "0");
    errors errs = {0};
    int rc = entity_create(r, e, rec, &errs);
    if (rc == DB_ERROR) {
        scim_error(out, 500, NULL, "internal error");
        return;
    }
    if (rc != DB_OK) {
        refused(out, &errs);
        return;
    }
    db_res *res = load_user(r, out, rec->id);
    if (res) answer_user(r, out, 201, res);
}

/* Applies c to person id through the people entity (a deactivation ends the person's
 * sessions and tokens: src/org/rules.c) and answers with the user as it now is. */
static void apply_change(req *r, resp *out, int64_t id, const user_change *c)
{
    const char *why = NULL;
    if (!change_valid(c, &why)) {
        scim_error(out, 400, "invalidValue", why);
        return;
    }
    const entity *e = &entity_people;
    db_res *row = NULL;
    if (entity_get(r, e, id, &row) != DB_OK) {
        scim_error(out, 500, NULL, "internal error");
        return;
    }
    if (!row || row->nrows != 1) {
        scim_error(out, 404, NULL, "no such user");
        return;
    }
    record *old = record_from_row(r, e, row, 0);
    record *rec = record_from_row(r, e, row, 0);
    if (c->username && strcasecmp(c->username, record_get(old, e, "email") ?: "") != 0) {
        scim_error(out, 400, "mutability", "userName (the e-mail address) cannot be changed");
        return;
    }
    bool changed = false;
    if (c->name && strcmp(c->name, record_get(old, e, "name") ?: "") != 0) {
        record_set(rec, e, "name", c->name);
        changed = true;
    }
    const char *active = record_get(old, e, "active");
    if (c->active >= 0 && (c->active == 1) != (active && !strcmp(active, "1"))) {
        record_set(rec, e, "active", c->active ? "1" : "0");
        changed = true;
    }
    if (changed) {
        errors errs = {0};
        int rc = entity_update(r, e, old, rec, &errs);
        if (rc == DB_ERROR) {
            scim_error(out, 500, NULL, "internal error");
            return;
        }
        if (rc != DB_OK) {
            refused(out, &errs);
            return;
        }
    }
    db_res *res = load_user(r, out, id);
    if (res) answer_user(r, out, 200, res);
}

void h_scim_replace(req *r, resp *out)
{
    if (!scim_auth(r, out)) return;
    int64_t id = path_id(r, out);
    if (!id) return;
    json_t *root = body_json(r, out);
    if (!root) return;
    user_change c = {NULL, NULL, -1};
    const char *why = NULL;
    bool ok = read_user(r, root, &c, &why);
    json_decref(root);
    if (!ok) {
        scim_error(out, 400, "invalidValue", why);
        return;
    }
    apply_change(r, out, id, &c);
}

/* Attributes of the core User schema and the enterprise extension that lis does not keep:
 * what Entra ID's default mapping sends besides userName, displayName and active
 * (externalId, title, the work e-mail and phone, addresses, the department …). A PATCH of
 * one of these is accepted and left aside; a path outside both schemas is refused. */
static bool attribute_not_kept(const char *path)
{
    static const char *const prefixes[] = {
        "externalId",
        "nickName",
        "profileUrl",
        "title",
        "userType",
        "preferredLanguage",
        "locale",
        "timezone",
        "emails",
        "phoneNumbers",
        "ims",
        "photos",
        "addresses",
        "groups",
        "entitlements",
        "roles",
        "x509Certificates",
        "name.",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"};
    for (size_t i = 0; i < sizeof prefixes / sizeof *prefixes; i++) {
        size_t n = strlen(prefixes[i]);
        if (!strncasecmp(path, prefixes[i], n) &&
            (prefixes[i][n - 1] == '.' || strchr(".[:", path[n]) || !path[n]))
            return true;
    }
    /* the core schema's URN before an attribute lis does not keep */
    static const char core[] = SCIM_USER_SCHEMA ":";
    return !strncasecmp(path, core, sizeof core - 1) && attribute_not_kept(path + sizeof core - 1);
}

/* One PATCH operation (RFC 7644 §3.5.2) on the attributes lis keeps: add or replace of
 * active, displayName, name.formatted or userName, by path or as a value object; givenName
 * and familyName are kept aside in *given and *family (the name when both come and nothing
 * names it whole). Attributes lis does not keep are left aside, removing them too. */
static bool patch_op(req *r, const json_t *op, user_change *c, const char **given,
                     const char **family, const char **why)
{
    const char *kind = json_string_value(json_object_get(op, "op"));
    const char *path = json_string_value(json_object_get(op, "path"));
    const json_t *value = json_object_get(op, "value");
    bool remove = kind && !strcasecmp(kind, "remove");
    if (!kind || (strcasecmp(kind, "replace") != 0 && strcasecmp(kind, "add") != 0 && !remove))
        return (*why = "the operations are add, replace and remove", false);
    if (!path) {
        if (remove) return (*why = "remove needs a path", false);
        if (!json_is_object(value)) return (*why = "a value object is required", false);
        return read_user(r, value, c, why);
    }
    if (!strncasecmp(path, SCIM_USER_SCHEMA ":", sizeof SCIM_USER_SCHEMA))
        path += sizeof SCIM_USER_SCHEMA;
    if (remove) {
        if (attribute_not_kept(path) && strcasecmp(path, "name.formatted") != 0) return true;
        return (*why = "userName, displayName, the name and active cannot be removed", false);
    }
    bool given_name = !strcasecmp(path, "name.givenName"),
         family_name = !strcasecmp(path, "name.familyName");
    if (given_name || family_name) {
        if (!(*(given_name ? given : family) = text_of(r, value)))
            return (*why = "the name must be a text", false);
        return true;
    }
    if (!strcasecmp(path, "active")) {
        if (!scim_bool(value, &c->active)) return (*why = "active must be true or false", false);
        return true;
    }
    if (!strcasecmp(path, "displayName") || !strcasecmp(path, "name.formatted")) {
        if (!(c->name = text_of(r, value))) return (*why = "the name must be a text", false);
        return true;
    }
    if (!strcasecmp(path, "userName")) {
        if (!(c->username = text_of(r, value))) return (*why = "userName must be a text", false);
        return true;
    }
    if (attribute_not_kept(path)) return true;
    *why = "the path names an attribute the User schema does not have";
    return false;
}

void h_scim_patch(req *r, resp *out)
{
    if (!scim_auth(r, out)) return;
    int64_t id = path_id(r, out);
    if (!id) return;
    json_t *root = body_json(r, out);
    if (!root) return;
    const json_t *ops = json_object_get(root, "Operations");
    user_change c = {NULL, NULL, -1};
    const char *why = "Operations must be a non-empty array", *given = NULL, *family = NULL;
    bool ok = json_is_array(ops) && json_array_size(ops) > 0;
    for (size_t i = 0; ok && i < json_array_size(ops); i++) {
        const json_t *op = json_array_get(ops, i);
        ok = json_is_object(op) && patch_op(r, op, &c, &given, &family, &why);
        if (!json_is_object(op)) why = "each operation is an object";
    }
    json_decref(root);
    if (ok && !c.name && given && family) c.name = arena_printf(r->a, "%s %s", given, family);
    if (!ok) {
        scim_error(out, 400, strstr(why, "path") ? "invalidPath" : "invalidValue", why);
        return;
    }
    apply_change(r, out, id, &c);
}

void h_scim_delete(req *r, resp *out)
{
    if (!scim_auth(r, out)) return;
    int64_t id = path_id(r, out);
    if (!id) return;
    user_change c = {NULL, NULL, 0};
    apply_change(r, out, id, &c);
    if (out->status == 200) {
        out->status = 204;
        buf_reset(&out->body);
    }
}
