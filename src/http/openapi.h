/* openapi.h - GET /api/v1/openapi.json, written from the route table and descriptors. */
#ifndef LIS_OPENAPI_H
#define LIS_OPENAPI_H
#include "http.h"

void api_openapi(req *r, resp *out);
#endif
