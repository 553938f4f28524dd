/* followup.h - follow-up of the security work (ISO/IEC 27001 9.2 and 9.3; SKR's area 10,
 * the weakest in the country): the internal audit (egenkontroll) — a programme per year,
 * its audits with the requirements and styrdokument they checked, and their findings, each
 * of which becomes an action of the handlingsplan and is followed until closed — and the
 * management review as a record, whose inputs are counted from live data until it is held
 * and then kept, so that kommunstyrelsen's figures stay as they were read. */
#ifndef LIS_FOLLOWUP_H
#define LIS_FOLLOWUP_H
#include "../entity/entity.h"

extern const entity entity_audit_programmes, entity_internal_audits, entity_audit_checks,
    entity_audit_findings, entity_management_reviews, entity_review_decisions,
    entity_maturity_answers, entity_national_optins;
extern const enum_opt maturity_area_options[];

/* rules.c: the domain rules of each kind (run inside the write transaction) */
void audit_programme_validate(req *r, const entity *e, record *rec, const record *old,
                              errors *errs);
void internal_audit_validate(req *r, const entity *e, record *rec, const record *old, errors *errs);
void audit_check_validate(req *r, const entity *e, record *rec, const record *old, errors *errs);
void audit_finding_validate(req *r, const entity *e, record *rec, const record *old, errors *errs);
void review_validate(req *r, const entity *e, record *rec, const record *old, errors *errs);
void review_decision_validate(req *r, const entity *e, record *rec, const record *old,
                              errors *errs);

/* findings.c: a finding's one click to an action and the actions made from it; a review
 * decision's button beside its row */
void audit_finding_detail_extra(req *r, const entity *e, const record *rec, buf *out);
void review_decision_detail_extra(req *r, const entity *e, const record *rec, buf *out);
void review_decision_row_action(req *r, const entity *child, const db_res *rows, int row, buf *out);

/* todo.c: audits due within 30 days or late, open findings without an action (the start
 * page, src/entity/todo.h) */
struct todo_list;
bool followup_todo(req *r, struct todo_list *l);

/* review_figures.c: the inputs of a management review, counted from live data */
#include "review_figures.h"

/* review_page.c: a review's inputs on its page (live or kept, and the change since the
 * previous review); GET /management_reviews/:id/report.pdf for kommunstyrelsen */
void review_detail_lead(req *r, const entity *e, const record *rec, buf *out);
void h_review_report_pdf(req *r, resp *out);

/* maturity.c: the tenant's answers per SKR area and year (rules), a level's MSB name, and
 * GET /maturity and /api/v1/maturity: the year's profile against the 2019 national shares */
void maturity_validate(req *r, const entity *e, record *rec, const record *old, errors *errs);
const char *maturity_level_value_label(req *r, const char *value);
void h_maturity(req *r, resp *out);
void api_maturity(req *r, resp *out);

/* audit_pack_page.c: the revisionspaket (audit_pack.h) — GET /followup/audit-pack, its PDF
 * and XLSX, and GET /api/v1/audit-pack */
void h_audit_pack(req *r, resp *out);
void h_audit_pack_pdf(req *r, resp *out);
void h_audit_pack_xlsx(req *r, resp *out);
void api_audit_pack(req *r, resp *out);
/* national.c: the tenant's opt-in to the national view (national_optins), and the view a
 * body's national_viewer reads: GET /national, /national.csv and /api/v1/national */
#include "national.h"
extern const enum_opt national_county_options[], national_size_options[];
bool national_load(req *r, int year, national_view *v);
void h_national(req *r, resp *out);
void h_national_csv(req *r, resp *out);
void api_national(req *r, resp *out);
#endif
