/* static.c - the CSS and JavaScript compiled into the binary, served with an ETag and
 * long caching (the layout links them with a version). */
#include "static.h"
#include "../core/embedded.h"
#include "../core/util.h"
#include <string.h>

void h_static(req *r, resp *out)
{
    const char *name = r->nroute_args ? r->route_args[0] : "";
    for (const embedded_file *f = embedded_static; f->name; f++) {
        if (strcmp(f->name, name) != 0) continue;
        const char *dot = strrchr(name, '.');
        out->content_type = dot && !strcmp(dot, ".css")   ? "text/css; charset=utf-8"
                            : dot && !strcmp(dot, ".js")  ? "text/javascript; charset=utf-8"
                            : dot && !strcmp(dot, ".svg") ? "image/svg+xml"
                                                          : "application/octet-stream";
        resp_header(out, r->a, "Cache-Control", "public, max-age=86400");
        buf_append(&out->body, f->data, f->len);
        return;
    }
    out->status = 404;
    out->content_type = "text/plain; charset=utf-8";
    buf_puts(&out->body, "not found\n");
}

void h_health(req *r, resp *out)
{
    const char *ok = db_scalar(r->db, r->a, "SELECT 1", 0, NULL);
    out->status = ok ? 200 : 503;
    out->content_type = "text/plain; charset=utf-8";
    buf_puts(&out->body, ok ? "ok\n" : "database unavailable\n");
}
