/* openapi.c - the OpenAPI 3 description of /api/v1, written from the route table
 * (src/app/routes.c: every /api/v1 route with its summary) and the entity descriptors
 * (schemas, filters, capabilities), so the documentation cannot drift from the API. */
#include "../entity/entity.h"
#include "../core/escape.h"
#include "openapi.h"
#include "page.h"
#include "router.h"
#include <string.h>

static void schema_type(buf *b, const field *f)
{
    switch (f->type) {
    case FT_INT:
    case FT_REF:
        buf_puts(b, "\"type\":\"integer\"");
        break;
    case FT_BOOL:
        buf_puts(b, "\"type\":\"boolean\"");
        break;
    case FT_DATE:
        buf_puts(b, "\"type\":\"string\",\"format\":\"date\"");
        break;
    case FT_DATETIME:
        buf_puts(b, "\"type\":\"string\",\"format\":\"date-time\"");
        break;
    case FT_EMAIL:
        buf_puts(b, "\"type\":\"string\",\"format\":\"email\"");
        break;
    case FT_ENUM:
        buf_puts(b, "\"type\":\"string\",\"enum\":[");
        for (const enum_opt *o = f->options; o && o->value; o++) {
            if (o != f->options) buf_putc(b, ',');
            esc_json_string(b, o->value);
        }
        buf_putc(b, ']');
        break;
    default:
        buf_puts(b, "\"type\":\"string\"");
        if (f->max_len) buf_printf(b, ",\"maxLength\":%d", f->max_len);
    }
}

static void entity_schemas(buf *b, const entity *e)
{
    /* the record as returned */
    buf_printf(b, "\"%s\":{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"integer\"}",
               e->name);
    for (int i = 0; i < e->nfields; i++) {
        const field *f = &e->fields[i];
        buf_printf(b, ",\"%s\":{", f->name);
        schema_type(b, f);
        buf_puts(b, ",\"description\":");
        esc_json_string(b, tr(LANG_EN, f->label));
        buf_puts(b, ",\"nullable\":true}");
        if (f->type == FT_REF)
            buf_printf(b, ",\"%s_name\":{\"type\":\"string\",\"readOnly\":true}", f->name);
    }
    if (e->due)
        buf_printf(b,
                   ",\"overdue\":{\"type\":\"boolean\",\"readOnly\":true,\"description\":"
                   "\"%s is past (Europe/Stockholm) and the status does not make it moot\"}",
                   e->due->field);
    if (e->retire_column)
        buf_puts(
            b, ",\"retired_at\":{\"type\":\"string\",\"format\":\"date-time\",\"nullable\":true}");
    buf_puts(b, "}},");
    /* the input for create and update */
    buf_printf(b,
               "\"%s_input\":{\"type\":\"object\",\"additionalProperties\":false,\"properties\":{",
               e->name);
    bool any = false;
    for (int i = 0; i < e->nfields; i++) {
        const field *f = &e->fields[i];
        if (!(f->flags & F_FORM)) continue;
        buf_printf(b, "%s\"%s\":{", any ? "," : "", f->name);
        schema_type(b, f);
        buf_puts(b, "}");
        any = true;
    }
    buf_puts(b, "},\"required\":[");
    any = false;
    for (int i = 0; i < e->nfields; i++) {
        if (e->fields[i].flags & F_REQUIRED && e->fields[i].flags & F_FORM) {
            buf_printf(b, "%s\"%s\"", any ? "," : "", e->fields[i].name);
            any = true;
        }
    }
    buf_puts(b, "]}");
}

static void list_params(buf *b, const entity *e)
{
    buf_puts(b, "\"parameters\":["
                "{\"name\":\"q\",\"in\":\"query\",\"schema\":{\"type\":\"string\"}},"
                "{\"name\":\"sort\",\"in\":\"query\",\"schema\":{\"type\":\"string\"}},"
                "{\"name\":\"dir\",\"in\":\"query\",\"schema\":{\"type\":\"string\",\"enum\":["
                "\"asc\",\"desc\"]}},"
                "{\"name\":\"limit\",\"in\":\"query\",\"schema\":{\"type\":\"integer\",\"minimum\":"
                "1,\"maximum\":500}},"
                "{\"name\":\"after\",\"in\":\"query\",\"description\":\"the next cursor of the "
                "previous page\",\"schema\":{\"type\":\"string\"}}");
    for (int i = 0; i < e->nfields; i++) {
        const field *f = &e->fields[i];
        if (!(f->flags & F_FILTER)) continue;
        if (f->type == FT_DATETIME || f->type == FT_DATE)
            buf_printf(b,
                       ",{\"name\":\"%s_from\",\"in\":\"query\",\"schema\":{\"type\":\"string\","
                       "\"format\":\"date\"}}"
                       ",{\"name\":\"%s_to\",\"in\":\"query\",\"schema\":{\"type\":\"string\","
                       "\"format\":\"date\"}}",
                       f->name, f->name);
        else
            buf_printf(b,
                       ",{\"name\":\"%s\",\"in\":\"query\",\"description\":\"the value, "
                       "or " FILTER_NONE " for the rows where it is empty\",\"schema\":{\"type\":"
                       "\"string\"}}",
                       f->name);
    }
    if (e->due)
        buf_puts(b, ",{\"name\":\"overdue\",\"in\":\"query\",\"description\":\"1: only the "
                    "overdue rows\",\"schema\":{\"type\":\"string\",\"enum\":[\"1\"]}}");
    buf_puts(b, "]");
}

