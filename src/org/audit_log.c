/* audit_log.c - the audit log as its readers see it: who (a person), what kind of record
 * (by its label), which action, in Stockholm time; a change as a table of field label,
 * before and after in the reader's language. Reads are left out of the page unless asked
 * for. The CSV, XLSX and API keep the values as stored (UTC times, codes, the JSON diff).
 *
 * The summary and diff of a record the reader may not read (need-to-know: incidents,
 * risks, analyses…, or rows of another's) are withheld from them everywhere: they see
 * that a change happened, by whom, when, to which kind and id. */
#include "org.h"
#include "../core/escape.h"
#include "../core/util.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include "../../build/views/audit_change.h"

/* the diff of a record the reader may not read, in every output */
#define WITHHELD "{\"_withheld\":true}"

static const enum_opt audit_actions[] = {
    {"create", TR_audit_act_create},
    {"update", TR_audit_act_update},
    {"delete", TR_audit_act_delete},
    {"retire", TR_audit_act_retire},
    {"reinstate", TR_audit_act_reinstate},
    {"read", TR_audit_act_read, .quiet = true},
    {"export", TR_audit_act_export},
    {"login", TR_audit_act_login},
    {"login_failed", TR_audit_act_login_failed},
    {"logout", TR_audit_act_logout},
    {"login_code_failed", TR_audit_act_login_code_failed},
    {"recovery_code_used", TR_audit_act_recovery_code_used},
    {"totp_enrolled", TR_audit_act_totp_enrolled},
    {"totp_disabled", TR_audit_act_totp_disabled},
    {"totp_reset", TR_audit_act_totp_reset},
    {"totp_recovery_new", TR_audit_act_totp_recovery_new},
    {"password_changed", TR_audit_act_password_changed},
    {"switch_tenant", TR_audit_act_switch_tenant},
    {"approve", TR_audit_act_approve},
    {"assess", TR_audit_act_assess},
    {"carry_over", TR_audit_act_carry_over},
    {"catalogue", TR_audit_act_catalogue},
    {"decide", TR_audit_act_decide},
    {"suggest", TR_audit_act_suggest},
    {"trigger", TR_audit_act_trigger},
    {NULL, 0},
};

/* the person behind the account that acted (none for the system) */
static const char *audit_person_sql(req *r, const char *alias)
{
    return arena_printf(r->a,
                        "(SELECT p.id FROM person p WHERE p.tenant_id = %s.tenant_id AND "
                        "p.account_id = %s.actor_id)",
                        alias, alias);
}

static const char *audit_summary_sql(req *r, const char *alias)
{
    return arena_printf(r->a, "(CASE WHEN %s THEN %s.summary END)",
                        entity_row_readable_sql(r, alias, "entity", "entity_id"), alias);
}

static const char *audit_diff_sql(req *r, const char *alias)
{
    return arena_printf(r->a, "(CASE WHEN %s.diff IS NULL OR %s THEN %s.diff ELSE '%s' END)", alias,
                        entity_row_readable_sql(r, alias, "entity", "entity_id"), alias, WITHHELD);
}

/* An audit list shows, to those who may read them, the titles and changes of the records
 * its rows name: for need-to-know kinds that is reading those records, recorded as such
 * (one read row per kind and request, naming the ids). Rows of reads name no content. */
static bool audit_rows_read(req *r, const entity *e, const db_res *rows, const char *what)
{
    int kind_col = entity_col(e, entity_field(e, "entity"));
    int id_col = entity_col(e, entity_field(e, "entity_id"));
    int summary_col = entity_col(e, entity_field(e, "summary"));
    int action_col = entity_col(e, entity_field(e, "action"));
    char **ids = arena_alloc(r->a, sizeof(char *) * (size_t)(rows->nrows + 1));
    if (!ids) return false;
    /* one pass over the page per kind whose reads are recorded (a handful of kinds) */
    for (const entity *const *k = entity_all(); *k; k++) {
        if (!entity_reads_audited(*k)) continue;
        int n = 0;
        for (int j = 0; j < rows->nrows; j++) {
            const char *kind = db_cell(rows, j, kind_col), *id = db_cell(rows, j, id_col);
            const char *act = db_cell(rows, j, action_col);
            int64_t num;
            if (!kind || strcmp(kind, (*k)->name) != 0 || !db_cell(rows, j, summary_col) ||
                (act && strcmp(act, "read") == 0) || !id || !parse_int64(id, &num) || num <= 0)
                continue;
            ids[n++] = (char *)id;
        }
        db_res named = {.nrows = n, .ncols = 1, .cells = ids};
        if (n && !entity_audit_read_rows(r, *k, &named, 0, arena_printf(r->a, "audit %s", what)))
            return false;
    }
    return true;
}

static void audit_change_section(req *r, const entity *e, const record *rec, buf *out);

