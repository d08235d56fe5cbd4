/* bx_common.h: what every budgetx stage shares, and nothing more.
 *
 * Status codes are returned as values (never printed deep inside a stage);
 * a bx_error carries the code with a one-line message naming the cause.
 * The CLI maps codes to exit statuses once (see cli/main.c and README.md).
 */
#ifndef BX_COMMON_H
#define BX_COMMON_H

#include <stdarg.h>
#include <stddef.h>

typedef enum {
    BX_OK = 0,
    BX_ERR_USAGE,     /* the caller asked for something impossible */
    BX_ERR_MISSING,   /* the input file does not exist */
    BX_ERR_NOT_FILE,  /* a directory or other non-regular file */
    BX_ERR_EMPTY,     /* a file of zero bytes */
    BX_ERR_NOT_PDF,   /* no PDF header and not a text dump either */
    BX_ERR_ENCRYPTED, /* needs a password */
    BX_ERR_DAMAGED,   /* Poppler could not parse it */
    BX_ERR_NO_TEXT,   /* pages hold images but no text layer (scanned) */
    BX_ERR_NO_TABLES, /* readable, but no titled table was found */
    BX_ERR_IO,        /* reading or writing failed */
    BX_ERR_NOMEM,
    BX_ERR_TOO_LARGE  /* over the input size limit (bx_open_options.max_size) */
} bx_status;

/* The library's version, "MAJOR.MINOR.PATCH" (the BX_VERSION_STRING of the
 * bx_version.h it was built with; a program may compare the two). */
const char *bx_version(void);

/* A short English phrase for a status, e.g. "not a PDF". Never NULL. */
const char *bx_strerror(bx_status status);

typedef struct {
    bx_status code;
    char message[512]; /* one line, no trailing newline */
} bx_error;

/* Sets err (when not NULL) and returns code, so that callers can write
 * `return bx_error_set(err, BX_ERR_IO, "%s: %s", path, strerror(errno));` */
bx_status bx_error_set(bx_error *err, bx_status code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Resets err to BX_OK with an empty message. */
void bx_error_clear(bx_error *err);

/* Growable byte buffer, always NUL-terminated. */
typedef struct {
    char *data;
    size_t len;
    size_t cap;
} bx_buf;

/* Makes b an empty buffer (its data "" until something is appended). */
void bx_buf_init(bx_buf *b);
/* Appends n bytes of s. */
void bx_buf_append(bx_buf *b, const char *s, size_t n);
/* Appends the string s. */
void bx_buf_puts(bx_buf *b, const char *s);
/* Appends printf-formatted text. */
void bx_buf_printf(bx_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Hands the string to the caller (free() it); the buffer is reset. */
char *bx_buf_take(bx_buf *b);
/* Frees the buffer's memory and resets it. */
void bx_buf_free(bx_buf *b);

/* Growable array helper: ensures room for `need` items of `size` bytes. */
void *bx_grow(void *items, size_t *cap, size_t need, size_t size);

/* Allocation that aborts on exhaustion: budgetx treats out-of-memory as fatal
 * rather than threading NOMEM through every geometric helper. */
void *bx_xmalloc(size_t n);
/* calloc(3) that aborts on exhaustion. */
void *bx_xcalloc(size_t n, size_t size);
/* realloc(3) that aborts on exhaustion. */
void *bx_xrealloc(void *p, size_t n);
/* strdup(3) that aborts on exhaustion. */
char *bx_xstrdup(const char *s);
/* strndup(3) that aborts on exhaustion. */
char *bx_xstrndup(const char *s, size_t n);

#endif
