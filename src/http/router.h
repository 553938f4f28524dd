/* router.h - routes and the request entry point above the socket. */
#ifndef LIS_ROUTER_H
#define LIS_ROUTER_H
#include "http.h"
#include "../entity/entity.h"

enum route_flags {
    ROUTE_PUBLIC = 1,         /* no login needed */
    ROUTE_NO_BODY = 2,        /* an API write without a JSON body (DELETE, retire) */
    ROUTE_ENROL = 4,          /* open to a session that must first set up two-step verification */
    ROUTE_RAW_BODY = 8,       /* an API write whose body is a file as it is (a scan export), up
                                 to MAX_UPLOAD like a web upload */
    ROUTE_STREAM_UPLOAD = 16, /* a form whose file is written to a temporary file as it
                                 arrives, up to MAX_STREAMED_FILE (req.upload) */
};

typedef void (*handler_fn)(req *r, resp *out);

typedef struct route {
    const char *method;
    const char *pattern; /* "/units/:id/edit"; ":e" is an entity name, ":id" a number */
    handler_fn handler;
    unsigned flags;
    /* One line in English: what the route does (lis routes; OpenAPI's summary). For an
     * ":e" route it is said of any kind; the kind's name is added where it is expanded. */
    const char *summary;
    /* An ":e" route exists only for the kinds this accepts (those that can be created,
     * deleted, retired…); NULL = every kind. */
    bool (*for_kind)(const entity *e);
    /* For /api/v1 routes, what OpenAPI says beyond the summary: the JSON body a write
     * takes (NULL: none, or for ":e" routes the kind's input schema) and the answer. */
    const char *body;
    const char *answer;
} route;

/* Calls each(route, kind, path, ctx) for every route, an ":e" route once per kind it
 * exists for (kind NULL otherwise), with path the pattern with the kind filled in
 * (allocated in a). Used by lis routes and OpenAPI, so both list the same routes. */
void route_each(arena *a,
                void (*each)(const route *rt, const entity *kind, const char *path, void *ctx),
                void *ctx);

/* Handles one request completely: r must have a, app, db, method, path and headers
 * set; out receives status, headers and body. Used by the server, tests and fuzzers. */
void app_handle(req *r, resp *out);
const route *route_find(req *r, bool *method_mismatch);
/* The largest body a request may send, decided from its first line and headers before
 * the body is read: MAX_UPLOAD for a multipart form (a file upload) and for a route that
 * takes a file as its body (ROUTE_RAW_BODY: the API's imports, as large as the web
 * upload), MAX_BODY for everything else; a multipart form to a ROUTE_STREAM_UPLOAD route
 * MAX_STREAMED_FILE and MAX_BODY, *to_file then true: the body goes to a file. */
size_t route_body_limit(const char *method, const char *path, const char *content_type,
                        bool *to_file);
/* The form's _csrf equals the session's token (false for API tokens: no session). */
bool csrf_valid(req *r);
extern const route app_routes[];
#endif
