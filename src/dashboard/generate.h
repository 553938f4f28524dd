/* generate.h - the trends' part of lis demo (src/main.c, after the demo and the generated
 * data set): quarters of plausible history, so the charts show something from the start. */
#ifndef LIS_DASHBOARD_GENERATE_H
#define LIS_DASHBOARD_GENERATE_H
#include "../db/db.h"
#include <stdint.h>
#include <time.h>

/* For every tenant: its current quarter counted now (trends_snapshot_tenant), and for the
 * `quarters` quarters before it that have no row yet, figures drawn back from it — fewer
 * assets classified and objects analysed, fewer trained, more serious risks and late
 * actions the further back, a few incidents each quarter — counted on each quarter's last
 * day. Drawn by seed, so the same seed gives the same history. DB_OK or the error. */
int trends_generate_history(db *d, uint64_t seed, int quarters, time_t now);
#endif
