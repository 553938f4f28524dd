/* phases.c - the four phases' codes and words (phases.h). */
#include "phases.h"

const char *const phase_codes[PHASES] = {"prevent", "detect", "respond", "recover"};
const tr_key phase_labels[PHASES] = {TR_phase_prevent, TR_phase_detect, TR_phase_respond,
                                     TR_phase_recover};
const enum_opt phase_options[] = {
    {"prevent", TR_phase_prevent},
    {"detect", TR_phase_detect},
    {"respond", TR_phase_respond},
    {"recover", TR_phase_recover},
    {NULL, 0},
};
