/* risks.h - risk analyses (a piece of work with a scope: an object, a process, a unit or
 * the whole tenant) and the risks found in them, rated on the tenant's matrix
 * (matrix.h); the risk register and its heat map. */
#ifndef LIS_RISKS_H
#define LIS_RISKS_H
#include "../entity/entity.h"
#include "matrix.h"

extern const entity entity_analyses, entity_risks, entity_risk_actions;

/* The caller's tenant's matrix (the default when it has none of its own). */
risk_matrix tenant_matrix(req *r);

/* Every name of the tenant's matrix (labels.c): its own words where set and still
 * applying to the axis's size, the defaults otherwise; [1..size] for the steps. Loaded
 * once per request. */
typedef struct matrix_names {
    risk_matrix m;
    const char *likelihood[MATRIX_MAX_LEVELS + 1], *consequence[MATRIX_MAX_LEVELS + 1];
    const char *level[LEVEL__COUNT], *colour[LEVEL__COUNT];
    bool own_likelihood, own_consequence, own_levels;
} matrix_names;
const matrix_names *tenant_names(req *r);
/* the defaults alone, for a matrix of size m (pure: heatmap.c) */
void matrix_names_defaults(matrix_names *n, lang_t lang, risk_matrix m);
/* after a change within the request: load again */
void matrix_names_forget(req *r);
/* whether the tenant's own names of an axis would still apply at `size` steps */
bool matrix_names_kept(req *r, bool likelihood, int size);
/* field labels for the engine (field.value_label): a level code's name; "3 – Trolig" for
 * a step on the tenant's matrix, NULL outside it */
const char *risk_level_name(req *r, const char *code);
const char *risk_likelihood_name(req *r, const char *value);
const char *risk_consequence_name(req *r, const char *value);

void analysis_validate(req *r, const entity *e, record *rec, const record *old, errors *errs);
void analysis_detail_extra(req *r, const entity *e, const record *rec, buf *out);
void risk_validate(req *r, const entity *e, record *rec, const record *old, errors *errs);
/* Above the risk's related lists: its origin, its rating, a new action from it. */
void risk_detail_lead(req *r, const entity *e, const record *rec, buf *out);
/* Below them: its history. */
void risk_detail_extra(req *r, const entity *e, const record *rec, buf *out);
/* the rating by the levels' names, and its history from the audit log (history.c) */
void risk_rating_section(req *r, const entity *e, const record *rec, buf *out);
void risk_history_section(req *r, const entity *e, const record *rec, buf *out);
void risk_action_validate(req *r, const entity *e, record *rec, const record *old, errors *errs);

/* The heat map as SVG: counts[l-1][c-1] risks in each cell. Each cell is a link to
 * link_base followed by "likelihood=L&consequence=C" (link_base ends in '?' or '&';
 * prefix names the columns: "" or "residual_"). */
void heatmap_svg(buf *out, lang_t lang, const matrix_names *n, const int *counts,
                 const char *link_base, const char *prefix, const char *title);

/* GET /risks/heatmap */
void h_risk_heatmap(req *r, resp *out);
/* GET and POST /risks/matrix, GET and POST /api/v1/risk_matrix: the tenant's matrix and
 * the change of its size, which moves every rating (matrix_pages.c); POST
 * /risks/matrix/labels and /api/v1/risk_matrix/labels: its names and colours
 * (label_pages.c) */
void h_risk_matrix_labels(req *r, resp *out);
void api_risk_matrix_labels(req *r, resp *out);
void h_risk_matrix(req *r, resp *out);
void h_risk_matrix_change(req *r, resp *out);
void api_risk_matrix(req *r, resp *out);
void api_risk_matrix_change(req *r, resp *out);
/* todo.c: accepted risks due for review in the reader's units (the start page,
 * src/entity/todo.h) */
struct todo_list;
bool risks_todo(req *r, struct todo_list *l);
#endif
