/* entity.h - one description per entity.
 *
 * Each kind of record (unit, person, role assignment, API token, audit row, and every
 * later area) is described once, as a static table of fields with its scoping and
 * permission rule. The generic code in this folder reads the table to build the SQL
 * (filters, sorting, keyset paging), validate form and JSON input with an error per
 * field, render list/detail/form pages, write JSON and CSV, and record the audit diff.
 * An area adds only its domain rules, through the hooks below. */
#ifndef LIS_ENTITY_H
#define LIS_ENTITY_H
#include "../auth/auth.h"
#include "../http/http.h"
#include "../core/i18n.h"
#include <stdbool.h>
#include <stdint.h>

typedef enum field_type {
    FT_TEXT,     /* one line */
    FT_LONGTEXT, /* several lines */
    FT_INT,
    FT_BOOL,
    FT_ENUM,
    FT_DATE,     /* YYYY-MM-DD */
    FT_DATETIME, /* stored ISO 8601 UTC, written by lis */
    FT_EMAIL,
    FT_REF, /* id of a row of another entity in the same tenant */
} field_type;

enum field_flags {
    F_LIST = 1 << 0,   /* a column in lists */
    F_FILTER = 1 << 1, /* a filter in lists and ?name= in the API */
    F_SORT = 1 << 2,   /* lists can be sorted by it */
    F_EXPORT = 1 << 3, /* in CSV and XLSX */
    F_FORM = 1 << 4,   /* editable in forms and the API */
    F_REQUIRED = 1 << 5,
    F_SEARCH = 1 << 6,      /* matched by the free-text search */
    F_CREATE_ONLY = 1 << 7, /* settable when creating, fixed afterwards */
    F_DETAIL = 1 << 8,      /* shown on the detail page */
    F_NOT_NULL = 1 << 9,    /* never NULL in the table (implied by F_REQUIRED): sorts on the
                             * bare column, so an index can serve the order */
    F_WRITERS = 1 << 10,    /* set only by holders of the write action tenant-wide; an owner
                             * (owner_field) sees it but cannot set it (incident triage) */
};

typedef struct enum_opt {
    const char *value;
    tr_key label;
} enum_opt;

struct entity;

typedef struct field {
    const char *name; /* column and JSON key */
    field_type type;
    tr_key label;
    unsigned flags;
    int max_len;             /* characters, for text */
    int64_t min, max;        /* for FT_INT */
    const enum_opt *options; /* for FT_ENUM, ended by {NULL} */
    const char *ref;         /* for FT_REF: the referenced entity's name */
    tr_key help;             /* 0 = none */
    /* A value's label decided at run time (a tenant's own words for its risk matrix), NULL
     * for a value without one: overrides an enum's option labels everywhere; an FT_INT
     * field with it is offered in forms as a choice of min…max, the values with a label. */
    const char *(*value_label)(req *r, const char *value);
} field;

typedef struct field_error {
    int field; /* index, or -1 for the record as a whole */
    tr_key message;
    const char *detail;
} field_error;

/* A record being read or written: one text value per field (NULL = empty/NULL). */
typedef struct record {
    int64_t id;
    const char **values;
    bool *present; /* which fields the input carried (JSON PATCH semantics) */
} record;

typedef struct errors {
    field_error items[32];
    int n;
} errors;

typedef struct entity {
    const char *name;  /* URL segment, API collection, audit entity: "units" */
    const char *table; /* "unit" */
    tr_key label_one, label_many;
    const field *fields;
    int nfields;
    const char *title_sql; /* SQL expression naming a row, over alias t: "t.name" */
    const char *default_sort;
    action read_action, write_action;
    const char *unit_field;  /* field whose unit decides write permission; NULL = tenant-wide */
    const char *owner_field; /* if set, members see only their own rows (person_id) */
    /* if set, the person this reference names may also edit the existing row (a risk's
     * owner their risk), without any role; creating still needs write_action */
    const char *editor_field;
    const char *retire_column; /* soft delete: "retired_at"; NULL = hard delete allowed */
    bool can_create, can_edit, can_delete;
    /* Few rows per tenant (units): references to it are offered as a drop-down. Others
     * (people: thousands) are picked by typing a name or e-mail, resolved on save. */
    bool small;
    bool has_updated_at;
    /* Reading one record (its page, its JSON) is itself recorded in the audit log:
     * sensitive records such as incidents. */
    bool audit_reads;
    /* Need-to-know reading (risks: they name weaknesses). When set, holders of read_all
     * for the whole tenant see every row; anyone else sees only the rows in the units
     * where they hold write_action (unit_field, with its subtree) and the rows whose
     * editor_field or owner_field names them. Lists, single rows, exports, references
     * and the areas' own counts all follow it (entity_read_scope). */
    bool need_to_know;
    action read_all;
    /* Domain rules, run inside the write transaction after the generic validation.
     * old is NULL on create; rec->values can be completed (derived columns). */
    void (*validate)(req *r, const struct entity *e, record *rec, const record *old, errors *errs);
    /* After the row is written (rec->id set): e.g. update subtree paths. Returns
     * false with errs filled to roll the whole change back. */
    bool (*after_write)(req *r, const struct entity *e, record *rec, const record *old,
                        errors *errs);
    /* Extra sections on the detail page (related lists). */
    void (*detail_extra)(req *r, const struct entity *e, const record *rec, buf *out);
} entity;

/* registry */
const entity *entity_find(const char *name);
const entity *const *entity_all(void);
/* The index of a field by name, or -1: for names that come from outside (a query
 * string, a JSON key). */
