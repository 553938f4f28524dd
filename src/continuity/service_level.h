/* service_level.h - an internal service level (IT-avdelningen ↔ verksamheten) against what
 * the verksamhet needs and what the suppliers back, as a pure function (no database).
 *
 * The need of a förvaltningsobjekt comes from its continuity plans (their MTPD, RTO, RPO
 * and BIA) and from the roll-up: the strictest RTO/RPO any process needs of the object's
 * systems through the dependencies. Where no RTO is stated the MTPD stands in for it (the
 * restore must be done before the disruption becomes intolerable), as in the roll-up.
 *
 * The support hours are a choice of three, because only their reach matters here:
 *
 *     office    kontorstid, weekdays about 08–17
 *     extended  utökad, every day about 07–22
 *     always    dygnet runt (24/7)
 *
 * A fault may begin the moment support closes. With office hours it waits from Friday
 * 17:00 to Monday 08:00 (63 h) before anyone starts on it; with extended hours at most
 * one night (9 h). So a restore need under 24 h can only be met around the clock (even
 * a night's wait and the work itself would eat it up), and one under 72 h — three days,
 * a weekend plus a working day — not with office hours alone. */
#ifndef LIS_CONTINUITY_SERVICE_LEVEL_H
#define LIS_CONTINUITY_SERVICE_LEVEL_H
#include <stdbool.h>

enum { SL_ALWAYS_BELOW_HOURS = 24, SL_EXTENDED_BELOW_HOURS = 72 };

typedef enum sl_support {
    SL_SUPPORT_NONE = -1, /* not stated */
    SL_SUPPORT_OFFICE,
    SL_SUPPORT_EXTENDED,
    SL_SUPPORT_ALWAYS,
} sl_support;

/* "office", "extended", "always" (stored) → the choice; SL_SUPPORT_NONE for NULL/other */
sl_support sl_support_of(const char *code);

/* What IT has agreed with the verksamhet for one object. Hours -1 and availability < 0
 * = not agreed. */
typedef struct sl_agreed {
    int rto, rpo;
    double availability; /* percent */
    sl_support support;
} sl_agreed;

/* What the verksamhet needs of the object (hours, -1 = none stated). */
typedef struct sl_need {
    int rto, rpo, mtpd;
} sl_need;

/* The weakest promise among the supplier agreements (SLA) covering the object's
 * systems: the longest RTO and RPO, the lowest availability; -1 = none of them says. */
typedef struct sl_supplier {
    int rto, rpo;
    double availability;
} sl_supplier;

enum {
    SL_GAP_MISSING = 1 << 0,        /* a need, but no service level agreed */
    SL_GAP_RTO_WEAKER = 1 << 1,     /* the agreed restore time is longer than needed */
    SL_GAP_RTO_MISSING = 1 << 2,    /* a restore time is needed but none agreed */
    SL_GAP_RPO_WEAKER = 1 << 3,     /* more data may be lost than the need allows */
    SL_GAP_RPO_MISSING = 1 << 4,    /* an RPO is needed but none agreed */
    SL_GAP_SUPPORT = 1 << 5,        /* the support hours cannot reach the need in time */
    SL_GAP_SUPPLIER_RTO = 1 << 6,   /* IT promises a faster restore than its supplier */
    SL_GAP_SUPPLIER_RPO = 1 << 7,   /* IT promises less data loss than its supplier */
    SL_GAP_SUPPLIER_AVAIL = 1 << 8, /* IT promises more availability than its supplier */
};

/* The need's restore time: its RTO, else its MTPD; -1 when neither is stated. */
int sl_need_restore(const sl_need *need);
/* The support hours a restore need calls for (SL_SUPPORT_NONE: any will do). */
sl_support sl_support_needed(int restore_hours);
/* The gaps (SL_GAP_* bits) of an agreed service level (NULL = none agreed) against the
 * need and the suppliers' backing (NULL = no supplier agreement). 0 = no gap. */
unsigned sl_gaps(const sl_agreed *agreed, const sl_need *need, const sl_supplier *supplier);
#endif
