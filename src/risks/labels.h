/* labels.h - changing the tenant's names and colours of its matrix (label_pages.c), shared
 * with the matrix page that shows the form. Who may: those who may change the matrix's
 * size (the risk writers of the whole tenant: CISO, IT-säkerhet, tenant admin). */
#ifndef LIS_RISK_LABELS_H
#define LIS_RISK_LABELS_H
#include "risks.h"

/* A change as typed, and an error per field (0 = none). Steps are [1..size]. */
typedef struct label_form {
    const char *likelihood[MATRIX_MAX_LEVELS + 1], *consequence[MATRIX_MAX_LEVELS + 1];
    const char *level[LEVEL__COUNT], *colour[LEVEL__COUNT];
    tr_key err_likelihood[MATRIX_MAX_LEVELS + 1], err_consequence[MATRIX_MAX_LEVELS + 1];
    tr_key err_level[LEVEL__COUNT], err_colour[LEVEL__COUNT];
    tr_key err_steps; /* the API's arrays: not one name per step */
    int nerr;
    bool saved;
} label_form;

/* The section of /risks/matrix with the names and colours: the form filled from f (or
 * the current names when f is NULL), its errors, and a sample of each level's colour. */
void matrix_labels_section(req *r, buf *b, const label_form *f);
/* /risks/matrix with the names form filled from f (422 when f has errors) */
void risk_matrix_page(req *r, resp *out, const label_form *f);
/* The size change's preview: which axes keep their own names at the new size. */
void matrix_labels_preview(req *r, buf *b, risk_matrix to);
#endif
