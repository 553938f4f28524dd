/* awareness.h - utbildning och medvetenhet: training campaigns (e-learning, klassrum,
 * ledningsutbildning, phishingövning) aimed at a target group as styrdokument are
 * published (src/documents: everyone, a unit's staff, a role's holders), with a period and
 * an interval after which a completion must be repeated; each person's completions,
 * recorded in lis or imported from the training platform's export (people matched by
 * e-mail, the whole file or nothing); and a phishing drill's numbers per förvaltning. The
 * campaign page shows the share completed per förvaltning and per role, the repeats that
 * are overdue, and who in the target group never did the basic course. */
#ifndef LIS_AWARENESS_H
#define LIS_AWARENESS_H
#include "../entity/entity.h"

extern const entity entity_training_campaigns, entity_training_completions, entity_phishing_results;

/* rules.c: pure. */
/* The share done of reached in whole percent, rounded half up; 0 when none is reached. */
int awareness_share_percent(long long done, long long reached);
/* The last completion date that is overdue on today for a repeat every months months: a
 * completion made on date c is due again on c + months (a day the month lacks becomes
 * its last day) and overdue from that day on, so every c up to the cutoff is overdue and
 * every later one is not. false when today is no date or months < 1. */
bool awareness_repeat_cutoff(const char *today, int months, char out[11]);
/* Is a completion made on completed_on overdue on today, repeated every months months
 * (0: never repeated, never overdue)? */
bool awareness_repeat_overdue(const char *completed_on, int months, const char *today);
/* A drill's numbers: are they whole (clicked and reported at most sent, none negative)?
 * The field to blame when not: "clicked" or "reported", else NULL. */
const char *phishing_counts_problem(long long sent, long long clicked, long long reported);
/* The change of a rate from one drill to the next in percentage points (now − before). */
int phishing_trend_points(int before_percent, int now_percent);

/* Descriptor hooks (rules.c). */
void campaign_validate(req *r, const entity *e, record *rec, const record *old, errors *errs);
void completion_validate(req *r, const entity *e, record *rec, const record *old, errors *errs);
void phishing_validate(req *r, const entity *e, record *rec, const record *old, errors *errs);

/* pages.c: what a campaign's page and GET /api/v1/training_campaigns/:id/summary show. */
typedef struct awareness_summary_t {
    bool phishing, writer, has_basic;
    const char *cutoff; /* completions up to this date are overdue; NULL: never repeated */
    /* for writers of a training: per förvaltning name (NULL: above any), reached,
     * completed (and not overdue), overdue; per role code, reached, completed; the overdue
     * (id, name, unit, last date) and those without the basic course (id, name, unit),
     * each at most 200, and how many the latter are */
    db_res *share, *roles, *overdue, *no_basic;
    long long without_basic;
    /* a drill, for every reader: per förvaltning id, name, sent, clicked, reported; the
     * drill before it (NULL: none) and its numbers */
    db_res *drill, *before;
    const char *before_id, *before_name;
    /* every drill of the tenant in order: id, name, starts_on, sent, clicked, reported */
    db_res *drills;
    /* a training, for the reader: are they in its target group, their latest completion
     * (NULL: none), and the date their repeat was due when it is overdue (else NULL) */
    bool mine;
    const char *my_last, *my_repeat_due;
} awareness_summary_t;
/* What to count: everything (the campaign's page and its JSON), or only a training's share
 * per förvaltning and a drill's numbers (the lägesbild). */
typedef enum { AW_SUMMARY_ALL, AW_SUMMARY_SHARE } awareness_parts;
int awareness_summary(req *r, const entity *e, const record *rec, awareness_parts parts,
                      awareness_summary_t *s);
/* Percent of those sent of column col (3 clicked, 4 reported) of a drill's row; the same
 * in the drill before for the same förvaltning, -1 when it has none. */
int awareness_drill_percent(const db_res *d, int row, int col);
int awareness_before_percent(const awareness_summary_t *s, int row, int col);
void h_api_campaign_summary(req *r, resp *out);
/* dashboard.c: the lägesbild's section: the basic course per förvaltning, the latest
 * drill's click and report rates (for those who see them on the campaign pages) */
void awareness_dash_section(req *r, buf *out);
/* The staff trained over the whole tenant (the trend, the management review), by the one
 * definition the national view uses too (awareness_trained_by_tenant): the tenant's active
 * people, and those of them with a basic course completed and not expired; 1 counted, 0
 * no basic course or the caller keeps none, -1 the database failed. */
int awareness_basic_share(req *r, long long *reached, long long *done);
/* May the caller see that share (they keep the newest basic course)? */
bool awareness_share_visible(req *r);

/* dashboard.c: the staff trained, for every tenant of tenants_sql (a parameter-free SELECT of
 * tenant ids, or one id) at once, without a reader's scope — for aggregates and the
 * tenant's own share: rows of tenant_id, active people, those of them with a basic
 * course completed and not expired by its repeat interval (lis's one definition of
 * trained; why, in dashboard.c). */
int awareness_trained_by_tenant(db *d, arena *a, const char *tenants_sql, db_res **rows);

/* pages.c: the campaign page's shares, overdue repeats, those without the basic course,
 * a drill's numbers and trend, and the import form. */
void campaign_detail_extra(req *r, const entity *e, const record *rec, buf *out);
/* The requirements (UTB-*) that campaigns with completions or drill results meet for an
 * object of unit_id: rows of requirement id, link and title (requirement_sources). */
int awareness_meeting_requirements(req *r, const char *unit_id, db_res **rows);

/* An imported row's date: the forms every import reads (imports/dates.h: YYYY-MM-DD, the
 * same with a time after it, YYYYMMDD), or an Excel date serial that came without its
 * format (a number of days from 1899-12-30); false when it is none of these. Pure. */
bool awareness_import_date(const char *cell, char out[11]);

/* One line of an imported file, and the file's check. */
typedef struct awareness_import_row {
    int line;
    const char *email, *date; /* as in the file; date as read when good */
    const char *person_id;    /* the person the e-mail names, NULL when none */
    const char *problem;      /* in the reader's language; NULL when the row is good */
    bool known;               /* already recorded: left as it is */
} awareness_import_row;
typedef struct awareness_import {
    const char *error; /* about the file as a whole */
    awareness_import_row *rows;
    int nrows, total, bad, fresh, known;
    bool done;
} awareness_import;

/* import.c: completions from a training platform's export (CSV with ';' or ',', or XLSX):
 * a column of e-mail addresses and one of dates; every row checked, an unknown e-mail or
 * a bad date reported by its line, and nothing written unless every row is good.
 * POST /training_campaigns/:id/import: preview (or, with step=import and the upload's id,
 * import); POST /api/v1/training_campaigns/:id/import: the file as the body, ?preview=1. */
void h_campaign_import(req *r, resp *out);
void h_api_campaign_import(req *r, resp *out);

/* todo.c: the reader's required trainings, missing or due for repeat (the start page) */
struct todo_list;
bool awareness_todo(req *r, struct todo_list *l);

/* seed.c: the demo's basic course with some completions and a phishing drill, inside
 * the caller's transaction */
bool seed_awareness(db *d, arena *a, int64_t tenant);
/* After catalogue_sync (lis demo): the basic course meets UTB-01, the drills UTB-06, in
 * its own transaction; campaigns that already name a requirement are left. 0 on success. */
int awareness_demo_requirements(db *d);
#endif