/* One operation of the API: a route, and for an ":e" route the kind it is for. */
typedef struct api_op {
    const route *rt;
    const entity *kind;
    const char *path; /* the OpenAPI path: ":id" written as "{id}" */
} api_op;

typedef struct api_ops {
    arena *a;
    api_op *ops;
    int n, cap;
} api_ops;

/* "/api/v1/units/:id/retire" → "/api/v1/units/{id}/retire" */
static const char *openapi_path(arena *a, const char *path)
{
    buf b;
    buf_init(&b, 0);
    for (const char *p = path; *p; p++) {
        if (*p != ':') {
            buf_putc(&b, *p);
            continue;
        }
        size_t n = strcspn(p + 1, "/.");
        buf_printf(&b, "{%.*s}", (int)n, p + 1);
        p += n;
    }
    const char *out = arena_strndup(a, buf_str(&b), strlen(buf_str(&b)));
    buf_free(&b);
    return out;
}

static void collect(const route *rt, const entity *kind, const char *path, void *ctx)
{
    api_ops *o = ctx;
    if (strncmp(path, "/api/v1/", 8)) return;
    if (o->n == o->cap) {
        int cap = o->cap ? o->cap * 2 : 128;
        api_op *grown = arena_alloc(o->a, sizeof(api_op) * (size_t)cap);
        if (o->n) memcpy(grown, o->ops, sizeof(api_op) * (size_t)o->n);
        o->ops = grown;
        o->cap = cap;
    }
    o->ops[o->n++] = (api_op){rt, kind, openapi_path(o->a, path)};
}

static void lower(buf *b, const char *method)
{
    for (const char *m = method; *m; m++)
        buf_putc(b, (char)(*m >= 'A' && *m <= 'Z' ? *m + 32 : *m));
}

static void path_params(buf *b, const char *path, bool *any)
{
    for (const char *p = strchr(path, '{'); p; p = strchr(p + 1, '{')) {
        size_t n = strcspn(p + 1, "}");
        buf_printf(b,
                   "%s{\"name\":\"%.*s\",\"in\":\"path\",\"required\":true,\"schema\":{"
                   "\"type\":\"%s\"}}",
                   *any ? "," : "", (int)n, p + 1,
                   n == 2 && !strncmp(p + 1, "id", 2) ? "integer" : "string");
        *any = true;
    }
}

/* The answers of a generic entity operation, from the descriptor. */
static void entity_responses(buf *b, const api_op *op)
{
    const char *ref = "{\"$ref\":\"#/components/schemas/";
    const char *m = op->rt->method, *name = op->kind->name;
    bool one = strstr(op->path, "{id}") != NULL;
    if (!strcmp(m, "GET") && !one)
        buf_printf(b,
                   "\"200\":{\"description\":\"a page\",\"content\":{\"application/json\":"
                   "{\"schema\":{\"type\":\"object\",\"properties\":{\"items\":{\"type\":"
                   "\"array\",\"items\":%s%s\"}},\"next\":{\"type\":\"string\",\"nullable\":"
                   "true}}}}}}",
                   ref, name);
    else if (!strcmp(m, "DELETE"))
        buf_puts(b, "\"204\":{\"description\":\"deleted\"}");
    else
        buf_printf(b,
                   "\"%s\":{\"description\":\"the record\",\"content\":{\"application/json\":{"
                   "\"schema\":%s%s\"}}}}",
                   !strcmp(m, "POST") && !one ? "201" : "200", ref, name);
}

