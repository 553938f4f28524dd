/* rules.c - the incident area's rules: a report gets its reference number (INC-2026-0042,
 * per tenant and year) and its reporter; the handlers' answers to the two legal
 * questions carry a reason; times cannot lie in the future; a notification cannot be
 * sent before the organisation became aware; closing needs lessons learned. */
#include "incidents.h"
#include "deadline.h"
#include "../core/util.h"
#include <stdlib.h>
#include <string.h>

/* a minute of clock skew between a client and lis is not "the future" */
enum { SKEW_SECONDS = 60 };

static const char **value(const entity *e, record *rec, const char *name)
{
    return &rec->values[entity_field(e, name)];
}

static void set(const entity *e, record *rec, const char *name, const char *v)
{
    int i = entity_field_index(e, name);
    rec->values[i] = v;
    rec->present[i] = true;
}

static bool in_future(const req *r, const char *iso)
{
    time_t t;
    return iso && time_parse_iso(iso, &t) && t > req_now(r) + SKEW_SECONDS;
}

/* Both times given and a earlier than b. */
static bool earlier(const char *a, const char *b)
{
    time_t x, y;
    return a && b && time_parse_iso(a, &x) && time_parse_iso(b, &y) && x < y;
}

/* The next reference of the tenant for this year, counted inside the write transaction
 * (incidents are never deleted, so the count is the last number); the unique index
 * (tenant_id, reference) refuses a concurrent duplicate. */
static const char *next_reference(req *r)
{
    time_t now = req_now(r);
    now += time_stockholm_offset(now);
    struct tm tm;
    gmtime_r(&now, &tm);
    const char *prefix = arena_printf(r->a, "INC-%04d-", (tm.tm_year + 1900) % 10000);
    const char *p[] = {tenant_param(r), arena_printf(r->a, "%s%%", prefix)};
    const char *n = db_scalar(r->db, r->a,
                              "SELECT COUNT(*) FROM incident WHERE tenant_id = $1 AND "
                              "reference LIKE $2",
                              2, p);
    return arena_printf(r->a, "%s%04lld", prefix, (n ? atoll(n) : 0) + 1);
}

static void reason_needed(const entity *e, record *rec, const char *answer, const char *reason,
                          errors *errs)
{
    const char *a = *value(e, rec, answer);
    if (a && strcmp(a, "unknown") != 0 && str_empty(*value(e, rec, reason)))
        errors_add(errs, entity_field_index(e, reason), TR_inc_err_reason, NULL);
}

void incident_validate(req *r, const entity *e, record *rec, const record *old, errors *errs)
{
    char now[21];
    req_now_iso(r, now);
    if (!old) {
        set(e, rec, "reference", next_reference(r));
        set(e, rec, "reporter_id", int_text(r->a, r->auth->person_id));
    }
    /* what a report leaves open, the defaults say: the organisation became aware when
     * the incident was discovered (not when the report was saved: a discovery on Friday
     * night reported on Thursday would start every legal clock five days late; the
     * handler confirms or corrects it at triage), and nothing is assessed yet */
    if (!*value(e, rec, "status")) set(e, rec, "status", "reported");
    if (!*value(e, rec, "aware_at")) {
        const char *discovered = *value(e, rec, "discovered_at");
        set(e, rec, "aware_at",
            old          ? record_get(old, e, "aware_at")
            : discovered ? discovered
                         : arena_strdup(r->a, now));
    }
    if (!*value(e, rec, "personal_data")) set(e, rec, "personal_data", "unknown");
    if (!*value(e, rec, "significant")) set(e, rec, "significant", "unknown");
    if (in_future(r, *value(e, rec, "discovered_at")))
        errors_add(errs, entity_field(e, "discovered_at"), TR_inc_err_future, NULL);
    if (in_future(r, *value(e, rec, "aware_at")))
        errors_add(errs, entity_field(e, "aware_at"), TR_inc_err_future, NULL);
    /* handled: the moment the final report's month counts from, when it went on */
    const char *handled = *value(e, rec, "handled_at");
    if (in_future(r, handled))
        errors_add(errs, entity_field(e, "handled_at"), TR_inc_err_future, NULL);
    else if (earlier(handled, *value(e, rec, "aware_at")))
        errors_add(errs, entity_field(e, "handled_at"), TR_inc_err_time_before_aware, NULL);
    /* contained: between becoming aware and the end (the phases' durations count on it) */
    const char *contained = *value(e, rec, "contained_at");
    if (in_future(r, contained))
        errors_add(errs, entity_field(e, "contained_at"), TR_inc_err_future, NULL);
    else if (earlier(contained, *value(e, rec, "aware_at")))
        errors_add(errs, entity_field(e, "contained_at"), TR_inc_err_time_before_aware, NULL);
    else if (handled && earlier(handled, contained))
        errors_add(errs, entity_field(e, "contained_at"), TR_inc_err_contained_after_handled, NULL);
    /* an answer without a reason, given the significance questions: their answers are
     * the reason (the handler may write her own) */
    const char *sig = *value(e, rec, "significant");
    if (sig && strcmp(sig, "unknown") != 0 && str_empty(*value(e, rec, "significant_reason"))) {
        const char *why = incident_significance_reason(r, e, rec);
        if (why) set(e, rec, "significant_reason", why);
    }
    reason_needed(e, rec, "personal_data", "personal_data_reason", errs);
    reason_needed(e, rec, "significant", "significant_reason", errs);
    bool closing = strcmp(*value(e, rec, "status"), "closed") == 0;
    if (closing && str_empty(*value(e, rec, "lessons")))
        errors_add(errs, entity_field(e, "lessons"), TR_inc_err_lessons, NULL);
    /* the first time a handler takes it on, for the time to triage */
    if (strcmp(*value(e, rec, "status"), "reported") != 0 &&
        !(old && old->values[entity_field(e, "triaged_at")]))
        set(e, rec, "triaged_at", arena_strdup(r->a, now));
    const char *was_closed = old ? record_get(old, e, "closed_at") : NULL;
    if (closing && !was_closed) set(e, rec, "closed_at", arena_strdup(r->a, now));
    if (!closing && was_closed) set(e, rec, "closed_at", NULL);
}

