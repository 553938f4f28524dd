/* continuity.h - continuity per förvaltningsobjekt or process: the business impact
 * analysis (MTPD, RTO, RPO), dependencies and the plan; restore tests and exercises,
 * with the next test due, so that what is overdue (or was never tested) shows. */
#ifndef LIS_CONTINUITY_H
#define LIS_CONTINUITY_H
#include "../entity/entity.h"
#include "bia.h"

/* What the plan's page shows of its BIA (bia_page.c, views/continuity_bia.html). */
typedef struct bia_view {
    bia_grid grid; /* carried forward */
    bool stated;   /* any impact stated */
    bia_mtpd mtpd;
    int unacceptable; /* the tenant's unacceptable step (bia_unacceptable_step) */
    const char *step_names[BIA_MAX_LEVEL + 1]; /* "4 – Katastrofal" per step */
    long long plan_mtpd;                       /* the MTPD the plan states, -1 = none */
    int t_level;         /* highest current T of the information involved, -1 */
    const char *t_asset; /* the information with that level */
    bia_availability t_check;
} bia_view;
/* The roll-up as the page and the API show it (rollup_page.c): nodes are the tenant's
 * processes (0 … nprocesses-1) then its systems, each kind by id. */
#include "rollup.h"
/* Where a system's capability (rollup.h) comes from */
enum { ROLL_CAP_PLAN, ROLL_CAP_TYPED, ROLL_CAP_AGREEMENT, ROLL_CAP_TESTED };
typedef struct rollup_cap_info {
    int kind;
    const char *supplier; /* typed on the dependency or the register's name, NULL */
    int64_t supplier_id;  /* in the register, 0 */
    int64_t ref_id;       /* the agreement's or the test's id, 0 */
    const char *title;    /* the agreement's title, the test's date */
} rollup_cap_info;
typedef struct rollup_view {
    int n, nprocesses;
    int64_t *id;
    const char **name;
    int *own_rto, *own_rpo, *mtpd;  /* a process's needs from its plan and BIA, -1 */
    int *promise_rto, *promise_rpo; /* a system's förvaltningsobjekt's plan, -1 */
    int *sla;                       /* the slowest agreed supplier restore, -1 */
    const char **supplier;          /* that supplier */
    rollup_result rto, rpo;
    int *order, norder; /* systems with a need, strictest first: the restore order */
    int unknown;        /* systems no process's need reaches */
    /* every system's capabilities, grouped by node: cap_first[node] … cap_first[node + 1] */
    rollup_capability *caps;
    rollup_cap_info *cap_info;
    rollup_flag *flags;
    int ncaps, *cap_first;
    rollup_edge *edges; /* process/system needs system, as rolled */
    int nedges;
} rollup_view;

/* The graph drawn on the page (rollup_graph.c): the roll-up's nodes, then the suppliers
 * (the register's and those typed on a dependency) and the premises, each in a column
 * by depth, with the need rolled down to it and whether a capability falls short. */
enum { ROLL_NODE_PROCESS, ROLL_NODE_SYSTEM, ROLL_NODE_SUPPLIER, ROLL_NODE_PREMISES };
typedef struct rollup_graph_node {
    const char *name, *label; /* the full name; shortened to fit the box */
    const char *need;         /* "RTO 4 h · RPO 2 h", NULL when none */
    int64_t supplier_id;      /* the register's supplier, 0 */
    int kind, x, y;
    bool weak, on_cycle;
} rollup_graph_node;
typedef struct rollup_graph {
    rollup_graph_node *node; /* the shown ones */
    int n;
    rollup_edge *edge; /* between shown nodes, by index in node */
    bool *edge_cycle;  /* the edge closes a cycle (points backwards) */
    int nedges, width, height;
    const char *filter_process, *filter_unit; /* as asked, NULL */
    const bool *shown; /* by the view's node: what the filter keeps; NULL without a filter */
    int nshown;        /* of the restore order, the systems shown */
    db_res *processes, *units; /* the choices of the filter */
} rollup_graph;
enum { ROLL_BOX_W = 210, ROLL_BOX_H = 56, ROLL_COL_W = 270, ROLL_ROW_H = 72, ROLL_PAD = 10 };
/* Loads the graph of v (loaded) for r, filtered by ?process= or ?unit= (a förvaltning:
 * the processes in its subtree and all they reach). False on a database failure. */
