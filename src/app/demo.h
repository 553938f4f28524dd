/* demo.h - the demo organisation, put together from every area's demo (lis demo). */
#ifndef LIS_APP_DEMO_H
#define LIS_APP_DEMO_H
#include "../db/db.h"
#include <stdio.h>
/* Creates (or, when it exists, gives new passwords to) the demo organisation. */
int seed_demo(db *d, const char *password, FILE *out);
#endif
