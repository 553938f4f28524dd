/* openapi.c - the OpenAPI 3 description of /api/v1, written from the entity
 * descriptors, so the documentation can never drift from what the API does. */
#include "entity.h"
#include "handlers.h"
#include "../core/escape.h"
#include "../http/page.h"
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
            buf_printf(b, ",{\"name\":\"%s\",\"in\":\"query\",\"schema\":{\"type\":\"string\"}}",
                       f->name);
    }
    if (e->due)
        buf_puts(b, ",{\"name\":\"overdue\",\"in\":\"query\",\"description\":\"1: only the "
                    "overdue rows\",\"schema\":{\"type\":\"string\",\"enum\":[\"1\"]}}");
    buf_puts(b, "]");
}

void api_openapi(req *r, resp *out)
{
    (void)r;
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
    bool first = true;
    for (const entity *const *ep = entity_all(); *ep; ep++) {
        const entity *e = *ep;
        const char *ref = "{\"$ref\":\"#/components/schemas/";
        buf_printf(b, "%s\"/api/v1/%s\":{\"get\":{\"summary\":", first ? "" : ",", e->name);
        esc_json_string(b, tr(LANG_EN, e->label_many));
        buf_puts(b, ",");
        list_params(b, e);
        buf_printf(
            b,
            ",\"responses\":{\"200\":{\"description\":\"a page\",\"content\":{\"application/json\":"
            "{\"schema\":{\"type\":\"object\",\"properties\":{\"items\":{\"type\":\"array\","
            "\"items\":%s%s\"}},\"next\":{\"type\":\"string\",\"nullable\":true}}}}}}}}",
            ref, e->name);
        if (e->can_create)
            buf_printf(
                b,
                ",\"post\":{\"requestBody\":{\"content\":{\"application/"
                "json\":{\"schema\":%s%s_input\"}}}},"
                "\"responses\":{\"201\":{\"description\":\"created\"},\"400\":{\"description\":"
                "\"malformed\"},"
                "\"403\":{\"description\":\"forbidden\"},\"422\":{\"description\":\"invalid\"}}}",
                ref, e->name);
        buf_printf(b,
                   "},\"/api/v1/%s/"
                   "{id}\":{\"parameters\":[{\"name\":\"id\",\"in\":\"path\",\"required\":true,"
                   "\"schema\":{\"type\":\"integer\"}}],\"get\":{\"responses\":{\"200\":{"
                   "\"description\":\"the record\","
                   "\"content\":{\"application/"
                   "json\":{\"schema\":%s%s\"}}}},\"404\":{\"description\":\"not found\"}}}",
                   e->name, ref, e->name);
        if (e->can_edit)
            buf_printf(b,
                       ",\"patch\":{\"description\":\"only the fields sent "
                       "change\",\"requestBody\":{\"content\":"
                       "{\"application/"
                       "json\":{\"schema\":%s%s_input\"}}}},\"responses\":{\"200\":{"
                       "\"description\":\"updated\"}}}",
                       ref, e->name);
        if (e->can_delete)
            buf_puts(b, ",\"delete\":{\"responses\":{\"204\":{\"description\":\"deleted\"}}}");
        buf_puts(b, "}");
        if (e->retire_column)
            buf_printf(
                b,
                ",\"/api/v1/%s/{id}/"
                "retire\":{\"post\":{\"responses\":{\"200\":{\"description\":\"retired\"}}}},"
                "\"/api/v1/%s/{id}/"
                "reinstate\":{\"post\":{\"responses\":{\"200\":{\"description\":\"reinstated\"}}}}",
                e->name, e->name);
        first = false;
    }
    buf_puts(b, ",\"/api/v1/me\":{\"get\":{\"responses\":{\"200\":{\"description\":\"who the token "
                "belongs to\"}}}}"
                ",\"/api/v1/coverage\":{\"get\":{\"responses\":{\"200\":{\"description\":\"role "
                "coverage per förvaltning and bolag\"}}}}"
                ",\"/api/v1/incidents/{id}/deadlines\":{\"get\":{\"responses\":{\"200\":{"
                "\"description\":\"the legal deadlines of an incident: kind, start, due, "
                "seconds_left, state (ok, amber, red, sent), sent_at, reference\"}}}}"
                "}}");
}
