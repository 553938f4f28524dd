/* service_level.c - an internal service level against the need and the suppliers' backing
 * (the rules are in service_level.h). Pure: no database, no HTTP. */
#include "service_level.h"
#include <string.h>

sl_support sl_support_of(const char *code)
{
    if (!code) return SL_SUPPORT_NONE;
    if (!strcmp(code, "office")) return SL_SUPPORT_OFFICE;
    if (!strcmp(code, "extended")) return SL_SUPPORT_EXTENDED;
    if (!strcmp(code, "always")) return SL_SUPPORT_ALWAYS;
    return SL_SUPPORT_NONE;
}

int sl_need_restore(const sl_need *need)
{
    if (need->rto >= 0 && need->mtpd >= 0) return need->rto < need->mtpd ? need->rto : need->mtpd;
    return need->rto >= 0 ? need->rto : need->mtpd;
}

sl_support sl_support_needed(int restore_hours)
{
    if (restore_hours < 0) return SL_SUPPORT_NONE;
    if (restore_hours < SL_ALWAYS_BELOW_HOURS) return SL_SUPPORT_ALWAYS;
    if (restore_hours < SL_EXTENDED_BELOW_HOURS) return SL_SUPPORT_EXTENDED;
    return SL_SUPPORT_NONE;
}

unsigned sl_gaps(const sl_agreed *agreed, const sl_need *need, const sl_supplier *supplier)
{
    int restore = sl_need_restore(need);
    bool needed = restore >= 0 || need->rpo >= 0;
    if (!agreed) return needed ? SL_GAP_MISSING : 0;
    unsigned g = 0;
    if (restore >= 0) {
        if (agreed->rto < 0)
            g |= SL_GAP_RTO_MISSING;
        else if (agreed->rto > restore)
            g |= SL_GAP_RTO_WEAKER;
        /* support that does not state its hours cannot be counted on out of hours */
        sl_support want = sl_support_needed(restore);
        if (want != SL_SUPPORT_NONE && agreed->support < want) g |= SL_GAP_SUPPORT;
    }
    if (need->rpo >= 0) {
        if (agreed->rpo < 0)
            g |= SL_GAP_RPO_MISSING;
        else if (agreed->rpo > need->rpo)
            g |= SL_GAP_RPO_WEAKER;
    }
    if (supplier) {
        if (agreed->rto >= 0 && supplier->rto >= 0 && supplier->rto > agreed->rto)
            g |= SL_GAP_SUPPLIER_RTO;
        if (agreed->rpo >= 0 && supplier->rpo >= 0 && supplier->rpo > agreed->rpo)
            g |= SL_GAP_SUPPLIER_RPO;
        if (agreed->availability >= 0 && supplier->availability >= 0 &&
            supplier->availability < agreed->availability)
            g |= SL_GAP_SUPPLIER_AVAIL;
    }
    return g;
}
