/* fuzz_tmplc - the template compiler tools/tmplc.c on arbitrary views and catalogues.
 *
 * tmplc.c is included here unchanged, with main renamed to tmplc_main and exit to
 * tmplc_exit, which longjmps back to the harness: die() ("untranslated text", "unterminated
 * {{", …) is tmplc's normal way of refusing a view, not a crash. The memory and files
 * tmplc holds at that moment are freed by tracking malloc/realloc/strndup/fopen, so that
 * LeakSanitizer still reports real leaks on the paths that return normally.
 *
 * Each input is compiled
 *   - as a view: written to a temp file in.html (in /dev/shm when there), `tmplc views /dev/null
 * /dev/null in.html`
 *   - as i18n catalogues: split at the first NUL byte into sv.txt and en.txt (without a
 *     NUL both get the whole input), `tmplc i18n /dev/null /dev/null sv.txt en.txt`. */
#include "fuzz_common.h"
#include <ctype.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

static jmp_buf tmplc_jmp;
static bool tmplc_active;

/* ---- tracking of what tmplc allocates and opens ---- */
enum { TRACK_MAX = 1 << 16 };
static void *tracked[TRACK_MAX];
static int ntracked;
static FILE *tracked_files[8];

static void track(void *p)
{
    if (!p) return;
    FUZZ_CHECK(ntracked < TRACK_MAX, "tmplc allocates without bound");
    tracked[ntracked++] = p;
}

static void untrack(void *p)
{
    for (int i = ntracked - 1; i >= 0; i--)
        if (tracked[i] == p) {
            tracked[i] = tracked[--ntracked];
            return;
        }
}

static void *t_malloc(size_t n)
{
    void *p = malloc(n);
    track(p);
    return p;
}

static void *t_realloc(void *old, size_t n)
{
    void *p = realloc(old, n);
    if (p) {
        untrack(old);
        track(p);
    }
    return p;
}

static void t_free(void *p)
{
    untrack(p);
    free(p);
}

static char *t_strndup(const char *s, size_t n)
{
    char *p = strndup(s, n);
    track(p);
    return p;
}

static FILE *t_fopen(const char *path, const char *mode)
{
    FILE *f = fopen(path, mode);
    for (size_t i = 0; f && i < sizeof tracked_files / sizeof tracked_files[0]; i++)
        if (!tracked_files[i]) {
            tracked_files[i] = f;
            return f;
        }
    FUZZ_CHECK(!f, "tmplc holds too many files open");
    return f;
}

static int t_fclose(FILE *f)
{
    for (size_t i = 0; i < sizeof tracked_files / sizeof tracked_files[0]; i++)
        if (tracked_files[i] == f) tracked_files[i] = NULL;
    return fclose(f);
}

static void release_all(void)
{
    for (int i = 0; i < ntracked; i++)
        free(tracked[i]);
    ntracked = 0;
    for (size_t i = 0; i < sizeof tracked_files / sizeof tracked_files[0]; i++)
        if (tracked_files[i]) {
            fclose(tracked_files[i]);
            tracked_files[i] = NULL;
        }
}

__attribute__((noreturn)) static void tmplc_exit(int code)
{
    FUZZ_CHECK(tmplc_active, "exit(%d) outside tmplc", code);
    longjmp(tmplc_jmp, code ? code : 256);
}

static FILE *tmplc_stderr; /* /dev/null unless FUZZ_TMPLC_VERBOSE is set */

#define main tmplc_main
#define exit tmplc_exit
#undef stderr
#define stderr tmplc_stderr
#define malloc t_malloc
#define realloc t_realloc
#define free t_free
#define strndup t_strndup
#define fopen t_fopen
#define fclose t_fclose
int tmplc_main(int argc, char **argv);
#include "../../tools/tmplc.c"
#undef main
#undef exit
#undef malloc
#undef realloc
#undef free
#undef strndup
#undef fopen
#undef fclose
#undef stderr
#define stderr stderr

static char dir[64];
static char view_path[96], sv_path[96], en_path[96];

static void write_file(const char *path, const uint8_t *data, size_t n)
{
    FILE *f = fopen(path, "wb");
    FUZZ_CHECK(f, "cannot write %s", path);
    FUZZ_CHECK(fwrite(data, 1, n, f) == n, "short write to %s", path);
    fclose(f);
}

/* Runs tmplc with argv; returns its exit status (die() gives 1). */
static int run(int argc, char **argv)
{
    volatile int rc;
    int jumped;
    tmplc_active = true;
    if ((jumped = setjmp(tmplc_jmp)) == 0)
        rc = tmplc_main(argc, argv);
    else
        rc = jumped == 256 ? 0 : jumped;
    tmplc_active = false;
    release_all();
    return rc;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    /* tmpfs if there is one: on ext4 rewriting a file per input waits for the disk */
    const char *base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    snprintf(dir, sizeof dir, "%s/fuzz_tmplc.XXXXXX", base);
    FUZZ_CHECK(mkdtemp(dir), "mkdtemp %s", dir);
    snprintf(view_path, sizeof view_path, "%s/in.html", dir);
    snprintf(sv_path, sizeof sv_path, "%s/sv.txt", dir);
    snprintf(en_path, sizeof en_path, "%s/en.txt", dir);
    /* tmplc reports every refused view on stderr; that is its job, not news here */
    tmplc_stderr = getenv("FUZZ_TMPLC_VERBOSE") ? stderr : fopen("/dev/null", "w");
    FUZZ_CHECK(tmplc_stderr, "/dev/null");
    return 0;
}

static void cleanup(void)
{
    unlink(view_path);
    unlink(sv_path);
    unlink(en_path);
    rmdir(dir);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static bool registered;
    if (!registered) {
        atexit(cleanup);
        registered = true;
    }
    write_file(view_path, data, size);
    char *views_argv[] = {"tmplc", "views", "/dev/null", "/dev/null", view_path, NULL};
    int rc = run(5, views_argv);
    FUZZ_CHECK(rc == 0 || rc == 1, "tmplc views exit status %d", rc);

    const uint8_t *nul = memchr(data, 0, size);
    if (nul) {
        write_file(sv_path, data, (size_t)(nul - data));
        write_file(en_path, nul + 1, size - (size_t)(nul - data) - 1);
    } else {
        write_file(sv_path, data, size);
        write_file(en_path, data, size);
    }
    char *i18n_argv[] = {"tmplc", "i18n", "/dev/null", "/dev/null", sv_path, en_path, NULL};
    rc = run(6, i18n_argv);
    FUZZ_CHECK(rc == 0 || rc == 1, "tmplc i18n exit status %d", rc);
    return 0;
}
