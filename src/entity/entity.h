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
    F_KIND = 1 << 11,       /* text naming a kind of record ("risks"): shown by the kind's
                             * label, filtered by a choice of kinds */
};

typedef struct enum_opt {
    const char *value;
    tr_key label;
    /* rows with this value are left out of list pages unless asked for (a checkbox,
     * quiet=1): the audit log's reads. The API and exports always have them. */
    bool quiet;
} enum_opt;

struct entity;

/* A list of the records of another kind that point to this one, shown on this record's
 * page (an incident's tasks, an object's systems): only the rows the reader may read,
 * counted the same way. With add_in_place, "Lägg till" opens the child's form with
 * ref_field set to this record and fixed, and saving or cancelling returns here. */
typedef struct related_list {
    const char *kind;           /* the child entity's name: "incident_tasks" */
    const char *ref_field;      /* its FT_REF field that names this record */
    const char *const *columns; /* child fields shown, NULL-ended; the first links to it */
    bool add_in_place;
    tr_key label; /* the section's heading */
    /* Optional: the order of the rows, SQL over alias t ("t.likelihood * t.consequence
     * DESC"); NULL = the child's default sort. */
    const char *order_sql;
    /* Optional: only the rows whose field holds this value (a unit's active people), as a
     * list filter: "active", "1". */
    const char *only_field, *only_value;
    /* Optional: a command beside a row (ticking a task off), after the last column. */
    void (*row_action)(req *r, const struct entity *child, const db_res *rows, int row, buf *out);
    /* Optional: the list belongs to some records of this kind only (a phishing drill has
     * results, a course completions): shown when this record's field when_field holds
     * when_value, or with when_not, when it does not. NULL = on every record. */
    const char *when_field, *when_value;
    bool when_not;
} related_list;

/* A date by which something is to be done (an action's end date, a task's due time):
 * past it, the row is overdue unless status_field holds one of the moot values. Lists,
 * pages and exports mark it ("Försenad sedan 2026-06-30"), lists filter by overdue=1,
 * and the JSON carries "overdue". */
