#ifndef LIS_STATIC_H
#define LIS_STATIC_H
#include "http.h"
void h_static(req *r, resp *out);
void h_health(req *r, resp *out);
#endif
