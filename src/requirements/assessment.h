/* assessment.h - an object's requirements and their self-assessment as loaded for its
 * pages (assess.c), given to the views (views/assess_*.html, views/annex.html). */
#ifndef LIS_ASSESSMENT_H
#define LIS_ASSESSMENT_H
#include "requirements.h"

/* requirement columns */
enum { Q_ID, Q_CODE, Q_AREA, Q_KIND, Q_ASPECT, Q_LEVEL, Q_SV, Q_EN, Q_ISO, Q_MSBFS, Q_GDPR };
/* answer columns */
enum { A_REQ, A_STATUS, A_COMMENT, A_EVIDENCE, A_ID };

typedef struct assessment {
    int64_t object_id;
    const char *object_name, *unit_id;
    int need[4];
    db_res *reqs;    /* every active requirement of the tenant, by area and code */
    bool *applies;   /* per requirement row */
    db_res *answers; /* the object's answers */
    int *answer_of;  /* per requirement row: answer row or -1 */
    db_res *actions; /* actions made from the object's answers: answer id, id, title, status */
    int applicable, assessed, met, na, gaps;
} assessment;

/* what the views ask of it */
int assessment_met_percent(const assessment *s);
const char *requirement_enum_label(req *r, const char *field, const char *value);
const char *answer_status_label(req *r, const char *value);
/* the gap line under a requirement (row i): the actions made from its answer, or a
 * button that opens the action form; nothing when the answer is no gap */
void assessment_gap(req *r, const assessment *s, int i, buf *out);
#endif
