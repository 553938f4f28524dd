/* app_pages.h - the pages the composition root serves itself. */
#ifndef LIS_APP_PAGES_H
#define LIS_APP_PAGES_H
#include "../http/http.h"

void h_home(req *r, resp *out);        /* GET /home: the start page and its cards */
void api_home_todo(req *r, resp *out); /* GET /api/v1/todo: the start page's to-do list */
#endif
