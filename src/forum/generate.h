/* generate.h - the forum's part of `lis demo --scale N` (see src/app/generate.c). */
#ifndef LIS_FORUM_GENERATE_H
#define LIS_FORUM_GENERATE_H
#include "../db/db.h"
#include <stdint.h>

/* Adds `meetings` meetings (all but the last held, with approved minutes) of five items
 * each to one tenant, drawn from its serious risks and its actions; every row audited.
 * Run after the tenant's risks. Deterministic for a seed. Returns the rows created, or
 * -1 on failure (inside the caller's transaction). */
long generate_forum(db *d, arena *a, uint64_t seed, int64_t tenant, int meetings);
#endif
