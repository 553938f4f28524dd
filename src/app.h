/* app.h - the running application: its configuration and database pool. Built once
 * in main and passed down; there is no other global state. */
#ifndef LIS_APP_H
#define LIS_APP_H
#include "db/db.h"
#include <stdbool.h>
#include <stdio.h>

typedef struct app {
    db_pool *pool;
    const char *db_url;
    const char *listen;
    int threads;
    bool behind_proxy; /* trust X-Forwarded-Proto for Secure cookies */
    bool timing_log;   /* one line per request with server time, for make bench */
} app;

#endif
