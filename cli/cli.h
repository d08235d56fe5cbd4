/* Private to the CLI: exit statuses and helpers the commands share. */
#ifndef BX_CLI_H
#define BX_CLI_H

#include "bx_common.h"
#include "bx_model.h"

#include <stdbool.h>

/* Documented in README.md and in `budgetx --help`. */
enum {
    BX_EXIT_OK = 0,
    BX_EXIT_USAGE = 1,
    BX_EXIT_INPUT = 2,     /* missing, not a PDF, encrypted, damaged, no text layer */
    BX_EXIT_NO_TABLES = 3, /* readable, but no titled table */
    BX_EXIT_CHECKS = 4     /* `check`: a check failed */
};

/* The one mapping from status codes to exit statuses. */
int bx_cli_exit_code(bx_status s);

/* The more serious of two exit statuses. */
int bx_cli_worse(int a, int b);

int bx_cli_is_dir(const char *path);

/* DIR/<input's name without extension>.<ext> (malloc'd). */
char *bx_cli_output_in_dir(const char *dir, const char *input, const char *ext);

/* An option's number, read whole and within [min, max]; false (out unset)
 * for anything else. Plain decimal only: digits with at most one '.' ("2",
 * "0.5"); "2x", "", " 3", "0x3", "1e0", "+1", "nan" or an overflow are usage
 * errors, not the number their first characters spell. */
bool bx_cli_number(const char *text, double min, double max, double *out);
/* The same for a whole number: digits only (g_ascii_string_to_unsigned). */
bool bx_cli_int(const char *text, int min, int max, int *out);

/* A size: bytes, with an optional k, M, G or T (1024-based, any case).
 * False for anything else. */
bool bx_cli_size(const char *text, uint64_t *out);

/* --max-size of command: -1 when text is a size (0: no limit) stored in
 * *out, else the usage error's exit status, said. */
int bx_cli_max_size(const char *command, const char *text, uint64_t *out);

/* The default --max-size: a budget report's PDF is rarely over 100 MB, and
 * memory grows with the input (a text dump costs tens of bytes per byte). */
#define BX_CLI_MAX_SIZE (512ULL << 20)

/* Says on stderr what is wrong with a command line, then where the usage
 * is ("budgetx: extract: needs at least one FILE (see budgetx help extract)").
 * Returns BX_EXIT_USAGE for `return bx_cli_usage_error(...)`. */
int bx_cli_usage_error(const char *command, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* --ocr WHEN: "auto", "always" or "never" as BX_OPEN_OCR_* flags in
 * *flags; false for another word. */
bool bx_cli_parse_ocr(const char *text, unsigned *flags);

/* Page ranges (--pages) are the reader's bx_page_set (bx_reader.h). */

/* How a command reads its inputs. A zeroed struct is the default. */
typedef struct {
    const char *password;     /* --password, else $BUDGETX_PASSWORD, else NULL */
    const bx_page_set *pages; /* --pages, or NULL for every page */
    uint64_t max_size;        /* --max-size (BX_CLI_MAX_SIZE by default); 0: none */
    unsigned flags;           /* BX_OPEN_OCR_* (--ocr) */
} bx_cli_input;

/* The password of --password, else of $BUDGETX_PASSWORD (NULL: none). */
const char *bx_cli_password(const char *option);

/* The name an input is known by: "-" is standard input, named "stdin". */
const char *bx_cli_input_name(const char *path);

/* The warning line, on stderr, that doc's pictures (named by what: "the
 * pictures", "the page images") miss the text of fonts Poppler could not
 * load; nothing when every font loaded. */
void bx_cli_warn_font_failures(const char *input, const bx_doc *doc, const char *what);

/* path as one line of a log: control characters (a newline in a file name)
 * written as C escapes ("\n", "\x1b"), so that a line stays one line.
 * Free the result. */
char *bx_cli_log_path(const char *path);

/* Reads all of standard input (malloc'd, NUL-terminated; *len bytes), at
 * most max bytes (0: no limit; more fails with BX_ERR_TOO_LARGE). */
bx_status bx_cli_read_stdin(char **data, size_t *len, uint64_t max, bx_error *err);

/* BX_ERR_TOO_LARGE, worded as the reader words it, when path is a regular
 * file of more than max bytes (0: no limit), for commands that open a PDF
 * themselves (inspect, review) rather than through bx_report_open_with. */
bx_status bx_cli_check_size(const char *path, uint64_t max, bx_error *err);

/* Reads any input the commands accept: a PDF, a text dump, or our own table
 * JSON (told apart by content: JSON starts with '{'); "-" reads it from
 * standard input. Applies in's password and pages (in may be NULL). */
bx_status bx_cli_load_report(const char *path, const bx_cli_input *in, bx_report **out,
                             bx_error *err);

/* Each command: argv[0] is the command's name. */
int bx_cmd_extract(int argc, char **argv);
int bx_cmd_inspect(int argc, char **argv);
int bx_cmd_check(int argc, char **argv);
int bx_cmd_batch(int argc, char **argv);
int bx_cmd_export(int argc, char **argv);
int bx_cmd_merge(int argc, char **argv);
int bx_cmd_review(int argc, char **argv);

#endif
