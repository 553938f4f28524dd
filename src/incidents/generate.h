/* generate.h - the incident part of `lis demo --scale N` (see src/app/generate.c). */
#ifndef LIS_INCIDENTS_GENERATE_H
#define LIS_INCIDENTS_GENERATE_H
#include "../db/db.h"
#include <stdint.h>

/* Adds count incidents to one tenant over the last three years, oldest first (so the
 * reference numbers run with time): most closed with lessons, the newest few open with
 * their clocks running; reporters among its people; notifications recorded for the
 * closed ones that needed them; every row audited. Deterministic for a seed. Returns
 * rows created, or -1 on failure (inside the caller's transaction). */
long generate_incidents(db *d, arena *a, uint64_t seed, int64_t tenant, int count);
#endif
