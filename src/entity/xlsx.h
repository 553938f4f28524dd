/* xlsx.h - Excel workbooks made with libxlsxwriter, returned as bytes: the entity
 * lists' export (entity_xlsx in entity.h) and any other document (a procurement annex). */
#ifndef LIS_XLSX_H
#define LIS_XLSX_H
#include "entity.h"
#include <xlsxwriter.h>

/* Fills a new workbook (fill returns false on failure) and appends the finished file to
 * out; false (out unchanged) when it could not be made. No file is left behind. */
typedef bool (*xlsx_fill_fn)(lxw_workbook *wb, void *ctx);
bool xlsx_to_buf(req *r, xlsx_fill_fn fill, void *ctx, buf *out);
#endif
