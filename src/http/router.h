/* router.h - routes and the request entry point above the socket. */
#ifndef LIS_ROUTER_H
#define LIS_ROUTER_H
#include "http.h"

enum route_flags {
    ROUTE_PUBLIC = 1,  /* no login needed */
    ROUTE_NO_BODY = 2, /* an API write without a JSON body (DELETE, retire) */
};

typedef void (*handler_fn)(req *r, resp *out);

typedef struct route {
    const char *method;
    const char *pattern; /* "/units/:id/edit"; ":e" is an entity name, ":id" a number */
    handler_fn handler;
    unsigned flags;
} route;

/* Handles one request completely: r must have a, app, db, method, path and headers
 * set; out receives status, headers and body. Used by the server, tests and fuzzers. */
void app_handle(req *r, resp *out);
const route *route_find(req *r, bool *method_mismatch);
/* The form's _csrf equals the session's token (false for API tokens: no session). */
bool csrf_valid(req *r);
extern const route app_routes[];
#endif
