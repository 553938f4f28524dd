/* demo.h - the risk area's part of `lis demo`. */
#ifndef LIS_RISKS_DEMO_H
#define LIS_RISKS_DEMO_H
#include "../db/db.h"
#include <stdbool.h>
#include <stdint.h>
/* Exempelkommun's risk work: two analyses, eight risks spread over the matrix, ten actions
 * of the 2026 plan (some late, some done, some linked to risks) and the decision of that
 * plan, taken before two of its actions changed and one was added. Inside the caller's
 * transaction; false on failure. */
bool risks_demo(db *d, arena *a, int64_t tenant);
#endif
