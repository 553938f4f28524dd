/* Unit tests of the import's readers that are pure functions: which encoding a file has
 * and what is refused (with its line), the header and value words a kommun writes, and
 * the file part of a multipart form kept as bytes (an .xlsx, UTF-16). Table-driven: each
 * row is a file a kommun has sent. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include "../../src/http/http.h"
#include "../../src/imports/decode.h"
#include "../../src/imports/mapping.h"
#include "../../src/inventory/inventory.h"

static void test_decode(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        size_t len;
        text_encoding enc;
        decode_problem problem;
        int line;
        const char *text; /* or the damaged word */
    } cases[] = {
        {"Namn;Enhet\n\xc3\x85r;Soc\n", 0, ENC_UTF8, DECODE_OK, 0, "Namn;Enhet\n\xc3\x85r;Soc\n"},
        {"\xef\xbb\xbfNamn\n\xc3\xa5\n", 0, ENC_UTF8_BOM, DECODE_OK, 0, "Namn\n\xc3\xa5\n"},
        {"Namn\nL\xf6n \x96 \x93x\x94\n", 0, ENC_CP1252, DECODE_OK, 0,
         "Namn\nL\xc3\xb6n \xe2\x80\x93 \xe2\x80\x9cx\xe2\x80\x9d\n"},
        /* UTF-8 with one Windows-1252 byte on line 3: refused, not guessed */
        {"Namn\n\xc3\x85tta\n\xd6vrigt\n", 0, ENC_UTF8, DECODE_MIXED, 3, NULL},
        {"\xef\xbb\xbfNamn\n\xd6\n", 0, ENC_UTF8_BOM, DECODE_MIXED, 2, NULL},
        {"\xff\xfeN\0\n\0\xc5\0", 8, ENC_UTF16LE, DECODE_OK, 0, "N\n\xc3\x85"},
        {"\xfe\xff\0N\0\n\0\xc5", 8, ENC_UTF16BE, DECODE_OK, 0, "N\n\xc3\x85"},
        {"N\0a\0m\0n\0\n\0x\0", 12, ENC_UTF16LE, DECODE_OK, 0, "Namn\nx"},
        {"\xff\xfeN\0\n\0\0\xd8"
         "A\0",
         10, ENC_UTF16LE, DECODE_BAD_UTF16, 2, NULL},
        {"Namn;Enhet\nL\xc3\xb6n;F?rvaltning\n", 0, ENC_UTF8, DECODE_QUESTION, 2, "F?rvaltning"},
        {"Syst?m?gare;x\n", 0, ENC_UTF8, DECODE_QUESTION, 1, "Syst?m?gare"},
        /* a question at a word's end, or a link's query, is not damage */
        {"Fr\xc3\xa5ga;Vad g\xc3\xa4ller? Se /x?id=1\n", 0, ENC_UTF8, DECODE_OK, 0, NULL},
        {"PK\x03\x04\x01", 5, ENC_UTF8, DECODE_BINARY, 1, NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        arena a;
        arena_init(&a, 0);
        decoded d;
        size_t len = cases[i].len ? cases[i].len : strlen(cases[i].in);
        import_decode(&a, cases[i].in, len, &d);
        print_message("case %zu\n", i);
        assert_int_equal(d.problem, cases[i].problem);
        if (d.problem != DECODE_BINARY) assert_int_equal(d.encoding, cases[i].enc);
        if (d.problem == DECODE_OK) {
            assert_non_null(d.text);
            if (cases[i].text) assert_string_equal(d.text, cases[i].text);
        } else {
            assert_null(d.text);
            assert_int_equal(d.line, cases[i].line);
        }
        if (d.problem == DECODE_QUESTION) assert_string_equal(d.word, cases[i].text);
        arena_free(&a);
    }
}

