/* generate.h - the classification part of `lis demo` and `lis demo --scale N`. */
#ifndef LIS_CLASSIFICATION_GENERATE_H
#define LIS_CLASSIFICATION_GENERATE_H
#include "../db/db.h"
#include <stdint.h>

/* Classifies about percent % of the tenant's live information assets (see generate.c).
 * Deterministic for a seed. Returns rows created, or -1 (inside the caller's
 * transaction, which then rolls back). */
long generate_classifications(db *d, arena *a, uint64_t seed, int64_t tenant, int percent);
#endif
