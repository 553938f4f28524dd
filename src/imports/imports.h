/* imports.h - importing systems and information assets from the spreadsheets kommuner
 * keep: CSV as Excel saves it (';' or ',', UTF-8 with or without BOM, or
 * Windows-1252), Swedish or English column headers, quoted fields with line breaks. A
 * preview validates every row with the entity's own rules and shows each row's errors;
 * nothing is written until the user confirms, and then all rows or none. */
#ifndef LIS_IMPORTS_H
#define LIS_IMPORTS_H
#include "../entity/entity.h"

/* GET /import: the upload form; POST /import: upload and preview;
 * POST /import/:id: confirm the previewed upload */
void h_import_form(req *r, resp *out);
void h_import_preview(req *r, resp *out);
void h_import_commit(req *r, resp *out);
#endif
