/* generate.h - awareness's part of `lis demo --scale N` (see src/app/generate.c). */
#ifndef LIS_AWARENESS_GENERATE_H
#define LIS_AWARENESS_GENERATE_H
#include "../db/db.h"
#include <stdint.h>

/* Adds to one tenant a basic course for all staff (repeated every 24 months), four more
 * e-learnings and two phishing drills with numbers for each förvaltning, and about
 * `completions` completions of the trainings by the tenant's people, dated over the last
 * three years; every row audited. Run after the tenant's people. Deterministic for a
 * seed. Returns the rows created, or -1 on failure (inside the caller's transaction). */
long generate_awareness(db *d, uint64_t seed, int64_t tenant, long completions);
#endif
