/* trends.h - the lägesbild's key figures kept per quarter (issue 19 point 3): one row of
 * trend_snapshot per tenant and quarter, counted by the same functions as the lägesbild
 * (figures.c) and the awareness section, written by lis serve's daily pass and `lis
 * trends-snapshot`, and drawn as small bar charts on the lägesbild and in the management
 * review (page and PDF), with a table of the same figures beside them. Need-to-know: a
 * figure is shown only to a reader who would see all of it live (every risk for the
 * risks, …); the rest are left out, never shown as 0. */
#ifndef LIS_DASHBOARD_TRENDS_H
#define LIS_DASHBOARD_TRENDS_H
#include "../core/i18n.h"
#include "../db/db.h"
#include "../http/http.h"
#include <stdbool.h>
#include <time.h>

/* the quarters drawn: the last two years */
enum { TREND_QUARTERS = 8 };

/* The columns of trend_snapshot; the column name is also the API's and CSV's key. */
typedef enum trend_figure {
    TF_RISKS_LOW,
    TF_RISKS_MEDIUM,
    TF_RISKS_HIGH,
    TF_RISKS_VERY_HIGH,
    TF_ACTIONS_OPEN,
    TF_ACTIONS_LATE,
    TF_OBJECTS,
    TF_OBJECTS_ANALYSED,
    TF_ASSETS,
    TF_ASSETS_CLASSIFIED,
    TF_INCIDENTS,
    TF_DEADLINES_MET,
    TF_DEADLINES_LATE,
    TF_TRAINING_PEOPLE,
    TF_TRAINING_DONE,
    TF__COUNT
} trend_figure;

/* Who may see a figure: the same rule as the live figure it keeps. */
typedef enum trend_reader {
    TR_READ_RISKS,     /* every risk of the tenant */
    TR_READ_ACTIONS,   /* every action */
    TR_READ_ANALYSES,  /* every risk analysis */
    TR_READ_ANY,       /* classification coverage: every reader of the lägesbild */
    TR_READ_INCIDENTS, /* incident handlers, ledning, auditors (figures.c) */
    TR_READ_TRAINING,  /* those who keep the basic course */
    TR_READ__COUNT
} trend_reader;

typedef struct trend_figure_info {
    const char *column;
    trend_reader reader;
} trend_figure_info;
extern const trend_figure_info trend_figure_infos[TF__COUNT];

/* One quarter's figures as read; known false: not counted, or not for this reader. */
typedef struct trend_point {
    char quarter[8];     /* 2026-Q4 */
    char counted_on[11]; /* the day of its last count */
    int value[TF__COUNT];
    bool known[TF__COUNT];
} trend_point;

/* --- quarters (pure; tests/unit/test_trends.c) --- */

/* The quarter of a date (YYYY-MM-DD…): "2026-Q4"; false when it is no date. */
bool trend_quarter_of(const char *date, char quarter[8]);
/* The first and last day of a quarter; false when it is no quarter. */
bool trend_quarter_bounds(const char *quarter, char first[11], char last[11]);
/* The quarter steps after (before, when negative) another; false when it is none. */
bool trend_quarter_step(const char *quarter, int steps, char out[8]);
/* The Stockholm day of the moment t and its quarter. */
void trend_today(time_t t, char today[11], char quarter[8]);

/* --- the chart (pure) --- */

/* One bar of a small chart: its place in the SVG's user units, its value's text. */
typedef struct trend_bar {
    int x, y, width, height;
    int label_y;                /* the baseline of the value written above the bar */
    const char *value;          /* "12", "75 %"; NULL: not counted (no bar, a dash) */
    const char *quarter, *year; /* "Q4", "2026" */
} trend_bar;
enum { TREND_CHART_WIDTH = 320, TREND_CHART_HEIGHT = 96, TREND_BAR_AREA = 60, TREND_TOP = 16 };
/* Places n bars (n <= TREND_QUARTERS) over the chart's width, each values[i] of max
 * (values[i] < 0: not counted) as a height of the bar area; a value above 0 is at least
 * one unit high, so it never reads as nothing. max <= 0 draws every bar empty. */
void trend_chart_layout(const int *values, int n, int max, trend_bar *bars);
/* The whole percentage of part in whole, rounded half up; -1 when whole is 0. */
int trend_percent(int part, int whole);

/* One small chart: a figure (or a share of two) over the quarters. */
typedef struct trend_chart {
    const char *id, *title;
    const char *desc; /* every quarter's value in words: the chart's text alternative */
    int n;
    trend_bar bars[TREND_QUARTERS];
} trend_chart;

/* "SELECT quarter, counted_on, <every figure's column> FROM trend_snapshot WHERE tenant_id
 * = $1 AND counted_on IS NOT NULL" into sql, for the caller to add its conditions to. */
void trend_select_sql(buf *sql);

/* --- the snapshot (trends.c) --- */

/* Counts the tenant's figures now and writes its current quarter's row (as of now), as
 * the system; unless force, only when the row was last counted before today. *written
 * tells whether this process wrote it (false: counted today already, or another process
 * holds the claim). Returns DB_OK or the database's error. */
int trends_snapshot_tenant(db *d, int64_t tenant, time_t now, bool force, bool *written);
/* lis serve's pass: every tenant whose current quarter is not counted today (at most a
 * batch of them a pass), logged on stderr. */
void trends_tick(db *d, time_t now);
/* lis trends-snapshot [--tenant CODE] [--now TIME]: one tenant or every tenant, now. */
int trends_snapshot_cli(db *d, const char *tenant_code, const char *now_iso);

/* The caller's tenant's quarters up to and including `upto` (NULL: today's), oldest first,
 * at most max, with what the caller may not see unknown. When the tenant has no row at
 * all, the first is counted at once. Returns the number read, -1 on a database error. */
int trends_load(req *r, const char *upto, int max, trend_point *out);

/* The section "Utveckling per kvartal": the small charts and their table (upto as in
 * trends_load); nothing when the reader may see none of the figures. */
void trends_section(req *r, buf *out, const char *upto);
/* The same figures for a PDF: one row per figure the reader may see, a column per
 * quarter; header has n + 1 cells, cells (rows × (n + 1)). Returns the rows. */
int trends_table(req *r, const trend_point *points, int n, const char ***header,
                 const char ***cells);

/* GET /api/v1/trends and /trends.csv */
void h_api_trends(req *r, resp *out);
void h_trends_csv(req *r, resp *out);
#endif
