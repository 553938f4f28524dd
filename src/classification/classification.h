/* classification.h - informationsklassning: versions of an information asset's
 * consequence levels (K, R, T and optionally S on 0–4) with law flags, reasoning and
 * the information owner's decision; and the protection need (skyddsbehov) that
 * systems and objects get from the information they handle. */
#ifndef LIS_CLASSIFICATION_H
#define LIS_CLASSIFICATION_H
#include "../entity/entity.h"

extern const entity entity_classifications;

/* the aspects, in the order they are shown: K, R, T, S */
enum { ASPECTS = 4 };
extern const char *const aspect_columns[ASPECTS]; /* "k", "r", "t", "s" */
extern const tr_key aspect_labels[ASPECTS];
tr_key level_label(int level); /* 0..4 → "2 – Betydande skada" */

void classification_validate(req *r, const entity *e, record *rec, const record *old, errors *errs);

/* pure: a stored level "0".."4" as a number, -1 for NULL or anything else; and the
 * maximum per aspect over n rows of levels (-1 where no row has one) */
int need_level(const char *v);
void need_max(const int (*levels)[ASPECTS], int n, int out[ASPECTS]);

/* The asset page's classification section: its versions, newest first, with columns
 * id, version, status, k, r, t, s, classified_on, next_review, review_trigger,
 * decided_at, personal_data, sensitive_data, osl, osl_ref, security_protection,
 * decided_by's name, is_current, decided_as. */
#define CLS_VERSION_COLUMNS                                                                        \
    "c.id, c.version, c.status, c.k, c.r, c.t, c.s, c.classified_on, c.next_review, "              \
    "c.review_trigger, c.decided_at, c.personal_data, c.sensitive_data, c.osl, c.osl_ref, "        \
    "c.security_protection, p.name, c.is_current, c.decided_as FROM classification c LEFT JOIN "   \
    "person p ON p.id = c.decided_by"
typedef struct cls_versions {
    const db_res *rows;
    int current, draft; /* row index, -1 = none */
    int overdue_days;   /* > 0: the current one's review date passed that many days ago */
    bool level4, may_write;
    const char *basis; /* by right of what the reader would decide the draft; NULL: they may not */
    const char *new_url, *decided_local;
} cls_versions;
const char *cls_level_text(lang_t lang, const char *level);
const char *cls_trigger_text(lang_t lang, const char *trigger);
const char *cls_status_text(lang_t lang, const char *status);
const char *cls_basis_text(lang_t lang, const char *basis); /* "owner" → "informationsägare" */
const char *cls_flags_text(const req *r, const db_res *rows, int row);
const char *cls_levels_short(const req *r, const db_res *rows, int row); /* "K2 R1 T3 S–" */

/* The overview, for the tenant or one förvaltning (or bolag): counts, the assets due
 * (rows: asset id, name, unit name, next_review, review_trigger; at most 100, more = true
 * when there are more) and the drafts with whose decision they wait for (rows: id, asset
 * id, asset name, unit name, version, the information owner's name; at most 100). */
typedef struct cls_overview {
    int assets, classified, never, drafts, overdue, triggered, level4, months;
    const char *months_text;
    const db_res *due, *draft_rows;
    bool more, drafts_more, can_set, bad_months;
    const db_res *forvaltningar;     /* the choice: id, name, path */
    const char *forv_id, *forv_name; /* NULL: the whole tenant */
    const char *within;              /* "&unit_id_within=ID" for the lists' links, or "" */
} cls_overview;

/* The one definition of a förvaltningsobjekt's protection need (skyddsbehov): per aspect,
 * the highest current classification of the information — not retired — that the
 * object's systems — not retired — handle. Rows: object_id, K, R, T, S (NULL = none),
 * ordered by object_id; $1 is the tenant, `extra` narrows it (e.g. " AND s.object_id = $2").
 * The object page, the coverage counts and the data generator all read it from here. */
#define NEED_PER_OBJECT_SQL(extra)                                                                 \
    "SELECT s.object_id, MAX(CAST(c.k AS INTEGER)), MAX(CAST(c.r AS INTEGER)), "                   \
    "MAX(CAST(c.t AS INTEGER)), MAX(CAST(c.s AS INTEGER)) FROM system s JOIN system_asset l "      \
    "ON l.tenant_id = s.tenant_id AND l.system_id = s.id JOIN information_asset a ON "             \
    "a.tenant_id = l.tenant_id AND a.id = l.asset_id JOIN classification c ON c.tenant_id = "      \
    "a.tenant_id AND c.asset_id = a.id AND c.is_current = 1 WHERE s.tenant_id = $1 AND "           \
    "s.object_id IS NOT NULL AND s.status <> 'retired' AND a.status <> 'retired'" extra            \
    " GROUP BY s.object_id ORDER BY s.object_id"

/* An object's protection need per aspect (-1 = none), from its systems' information. */
bool need_of_object(req *r, int64_t object_id, int need[ASPECTS]);

