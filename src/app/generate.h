/* generate.h - the benchmark data set (lis demo --scale N). */
#ifndef LIS_GENERATE_H
#define LIS_GENERATE_H
#include "../db/db.h"
#include <stdint.h>
#include <stdio.h>
/* Adds the data set at scale percent (1–100) of the largest standard size, in one
 * transaction. Returns 0 on success. */
int generate_scale(db *d, int scale, uint64_t seed, const char *password_hash, FILE *out);
#endif
