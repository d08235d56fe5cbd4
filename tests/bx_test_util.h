/* Helpers shared by the tests that run the budgetx binary and read back
 * its output. Header-only: each test is one executable. */
#ifndef BX_TEST_UTIL_H
#define BX_TEST_UTIL_H

#define _GNU_SOURCE
#include "bx_common.h"

#include <json-glib/json-glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

/* Runs a shell command; returns its exit status and its standard output
 * (malloc'd) in *out when out is not NULL. */
static int run_cmd(char **out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int run_cmd(char **out, const char *fmt, ...)
{
    char *cmd;
    va_list ap;
    va_start(ap, fmt);
    if (vasprintf(&cmd, fmt, ap) < 0)
        abort();
    va_end(ap);
    FILE *p = popen(cmd, "r");
    free(cmd);
    if (!p)
        abort();
    bx_buf b;
    bx_buf_init(&b);
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, p)) > 0)
        bx_buf_append(&b, chunk, n);
    int status = pclose(p);
    if (out)
        *out = bx_buf_take(&b);
    bx_buf_free(&b);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* Parses JSON text (and frees it); the caller unrefs the parser. */
static JsonParser *parse_json(char *text)
{
    JsonParser *p = json_parser_new();
    GError *e = NULL;
    if (!json_parser_load_from_data(p, text, -1, &e)) {
        fprintf(stderr, "bad JSON: %s\n", e->message);
        abort();
    }
    free(text);
    return p;
}

static char *make_temp_dir(void)
{
    char *dir = bx_xstrdup("/tmp/budgetx-test-XXXXXX");
    if (!mkdtemp(dir))
        abort();
    return dir;
}

static void remove_tree(const char *dir)
{
    run_cmd(NULL, "rm -rf '%s'", dir);
}

/* The number of entries of a folder, hidden ones too. */
static inline int count_dir_entries(const char *dir)
{
    char *out;
    run_cmd(&out, "ls -A '%s' | wc -l", dir);
    int n = atoi(out);
    free(out);
    return n;
}

/* cmocka setup and teardown of a fresh temporary folder as *state. */
static inline int setup_temp_dir(void **state)
{
    *state = make_temp_dir();
    return 0;
}

static inline int teardown_temp_dir(void **state)
{
    remove_tree(*state);
    free(*state);
    return 0;
}

#endif
