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

/* The overview: counts, and the assets due (rows: asset id, name, unit name,
 * next_review, review_trigger; at most 100, more = true when there are more). */
typedef struct cls_overview {
    int assets, classified, never, drafts, overdue, triggered, level4, months;
    const char *months_text;
    const db_res *due;
    bool more, can_set, bad_months;
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
 * this unit: "owner" (the information owner), else the role by which they may appoint
 * the owner there ("ledning", "ciso", "tenant_admin"); NULL: they may not decide it. */
const char *decision_basis(req *r, const char *owner_id, const char *unit_id);

/* POST /classifications/:id/decide, /classifications/:id/trigger (and under /api/v1) */
void h_classification_decide(req *r, resp *out);
void h_classification_trigger(req *r, resp *out);
/* GET: a new draft's form, filled in from the version it follows */
void h_classification_new_version(req *r, resp *out);
/* The record page of a decided version: "Ny version" where "Ändra" would fail */
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
