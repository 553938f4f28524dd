/* parse.c - see parse.h. One small state machine per format over libxml2's streaming
 * reader: the reader hands out one node at a time (element, text, end), the path of open
 * elements says what a text is, and a finding is emitted when its element closes. */
#include "parse.h"
#include "../core/csv.h"
#include <libxml/xmlreader.h>
#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { MAX_DEPTH = 64, DETECT_BYTES = 4096 };

/* Appends s to dst (holding at most cap-1 bytes), cutting on a UTF-8 character boundary.
 * Control characters (a banner's terminal escapes, DEL, which XML allows) become spaces:
 * lis keeps no text with controls other than tab and line ends. */
static void append(char *dst, size_t cap, const char *s)
{
    size_t have = strlen(dst), add = s ? strlen(s) : 0;
    if (have + add >= cap) {
        add = cap - 1 - have;
        while (add > 0 && ((unsigned char)s[add] & 0xC0) == 0x80)
            add--;
    }
    for (size_t i = 0; i < add; i++) {
        unsigned char c = (unsigned char)s[i];
        dst[have + i] =
            (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F ? ' ' : (char)c;
    }
    dst[have + add] = '\0';
}

static void set(char *dst, size_t cap, const char *s)
{
    dst[0] = '\0';
    append(dst, cap, s);
}

/* Leading and trailing white space off, in place (host names and ports come indented). */
static void trim(char *s)
{
    size_t n = strlen(s), start = 0;
    while (n > 0 && isspace((unsigned char)s[n - 1]))
        s[--n] = '\0';
    while (start < n && isspace((unsigned char)s[start]))
        start++;
    if (start) memmove(s, s + start, n - start + 1);
}

#define SET(field, value) set(field, sizeof field, value)
#define APPEND(field, value) append(field, sizeof field, value)

const char *scan_format_name(scan_format f)
{
    switch (f) {
    case SCAN_OPENVAS_XML:
        return "Greenbone/OpenVAS XML";
    case SCAN_NESSUS_XML:
        return "Nessus (.nessus)";
    case SCAN_NESSUS_CSV:
        return "Nessus CSV";
    default:
        return "";
    }
}

static bool contains(const char *head, size_t len, const char *what)
{
    size_t n = strlen(what);
    for (size_t i = 0; i + n <= len; i++)
        if (!strncasecmp(head + i, what, n)) return true;
    return false;
}

scan_format scan_detect(const char *head, size_t len)
{
    if (len > DETECT_BYTES) len = DETECT_BYTES;
    size_t i = 0;
    if (len >= 3 && !memcmp(head, "\xEF\xBB\xBF", 3)) i = 3;
    while (i < len && isspace((unsigned char)head[i]))
        i++;
    if (i < len && head[i] == '<') {
        if (contains(head + i, len - i, "<NessusClientData")) return SCAN_NESSUS_XML;
        if (contains(head + i, len - i, "<report")) return SCAN_OPENVAS_XML;
        return SCAN_UNKNOWN;
    }
    /* a CSV export: its header line names the plugin and the host */
    size_t eol = i;
    while (eol < len && head[eol] != '\n')
        eol++;
    if (contains(head + i, eol - i, "plugin") &&
        (contains(head + i, eol - i, "host") || contains(head + i, eol - i, "ip address")))
        return SCAN_NESSUS_CSV;
    return SCAN_UNKNOWN;
}

/* ---- severity ---- */

const char *scan_severity_code(scan_severity s)
{
    static const char *const codes[] = {"", "low", "medium", "high", "critical"};
    return codes[s];
}

/* A CVSS base score as written ("7.5", "10.0", "7,5" from a Swedish Excel), or -1. */
static double score_of(const char *text)
{
    if (!text || !*text) return -1;
    char copy[SCAN_SCORE_MAX];
    SET(copy, text);
    for (char *p = copy; *p; p++)
        if (*p == ',') *p = '.';
    char *end;
    double v = strtod(copy, &end);
    while (*end && isspace((unsigned char)*end))
        end++;
    return *end || v != v || v < 0 || v > 10 ? -1 : v;
}

static scan_severity band(double score)
{
    return score >= 9.0   ? SEV_CRITICAL
           : score >= 7.0 ? SEV_HIGH
           : score >= 4.0 ? SEV_MEDIUM
           : score > 0    ? SEV_LOW
                          : SEV_NONE;
}

/* The scanner's own rating: Nessus's 0-4 or its risk factor, OpenVAS's threat. */
static scan_severity rating_severity(const char *rating)
{
    static const struct {
        const char *word;
        scan_severity s;
    } words[] = {
        {"4", SEV_CRITICAL}, {"critical", SEV_CRITICAL}, {"3", SEV_HIGH}, {"high", SEV_HIGH},
        {"2", SEV_MEDIUM},   {"medium", SEV_MEDIUM},     {"1", SEV_LOW},  {"low", SEV_LOW},
    };
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (!strcasecmp(rating, words[i].word)) return words[i].s;
    return SEV_NONE; /* "0", "None", "Info", "Log", "False Positive", "" */
}

scan_severity scan_item_severity(const scan_item *it, const char **score, const char **version)
{
    double v3 = score_of(it->cvss3), v2 = score_of(it->cvss2);
    if (v3 >= 0) {
        *score = it->cvss3, *version = "3";
        return band(v3);
    }
    if (v2 >= 0) {
        *score = it->cvss2, *version = "2";
        return band(v2);
    }
    *score = "", *version = "";
    return rating_severity(it->rating);
}

/* ---- XML ---- */

typedef struct xml_state {
    const scan_sink *sink;
    scan_format format;
    const char *path[MAX_DEPTH]; /* open elements' local names by depth */
    scan_item item;
    bool in_item;
    int item_depth;
    /* Nessus: the current host's properties, given before its items */
    char host_attr[SCAN_HOST_MAX], host_ip[SCAN_HOST_MAX], fqdn[SCAN_HOST_MAX],
        netbios[SCAN_HOST_MAX];
    char tag[64]; /* the HostProperties tag being read */
    char synopsis[SCAN_TEXT_MAX];
    /* OpenVAS: the result's own score (with overrides) and the NVT's severity type */
    char result_score[SCAN_SCORE_MAX], severity_type[64];
    bool stopped;
} xml_state;

static const char *parent(const xml_state *s, int depth, int up)
{
    int d = depth - up;
    return d >= 0 && d < MAX_DEPTH && s->path[d] ? s->path[d] : "";
}

static char *attr(xmlTextReaderPtr reader, const char *name)
{
    return (char *)xmlTextReaderGetAttribute(reader, (const xmlChar *)name);
}

static void attr_into(xmlTextReaderPtr reader, const char *name, char *dst, size_t cap)
{
    char *v = attr(reader, name);
    set(dst, cap, v ? v : "");
    xmlFree(v);
}

static void emit(xml_state *s)
{
    scan_item *it = &s->item;
    s->in_item = false;
    if (s->format == SCAN_NESSUS_XML) {
        SET(it->host, *s->host_ip ? s->host_ip : s->host_attr);
        SET(it->host_name, *s->fqdn                         ? s->fqdn
                           : *s->netbios                    ? s->netbios
                           : strcmp(s->host_attr, it->host) ? s->host_attr
                                                            : "");
        if (!*it->output) SET(it->output, s->synopsis);
    } else {
        /* a negative score is OpenVAS's mark of a false positive (an override) */
        if (s->result_score[0] == '-')
            it->cvss2[0] = it->cvss3[0] = '\0', SET(it->rating, "Log");
        else if (!*it->cvss2 && !*it->cvss3)
            SET(it->cvss2, s->result_score);
    }
    trim(it->host), trim(it->host_name), trim(it->plugin), trim(it->port), trim(it->title);
    trim(it->cvss2), trim(it->cvss3), trim(it->rating);
    if (!*it->host)
        s->sink->row_error(s->sink->ctx, it->line, "the finding names no host");
    else if (!*it->plugin)
        s->sink->row_error(s->sink->ctx, it->line, "the finding names no plugin or NVT");
    else if (!s->sink->item(s->sink->ctx, it))
        s->stopped = true;
}

static void start_item(xml_state *s, xmlTextReaderPtr reader, int depth)
{
    memset(&s->item, 0, sizeof s->item);
    s->synopsis[0] = s->result_score[0] = '\0';
    s->in_item = true;
    s->item_depth = depth;
    s->item.line = xmlTextReaderGetParserLineNumber(reader);
}

static void nessus_element(xml_state *s, xmlTextReaderPtr reader, const char *name, int depth)
{
    if (!strcmp(name, "ReportHost")) {
        attr_into(reader, "name", s->host_attr, sizeof s->host_attr);
        s->host_ip[0] = s->fqdn[0] = s->netbios[0] = '\0';
    } else if (!strcmp(name, "tag") && !strcmp(parent(s, depth, 1), "HostProperties")) {
        attr_into(reader, "name", s->tag, sizeof s->tag);
    } else if (!strcmp(name, "ReportItem")) {
        start_item(s, reader, depth);
        scan_item *it = &s->item;
        char port[32], protocol[32];
        attr_into(reader, "port", port, sizeof port);
        attr_into(reader, "protocol", protocol, sizeof protocol);
        SET(it->port, *port ? port : "0");
        APPEND(it->port, "/");
        APPEND(it->port, *protocol ? protocol : "tcp");
        attr_into(reader, "pluginID", it->plugin, sizeof it->plugin);
        attr_into(reader, "pluginName", it->title, sizeof it->title);
        attr_into(reader, "severity", it->rating, sizeof it->rating);
    }
}

static void nessus_text(xml_state *s, const char *text, int depth)
{
    const char *in = parent(s, depth, 1);
    if (!strcmp(in, "tag") && !strcmp(parent(s, depth, 2), "HostProperties")) {
        if (!strcmp(s->tag, "host-ip"))
            APPEND(s->host_ip, text);
        else if (!strcmp(s->tag, "host-fqdn"))
            APPEND(s->fqdn, text);
        else if (!strcmp(s->tag, "netbios-name"))
            APPEND(s->netbios, text);
        return;
    }
    if (!s->in_item || depth != s->item_depth + 2) return;
    scan_item *it = &s->item;
    if (!strcmp(in, "cvss3_base_score"))
        APPEND(it->cvss3, text);
    else if (!strcmp(in, "cvss_base_score"))
        APPEND(it->cvss2, text);
    else if (!strcmp(in, "plugin_output"))
        APPEND(it->output, text);
    else if (!strcmp(in, "synopsis"))
        APPEND(s->synopsis, text);
    else if (!strcmp(in, "plugin_name") && !*it->title)
        APPEND(it->title, text);
}

static void openvas_element(xml_state *s, xmlTextReaderPtr reader, const char *name, int depth)
{
    if (!s->in_item) {
        if (!strcmp(name, "result") && !strcmp(parent(s, depth, 1), "results"))
            start_item(s, reader, depth);
        return;
    }
    if (!strcmp(name, "nvt") && depth == s->item_depth + 1)
        attr_into(reader, "oid", s->item.plugin, sizeof s->item.plugin);
    else if (!strcmp(name, "severity") && !strcmp(parent(s, depth, 1), "severities"))
        attr_into(reader, "type", s->severity_type, sizeof s->severity_type);
}

static void openvas_text(xml_state *s, const char *text, int depth)
{
    if (!s->in_item) return;
    scan_item *it = &s->item;
    const char *in = parent(s, depth, 1);
    int rel = depth - s->item_depth; /* 2: a direct child's text */
    if (rel == 2) {
        if (!strcmp(in, "host"))
            APPEND(it->host, text);
        else if (!strcmp(in, "port"))
            APPEND(it->port, text);
        else if (!strcmp(in, "name"))
            APPEND(it->title, text);
        else if (!strcmp(in, "severity"))
            APPEND(s->result_score, text);
        else if (!strcmp(in, "threat"))
            APPEND(it->rating, text);
        else if (!strcmp(in, "description"))
            APPEND(it->output, text);
    } else if (rel == 3 && !strcmp(parent(s, depth, 2), "host") && !strcmp(in, "hostname")) {
        APPEND(it->host_name, text);
    } else if (rel == 3 && !strcmp(parent(s, depth, 2), "nvt")) {
        if (!strcmp(in, "cvss_base"))
            APPEND(it->cvss2, text);
        else if (!strcmp(in, "name") && !*it->title)
            APPEND(it->title, text);
    } else if (rel == 5 && !strcmp(in, "score") && !strcmp(parent(s, depth, 2), "severity") &&
               strstr(s->severity_type, "v3")) {
        SET(it->cvss3, text);
    }
}

static void xml_error_ignore(void *ctx, const char *msg, ...)
{
    (void)ctx, (void)msg;
}

static bool read_xml(xmlTextReaderPtr reader, xml_state *s, char *err, size_t errlen)
{
    if (!reader) {
        snprintf(err, errlen, "the file cannot be read");
        return false;
    }
    int ret;
    while (!s->stopped && (ret = xmlTextReaderRead(reader)) == 1) {
        int type = xmlTextReaderNodeType(reader), depth = xmlTextReaderDepth(reader);
        if (depth < 0 || depth >= MAX_DEPTH) continue; /* deeper than any format nests */
        if (type == XML_READER_TYPE_ELEMENT) {
            const char *name = (const char *)xmlTextReaderConstLocalName(reader);
            s->path[depth] = name;
            if (depth + 1 < MAX_DEPTH) s->path[depth + 1] = NULL;
            if (s->format == SCAN_NESSUS_XML)
                nessus_element(s, reader, name, depth);
            else
                openvas_element(s, reader, name, depth);
            if (xmlTextReaderIsEmptyElement(reader) && s->in_item && depth == s->item_depth)
                emit(s);
        } else if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
                   type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE) {
            const char *text = (const char *)xmlTextReaderConstValue(reader);
            if (!text) continue;
            if (s->format == SCAN_NESSUS_XML)
                nessus_text(s, text, depth);
            else
                openvas_text(s, text, depth);
        } else if (type == XML_READER_TYPE_END_ELEMENT) {
            if (s->in_item && depth == s->item_depth) emit(s);
        }
    }
    bool ok = s->stopped || ret == 0;
    if (!ok) {
        const xmlError *e = xmlGetLastError();
        snprintf(err, errlen, "the XML is malformed near line %d%s%s",
                 e ? e->line : xmlTextReaderGetParserLineNumber(reader),
                 e && e->message ? ": " : "", e && e->message ? e->message : "");
        size_t n = strlen(err);
        if (n && err[n - 1] == '\n') err[n - 1] = '\0';
    }
    xmlFreeTextReader(reader);
    return ok;
}

