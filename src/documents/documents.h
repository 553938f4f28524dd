/* documents.h - styrdokument: the kommun's governing documents in their hierarchy
 * (policy, beslutad av KF → riktlinje, KS or kommundirektör → tillämpningsanvisning and
 * rutin, förvaltningen), their status from utkast to upphävd, the decision, the review
 * date, every decided version kept with the text's changes, an uploaded file kept in the
 * database, and the requirements of the catalogue each one meets. */
#ifndef LIS_DOCUMENTS_H
#define LIS_DOCUMENTS_H
#include "../entity/entity.h"
#include <stddef.h>

extern const entity entity_documents, entity_document_versions, entity_document_requirements,
    entity_document_publications, entity_document_acks;

/* rules.c: pure: may a document go from status from to status to? ("utkast" →
 * "beslutad" → "kommunicerad" → "upphavd"; a decided one back to "utkast" is its next
 * version.) The same status is always allowed. */
bool document_transition_allowed(const char *from, const char *to);
/* pure: may a document of level child sit under a parent of level parent (NULL: none)? */
bool document_parent_allowed(const char *child, const char *parent);
void document_validate(req *r, const entity *e, record *rec, const record *old, errors *errs);
bool document_after_write(req *r, const entity *e, record *rec, const record *old, errors *errs);
void document_link_validate(req *r, const entity *e, record *rec, const record *old, errors *errs);

/* Target groups ("målgrupper"), shared by publications and by training campaigns
 * (src/awareness): everyone ("all"), a unit's staff with its subtree ("unit"), or the
 * holders of a role, anywhere or within a unit's subtree ("role"). */
extern const enum_opt audience_targets[];
/* The SQL condition that the person under alias p is in the target group given by the SQL
 * expressions target and role and the alias target_unit of its unit (LEFT JOINed: NULL
 * when none). */
const char *audience_reached_sql(arena *a, const char *target, const char *target_unit,
                                 const char *role);
/* The joins that give the person under alias p their unit pu and their förvaltning (or
 * bolag) f, the one their unit lies in; NULL above any (kommunstyrelsen): the share per
 * förvaltning is grouped by f.name. */
const char *audience_forvaltning_join(void);
/* The same for a unit under alias pu (counts grouped per unit first, then per förvaltning):
 * the join that gives its förvaltning f. */
const char *audience_unit_forvaltning_join(void);
/* A record's target fields (target, target_unit_id, target_role) checked and cleared where
 * the target makes them moot. */
void audience_validate(req *r, const entity *e, record *rec, errors *errs);

/* publish.c: a decided version published to everyone, a unit's staff or a role's holders;
 * each person confirms it once per version ("läst och förstått") */
void document_publication_validate(req *r, const entity *e, record *rec, const record *old,
                                   errors *errs);
bool document_publication_after_write(req *r, const entity *e, record *rec, const record *old,
                                      errors *errs);
void h_document_acknowledge(req *r, resp *out); /* POST /documents/:id/acknowledge */
/* The share who confirmed the current version, per förvaltning, and who has not (for
 * the document's writers); the start page's card of documents to read. */
void document_ack_section(req *r, const entity *e, const record *rec, buf *out);
bool documents_home_card(req *r, buf *out);
/* todo.c: the reader's documents due for review (the start page, the årshjul) */
struct todo_list;
bool documents_todo(req *r, struct todo_list *l);

/* diff.c: a line diff (longest common subsequence), pure. */
typedef enum { DIFF_SAME, DIFF_ADDED, DIFF_REMOVED } diff_op;
typedef struct diff_line {
    diff_op op;
    const char *text; /* the line, without its newline, in the arena */
} diff_line;
/* The lines of new against old, in order: unchanged, removed (from old) and added (in
 * new). NULL counts as empty. Returns the number of lines in *out, or -1 when either
 * text has more than DIFF_MAX_LINES lines (too long to compare here). */
enum { DIFF_MAX_LINES = 2000 };
int diff_lines(arena *a, const char *old, const char *new_text, diff_line **out);

/* file.c: the uploaded file. The type decided from its content and name (PDF, DOCX,
 * XLSX, PPTX, ODT, ODS, ODP), never from what the browser says: the MIME type, or NULL
 * when it is none of those. */
const char *document_file_type(const char *name, const unsigned char *data, size_t n);
enum { DOCUMENT_FILE_MAX = 700 * 1024 };
void h_document_file_upload(req *r, resp *out); /* POST /documents/:id/file */
void h_document_file(req *r, resp *out);        /* GET /documents/:id/file */

/* The requirements that decided documents covering an object of unit_id meet, within the
 * reader's scope: rows of requirement id, the document's link and title
 * (requirement_sources). */
int documents_meeting_requirements(req *r, const char *unit_id, db_res **rows);

/* pages.c: the document page's file form and a version's changes */
void document_detail_extra(req *r, const entity *e, const record *rec, buf *out);
void document_version_detail_extra(req *r, const entity *e, const record *rec, buf *out);

/* seed.c: the demo's policy, two riktlinjer and a rutin, inside the caller's transaction */
bool seed_documents(db *d, arena *a, int64_t tenant);
/* After catalogue_sync (lis demo): the demo policy meets DOK-01, in its own transaction;
 * nothing when the tenant already points a document at a requirement. 0 on success. */
int documents_demo_requirements(db *d);
#endif