/* sections on the asset, system and object pages */
void classification_asset_section(req *r, int64_t asset_id, buf *out);
void need_system_section(req *r, int64_t system_id, buf *out);
void need_object_section(req *r, int64_t object_id, buf *out);

/* A system going into procurement or into operation: the current classifications of the
 * information it handles are marked due for reclassification (reason "procurement" or
 * "golive"), each audited; inside the caller's transaction. */
bool classification_trigger_system(req *r, int64_t system_id, const char *reason);
/* Observes writes of systems (registered in src/app/contributions.c): a status change
 * to procurement or operation triggers the reclassification above. */
bool classification_system_written(req *r, const entity *e, record *rec, const record *old,
                                   errors *errs);

/* By right of what the caller decides a classification of an asset with this owner in
 * this unit: "owner" (the information owner), "deputy" (the deputy, ersättare, named on
 * the owner's information owner role for a unit that holds the asset's), else the role by
 * which they may appoint the owner there ("ledning", "ciso", "tenant_admin"); NULL: they
 * may not decide it. */
const char *decision_basis(req *r, const char *owner_id, const char *unit_id);
/* The SQL condition that the person reader is the deputy of owner for an asset in unit:
 * named as deputy on owner's information owner role (role_assignment.deputy_id) for a unit
 * that is, or holds, unit; each argument an SQL expression, tenant the tenant's. */
const char *cls_deputy_sql(arena *a, const char *tenant, const char *owner, const char *unit,
                           const char *reader);

/* A draft's decision with the whole picture (decision.c): the draft beside the version in
 * force, what it changes for the systems and förvaltningsobjekt that handle the
 * information, and who decides it. One system or object: its protection need per aspect
 * before and after the decision (-1 = none); for an object, the requirements that start
 * and stop applying, named (codes and texts, "; "-joined) when there are few. */
typedef struct cls_change {
    int64_t id;
    const char *name;
    int before[ASPECTS], after[ASPECTS];
    int starts, stops;
    const char *starting, *stopping; /* NULL when none or many */
} cls_change;
typedef struct cls_decision {
    int64_t id;
    const char *asset_id, *asset_name, *version, *in_force_version; /* NULL: none in force */
    const db_res *rows; /* the draft (row 0) and the version in force (row 1), columns as in
                         * cls_versions */
    int draft[ASPECTS], in_force[ASPECTS];
    cls_change *systems, *objects;
    int nsystems, nobjects, systems_changed, objects_changed, starts, stops;
    bool requirements_known;    /* false: the requirement counts could not be made */
    const char *level4_aspects; /* the draft's aspects at level 4, "Tillgänglighet"; NULL: none */
    const char *basis;          /* by right of what the reader would decide; NULL: they may not */
    const char *owner_name;     /* NULL: the asset has no information owner */
} cls_decision;
/* "2 → 3 (Betydande skada → Allvarlig skada)", "3 (Allvarlig skada)" when unchanged or new */
const char *cls_level_change(const req *r, int before, int after);
/* "K2 R1 T3 S–" of a protection need (-1 = –) */
const char *cls_need_short(const req *r, const int need[ASPECTS]);
bool cls_need_differs(const int a[ASPECTS], const int b[ASPECTS]);
/* Fills in the requirements that start and stop applying to each object (starts, stops,
 * starting, stopping) as its need goes from before to after; false on a database error.
 * Requirements are above classification in the house: the function is given in
 * src/app/contributions.c (requirements_change). */
extern bool (*const classification_requirement_changes)(req *r, cls_change *objects, int n);

/* POST /classifications/:id/decide, /classifications/:id/trigger (and under /api/v1) */
void h_classification_decide(req *r, resp *out);
void h_classification_trigger(req *r, resp *out);
/* GET /classifications/:id/decide: the confirm step ("Du beslutar …"); a form post to
 * /classifications/:id/decide without confirm=1 shows it too, and decides nothing */
void h_classification_confirm(req *r, resp *out);
/* the decision itself (rules.c), answered as form post or API call */
void classification_decide_command(req *r, resp *out);
/* the top of a draft's page: its decision, or whose decision it waits for */
void classification_draft_top(req *r, const record *rec, buf *out);
/* GET: a new draft's form, filled in from the version it follows */
void h_classification_new_version(req *r, resp *out);
/* The record page of a decided version: "Ny version" where "Ändra" would fail; of a draft:
 * its decision with the whole picture for whoever may decide it, else whose it waits for */
void classification_detail_top(req *r, const entity *e, const record *rec, buf *out);
bool classification_frozen(const record *rec);
/* GET /classification: the overview; POST /classification/settings: review interval */
void h_classification_overview(req *r, resp *out);
void h_classification_settings(req *r, resp *out);
/* todo.c: drafts awaiting the reader's decision, classifications due for review in their
 * units (the start page, src/entity/todo.h) */
struct todo_list;
bool classification_todo(req *r, struct todo_list *l);
#endif
