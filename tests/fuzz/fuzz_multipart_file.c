/* fuzz_multipart_file - the multipart parser that reads an upload from its temporary file
 * a piece at a time (http_parse_multipart_file, behind every streamed import), checked
 * against the in-memory parser every other form goes through (http_parse_multipart_bytes).
 *
 * Input: the first line is the boundary, the rest the body. Each byte 0x01 in the body
 * stands for a run of 4093 'x' (an odd length), so short inputs reach the file reader's
 * 32 KB pieces and a delimiter that straddles two of them.
 *
 * Checks beyond ASan/UBSan: the file part lies inside the body and ends where a delimiter
 * begins; no field value holds a NUL or exceeds MAX_BODY; every field the file parser
 * returns, the in-memory parser returns too, in the same order and with the same bytes;
 * the file part is the one the in-memory reader finds under its name; a body the one
 * refuses as forged, the other refuses too. */
#include "fuzz_common.h"
#include "../../src/core/arena.h"
#include "../../src/http/http.h"
#include <sys/mman.h>
#include <unistd.h>

enum { RUN = 4093, MAX_EXPANDED = 4 * 1024 * 1024 };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *nl = memchr(data, '\n', size);
    if (!nl || nl == data || nl - data > 70) return 0;
    size_t blen = (size_t)(nl - data);
    if (memchr(data, 0, blen) || memchr(data, '"', blen) || memchr(data, ';', blen)) return 0;
    const uint8_t *in = nl + 1;
    size_t in_n = size - blen - 1, runs = 0;
    for (size_t i = 0; i < in_n; i++)
        runs += in[i] == 1;
    size_t n = in_n + runs * (RUN - 1);
    if (n > MAX_EXPANDED) return 0;
    char *body = malloc(n ? n : 1);
    if (!body) abort();
    for (size_t i = 0, o = 0; i < in_n; i++) {
        if (in[i] == 1) {
            memset(body + o, 'x', RUN);
            o += RUN;
        } else {
            body[o++] = (char)in[i];
        }
    }
    int fd = memfd_create("upload", 0);
    if (fd < 0) abort();
    if (n && write(fd, body, n) != (ssize_t)n) abort();

    arena a;
    arena_init(&a, 16 * 1024 * 1024);
    char *ct =
        arena_printf(&a, "multipart/form-data; boundary=%.*s", (int)blen, (const char *)data);
    /* the delimiter before every part but the first, as both parsers seek it */
    const char *delim = arena_printf(&a, "\r\n--%.*s", (int)blen, (const char *)data);
    size_t dlen = strlen(delim);
    kvlist file_fields, mem_fields;
    struct http_upload up;
    bool file_ok = http_parse_multipart_file(&a, ct, fd, n, &file_fields, &up);
    const char *bin_part = NULL, *bin_data = NULL;
    size_t bin_len = 0;
    bool mem_ok =
        http_parse_multipart_bytes(&a, ct, body, n, &mem_fields, &bin_part, &bin_data, &bin_len);

    if (file_ok) {
        for (int i = 0; i < file_fields.n; i++) {
            const char *v = file_fields.items[i].value;
            FUZZ_CHECK(v && file_fields.items[i].key, "field %d without key or value", i);
            FUZZ_CHECK(strlen(v) <= MAX_BODY, "field %d of %zu bytes", i, strlen(v));
        }
        if (up.fd >= 0) {
            FUZZ_CHECK(up.fd == fd, "file part in another descriptor");
            FUZZ_CHECK(up.offset <= n && up.len <= n - up.offset,
                       "file part [%zu, +%zu) outside %zu", up.offset, up.len, n);
            FUZZ_CHECK(up.offset + up.len + dlen <= n &&
                           !memcmp(body + up.offset + up.len, delim, dlen),
                       "file part does not end at a delimiter");
            FUZZ_CHECK(!memmem(body + up.offset, up.len, delim, dlen),
                       "file part holds a delimiter");
            http_file f;
            if (mem_ok && http_multipart_file(&a, ct, body, n, up.name, &f))
                FUZZ_CHECK(f.data == (const unsigned char *)body + up.offset && f.len == up.len &&
                               !strcmp(f.filename, up.filename),
                           "file part at %zu+%zu, in memory at %td+%zu", up.offset, up.len,
                           (const char *)f.data - body, f.len);
        }
    }
    /* a NUL in a part's headers or in a text field is a forged request to both parsers
     * (the in-memory one stops at MAX_PARAMS parts, so count them first) */
    if (!file_ok) {
        size_t parts = 0;
        for (const char *p = body; p && parts < MAX_PARAMS; parts++) {
            p = memmem(p, (size_t)(body + n - p), delim, dlen);
            if (p) p += dlen;
        }
        if (parts < MAX_PARAMS) FUZZ_CHECK(!mem_ok, "forged to the file parser only");
    }
    if (file_ok && mem_ok) {
        int j = 0;
        for (int i = 0; i < file_fields.n; i++) {
            const kv *f = &file_fields.items[i];
            while (j < mem_fields.n && (strcmp(mem_fields.items[j].key, f->key) ||
                                        strcmp(mem_fields.items[j].value, f->value)))
                j++;
            FUZZ_CHECK(j < mem_fields.n, "field %d '%s' from the file, not from memory", i, f->key);
            j++;
        }
    }
    arena_free(&a);
    close(fd);
    free(body);
    return 0;
}
