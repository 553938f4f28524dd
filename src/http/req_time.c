/* req_time.c - the moment a request acts at (see req_now in http.h). */
#include "http.h"
#include "../core/util.h"

time_t req_now(const req *r)
{
    return r->as_of ? r->as_of : time(NULL);
}

void req_now_iso(const req *r, char out[21])
{
    time_iso_from(req_now(r), out);
}
