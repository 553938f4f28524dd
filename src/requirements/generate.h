/* generate.h - the self-assessment part of `lis demo --scale N`. */
#ifndef LIS_REQUIREMENTS_GENERATE_H
#define LIS_REQUIREMENTS_GENERATE_H
#include "../db/db.h"
#include <stdint.h>

/* Assesses up to `objects` not yet assessed objects with a protection need in the
 * tenant, in its own transaction. Deterministic for a seed. Returns answers written,
 * or -1. */
long generate_answers(db *d, uint64_t seed, int64_t tenant, int objects);
#endif
