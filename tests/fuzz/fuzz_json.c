/* fuzz_json - record_from_json, the JSON reader of every API write, for each entity
 * (entity_all()), both as a create (POST) and as a change (PATCH). The input is the
 * request body. Checks: a record read without errors carries only form fields, each
 * value valid where the type says so. */
#include "fuzz_common.h"
#include "../../src/entity/entity.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return 0;
}

static void one(req *r, const entity *e, bool creating)
{
    record *rec = record_new(r, e);
    FUZZ_CHECK(rec, "record_new failed");
    errors errs = {0};
    bool ok = record_from_json(r, e, rec, creating, &errs);
    FUZZ_CHECK(ok == (errs.n == 0), "result and errors disagree");
    FUZZ_CHECK(errs.n >= 0 && errs.n <= 32, "error count %d", errs.n);
    for (int i = 0; i < errs.n; i++)
        FUZZ_CHECK(errs.items[i].field >= -1 && errs.items[i].field < e->nfields, "error field");
    if (!ok) return;
    for (int i = 0; i < e->nfields; i++) {
        const field *f = &e->fields[i];
        if (!rec->present[i]) {
            FUZZ_CHECK(!rec->values[i], "%s.%s has a value but is not present", e->name, f->name);
            continue;
        }
        FUZZ_CHECK(f->flags & F_FORM, "%s.%s is not a form field", e->name, f->name);
        FUZZ_CHECK(creating || !(f->flags & F_CREATE_ONLY), "%s.%s changed", e->name, f->name);
        const char *v = rec->values[i];
        if (!v) continue;
        if (f->type == FT_BOOL)
            FUZZ_CHECK(!strcmp(v, "0") || !strcmp(v, "1"), "%s.%s bool %s", e->name, f->name, v);
        else if (f->type == FT_INT || f->type == FT_REF) {
            char *end;
            (void)strtoll(v, &end, 10);
            FUZZ_CHECK(*v && !*end, "%s.%s int %s", e->name, f->name, v);
        } else
            FUZZ_CHECK(*v && strlen(v) <= r->body_len, "%s.%s text", e->name, f->name);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    arena a;
    arena_init(&a, 64 * 1024 * 1024);
    req r = {.a = &a,
             .method = "POST",
             .path = "/api/v1/units",
             .api = true,
             .content_type = "application/json",
             .body = (const char *)data,
             .body_len = size};
    for (const entity *const *e = entity_all(); *e; e++) {
        one(&r, *e, true);
        one(&r, *e, false);
    }
    arena_free(&a);
    return 0;
}
