/* page.h - the page shell every HTML page is framed in, and common responses. */
#ifndef LIS_PAGE_H
#define LIS_PAGE_H
#include "http.h"
#include "../core/i18n.h"

void page_begin(req *r, resp *out, const char *title, const char *nav);
void page_end(req *r, resp *out);
/* A complete error page (HTML) or error document (JSON), by r->api. */
void respond_error(req *r, resp *out, int status, const char *code, tr_key message);
void respond_json(resp *out, int status);
/* Writes {"error":{"code":…,"message":…,"fields":{…}}}; fields may be NULL. */
void json_error(req *r, resp *out, int status, const char *code, const char *message);
#endif
