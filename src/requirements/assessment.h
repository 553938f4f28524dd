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
    const char *unit_path; /* the unit's path, read with the object: one permission check
                            * per gap would otherwise read it again for every row */
    int need[4];
    db_res *reqs;    /* every active requirement of the tenant, by area and code */
    bool *applies;   /* per requirement row */
    db_res *answers; /* the object's answers */
    int *answer_of;  /* per requirement row: answer row or -1 */
    db_res *actions; /* actions made from the object's answers: answer id, id, title, status */
    /* per requirement_sources entry: what meets requirements for the object's unit */
    db_res *met_by[4];
    int applicable, assessed, met, na, gaps;
    /* the organisation-wide requirements, shown read-only with the tenant's answers */
    org_assessment org;
    /* what the page shows: "open" (not yet assessed), "gaps", or NULL for all; one area
     * (chapter) or NULL for every one */
    const char *show, *only_area;
    /* after a save: per requirement row, whether someone else saved the answer while the
     * user worked on it (the user's values are shown again, unsaved); NULL otherwise */
    bool *conflict;
    int nconflicts;
} assessment;

/* what the views ask of it */
int assessment_met_percent(const assessment *s);
const char *requirement_enum_label(req *r, const char *field, const char *value);
const char *answer_status_label(req *r, const char *value);
/* The value of an answer's column (A_STATUS, A_COMMENT, A_EVIDENCE) the page shows for
 * requirement row i: the user's own after a conflict, else the stored one; NULL if none. */
const char *assessment_value(req *r, const assessment *s, int i, int col);
/* A mark of the answer of row i as stored, sent with the form: a save writes an answer
 * only where the user changed it, and refuses to overwrite one that someone else saved
 * since the page was read. */
const char *assessment_seen(req *r, const assessment *s, int i);
/* Whether row i applies and passes the page's filters. */
bool assessment_row_shown(req *r, const assessment *s, int i);
/* The page's address with the given filters (show and area may be NULL). */
const char *assessment_link(req *r, const assessment *s, const char *show, const char *area);
/* Where the chapter index sends the reader for area: its heading on this page, or on the
 * page of every chapter when another one is shown alone. */
const char *assessment_chapter_href(req *r, const assessment *s, const char *area);
/* An action's short title from a requirement's code and text (tested in test_assess). */
const char *gap_title(arena *a, const char *code, const char *text);
/* the gap line under a requirement (row i): the actions made from its answer, or a
 * button that opens the action form; nothing when the answer is no gap */
void assessment_gap(req *r, const assessment *s, int i, buf *out);

/* The page of organisation-wide requirements (org.c, views/org_page.html). */
typedef struct org_page {
    org_assessment o;
    const char *root_unit; /* the tenant's top unit: where its actions belong */
    bool may_write, may_act;
    db_res *met_by[4]; /* per requirement_sources entry, for the top unit */
    db_res *actions;   /* made from the answers: answer id, id, title, status */
    db_res *history;   /* the objects' earlier answers the reader sees: requirement id, count */
} org_page;
int org_history_count(const org_page *pg, const char *requirement_id);
/* the gap line under requirement row i: its actions, or a button that makes one */
void org_gap(req *r, const org_page *pg, int i, buf *out);
#endif