static const field audit_fields[] = {
    {"at", FT_DATETIME, TR_audit_at, F_LIST | F_SORT | F_FILTER | F_EXPORT | F_NOT_NULL},
    {"person_id", FT_REF, TR_audit_person, F_LIST | F_FILTER, .ref = "people",
     .select_sql = audit_person_sql},
    {"actor", FT_TEXT, TR_audit_actor, F_DETAIL | F_SEARCH | F_EXPORT},
    {"ip", FT_TEXT, TR_audit_ip, F_DETAIL | F_EXPORT},
    {"action", FT_ENUM, TR_audit_action, F_LIST | F_FILTER | F_EXPORT | F_NOT_NULL,
     .options = audit_actions},
    {"entity", FT_TEXT, TR_audit_entity, F_LIST | F_FILTER | F_EXPORT | F_KIND},
    {"entity_id", FT_TEXT, TR_audit_entity_id, F_LIST | F_EXPORT},
    {"summary", FT_TEXT, TR_audit_summary, F_LIST | F_SEARCH | F_EXPORT,
     .select_sql = audit_summary_sql},
    {"diff", FT_LONGTEXT, TR_audit_diff, F_EXPORT, .select_sql = audit_diff_sql},
    {"seq", FT_INT, TR_audit_seq, F_DETAIL | F_EXPORT | F_SORT | F_NOT_NULL, .max = INT64_MAX},
    {"hash", FT_TEXT, TR_audit_hash, F_DETAIL},
};

const entity entity_audit_log = {
    .name = "audit",
    .table = "audit_log",
    .label_one = TR_audit_one,
    .label_many = TR_audit_many,
    .fields = audit_fields,
    .nfields = sizeof audit_fields / sizeof audit_fields[0],
    .title_sql = "t.action",
    /* newest first by the chain's own sequence: the (tenant_id, seq) index serves it,
     * where ordering by id made PostgreSQL walk every tenant's rows */
    .default_sort = "-seq",
    .read_action = ACT_AUDIT_READ,
    .write_action = ACT_AUDIT_READ,
    .export_raw = true,
    .detail_extra = audit_change_section,
    .rows_read = audit_rows_read,
};

static const char *value_of(const entity *e, const record *rec, const char *name)
{
    int i = entity_field_index(e, name);
    return i >= 0 ? rec->values[i] : NULL;
}

/* One side of a change as the reader knows it: "—" for empty. */
static const char *side(req *r, const field *f, json_t *v)
{
    /* copied: the JSON is freed before the page is written */
    const char *raw = json_is_string(v) ? arena_strdup(r->a, json_string_value(v)) : NULL;
    if (!raw && json_is_integer(v)) raw = int_text(r->a, json_integer_value(v));
    const char *shown = f ? field_value_display(r, f, raw) : raw;
    return shown && *shown ? shown : "—";
}

/* The change a row records, as a table: field label, before, after. */
static void audit_change_section(req *r, const entity *e, const record *rec, buf *out)
{
    const char *diff = value_of(e, rec, "diff");
    const char *kind_name = value_of(e, rec, "entity");
    const char *id = value_of(e, rec, "entity_id");
    const entity *kind = kind_name ? entity_find(kind_name) : NULL;
    bool withheld = diff && strcmp(diff, WITHHELD) == 0;
    /* a change of a need-to-know record, shown field by field, is a read of that record:
     * recorded as any other (not shown when it cannot be) */
    int64_t record_id;
    if (diff && !withheld && kind && id && parse_int64(id, &record_id) &&
        !entity_audit_read(r, kind, record_id, "audit log"))
        withheld = true;
    /* the record itself, by its title where the reader may read it */
    const char *record_title = NULL, *record_href = NULL;
    if (kind && id && !withheld) {
        const char *t = ref_title(r, kind, id);
        if (t && strcmp(t, id) != 0) {
            record_title = t;
            record_href = arena_printf(r->a, "/%s/%s", kind->name, id);
        }
    }
    json_t *root = diff && !withheld ? json_loads(diff, 0, NULL) : NULL;
    int n = root && json_is_object(root) ? (int)json_object_size(root) : 0;
    const char **labels = arena_alloc(r->a, sizeof(char *) * (size_t)(n + 1));
    const char **before = arena_alloc(r->a, sizeof(char *) * (size_t)(n + 1));
    const char **after = arena_alloc(r->a, sizeof(char *) * (size_t)(n + 1));
    int k = 0;
    const char *key;
    json_t *pair;
    if (n) {
        json_object_foreach(root, key, pair)
        {
            int fi = kind ? entity_field_index(kind, key) : -1;
            const field *f = fi >= 0 ? &kind->fields[fi] : NULL;
            labels[k] = f ? tr(r->lang, f->label) : arena_strdup(r->a, key);
            before[k] = side(r, f, json_is_array(pair) ? json_array_get(pair, 0) : NULL);
            after[k] = side(r, f, json_is_array(pair) ? json_array_get(pair, 1) : pair);
            k++;
        }
    }
    json_decref(root);
    view_audit_change(out, r->lang, r, record_title, record_href, labels, before, after, k,
                      withheld);
}
