/* imports.h - importing the inventory from the spreadsheets kommuner keep: Excel (.xlsx)
 * or CSV as Excel and other tools save it (';' or ',', UTF-8 with or without BOM,
 * Windows-1252, UTF-16), headers in the kommun's own words, values as people write them.
 * A preview maps each column (proposed, changeable, remembered per kind), validates every
 * row with the entity's own rules, shows each row's errors and duplicates; nothing is
 * written until the user imports the good rows, in one transaction; the bad rows come
 * back as a file with their reason. */
#ifndef LIS_IMPORTS_H
#define LIS_IMPORTS_H
#include "../entity/entity.h"

/* GET /import: the upload form; POST /import: upload and preview;
 * POST /import/:id: the preview again with the mapping and choices changed (step=remap),
 * or the import of its good rows (step=import);
 * GET /import/:id/rejected: the rows an import left out, with their reason, as CSV */
void h_import_form(req *r, resp *out);
void h_import_preview(req *r, resp *out);
void h_import_commit(req *r, resp *out);
void h_import_rejected(req *r, resp *out);
/* A file as uploaded (data, len) as UTF-8 CSV text, whatever it came as: an .xlsx's first
 * sheet (';' between cells), or text in UTF-8, Windows-1252 or UTF-16; *format names what
 * it was in the reader's language. NULL with *problem set (in the reader's language, with
 * the line where it lies) when it cannot be trusted: the same rules for every import. */
/* POST /api/v1/import/people: the HR or directory export (CSV or XLSX) as the body; creates,
 * updates and deactivates people, all rows or none; ?preview=1 shows each row's action */
void h_api_people_import(req *r, resp *out);
/* GET /import/people: the form; POST /import/people: preview (step=preview) or import */
void h_people_import_page(req *r, resp *out);
const char *import_file_text(req *r, const char *data, size_t len, const char **format,
                             const char **problem);
#endif
