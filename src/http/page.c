#include "page.h"
#include "../auth/auth.h"
#include "../core/escape.h"
#include "../../build/views/error.h"
#include "../../build/views/layout_bottom.h"
#include "../../build/views/layout_top.h"

void page_begin(req *r, resp *out, const char *title, const char *nav)
{
    out->content_type = "text/html; charset=utf-8";
    view_layout_top(&out->body, r->lang, r, title, nav ? nav : "");
}

void page_end(req *r, resp *out)
{
    view_layout_bottom(&out->body, r->lang, r);
}

void respond_json(resp *out, int status)
{
    out->status = status;
    out->content_type = "application/json";
}

void json_error(req *r, resp *out, int status, const char *code, const char *message)
{
    (void)r;
    respond_json(out, status);
    buf_reset(&out->body);
    buf_puts(&out->body, "{\"error\":{\"code\":");
    esc_json_string(&out->body, code);
    buf_puts(&out->body, ",\"message\":");
    esc_json_string(&out->body, message);
    buf_puts(&out->body, "}}");
}

void respond_error(req *r, resp *out, int status, const char *code, tr_key message)
{
    if (r->api) {
        json_error(r, out, status, code, tr(LANG_EN, message));
        return;
    }
    out->status = status;
    buf_reset(&out->body);
    page_begin(r, out, tr(r->lang, message), NULL);
    view_error(&out->body, r->lang, tr(r->lang, message));
    page_end(r, out);
}
