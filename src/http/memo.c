/* memo.c - a request's cache slots: values computed once per request and read many
 * times (a tenant's own words for its risk matrix), kept in the request itself rather
 * than in thread-local or global state, so nothing outlives the request or leaks into
 * the next one served by the same thread. */
#include "http.h"

void *req_memo_get(const req *r, const void *key)
{
    for (int i = 0; i < r->nmemo; i++)
        if (r->memo[i].key == key) return r->memo[i].value;
    return NULL;
}

bool req_memo_put(req *r, const void *key, void *value)
{
    for (int i = 0; i < r->nmemo; i++)
        if (r->memo[i].key == key) {
            r->memo[i].value = value;
            return true;
        }
    if (r->nmemo >= MAX_REQ_MEMO) return false;
    r->memo[r->nmemo].key = key;
    r->memo[r->nmemo].value = value;
    r->nmemo++;
    return true;
}