int entity_field_index(const entity *e, const char *name);
/* The index of a field the code names: an unknown name is a programming error, so it
 * aborts with a message naming the entity and the field instead of returning -1 (the
 * descriptor check at start-up covers the names descriptors hold). */
int entity_field(const entity *e, const char *name);
/* Typed access to a record's value by field name (entity_field's guarantee). record_set
 * also marks the field present, so an update writes it. */
const char *record_get(const record *rec, const entity *e, const char *name);
void record_set(record *rec, const entity *e, const char *name, const char *value);
void errors_add(errors *errs, int field, tr_key message, const char *detail);

/* list query */
typedef struct list_query {
    const char *search;
    const char *sort;
    bool desc;
    const char *after; /* cursor: "<id>.<sort value>" */
    int limit;
    bool include_retired;
    kvlist filters; /* field name → value */
} list_query;

void list_query_from(req *r, const entity *e, const kvlist *params, list_query *q);
/* Runs the list; rows hold id, then every field (refs as value and field__label).
 * *next receives the cursor of the next page or NULL. */
int entity_list(req *r, const entity *e, const list_query *q, db_res **rows,
                const char **next) DB_MUST_CHECK;
/* One row by id in the caller's tenant, same columns as a list row. */
int entity_get(req *r, const entity *e, int64_t id, db_res **row) DB_MUST_CHECK;
record *record_from_row(req *r, const entity *e, const db_res *res, int row);

/* input */
record *record_new(req *r, const entity *e);
void record_from_form(req *r, const entity *e, record *rec, bool creating);
/* Returns false and fills errs on malformed JSON, unknown fields or wrong types. */
bool record_from_json(req *r, const entity *e, record *rec, bool creating, errors *errs);

/* writes: validate, write, audit, in one transaction. Return DB_OK, or DB_CONSTRAINT
 * with errs filled, or DB_ERROR. */
int entity_create(req *r, const entity *e, record *rec, errors *errs) DB_MUST_CHECK;
/* The same inside the caller's transaction (an import): DB_OK, or DB_CONSTRAINT with errs
 * filled, or DB_ERROR; the caller commits or rolls back. */
int entity_create_in(req *r, const entity *e, record *rec, errors *errs) DB_MUST_CHECK;
int entity_update(req *r, const entity *e, const record *old, record *rec,
                  errors *errs) DB_MUST_CHECK;
int entity_delete(req *r, const entity *e, const record *old, errors *errs) DB_MUST_CHECK;
int entity_retire(req *r, const entity *e, const record *old, bool retire,
                  errors *errs) DB_MUST_CHECK;

/* An audit diff written by hand (a command, not a form): {"field": [old, new], …} from n
 * triples of field name, old value, new value (NULL = null). */
const char *entity_diff_triples(req *r, const char *const *triples, int n);

/* Records an action of the caller in the audit log (inside the caller's transaction). */
int entity_audit(req *r, const char *action, const entity *e, int64_t id, const char *summary,
                 const char *diff) DB_MUST_CHECK;
/* Records a read of one record of an entity with audit_reads (no-op otherwise), in its
 * own transaction; false when it could not be recorded (then refuse the read). */
bool entity_audit_read(req *r, const entity *e, int64_t id, const char *what) DB_MUST_CHECK;

/* permission: may the caller write this record (old and/or new)? */
bool entity_may_write(req *r, const entity *e, const record *rec);
bool entity_may_read(req *r, const entity *e);
/* The caller's need-to-know condition on rows of e under alias, to append to a WHERE:
 * "" when they see every row, otherwise " AND (…)" ("1 = 0" inside when they see none).
 * It holds no parameters (unit paths and ids are written in, checked to be digits and
 * slashes), so any query over e's table can add it. */
const char *entity_read_scope(req *r, const entity *e, const char *alias);
/* May the caller set this field (F_WRITERS fields: only writers tenant-wide)? */
bool field_settable(req *r, const entity *e, const field *f);
const char *unit_path_of(req *r, const char *unit_id);
/* Resolves what a user typed for a reference (an id, or the exact value of one of the
 * referenced entity's search fields, e.g. a name or an e-mail address) to an id.
 * Returns the id, or NULL with *ambiguous telling whether several rows matched. */
const char *ref_resolve(req *r, const entity *ref, const char *typed, bool *ambiguous);
/* The title of a referenced row, for showing an id as the user knows it. */
const char *ref_title(req *r, const entity *ref, const char *id);

/* The column layout of a list or get row, fixed by select_columns: id, then each
 * field (a reference followed by its label), then retired__ when the entity retires. */
int entity_col(const entity *e, int field);
int entity_label_col(const entity *e, int field); /* -1 unless a reference */
int entity_retired_col(const entity *e);          /* -1 unless it retires */

/* output */
void entity_json_row(req *r, const entity *e, const db_res *res, int row, buf *out);
/* Where entity_export sends a list: each cell, then the end of its row. Row 0 is the
 * header; f is NULL for the id column. value is NULL for an empty cell. Returning
 * false stops the export (the output failed). */
typedef struct export_sink {
    void *ctx;
    bool (*cell)(void *ctx, int row, int col, const field *f, const char *value);
    bool (*row_end)(void *ctx, int row);
} export_sink;
bool entity_export(req *r, const entity *e, const list_query *q, const export_sink *s);
void entity_csv(req *r, const entity *e, const list_query *q, buf *out);
/* The list as an XLSX workbook; false (out unchanged) when it could not be made. */
bool entity_xlsx(req *r, const entity *e, const list_query *q, buf *out);
const char *enum_label(req *r, const field *f, const char *value);
const char *field_display(req *r, const entity *e, const db_res *res, int row, int field);

#endif