bool rollup_graph_load(req *r, const rollup_view *v, rollup_graph *g);
bool continuity_rollup_load(req *r, rollup_view *v);
/* What the system's side can do for RTO: the weakest of its capabilities (its plan, its
 * suppliers' agreements, its measured restore), -1 */
int rollup_promise(const rollup_view *v, int node);
/* The node of a process or a system by id, -1 */
int rollup_node(const rollup_view *v, bool process, int64_t id);
bool rollup_rto_gap(const rollup_view *v, int node);
bool rollup_rpo_gap(const rollup_view *v, int node);
/* The nodes between node and the source of its need, from the source's side */
int rollup_chain(const rollup_view *v, const rollup_result *res, int node, int *out, int max);
extern const tr_key bia_kind_labels[BIA_KINDS], bia_point_labels[BIA_POINTS];

extern const entity entity_continuity_plans, entity_continuity_tests, entity_rsa;
extern const entity entity_bia_impacts, entity_continuity_dependencies;
/* a test's or an exercise's result: passed, partial, failed */
extern const enum_opt continuity_results[];
/* response.c: the incident response plan, its contact tree and its exercises */
extern const entity entity_response_plans, entity_response_contacts, entity_response_exercises;
void response_contact_validate(req *r, const entity *e, record *rec, const record *old,
                               errors *errs);
void response_exercise_validate(req *r, const entity *e, record *rec, const record *old,
                                errors *errs);
void response_plan_lead(req *r, const entity *e, const record *rec, buf *out);
void h_response_plan_pdf(req *r, resp *out); /* GET /response_plans/:id/plan.pdf */
/* The readiness lines (<li>): each plan decided when, exercised when, review due; or
 * that there is none. On the continuity page and the lägesbild. */
void continuity_response_items(req *r, buf *out);

void continuity_plan_validate(req *r, const entity *e, record *rec, const record *old,
                              errors *errs);
bool continuity_plan_after_write(req *r, const entity *e, record *rec, const record *old,
                                 errors *errs);
void continuity_test_validate(req *r, const entity *e, record *rec, const record *old,
                              errors *errs);
void rsa_validate(req *r, const entity *e, record *rec, const record *old, errors *errs);

/* rsa.c: the RSA as a document. Its chapters in the order MSBFS 2015:5 § 5 gave them, each
 * a text column of rsa and, where the analysis has live data, the table the export pulls
 * in under it. */
extern const entity entity_rsa_links;
enum { RSA_CHAPTERS = 8 };
typedef enum rsa_table_kind {
    RSA_TABLE_NONE,
    RSA_TABLE_CRITICAL,  /* linked processes and objects: MTPD, RTO, RPO */
    RSA_TABLE_RESTORE,   /* the roll-up's restore order for them */
    RSA_TABLE_GAPS,      /* where a system's promise is slower than the need */
    RSA_TABLE_RISKS,     /* linked risks: level, residual level, status */
    RSA_TABLE_ACTIONS,   /* linked actions: status, end date, responsible */
    RSA_TABLE_READINESS, /* the incident response plans and their last exercise */
    RSA_TABLE__COUNT
} rsa_table_kind;
typedef struct rsa_chapter {
    const char *field; /* the rsa column: "ch_area" */
    tr_key label;      /* its heading */
    rsa_table_kind table;
} rsa_chapter;
extern const rsa_chapter rsa_chapters[RSA_CHAPTERS];
tr_key rsa_table_label(rsa_table_kind k);
/* pure: is a chapter's text empty (NULL, or only spaces and line breaks)? */
bool rsa_text_empty(const char *text);
/* pure: which chapters hold text (filled), and how many */
int rsa_chapters_written(const char *const texts[RSA_CHAPTERS], bool filled[RSA_CHAPTERS]);
/* a link names exactly one process, object, risk or action */
void rsa_link_validate(req *r, const entity *e, record *rec, const record *old, errors *errs);
/* above the RSA's links: its due date, which chapters are written, the two exports */
void rsa_lead(req *r, const entity *e, const record *rec, buf *out);
void h_rsa_pdf(req *r, resp *out);  /* GET /rsa/:id/rsa.pdf */
void h_rsa_xlsx(req *r, resp *out); /* GET /rsa/:id/rsa.xlsx */
void continuity_plan_detail_extra(req *r, const entity *e, const record *rec, buf *out);
/* bia_rules.c: an impact is on the tenant's scale, once per kind and point in time, in
 * its plan's unit; a dependency has one dependant and one thing it needs */
