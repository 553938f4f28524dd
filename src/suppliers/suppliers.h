/* suppliers.h - who runs our systems, under which agreements, and whether they keep them
 * (issue 18). A supplier is a record of the tenant (organisationsnummer, country, security
 * and incident contacts) that systems point to; its page gathers its systems, the highest
 * protection need among them, its agreements, incidents and what was made from it. An
 * agreement (avtal, PUB-avtal, SLA, sekretessförbindelse, underbiträden) names a supplier,
 * the systems it covers, its term and notice date; an SLA's figures are compared with
 * what the continuity plans of the covered systems' objects need. */
#ifndef LIS_SUPPLIERS_H
#define LIS_SUPPLIERS_H
#include "../entity/entity.h"
#include <stdbool.h>

extern const entity entity_suppliers, entity_agreements, entity_agreement_systems,
    entity_agreement_transfers, entity_supplier_answers, entity_supplier_reviews,
    entity_supplier_review_questions, entity_supplier_findings, entity_supplier_certifications,
    entity_analysis_suppliers, entity_supplier_exit_plans;

/* orgnr.c, pure: a Swedish organisationsnummer (or a sole trader's personnummer) as
 * written — "556677-8899", "5566778899", "16 556677-8899" — into its ten-digit form
 * "NNNNNN-NNNN" in out; false unless it has ten digits (twelve starting "16") with
 * nothing but one optional hyphen or spaces between them and a right Luhn check digit. */
bool orgnr_normalise(const char *in, char out[12]);

/* rules.c */
void supplier_validate(req *r, const entity *e, record *rec, const record *old, errors *errs);
void agreement_validate(req *r, const entity *e, record *rec, const record *old, errors *errs);
void agreement_system_validate(req *r, const entity *e, record *rec, const record *old,
                               errors *errs);
void agreement_transfer_validate(req *r, const entity *e, record *rec, const record *old,
                                 errors *errs);
/* pure: the date notice must be given by, end minus months (clamped to the month's last
 * day: 2027-05-31 minus 3 → 2027-02-28), into out; false for a bad date or months < 0. */
bool agreement_notice_date(const char *end, int months, char out[11]);
/* pure: an availability as written ("99,5", "99.95 %") into "99.5" form; false unless a
 * number from 0 to 100 with at most three decimals. */
bool availability_normalise(const char *in, char out[16]);

/* page.c: the supplier's page below its fields: the highest protection need among its
 * systems, the incidents on them (need-to-know), systems naming it in free text not yet
 * linked, and what was made from it */
void supplier_detail_extra(req *r, const entity *e, const record *rec, buf *out);
/* POST /suppliers/:id/link: the systems whose free-text supplier name is this one's
 * (case and spaces aside) and that point to no supplier are linked to it, each audited */
void h_supplier_link(req *r, resp *out);
/* GET /suppliers/unmatched (and /api/v1/…): the free-text names on systems that no
 * supplier record matches, with their systems */
void h_suppliers_unmatched(req *r, resp *out);

/* sla.c, pure: where an SLA promises less than a continuity plan needs. Hours, -1 for
 * none: a promised RTO or RPO longer than the plan's, no RTO or RPO promised where the
 * plan sets one, or backups further apart than the plan's RPO. */
enum {
    SLA_RTO_WEAKER = 1 << 0,
    SLA_RPO_WEAKER = 1 << 1,
    SLA_BACKUP_WEAKER = 1 << 2,
    SLA_RTO_MISSING = 1 << 3,
    SLA_RPO_MISSING = 1 << 4,
};
unsigned sla_shortfall(long sla_rto, long sla_rpo, long sla_backup, long plan_rto, long plan_rpo);
/* sla.c: an agreement's page: the SLA's promise against the plans' needs */
void agreement_detail_lead(req *r, const entity *e, const record *rec, buf *out);
/* Systems handling personal data (a current classification of their information says
 * so), run by their supplier or in its cloud, whose supplier has no PUB-avtal covering
 * them: rows system id, name, supplier id, name; for one supplier. */
