/* phases.h - the four phases of the security work (seed 001: förhindra, upptäcka, bekämpa,
 * återställa — prevent, detect, respond, recover). Requirements, actions and incident
 * timeline entries carry one (a choice field); the lägesbild counts by them. Kept here,
 * in the organisation's area, because every area that tags by phase builds on it. */
#ifndef LIS_ORG_PHASES_H
#define LIS_ORG_PHASES_H
#include "../entity/entity.h"

enum { PHASES = 4 };
/* "prevent", "detect", "respond", "recover" (stored), in the order of the work */
extern const char *const phase_codes[PHASES];
extern const tr_key phase_labels[PHASES];
/* the choice for a field, ended by {NULL} */
extern const enum_opt phase_options[];

/* The phase a catalogue chapter (requirement area) plainly serves, as SQL over the column
 * col: logging detects, incident handling responds, backup and continuity recover, every
 * other chapter prevents. Also in migration 0041 for the rows already there. */
#define PHASE_OF_AREA_SQL(col)                                                                     \
    "CASE WHEN " col " = 'loggning' THEN 'detect' WHEN " col " = 'incident' THEN 'respond' "       \
    "WHEN " col " IN ('backup', 'kontinuitet') THEN 'recover' ELSE 'prevent' END"
#endif