static void operation(arena *a, buf *b, const api_op *op)
{
    const route *rt = op->rt;
    buf_puts(b, "\"");
    lower(b, rt->method);
    buf_puts(b, "\":{\"summary\":");
    esc_json_string(
        b, op->kind ? arena_printf(a, "%s: %s", rt->summary, tr(LANG_EN, op->kind->label_many))
                    : rt->summary);
    buf_puts(b, ",\"tags\":[");
    /* grouped by kind, or by the first segment of a hand-written path */
    const char *rest = op->path + 8;
    esc_json_string(b, op->kind ? op->kind->name : arena_strndup(a, rest, strcspn(rest, "/{.")));
    buf_puts(b, "]");
    if (rt->flags & ROUTE_PUBLIC) buf_puts(b, ",\"security\":[]");
    bool list = op->kind && !strcmp(rt->method, "GET") && !strstr(op->path, "{id}");
    if (list) {
        buf_putc(b, ',');
        list_params(b, op->kind);
    } else if (strchr(op->path, '{')) {
        bool any = false;
        buf_puts(b, ",\"parameters\":[");
        path_params(b, op->path, &any);
        buf_putc(b, ']');
    }
    bool writes = strcmp(rt->method, "GET") && strcmp(rt->method, "DELETE");
    if (writes && !(rt->flags & ROUTE_NO_BODY)) {
        if (op->kind)
            buf_printf(b,
                       ",\"requestBody\":{\"required\":true,\"content\":{\"application/json\":{"
                       "\"schema\":{\"$ref\":\"#/components/schemas/%s_input\"}}}}",
                       op->kind->name);
        else if (rt->body) {
            buf_puts(b, ",\"requestBody\":{\"required\":true,\"description\":");
            esc_json_string(b, rt->body);
            /* a file as it is (a scan export), or a JSON object */
            buf_puts(b, rt->flags & ROUTE_RAW_BODY
                            ? ",\"content\":{\"application/octet-stream\":{\"schema\":{"
                              "\"type\":\"string\",\"format\":\"binary\"}}}}"
                            : ",\"content\":{\"application/json\":{\"schema\":{\"type\":"
                              "\"object\"}}}}");
        }
    }
    buf_puts(b, ",\"responses\":{");
    if (op->kind) {
        entity_responses(b, op);
    } else {
        buf_puts(b, "\"200\":{\"description\":");
        esc_json_string(b, rt->answer ? rt->answer : rt->summary);
        buf_puts(b, ",\"content\":{\"application/json\":{\"schema\":{\"type\":\"object\"}}}}");
    }
    buf_puts(b, ",\"default\":{\"description\":\"an error: 400 malformed, 401 no token, 403 "
                "forbidden, 404 not found, 405 not allowed, 422 invalid\",\"content\":{"
                "\"application/json\":{\"schema\":{\"$ref\":\"#/components/schemas/error\"}}}}");
    buf_puts(b, "}}");
}

void api_openapi(req *r, resp *out)
{
    respond_json(out, 200);
    buf *b = &out->body;
    buf_puts(
        b,
        "{\"openapi\":\"3.0.3\",\"info\":{\"title\":\"lis API\",\"version\":\"1\","
        "\"description\":\"Information security management for Swedish municipalities. "
        "Authenticate with a personal API token: Authorization: Bearer lis_...\"},"
        "\"components\":{\"securitySchemes\":{\"token\":{\"type\":\"http\",\"scheme\":\"bearer\"}},"
        "\"schemas\":{\"error\":{\"type\":\"object\",\"properties\":{\"error\":{\"type\":"
        "\"object\","
        "\"properties\":{\"code\":{\"type\":\"string\"},\"message\":{\"type\":\"string\"},"
        "\"fields\":{\"type\":\"object\",\"additionalProperties\":{\"type\":\"string\"}}}}}}");
    for (const entity *const *e = entity_all(); *e; e++) {
        buf_putc(b, ',');
        entity_schemas(b, *e);
    }
    buf_puts(b, "}},\"security\":[{\"token\":[]}],\"paths\":{");
    /* every /api/v1 route of the route table, the ":e" ones once per kind they exist
     * for; the operations of one path are written together */
    api_ops o = {.a = r->a};
    route_each(r->a, collect, &o);
    bool *done = arena_alloc(r->a, sizeof(bool) * (size_t)(o.n + 1));
    memset(done, 0, sizeof(bool) * (size_t)(o.n + 1));
    bool first_path = true;
    for (int i = 0; i < o.n; i++) {
        if (done[i]) continue;
        buf_printf(b, "%s", first_path ? "" : ",");
        esc_json_string(b, o.ops[i].path);
        buf_puts(b, ":{");
        bool first_op = true;
        for (int k = i; k < o.n; k++) {
            if (done[k] || strcmp(o.ops[k].path, o.ops[i].path)) continue;
            done[k] = true;
            if (!first_op) buf_putc(b, ',');
            operation(r->a, b, &o.ops[k]);
            first_op = false;
        }
        buf_putc(b, '}');
        first_path = false;
    }
    buf_puts(b, "}}");
}