int pub_missing_for_supplier(req *r, int64_t supplier_id, db_res **rows) DB_MUST_CHECK;
/* The lägesbild's section (the whole tenant): those systems, or that there are none. */
void suppliers_dash_section(req *r, buf *out);
/* A system's page: the agreements covering it and the missing PUB-avtal flag */
void suppliers_system_section(req *r, int64_t system_id, buf *out);
/* seed.c: the demo's suppliers from its systems' names, contacts and a weak SLA, inside the
 * caller's transaction (after the continuity plans) */
bool seed_suppliers(db *d, arena *a, int64_t tenant);
/* todo.c: agreements ending or to be given notice on within 30 days, for their
 * responsible person (the start page, src/entity/todo.h) */
struct todo_list;
bool agreements_todo(req *r, struct todo_list *l);

/* review.c, pure: the date a supplier's next review is due, months after the one held
 * (12 when months is 0 or less); false for a bad date. */
bool supplier_next_review(const char *held_on, int months, char out[11]);
/* review.c, pure: a certification's expiry against today (both YYYY-MM-DD): none given,
 * valid, expiring within CERT_WARN_DAYS (the day itself included), or expired. */
enum { CERT_WARN_DAYS = 60 };
typedef enum { CERT_NO_DATE, CERT_VALID, CERT_EXPIRING, CERT_EXPIRED } cert_state;
cert_state certification_state(const char *expires_on, const char *today);

/* annex.c, pure: an answer as written in the returned annex (Swedish or English, any
 * case: "Uppfyllt", "delvis", "ej uppfyllt", "met", "partly", "not met") as stored
 * ("met", "partly", "not_met"); NULL when it is none of the allowed words. */
const char *supplier_answer_word(arena *a, const char *cell);
/* One requirement line of a returned annex, and the file's check. */
typedef struct annex_row {
    int line;
    const char *code, *answer, *comment; /* as in the file */
    const char *requirement_id, *status; /* what they name; NULL when bad */
    const char *existing;                /* the answer recorded before, updated */
    const char *problem;                 /* in the reader's language; NULL when good */
    bool skipped;                        /* no answer given: nothing recorded */
} annex_row;
typedef struct annex_import {
    const char *error; /* about the file as a whole */
    annex_row *rows;
    int nrows, total, bad, fresh, updated, skipped;
    bool done;
} annex_import;
/* POST /suppliers/:id/annex-import: the returned annex (file, agreement_id) previewed
 * row by row, or with step=import and the upload's id, imported;
 * POST /api/v1/suppliers/:id/annex-import[?preview=1][&agreement_id=N]: the file as body */
void h_supplier_annex_import(req *r, resp *out);
void h_api_supplier_annex_import(req *r, resp *out);

/* gaps.c: an answer not or partly met becomes an action or an accepted risk (the forms
 * opened prefilled with the answer as origin), and shows what was made from it; a finding
 * likewise becomes an action */
void supplier_answer_gap(req *r, const entity *e, const record *rec, buf *out);
void supplier_finding_actions(req *r, const entity *e, const record *rec, buf *out);
/* the supplier's page: its certifications with expiry flags, reviews, open findings and
 * the gaps in its answers (those within the reader's read scope), and the import form */
void supplier_follow_up(req *r, const record *rec, bool may_write, buf *out);
/* a continuity plan's page: the exit plans of the suppliers of its object's systems, and
 * the critical ones among them without one */
void suppliers_continuity_section(req *r, int64_t plan_id, buf *out);
/* page.c: the highest protection need (K, R, T, S; -1 where none) among the supplier's
 * systems, any set when one is; false when the database failed */
bool supplier_need(req *r, int64_t id, int need[4], bool *any);
/* a review's page: the button that adds the SKA requirements that apply as questions */
void supplier_review_extra(req *r, const entity *e, const record *rec, buf *out);
/* POST /supplier_reviews/:id/questions (and /api/v1/…): every active SKA requirement that
 * applies to the highest protection need among the supplier's systems, and is not yet a
 * question of the review, becomes one (each created and audited as any question) */
void h_review_questions(req *r, resp *out);
/* an incident's page: the supplier it names and its incident contact */
void suppliers_incident_section(req *r, int64_t incident_id, buf *out);
#endif
