/* page_memo.c - rendered parts of summary pages kept between requests (page_memo.h). */
#include "page_memo.h"
#include "page.h"
#include "server.h"
#include "../auth/auth.h"
#include "../core/util.h"
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

enum { MEMO_SLOTS = 256 };

typedef struct memo_entry {
    char *key;
    char *html;
    size_t len;
    int64_t extra;
    uint64_t used; /* the store's clock when last found or kept: the oldest goes first */
} memo_entry;

struct page_memo {
    pthread_mutex_t mu;
    memo_entry slot[MEMO_SLOTS];
    size_t bytes, max_bytes;
    uint64_t clock;
};

page_memo *page_memo_new(size_t max_bytes)
{
    page_memo *m = calloc(1, sizeof *m);
    if (!m) return NULL;
    pthread_mutex_init(&m->mu, NULL);
    m->max_bytes = max_bytes;
    return m;
}

static void drop(page_memo *m, memo_entry *e)
{
    m->bytes -= e->len + strlen(e->key);
    free(e->key);
    free(e->html);
    *e = (memo_entry){0};
}

void page_memo_free(page_memo *m)
{
    if (!m) return;
    for (int i = 0; i < MEMO_SLOTS; i++)
        if (m->slot[i].key) drop(m, &m->slot[i]);
    pthread_mutex_destroy(&m->mu);
    free(m);
}

static const char generation_slot = 0; /* the req_memo key of this request's generation */

int64_t page_memo_generation(req *r)
{
    int64_t *kept = req_memo_get(r, &generation_slot);
    if (kept) return *kept;
    int64_t *g = arena_alloc(r->a, sizeof *g);
    *g = -1;
    db_res *res = NULL;
    if (r->auth && db_query(r->db, r->a, "SELECT n FROM write_generation WHERE tenant_id = $1", 1,
                            (const char *[]){tenant_param(r)}, &res) == DB_OK)
        *g = res->nrows ? db_cell_int(res, 0, 0) : 0;
    req_memo_put(r, &generation_slot, g);
    return *g;
}

static page_memo *store_of(const req *r)
{
    return r->app ? r->app->page_memo : NULL;
}

bool page_memo_find(req *r, const char *part, memo_part *mp)
{
    *mp = (memo_part){.reads_before = r->reads_audited};
    page_memo *m = store_of(r);
    if (!m || !r->auth || r->auth->is_system) return false;
    int64_t gen = page_memo_generation(r);
    if (gen < 0) return false;
    char now[21];
    req_now_iso(r, now);
    now[16] = '\0'; /* to the minute */
    const auth *who = r->auth;
    /* the query string's fields, each with its length, so no two queries read alike */
    buf q;
    buf_init(&q, 4096);
    for (int i = 0; i < r->query.n; i++) {
        const char *k = r->query.items[i].key, *v = r->query.items[i].value;
        buf_printf(&q, "%zu:%s=%zu:%s&", strlen(k ? k : ""), k ? k : "", strlen(v ? v : ""),
                   v ? v : "");
    }
    if (buf_failed(&q)) {
        buf_free(&q);
        return false;
    }
    mp->key = arena_printf(
        r->a, "%lld %lld %lld %lld %d %s %d %s %s?%s %s", (long long)who->tenant_id, (long long)gen,
        (long long)who->account_id, (long long)who->person_id, who->via_token ? 1 : 0,
        who->csrf ? who->csrf : "", (int)r->lang, now, r->path, buf_str(&q), part);
    buf_free(&q);
    bool found = false;
    pthread_mutex_lock(&m->mu);
    for (int i = 0; i < MEMO_SLOTS; i++) {
        memo_entry *e = &m->slot[i];
        if (e->key && strcmp(e->key, mp->key) == 0) {
            e->used = ++m->clock;
            char *copy = arena_alloc(r->a, e->len + 1);
            memcpy(copy, e->html, e->len);
            copy[e->len] = '\0';
            mp->html = copy;
            mp->len = e->len;
            mp->extra = e->extra;
            found = true;
            break;
        }
    }
    pthread_mutex_unlock(&m->mu);
    return found;
}

void page_memo_keep(req *r, const memo_part *mp, const buf *b, size_t start, int64_t extra)
{
    page_memo *m = store_of(r);
    if (!m || !mp->key || buf_failed(b) || b->len < start || r->reads_audited != mp->reads_before)
        return;
    size_t len = b->len - start, need = len + strlen(mp->key);
    if (need > m->max_bytes / 8) return; /* one part never crowds out the rest */
    char *key = strdup(mp->key), *html = malloc(len ? len : 1);
    if (!key || !html) {
        free(key);
        free(html);
        return;
    }
    memcpy(html, b->data + start, len);
    pthread_mutex_lock(&m->mu);
    memo_entry *free_slot = NULL;
    for (int i = 0; i < MEMO_SLOTS; i++) {
        memo_entry *e = &m->slot[i];
        if (e->key && strcmp(e->key, key) == 0) drop(m, e); /* another thread kept it first */
        if (!e->key && !free_slot) free_slot = e;
    }
    /* the least recently used out until the new part fits */
    while (!free_slot || m->bytes + need > m->max_bytes) {
        memo_entry *oldest = NULL;
        for (int i = 0; i < MEMO_SLOTS; i++)
            if (m->slot[i].key && (!oldest || m->slot[i].used < oldest->used)) oldest = &m->slot[i];
        if (!oldest) break;
        drop(m, oldest);
        if (!free_slot) free_slot = oldest;
    }
    if (!free_slot) { /* cannot happen: an empty store has free slots */
        pthread_mutex_unlock(&m->mu);
        free(key);
        free(html);
        return;
    }
    *free_slot =
        (memo_entry){.key = key, .html = html, .len = len, .extra = extra, .used = ++m->clock};
    m->bytes += need;
    pthread_mutex_unlock(&m->mu);
}

bool page_memo_serve(req *r, resp *out, const char *part, const char *title, const char *nav,
                     memo_part *mp)
{
    if (!page_memo_find(r, part, mp)) return false;
    page_begin(r, out, title, nav);
    buf_append(&out->body, mp->html, mp->len);
    page_end(r, out);
    return true;
}