typedef struct due_date {
    const char *field;        /* an FT_DATE or FT_DATETIME field */
    const char *status_field; /* an FT_ENUM field; NULL = never moot */
    const char *const *moot;  /* its values that make the date moot, NULL-ended */
    const char *done_field;   /* a field that, once set, makes it moot (reported_on); NULL */
    /* The status_field value that marks it done ("done"): while the date is not moot, the
     * record's page offers "Markera som klar", one click (POST /<kind>/<id>/done, and the
     * API's), to whoever may edit the record (the person responsible). NULL = none. */
    const char *done_value;
    tr_key done_label; /* the button's words when not "Markera som klar" (0) */
} due_date;

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
     * field with it is offered in forms as a choice of min…max, the values with a label; an
     * FT_TEXT or FT_LONGTEXT value is shown (pages, lists, exports) as its label, in the
     * reader's language (a finding lis wrote), while JSON, filters and search keep the
     * stored text. */
    const char *(*value_label)(req *r, const char *value);
    /* A text lis wrote, for each reader in their own language (an incident's timeline
     * event "Uppgift klar: …"), made from the row's other columns (a code and its
     * arguments); NULL for a row whose stored text stands (one a person wrote). Pages,
     * lists, exports and JSON give it in the field's place; filters and search keep the
     * stored text. */
    const char *(*row_label)(req *r, const struct entity *e, const db_res *res, int row);
    /* A value that depends on the reader (NULL for a plain column): the SQL expression over
     * alias selected in the column's place, e.g. an audit diff withheld from those who may
     * not read the record it describes. Lists, single rows, JSON and exports all get it. */
    const char *(*select_sql)(req *r, const char *alias);
    /* Who sets it (0 = whoever may write the record): only holders of this action in the
     * record's unit (unit_field; before and after a move) set or change it, by form, API
     * or import alike — and they may, without the kind's write action. An asset's owner
     * is appointed (ACT_OWNER_APPOINT): a samordnare who writes the inventory cannot make
     * herself the owner who then decides its classification. */
    action set_by;
    /* A heading on the record page: this field starts a group there ("Bedömning",
     * "Personuppgifter (GDPR)"); 0 = it continues the group before it. */
    tr_key group;
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
    /* The picker's second line, over alias t, telling namesakes apart (a person's e-mail, a
     * system's object and supplier); NULL = the unit alone. */
    const char *pick_detail_sql;
    const char *default_sort;
    action read_action, write_action;
    const char *unit_field;  /* field whose unit decides write permission; NULL = tenant-wide */
    const char *owner_field; /* if set, members see only their own rows (person_id) */
    /* if set, the person this reference names may also edit the existing row (a risk's
     * owner their risk), without any role; creating still needs write_action */
    const char *editor_field;
    const char *retire_column; /* soft delete: "retired_at"; NULL = hard delete allowed */
    bool retire_final;         /* retiring cannot be undone (a revoked API token stays revoked) */
    bool can_create, can_edit, can_delete;
    /* Few rows per tenant (units): references to it are offered as a drop-down. Others
     * (people: thousands) are picked by typing a name or e-mail, resolved on save. */
    bool small;
    bool has_updated_at;
    /* Exports hold the values as stored (UTC times, codes), not as shown: the audit log,
     * whose export is evidence. */
    bool export_raw;
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
    /* Need-to-know through the record a row belongs to, when that record's unit and
     * people decide (an answer: its object's; a test: its continuity plan's): this kind's
     * reference to it. The referenced kind's unit_field, and readers below as columns of
     * that record, then decide instead of this row's own. */
    const char *scope_via;
    /* Columns naming people who read need-to-know rows (or, with scope_via, the rows under
     * their record) without a role there: an object's owner and förvaltare, a plan's
     * owner, whoever decided a plan. editor_field and owner_field always count too. */
    const char *readers[3];
    /* Rows not yet for everyone (a document's draft): while draft_field holds one of
     * draft_values (NULL-ended), a row is read only by writers tenant-wide and as a
     * need-to-know row (the writers of its unit's subtree, editor, owner and readers);
     * the other rows by everyone who reads the kind. NULL = no drafts. */
    const char *draft_field;
    const char *const *draft_values;
    /* Domain rules, run inside the write transaction after the generic validation.
     * old is NULL on create; rec->values can be completed (derived columns). */
    void (*validate)(req *r, const struct entity *e, record *rec, const record *old, errors *errs);
    /* What a new record's form proposes where the address gave nothing (an action's open
     * plan year and status "Planerad"): rec holds the query's values; fill only empty ones. */
    void (*form_defaults)(req *r, const struct entity *e, record *rec);
    /* After the row is written (rec->id set): e.g. update subtree paths. Returns
     * false with errs filled to roll the whole change back. */
    bool (*after_write)(req *r, const struct entity *e, record *rec, const record *old,
                        errors *errs);
    /* The area's own sections on the detail page (legal clocks, an aggregated protection
     * need): detail_lead above the related lists, detail_extra below them. Lists of the
     * records that point here are declared in related, never written by hand. */
    void (*detail_lead)(req *r, const struct entity *e, const record *rec, buf *out);
    /* A record that can no longer be changed (a decided classification): its page offers
     * no "Ändra" that would fail; the kind offers what replaces it (in detail_top). */
    bool (*frozen)(const record *rec);
    /* Above the fields: what the reader must do now (an incident's next step and clocks). */
    void (*detail_top)(req *r, const struct entity *e, const record *rec, buf *out);
    void (*detail_extra)(req *r, const struct entity *e, const record *rec, buf *out);
    const related_list *related; /* ended by {NULL}; NULL = none */
    const due_date *due;         /* NULL = no due date */
    /* A list of this kind shows what records of other kinds hold (the audit log: their
     * titles and changes): record that as reading them, as reading them directly is.
     * Called with every list page and API list; false when it could not be recorded. */
    bool (*rows_read)(req *r, const struct entity *e, const db_res *rows, const char *what);
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

