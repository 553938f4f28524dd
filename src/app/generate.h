/* generate.h - the benchmark data set (lis demo --scale N). */
#ifndef LIS_GENERATE_H
#define LIS_GENERATE_H
#include "../db/db.h"
#include <stdint.h>
#include <stdio.h>
/* Adds the data set at scale percent (1–100) of the largest standard size, in one
 * transaction. Returns 0 on success. */
int generate_scale(db *d, int scale, uint64_t seed, const char *password_hash, FILE *out);
/* The national view's data set alone (lis generate-national): the 290 kommuner of
 * data/kommuner.csv as tenants (those not there yet, each with only its top unit) and, for
 * every kommun without an opt-in, its opt-in and this year's maturity answers drawn with
 * seed 003's distribution (src/followup/generate.h). One transaction; 0 on success. */
int generate_national_only(db *d, uint64_t seed, FILE *out);
#endif