void bia_impact_validate(req *r, const entity *e, record *rec, const record *old, errors *errs);
void dependency_validate(req *r, const entity *e, record *rec, const record *old, errors *errs);
/* bia_page.c: above the plan's related lists: the test notice, the impact grid, the MTPD
 * that follows and its check against the availability classification */
void continuity_plan_lead(req *r, const entity *e, const record *rec, buf *out);
/* rollup_page.c: GET /continuity/rollup and /api/v1/continuity/rollup: each system's
 * strictest recovery need through the dependencies, its chain, where the promise is
 * weaker, the restore order and the cycles (need-to-know like risks) */
void h_continuity_rollup(req *r, resp *out);
/* unacceptable.c: the tenant's limit of the unacceptable on its consequence scale (its
 * highest step unless set), who may set it, and its page form and API */
int bia_unacceptable_step(req *r);
bool bia_may_set_unacceptable(req *r);
void h_bia_unacceptable(req *r, resp *out);
void api_bia_unacceptable(req *r, resp *out);
void api_bia_unacceptable_set(req *r, resp *out);
void api_continuity_rollup(req *r, resp *out);

/* followup.c: a failed test's findings, each to an action; the actions made from it */
void continuity_test_detail_extra(req *r, const entity *e, const record *rec, buf *out);
/* Plans whose latest test is overdue or that were never tested (-1 on error): the
 * figure of /continuity, for the start page and the lägesbild. */
int continuity_overdue(req *r);
/* The start page card: shown only when something is overdue. */
void continuity_home_card(req *r, buf *out);

/* seed.c: demo plans and a failed restore test, inside the caller's transaction */
bool seed_continuity(db *d, arena *a, int64_t tenant);

/* GET /continuity: every plan with its last test and whether a test is overdue */
void h_continuity(req *r, resp *out);
/* rules.c: the latest RSA term on the continuity page, reported or not */
void continuity_rsa_section(req *r, buf *b);
/* todo.c: plans whose test is due, the RSA to report (the start page, src/entity/todo.h) */
struct todo_list;
bool continuity_todo(req *r, struct todo_list *l);
/* service_levels.c: the internal service level of a förvaltningsobjekt (IT ↔ the
 * verksamhet), compared with the need and the suppliers' backing (service_level.h) */
#include "service_level.h"
extern const entity entity_service_levels;
/* One object with a gap: its need, what is agreed, what its suppliers back. */
typedef struct sl_gap_row {
    int64_t object_id, service_level_id; /* 0 = none agreed */
    const char *object;
    sl_agreed agreed;
    sl_need need;
    sl_supplier supplier;
    bool has_supplier;
    unsigned gaps;
} sl_gap_row;
/* A gap's code (the API) and words (the pages), by its bit; ended by {0}. */
typedef struct sl_gap_word {
    unsigned bit;
    const char *code;
    tr_key label;
} sl_gap_word;
extern const sl_gap_word sl_gap_words[];
/* The objects with a gap (the tenant's, or the one object_id names), by name. The caller
 * decides who may see them. False when the database failed. */
bool service_level_gaps_load(req *r, int64_t object_id, sl_gap_row **rows, int *n);
/* The continuity page's gap list, and an object's page's section: for those who read every
 * risk (and on the object's page those who write its unit), nothing for others. */
void service_levels_continuity_section(req *r, buf *out);
void service_levels_object_section(req *r, int64_t object_id, buf *out);
/* seed.c: the demo's service levels, one with a gap, inside the caller's transaction
 * (after the suppliers) */
bool seed_service_levels(db *d, arena *a, int64_t tenant);
/* GET /api/v1/continuity/service_level_gaps: the gap list as JSON; 403 for others */
void api_service_level_gaps(req *r, resp *out);
#endif
