#include "bx_common.h"
#include "bx_version.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *bx_version(void)
{
    return BX_VERSION_STRING;
}

const char *bx_strerror(bx_status status)
{
    switch (status) {
    case BX_OK: return "ok";
    case BX_ERR_USAGE: return "usage error";
    case BX_ERR_MISSING: return "no such file";
    case BX_ERR_NOT_FILE: return "not a regular file";
    case BX_ERR_EMPTY: return "empty file";
    case BX_ERR_NOT_PDF: return "not a PDF";
    case BX_ERR_ENCRYPTED: return "encrypted PDF";
    case BX_ERR_DAMAGED: return "damaged PDF";
    case BX_ERR_NO_TEXT: return "no text layer (scanned pages?)";
    case BX_ERR_NO_TABLES: return "no tables found";
    case BX_ERR_IO: return "input/output error";
    case BX_ERR_NOMEM: return "out of memory";
    case BX_ERR_TOO_LARGE: return "file too large";
    }
    return "unknown error";
}

bx_status bx_error_set(bx_error *err, bx_status code, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->message, sizeof err->message, fmt, ap);
        va_end(ap);
        err->code = code;
    }
    return code;
}

void bx_error_clear(bx_error *err)
{
    if (err) {
        err->code = BX_OK;
        err->message[0] = '\0';
    }
}

void *bx_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        fputs("budgetx: out of memory\n", stderr);
        abort();
    }
    return p;
}

void *bx_xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p) {
        fputs("budgetx: out of memory\n", stderr);
        abort();
    }
    return p;
}

void *bx_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        fputs("budgetx: out of memory\n", stderr);
        abort();
    }
    return q;
}

char *bx_xstrndup(const char *s, size_t n)
{
    char *p = bx_xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *bx_xstrdup(const char *s)
{
    return bx_xstrndup(s, strlen(s));
}

void *bx_grow(void *items, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return items;
    size_t n = *cap ? *cap : 8;
    while (n < need)
        n *= 2;
    *cap = n;
    return bx_xrealloc(items, n * size);
}

void bx_buf_init(bx_buf *b)
{
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
}

void bx_buf_append(bx_buf *b, const char *s, size_t n)
{
    b->data = bx_grow(b->data, &b->cap, b->len + n + 1, 1);
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void bx_buf_puts(bx_buf *b, const char *s)
{
    bx_buf_append(b, s, strlen(s));
}

void bx_buf_printf(bx_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    b->data = bx_grow(b->data, &b->cap, b->len + (size_t)n + 1, 1);
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

char *bx_buf_take(bx_buf *b)
{
    char *s = b->data ? b->data : bx_xstrdup("");
    bx_buf_init(b);
    return s;
}

void bx_buf_free(bx_buf *b)
{
    free(b->data);
    bx_buf_init(b);
}
