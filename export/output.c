/* Atomic file output shared by the writers. */
#define _GNU_SOURCE
#include "bx_export.h"
#include "export_common.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static bx_status write_all(int fd, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, data, len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return BX_ERR_IO;
        }
        data += n;
        len -= (size_t)n;
    }
    return BX_OK;
}

/* A file written in pieces, atomically (bx_write_file_atomic in parts): a
 * temporary file in the path's folder, renamed over the path when all is
 * written; "-" is standard output. A path that names a device or a pipe
 * (/dev/stdout, a FIFO, /dev/full) is written in place: renaming over it
 * would replace the device with a file. The first failure is kept (and its
 * errno, for the message). */
struct bx_pieces {
    const char *path;
    char *tmp; /* NULL for standard output or a device */
    int fd;
    int in_place; /* fd is the device or pipe at path, ours to close */
    bx_status s;
    int err_no;
};

bool bx_path_in_place(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode);
}

bx_status bx_pieces_open(const char *path, bx_pieces **out, bx_error *err)
{
    bx_pieces *w = bx_xcalloc(1, sizeof *w);
    w->path = path;
    w->fd = STDOUT_FILENO;
    if (strcmp(path, "-") != 0 && bx_path_in_place(path)) {
        w->fd = open(path, O_WRONLY | O_CLOEXEC);
        w->in_place = 1;
        if (w->fd < 0) {
            bx_status s = bx_error_set(err, BX_ERR_IO, "%s: cannot open (%s)", path, strerror(errno));
            free(w);
            *out = NULL;
            return s;
        }
    } else if (strcmp(path, "-") != 0) {
        size_t n = strlen(path);
        w->tmp = bx_xmalloc(n + 16);
        snprintf(w->tmp, n + 16, "%s.tmp.XXXXXX", path);
        w->fd = mkstemp(w->tmp);
        if (w->fd < 0) {
            bx_status s = bx_error_set(err, BX_ERR_IO, "%s: cannot create (%s)", path, strerror(errno));
            free(w->tmp);
            free(w);
            *out = NULL;
            return s;
        }
    }
    *out = w;
    return BX_OK;
}

void bx_pieces_put(bx_pieces *w, const char *data, size_t len)
{
    if (w->s == BX_OK && write_all(w->fd, data, len) != BX_OK) {
        w->s = BX_ERR_IO;
        w->err_no = errno;
    }
}

static void fail(bx_pieces *w)
{
    if (w->s == BX_OK) {
        w->s = BX_ERR_IO;
        w->err_no = errno;
    }
}

bx_status bx_pieces_close(bx_pieces *w, bx_error *err)
{
    if (!w->tmp) {
        if (w->in_place && close(w->fd) != 0)
            fail(w);
        bx_status s = w->s;
        if (s != BX_OK)
            bx_error_set(err, BX_ERR_IO, "%s: cannot write (%s)",
                         w->in_place ? w->path : "standard output", strerror(w->err_no));
        free(w);
        return s;
    }
    /* mkstemp makes the file 0600; an output file should have the usual mode */
    mode_t mask = umask(0);
    umask(mask);
    if (w->s == BX_OK && fchmod(w->fd, 0666 & ~mask) != 0)
        fail(w);
    /* the data must be on disk before the rename, or a crash can leave an
     * empty file under the final name */
    if (w->s == BX_OK && fsync(w->fd) != 0)
        fail(w);
    if (close(w->fd) != 0) /* always closed, whatever failed before */
        fail(w);
    if (w->s == BX_OK && rename(w->tmp, w->path) != 0)
        fail(w);
    bx_status s = w->s;
    if (s != BX_OK) {
        bx_error_set(err, BX_ERR_IO, "%s: cannot write (%s)", w->path, strerror(w->err_no));
        unlink(w->tmp);
    }
    free(w->tmp);
    free(w);
    return s;
}

bx_status bx_write_file_atomic(const char *path, const char *data, size_t len, bx_error *err)
{
    bx_pieces *w;
    bx_status s = bx_pieces_open(path, &w, err);
    if (s != BX_OK)
        return s;
    bx_pieces_put(w, data, len);
    return bx_pieces_close(w, err);
}
