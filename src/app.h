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
    /* periodic work while serving (the reminders' queue), called from the main thread
     * every tick_seconds (0: never), the first time one tick after start */
    void (*tick)(struct app *ap);
    int tick_seconds;
    long ticks;           /* how many ticks have run */
    const char *base_url; /* the address people reach lis at, for links in e-mail */
    /* summary pages' rendered parts between requests (http/page_memo.h); NULL: none */
    struct page_memo *page_memo;
} app;

#endif