/* Never the network, never external entities or a DTD: a scan file is data. */
enum { XML_OPTIONS = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING };

static xml_state *xml_state_new(const scan_sink *sink, scan_format f)
{
    xml_state *s = calloc(1, sizeof *s);
    if (s) s->sink = sink, s->format = f;
    xmlSetGenericErrorFunc(NULL, xml_error_ignore);
    xmlResetLastError();
    return s;
}

/* ---- CSV ---- */

enum { CSV_MAX_COLS = 128 };

/* The column of the first header that names it (several Nessus versions, several words). */
static int column(char **header, int n, const char *const *names)
{
    for (const char *const *name = names; *name; name++)
        for (int i = 0; i < n; i++)
            if (!strcasecmp(header[i], *name)) return i;
    return -1;
}

static const char *cell(char **cells, int n, int col)
{
    return col >= 0 && col < n && cells[col] ? cells[col] : "";
}

static bool parse_csv(const char *data, size_t len, const scan_sink *s, char *err, size_t errlen)
{
    arena a;
    arena_init(&a, 1 << 20);
    bool ok = false;
    char *text = text_to_utf8(&a, data, len);
    if (!text) {
        snprintf(err, errlen, "the file is not text");
        goto done;
    }
    size_t tlen = strlen(text);
    csv_reader c;
    csv_init(&c, text, tlen, csv_guess_delimiter(text, tlen));
    char *header[CSV_MAX_COLS];
    int nh = csv_next(&c, &a, header, CSV_MAX_COLS);
    if (nh <= 0) {
        snprintf(err, errlen, "the file has no header line");
        goto done;
    }
    for (int i = 0; i < nh; i++)
        trim(header[i]);
    int plugin = column(header, nh, (const char *const[]){"Plugin ID", "Plugin", NULL});
    int host = column(header, nh, (const char *const[]){"Host", "IP Address", "IP", NULL});
    int name = column(header, nh, (const char *const[]){"Name", "Plugin Name", NULL});
    int protocol = column(header, nh, (const char *const[]){"Protocol", NULL});
    int port = column(header, nh, (const char *const[]){"Port", NULL});
    int cvss2 =
        column(header, nh,
               (const char *const[]){"CVSS V2 Base Score", "CVSS v2.0 Base Score", "CVSS", NULL});
    int cvss3 = column(header, nh,
                       (const char *const[]){"CVSS V3 Base Score", "CVSS v3.0 Base Score",
                                             "CVSS v3.1 Base Score", NULL});
    int risk = column(header, nh, (const char *const[]){"Risk", "Risk Factor", "Severity", NULL});
    int dns = column(header, nh, (const char *const[]){"DNS Name", "FQDN", NULL});
    int netbios = column(header, nh, (const char *const[]){"NetBIOS Name", NULL});
    int output =
        column(header, nh, (const char *const[]){"Plugin Output", "Plugin Text", "Synopsis", NULL});
    if (plugin < 0 || host < 0) {
        snprintf(err, errlen, "the header names no %s column", plugin < 0 ? "Plugin ID" : "Host");
        goto done;
    }
    scan_item *it = malloc(sizeof *it);
    if (!it) goto done;
    char *cells[CSV_MAX_COLS];
    int n;
    ok = true;
    while ((n = csv_next(&c, &a, cells, CSV_MAX_COLS)) > 0) {
        bool blank = true;
        for (int i = 0; i < n && blank; i++)
            for (const char *p = cells[i]; *p && blank; p++)
                blank = isspace((unsigned char)*p);
        if (blank) continue; /* Nessus pads its exports with empty rows */
        memset(it, 0, sizeof *it);
        it->line = c.line;
        SET(it->plugin, cell(cells, n, plugin));
        SET(it->host, cell(cells, n, host));
        SET(it->title, cell(cells, n, name));
        const char *p = cell(cells, n, port), *proto = cell(cells, n, protocol);
        SET(it->port, *p ? p : "0"); /* cut on a character, as every value */
        APPEND(it->port, "/");
        APPEND(it->port, *proto ? proto : "tcp");
        for (char *q = it->port; *q; q++)
            *q = (char)tolower((unsigned char)*q);
        SET(it->cvss2, cell(cells, n, cvss2));
        SET(it->cvss3, cell(cells, n, cvss3));
        SET(it->rating, cell(cells, n, risk));
        SET(it->host_name, *cell(cells, n, dns) ? cell(cells, n, dns) : cell(cells, n, netbios));
        SET(it->output, cell(cells, n, output));
        trim(it->host), trim(it->host_name), trim(it->plugin), trim(it->port), trim(it->title);
        trim(it->cvss2), trim(it->cvss3), trim(it->rating);
        if (!*it->host)
            s->row_error(s->ctx, it->line, "the row names no host");
        else if (!*it->plugin)
            s->row_error(s->ctx, it->line, "the row names no plugin");
        else if (!s->item(s->ctx, it))
            break;
    }
    free(it);
    if (n < 0) {
        snprintf(err, errlen, "row %d: %s", c.line, c.error ? c.error : "too many columns");
        ok = false;
    }
done:
    arena_free(&a);
    return ok;
}