/* What one area adds to another area's kind, registered in src/app/contributions.c so
 * that the lower area never names the higher one (classification adds the protection
 * need to a system's page; inventory does not call classification). Each table ends
 * with a row whose kind is NULL. */
typedef struct entity_section {
    const char *kind; /* the entity name whose detail page shows the section */
    void (*render)(req *r, int64_t id, buf *out);
} entity_section;
/* Rendered on the detail page after the fields, before the kind's own detail_extra. */
extern const entity_section entity_sections[];

typedef struct entity_observer {
    const char *kind; /* the entity name whose writes are observed */
    /* Called like after_write, after the kind's own, inside the same transaction;
     * false with errs filled rolls the whole change back. */
    bool (*after_write)(req *r, const entity *e, record *rec, const record *old, errors *errs);
} entity_observer;
extern const entity_observer entity_observers[];

/* list query */
/* A filter's value for "the field is empty": ?owner_id=- lists the rows with no owner. */
#define FILTER_NONE "-"
typedef struct list_query {
    const char *search;
    const char *sort;
    bool desc;
    const char *after; /* cursor: "<id>.<sort value>" */
    int limit;
    bool include_retired;
    bool overdue; /* only overdue rows (?overdue=1; entities with a due date) */
    /* A fixed order, SQL over alias t, from a descriptor (never from input): one page only,
     * no cursor (*next then only says that more rows exist). */
    const char *order_sql;
    bool show_quiet; /* quiet=1: rows with a quiet enum value too */
    /* only the F_LIST columns are shown (a list page): other references' labels are NULL */
    bool listed_only;
    kvlist filters; /* field name → value */
} list_query;

void list_query_from(req *r, const entity *e, const kvlist *params, list_query *q);
/* A list page leaves out rows with a quiet enum value unless the query asks for them or
 * filters by that field. */
void list_query_quiet(req *r, const entity *e, list_query *q);
/* Runs the list; rows hold id, then every field (refs as value and field__label).
 * *next receives the cursor of the next page or NULL. */
int entity_list(req *r, const entity *e, const list_query *q, db_res **rows,
                const char **next) DB_MUST_CHECK;
/* The statement entity_list runs, written into b (initialised by the caller): tests read
 * its plan to see that a list's order comes from an index, not a sort of the tenant. */
struct sql_builder;
void entity_list_statement(req *r, const entity *e, const list_query *q, struct sql_builder *b);
/* How many rows the list would hold over all its pages (the same filters and scope). */
int entity_count(req *r, const entity *e, const list_query *q, int64_t *count) DB_MUST_CHECK;
/* The same count for many tenants at once, without the reader's read scope: rows of
 * (tenant_id, count) for every tenant of tenants_sql (a parameter-free SELECT of tenant ids)
 * with at least one row. For aggregates over tenants that no reader sees one by one (the
 * national view): the caller shows sums only. A filter that names the caller's tenant (a
 * reference's text, unit_id_within) matches nothing here. */
