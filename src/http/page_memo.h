/* page_memo.h - rendered parts of summary pages (the lägesbild, the coverage and
 * classification overviews, the role coverage, the incident statistics, the handlingsplan) kept
 * between requests, so that a page that counts over the whole tenant is counted once per change
 * rather than once per request.
 *
 * A part is found by a key that holds everything its HTML depends on:
 *   - the tenant and its write generation (migration 0045: raised in the same transaction
 *     as every audited change, audit_write), read from the database on every request, so
 *     a change made through any lis process on the same database is seen at once;
 *   - the reader: account, person, session (its CSRF token may be in the markup) and
 *     whether by API token, so two readers never see each other's part, whatever their
 *     read scopes (a change of roles is itself an audited change);
 *   - the language, the page's path and query string, and the minute (the clocks and
 *     due dates the pages show move with time: a part is at most a minute old);
 *   - the part's own name.
 * A part during whose rendering a need-to-know read was written to the audit log is not
 * kept: every read of such records must be logged, so it is rendered each time.
 *
 * The store is bounded (entries and bytes, least recently used out first) and shared by
 * the server's threads under one mutex; it belongs to the app (app.h), made in main. */
#ifndef LIS_HTTP_PAGE_MEMO_H
#define LIS_HTTP_PAGE_MEMO_H
#include "http.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct page_memo page_memo;

/* A store holding at most max_bytes of HTML; NULL when out of memory. */
page_memo *page_memo_new(size_t max_bytes);
void page_memo_free(page_memo *m);

/* One part: filled by page_memo_find, given back to page_memo_keep. */
typedef struct memo_part {
    const char *key; /* NULL: this part is not kept (no store, no reader, no generation) */
    int reads_before;
    /* when found: the part's HTML (in the request's arena) and the number kept with it */
    const char *html;
    size_t len;
    int64_t extra;
} memo_part;

/* True when the part is kept (then mp->html, len and extra are set). Otherwise the caller
 * renders the part and gives it to page_memo_keep. */
bool page_memo_find(req *r, const char *part, memo_part *mp);
/* A whole page's part: when it is kept, answers the page with it (title and nav as
 * page_begin) and returns true; otherwise the caller renders it between page_begin and
 * page_end and gives it to page_memo_keep. */
bool page_memo_serve(req *r, resp *out, const char *part, const char *title, const char *nav,
                     memo_part *mp);
/* Keeps b's bytes from start on (with extra) for the part, unless they could not be
 * rendered whole or a need-to-know read was logged since page_memo_find. */
void page_memo_keep(req *r, const memo_part *mp, const buf *b, size_t start, int64_t extra);

/* The tenant's write generation as this request read it (once per request); -1 when it
 * cannot be read. */
int64_t page_memo_generation(req *r);
#endif