/* ---- entry points ---- */

bool scan_parse_memory(const char *data, size_t len, const scan_sink *s, char *err, size_t errlen)
{
    scan_format f = scan_detect(data, len);
    if (f == SCAN_NESSUS_CSV) return parse_csv(data, len, s, err, errlen);
    if (f == SCAN_UNKNOWN || len > (size_t)INT_MAX) {
        snprintf(err, errlen,
                 "not a scan export lis reads (Greenbone/OpenVAS XML, Nessus .nessus or CSV)");
        return false;
    }
    xml_state *st = xml_state_new(s, f);
    if (!st) {
        snprintf(err, errlen, "out of memory");
        return false;
    }
    bool ok =
        read_xml(xmlReaderForMemory(data, (int)len, NULL, NULL, XML_OPTIONS), st, err, errlen);
    free(st);
    return ok;
}

bool scan_parse_file(const char *path, const scan_sink *s, char *err, size_t errlen)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        snprintf(err, errlen, "%s cannot be opened", path);
        return false;
    }
    char head[DETECT_BYTES];
    size_t n = fread(head, 1, sizeof head, fp);
    scan_format f = scan_detect(head, n);
    if (f != SCAN_NESSUS_CSV) {
        fclose(fp);
        if (f == SCAN_UNKNOWN) {
            snprintf(err, errlen,
                     "not a scan export lis reads (Greenbone/OpenVAS XML, Nessus .nessus or CSV)");
            return false;
        }
        /* XML streams from the file: memory stays flat however large it is */
        xml_state *st = xml_state_new(s, f);
        if (!st) {
            snprintf(err, errlen, "out of memory");
            return false;
        }
        bool ok = read_xml(xmlReaderForFile(path, NULL, XML_OPTIONS), st, err, errlen);
        free(st);
        return ok;
    }
    /* CSV is read whole: exports of that form are the small ones */
    if (fseek(fp, 0, SEEK_END) != 0) {
        fclose(fp);
        snprintf(err, errlen, "%s cannot be read", path);
        return false;
    }
    long size = ftell(fp);
    char *data = size >= 0 ? malloc((size_t)size + 1) : NULL;
    bool ok =
        data && fseek(fp, 0, SEEK_SET) == 0 && fread(data, 1, (size_t)size, fp) == (size_t)size;
    fclose(fp);
    if (ok)
        ok = parse_csv(data, (size_t)size, s, err, errlen);
    else
        snprintf(err, errlen, "%s cannot be read", path);
    free(data);
    return ok;
}
