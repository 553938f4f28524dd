/* generate.h - the national view's part of the generated data set (src/app/generate.c,
 * lis generate-national): maturity answers and opt-ins for the kommuner. */
#ifndef LIS_FOLLOWUP_GENERATE_H
#define LIS_FOLLOWUP_GENERATE_H
#include "../db/db.h"
#include <stdint.h>

/* For every tenant with a kommun's four-digit code and no opt-in yet: an opt-in (taking
 * part, its county from the code, a size class) and its answers to the ten SKR areas for
 * the year, dealt out so that over them all each area's yes share is seed 003's 2019 share
 * within rounding (national_dealt_yes) and so is the share past level 1
 * (national_dealt_level: level 2; the survey measured no higher); which kommun says yes where is
 * shuffled by seed. Size classes: the four kommuner of 200,000 or more (Stockholm, Göteborg, Malmö,
 * Uppsala) by their codes; the rest dealt 46 : 112 : 128 per 286 to 50,000–199,999, 15,000–49,999
 * and under 15,000 (the data has no population: drawn, not real). With them each kommun's audit
 * programme for the year and its internal audit, held in the last 12 months where it answers yes to
 * follow-up, planned where not. Every row audited as the generator.
 * Returns the rows created, or -1 (inside the caller's transaction). */
long generate_national(db *d, arena *a, uint64_t seed, int year);
#endif