int entity_count_by_tenant(req *r, const entity *e, const list_query *q, const char *tenants_sql,
                           db_res **rows) DB_MUST_CHECK;
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
/* The same inside the caller's transaction (an import updating a record it found). */
int entity_update_in(req *r, const entity *e, const record *old, record *rec,
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
/* Is reading e's rows recorded (audit_reads, or need_to_know: they name weaknesses)? */
bool entity_reads_audited(const entity *e);
/* Records a read of one record of such an entity (no-op otherwise), in its own
 * transaction; false when it could not be recorded (then refuse the read). One request
 * records the same read once. */
bool entity_audit_read(req *r, const entity *e, int64_t id, const char *what) DB_MUST_CHECK;
/* The same for many rows at once (a list, a section of a page): one audit row naming
 * every id, read from column id_col of rows. Nothing is written for no rows. */
bool entity_audit_read_rows(req *r, const entity *e, const db_res *rows, int id_col,
                            const char *what);
/* A page that reads several audited kinds (the start page) holds their records from
 * entity_reads_hold on and writes them all in one transaction at entity_reads_write: the
 * same audit rows, one commit instead of one per kind. The page must write them before it
 * answers and show nothing when entity_reads_write fails (then none was recorded). */
void entity_reads_hold(req *r);
bool entity_reads_write(req *r) DB_MUST_CHECK;

/* permission: may the caller write this record (old and/or new)? */
bool entity_may_write(req *r, const entity *e, const record *rec);
/* May the caller edit this record: write it, or set one of its set_by fields? */
bool entity_may_edit(req *r, const entity *e, const record *rec);
bool entity_may_read(req *r, const entity *e);
/* The caller's condition on the rows of e under alias that they may read, to append to
 * a WHERE: "" when they see every row, otherwise " AND (…)" ("1 = 0" inside when they see
 * none). It joins the three rules: the kind's read_action (else none), owner_field (a
 * member who is no tenant-wide writer sees their own rows) and need_to_know. It holds no
 * parameters (unit paths and ids are written in, checked to be digits and slashes), so
 * any query over e's table can add it — and for a kind with scope_via, any table that
 * has tenant_id and the scope_via column (answer_tally for answers). Every list, row,
 * export, reference label, option and count of e goes through it. */
const char *entity_read_scope(req *r, const entity *e, const char *alias);
/* For a kind with scope_via: the condition on its parent's rows (alias over the parent's
 * table) under which the caller reads e's rows of that parent — an object's
 * self-assessment page, its annex. "" for a kind without scope_via. */
const char *entity_parent_read_scope(req *r, const entity *e, const char *alias);
/* What is the caller's to act on (the start page), to append to a WHERE as " AND (…)":
 * the rows of e under alias whose unit lies in a subtree where the caller holds e's write
 * action, or whose editor, owner or reader columns name them; for a kind with scope_via,
 * alias is over the parent's table and its unit and readers decide. Unlike the read scope
 * it narrows also for those who read every row (ledning reads every risk but reviews none).
 * Add entity_read_scope too: this is no read rule. */
const char *entity_mine_scope(req *r, const entity *e, const char *alias);
/* Whether the caller reads e's rows under one parent row (scope_via): the self-assessment
 * of one object, the tests of one plan. False for a parent that does not exist. */
bool entity_parent_readable(req *r, const entity *e, int64_t parent_id);
/* An SQL condition: may the caller read the row that the columns kind_col (an entity's
 * name) and id_col (its id, as text) of alias name? True for kinds the caller reads
 * whole (and for names that are no entity); for need-to-know kinds and kinds with an
 * owner rule, the row must exist within the caller's read scope. */
const char *entity_row_readable_sql(req *r, const char *alias, const char *kind_col,
                                    const char *id_col);
/* May the caller set this field (F_WRITERS fields: only writers tenant-wide)? */
bool field_settable(req *r, const entity *e, const field *f);
const char *unit_path_of(req *r, const char *unit_id);
/* Resolves what a user typed for a reference (an id, or the exact value of one of the
 * referenced entity's search fields, e.g. a name or an e-mail address) to an id.
 * Returns the id, or NULL with *ambiguous telling whether several rows matched. */
const char *ref_resolve(req *r, const entity *ref, const char *typed, bool *ambiguous);
/* The title of a referenced row as a reader knows it ("Risk R-12 Nätfiske"), NULL when
 * there is none or the caller may not read it (need-to-know). */
const char *ref_name(req *r, const entity *ref, const char *id);
/* The title of a referenced row with its id, for a form's typed reference. */
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
/* A stored value of f as a reader knows it, outside any list row (an audit diff): an
 * option's label, Ja/Nej, a reference's title within the reader's read scope ("#id"
 * when they may not read it), Stockholm time. NULL stays NULL. */
const char *field_value_display(req *r, const field *f, const char *raw);
/* The label of a kind of record by its name, or the name when it is no kind. */
const char *entity_kind_label(req *r, const char *name);

#endif