/* The aware_at of an incident of the caller's tenant, or NULL. */
static const char *incident_aware_at(req *r, const char *incident_id)
{
    const char *p[] = {incident_id, tenant_param(r)};
    return incident_id
               ? db_scalar(r->db, r->a,
                           "SELECT aware_at FROM incident WHERE id = $1 AND tenant_id = $2", 2, p)
               : NULL;
}

void incident_link_validate(req *r, const entity *e, record *rec, const record *old, errors *errs)
{
    (void)r;
    (void)old;
    int things = !str_empty(*value(e, rec, "unit_id")) + !str_empty(*value(e, rec, "system_id")) +
                 !str_empty(*value(e, rec, "asset_id"));
    if (things != 1) errors_add(errs, entity_field(e, "unit_id"), TR_inc_err_one_thing, NULL);
}

void incident_notification_validate(req *r, const entity *e, record *rec, const record *old,
                                    errors *errs)
{
    const char *incident = *value(e, rec, "incident_id");
    const char *sent = *value(e, rec, "sent_at");
    const char *aware = incident_aware_at(r, incident);
    int sent_i = entity_field(e, "sent_at");
    if (in_future(r, sent)) errors_add(errs, sent_i, TR_inc_err_future, NULL);
    if (earlier(sent, aware)) errors_add(errs, sent_i, TR_inc_err_before_aware, NULL);
    /* each duty is recorded once: by its own row, or by a row that also serves it */
    const char *kind = *value(e, rec, "kind"), *also = *value(e, rec, "also_serves");
    const char *other = int_text(r->a, old ? old->id : 0);
    const char *sql = "SELECT 1 FROM incident_notification WHERE tenant_id = $1 AND "
                      "incident_id = $2 AND (kind = $3 OR also_serves = $3) AND id <> $4";
    const char *p[] = {tenant_param(r), incident, kind, other};
    if (incident && kind && db_scalar(r->db, r->a, sql, 4, p))
        errors_add(errs, entity_field(e, "kind"), TR_inc_err_notified_twice, NULL);
    if (also && kind && !strcmp(also, kind))
        errors_add(errs, entity_field(e, "also_serves"), TR_inc_err_serves_itself, NULL);
    const char *q[] = {tenant_param(r), incident, also, other};
    if (incident && also && db_scalar(r->db, r->a, sql, 4, q))
        errors_add(errs, entity_field(e, "also_serves"), TR_inc_err_notified_twice, NULL);
}

/* A notification recorded as sent is an event on the incident's timeline. */
bool incident_notification_after_write(req *r, const entity *e, record *rec, const record *old,
                                       errors *errs)
{
    (void)errs;
    if (!rec || old) return true; /* only a new one */
    json_t *args = json_object();
    json_object_set_new(args, "kind", json_string(*value(e, rec, "kind")));
    json_object_set_new(args, "sent_at", json_string(*value(e, rec, "sent_at")));
    const char *ref = *value(e, rec, "reference");
    if (ref) json_object_set_new(args, "reference", json_string(ref));
    return incident_event_write(r, *value(e, rec, "incident_id"), "notified", args);
}

void incident_event_validate(req *r, const entity *e, record *rec, const record *old, errors *errs)
{
    if (old && incident_event_frozen(old)) {
        errors_add(errs, entity_field(e, "what"), TR_inc_event_err_by_lis, NULL);
        return;
    }
    if (!old) set(e, rec, "person_id", int_text(r->a, r->auth->person_id));
    if (!*value(e, rec, "at")) {
        char now[21];
        req_now_iso(r, now);
        set(e, rec, "at", arena_strdup(r->a, now));
    }
    if (in_future(r, *value(e, rec, "at")))
        errors_add(errs, entity_field(e, "at"), TR_inc_err_future, NULL);
}

/* A delrapport asked for by the authority: asked after the organisation became aware,
 * due after it was asked, sent after it was asked and not in the future. */
void incident_report_request_validate(req *r, const entity *e, record *rec, const record *old,
                                      errors *errs)
{
    (void)old;
    const char *asked = *value(e, rec, "requested_at"), *due = *value(e, rec, "due_at"),
               *sent = *value(e, rec, "sent_at");
    const char *aware = incident_aware_at(r, *value(e, rec, "incident_id"));
    int asked_i = entity_field(e, "requested_at"), sent_i = entity_field(e, "sent_at");
    if (in_future(r, asked))
        errors_add(errs, asked_i, TR_inc_err_future, NULL);
    else if (earlier(asked, aware))
        errors_add(errs, asked_i, TR_inc_err_time_before_aware, NULL);
    if (!earlier(asked, due) && asked && due)
        errors_add(errs, entity_field(e, "due_at"), TR_inc_err_due_before_request, NULL);
    if (in_future(r, sent))
        errors_add(errs, sent_i, TR_inc_err_future, NULL);
    else if (earlier(sent, asked))
        errors_add(errs, sent_i, TR_inc_err_sent_before_request, NULL);
}
