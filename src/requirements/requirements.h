/* requirements.h - säkerhetskrav: lis's shipped catalogue (in every tenant, switchable
 * off with a reason) and the tenant's own requirements; which of them apply to a
 * förvaltningsobjekt (from its protection need); the self-assessment of each one; and
 * the SKA requirements as a procurement annex. */
#ifndef LIS_REQUIREMENTS_H
#define LIS_REQUIREMENTS_H
#include "../entity/entity.h"
#include "../classification/classification.h"
#include <stdio.h>

extern const entity entity_requirements, entity_answers, entity_org_answers;

/* Brings every tenant's copy of the shipped catalogue up to date (see catalogue.c). */
int catalogue_sync(db *d, FILE *log);

/* pure: does a requirement triggered by aspect ("K", "R", "T", "S" or "*" for every
 * classified object) from min_level apply to an object with this protection need
 * (levels per aspect K, R, T, S; -1 = none)? Level 4 needs its own analysis, but the
 * catalogue's requirements still apply as a floor. */
bool requirement_applies(const char *aspect, int min_level, const int need[4]);

/* The requirements that start and stop applying to each object as its protection need
 * goes from before to after (a classification's decision, src/classification/decision.c):
 * counted, and named ("code text; …") when at most a few; false on a database error. */
bool requirements_change(req *r, cls_change *objects, int n);

/* pure: the share met in whole percent, rounded: met / (applicable - not applicable);
 * 0 when nothing counts */
int share_met_percent(int applicable, int met, int na);

void requirement_validate(req *r, const entity *e, record *rec, const record *old, errors *errs);
void answer_validate(req *r, const entity *e, record *rec, const record *old, errors *errs);

/* The per-object answer counts (answer_tally and answer_phase_tally, see tally.c): recount
 * one object's inside the caller's transaction (tenant and object ids as text), or all of
 * them after a bulk load. */
int answer_tally_refresh(db *d, const char *tenant_id, const char *object_id);
int answer_tally_rebuild(db *d);
bool answer_after_write(req *r, const entity *e, record *rec, const record *old, errors *errs);
/* A requirement moved to another phase: its tenant's phase counts recounted. */
bool requirement_after_write(req *r, const entity *e, record *rec, const record *old, errors *errs);

/* What another area holds that meets a requirement for the tenant or a unit (a decided
 * styrdokument), shown on the assessment of every object it covers; registered in
 * src/app/contributions.c, ended by a NULL load. load gives rows of requirement id, a
 * link and a title, those the reader may read, for an object of unit_id. */
typedef struct requirement_source {
    tr_key label;
    int (*load)(req *r, const char *unit_id, db_res **rows);
} requirement_source;
extern const requirement_source requirement_sources[];

/* Organisation-wide requirements (org.c): a policy adopted by KF, management trained, an
 * incident routine — marked in the catalogue (org_wide), assessed once for the tenant (an
 * org_answer), shown read-only on every object's assessment, counted once (never per
 * object). */
/* pure: is an answer (status, updated_at) stricter than another to the same requirement?
 * Not met before partly before met before not applicable; on a tie the later one. What
 * becomes the tenant's answer when the objects' answers to a requirement that becomes
 * organisation-wide are carried over. */
bool answer_stricter(const char *status, const char *updated, const char *than_status,
                     const char *than_updated);
/* For each organisation-wide requirement of the tenant without a tenant answer, the
 * strictest of the objects' answers (which stay, as history) becomes it, audited as who;
 * inside the caller's transaction. *carried: how many. */
struct audit_actor;
int org_answers_carry(db *d, arena *a, const struct audit_actor *who, const char *tenant_id,
                      int *carried);
/* The tenant's answer counts (answer_tally, answer_phase_tally) recounted; NULL: all. */
int answer_tally_tenant_rebuild(db *d, const char *tenant_id);
void org_answer_validate(req *r, const entity *e, record *rec, const record *old, errors *errs);
/* GET/POST /requirements/org-wide: the organisation-wide requirements and the tenant's
 * answers, saved in one go by those who keep the requirements */
void h_org_requirements(req *r, resp *out);
void h_org_requirements_save(req *r, resp *out);
/* The tenant's organisation-wide requirements and its answers to them (those the reader
 * may read: need-to-know), counted: reqs has the columns of an assessment's requirements
 * (Q_* in assessment.h), answers requirement id, status, comment, evidence, id (OA_*). */
typedef struct org_assessment {
    db_res *reqs, *answers;
    int *answer_of; /* per requirement row: answer row or -1 */
    bool answers_readable;
    int applicable, assessed, met, na, gaps;
} org_assessment;
bool org_assessment_load(req *r, org_assessment *o);
/* requirement row i's answer: its status (NULL: none), a column (OA_*); the share met */
const char *org_status(const org_assessment *o, int i);
const char *org_value(const org_assessment *o, int i, int col);
int org_met_percent(const org_assessment *o);
enum { OA_REQ, OA_STATUS, OA_COMMENT, OA_EVIDENCE, OA_ID };

/* GET/POST /objects/:id/requirements: the object's applicable requirements and their
 * self-assessment, saved in one go; GET /objects/:id/annex: the procurement annex */
void h_object_requirements(req *r, resp *out);
void h_object_requirements_save(req *r, resp *out);
void h_object_annex(req *r, resp *out);
void h_object_annex_xlsx(req *r, resp *out); /* GET /objects/:id/annex.xlsx */
/* the object page's summary: share of requirements met, links to the two pages */
void requirements_object_section(req *r, int64_t object_id, buf *out);
#endif