static void test_headers_and_values(void **state)
{
    (void)state;
    arena a;
    arena_init(&a, 0);
    word_table *headers = word_table_load(&a, "import_headers.csv");
    word_table *values = word_table_load(&a, "import_values.csv");
    static const struct {
        const entity *e;
        const char *header, *field;
    } maps[] = {
        {&entity_systems, "Systemnamn", "name"},
        {&entity_systems, " SYSTEM  ", "name"},
        {&entity_systems, "Förvaltning", "unit_id"},
        {&entity_systems, "verksamhet:", "unit_id"},
        {&entity_systems, "Systemägare *", "owner_id"},
        {&entity_systems, "Ägare", "owner_id"},
        {&entity_systems, "Förvaltare", "manager_id"},
        {&entity_systems, "Leverantör", "supplier"},
        {&entity_systems, "Driftform", "hosting"},
        {&entity_systems, "Drift", "hosting"},
        {&entity_systems, "Land", "hosting_country"},
        {&entity_systems, "Status", "status"},
        {&entity_systems, "Beskrivning", "description"},
        {&entity_systems, "System owner", "owner_id"},
        {&entity_systems, "Supplier", "supplier"},
        {&entity_systems, "id", "id"},
        {&entity_assets, "Informationsmängd", "name"},
        {&entity_assets, "Informationsägare", "owner_id"},
        {&entity_assets, "Driftform", ""},
        {&entity_systems, "Kontakt", ""},
        {&entity_objects, "Förvaltningsobjekt", "name"},
        {&entity_systems, "Förvaltningsobjekt", "object_id"},
    };
    for (size_t i = 0; i < sizeof maps / sizeof maps[0]; i++) {
        print_message("header %s\n", maps[i].header);
        assert_string_equal(
            mapping_name(maps[i].e, mapping_propose(&a, headers, maps[i].e, maps[i].header)),
            maps[i].field);
    }
    const field *hosting = &entity_systems.fields[entity_field_index(&entity_systems, "hosting")];
    const field *status = &entity_systems.fields[entity_field_index(&entity_systems, "status")];
    static const struct {
        bool is_status;
        const char *word, *value;
    } words[] = {
        {false, "Moln", "cloud"},
        {false, "molntjänst", "cloud"},
        {false, "SaaS", "cloud"},
        {false, "Leverantör", "supplier"},
        {false, "Leverantörens  drift", "supplier"},
        {false, "Egen drift", "own"},
        {false, "EGEN", "own"},
        {false, "cloud", "cloud"},
        {false, "Hybrid", NULL},
        {true, "Avvecklas", "retiring"},
        {true, "Under avveckling", "retiring"},
        {true, "Avvecklad", "retired"},
        {true, "I drift", "operation"},
        {true, "In operation", "operation"},
        {true, "Trasig", NULL},
    };
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        const char *got =
            mapping_enum_value(&a, values, words[i].is_status ? status : hosting, words[i].word);
        print_message("word %s\n", words[i].word);
        if (words[i].value)
            assert_string_equal(got, words[i].value);
        else
            assert_null(got);
    }
    arena_free(&a);
}

static void test_multipart_bytes(void **state)
{
    (void)state;
    arena a;
    arena_init(&a, 0);
    static const char body[] =
        "--XyZ\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nsystems"
        "\r\n--XyZ\r\nContent-Disposition: form-data; name=\"file\"; "
        "filename=\"a.xlsx\"\r\n\r\nPK\x03\x04\0\0\x01"
        "\r\n--XyZ--\r\n";
    kvlist form;
    const char *part = NULL, *data = NULL;
    size_t len = 0;
    assert_true(http_parse_multipart_bytes(&a, "multipart/form-data; boundary=XyZ", body,
                                           sizeof body - 1, &form, &part, &data, &len));
    assert_string_equal(part, "file");
    assert_int_equal(len, 7);
    assert_memory_equal(data, "PK\x03\x04\0\0\x01", 7);
    assert_string_equal(kv_get(&form, "kind"), "systems");
    arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_decode),
        cmocka_unit_test(test_headers_and_values),
        cmocka_unit_test(test_multipart_bytes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
