/* Atomic file output shared by the writers. */
#define _GNU_SOURCE
#include "bx_export.h"

#include <errno.h>
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

bx_status bx_write_file_atomic(const char *path, const char *data, size_t len, bx_error *err)
{
    if (strcmp(path, "-") == 0) {
        if (write_all(STDOUT_FILENO, data, len) != BX_OK)
            return bx_error_set(err, BX_ERR_IO, "standard output: %s", strerror(errno));
        return BX_OK;
    }
    size_t n = strlen(path);
    char *tmp = bx_xmalloc(n + 16);
    snprintf(tmp, n + 16, "%s.tmp.XXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        bx_status s = bx_error_set(err, BX_ERR_IO, "%s: cannot create (%s)", path, strerror(errno));
        free(tmp);
        return s;
    }
    bx_status s = write_all(fd, data, len);
    /* mkstemp makes the file 0600; an output file should have the usual mode */
    mode_t mask = umask(0);
    umask(mask);
    if (s == BX_OK && fchmod(fd, 0666 & ~mask) != 0)
        s = BX_ERR_IO;
    /* the data must be on disk before the rename, or a crash can leave an
     * empty file under the final name */
    if (s == BX_OK && fsync(fd) != 0)
        s = BX_ERR_IO;
    if (close(fd) != 0) /* always closed, whatever failed before */
        s = BX_ERR_IO;
    if (s == BX_OK && rename(tmp, path) != 0)
        s = BX_ERR_IO;
    if (s != BX_OK) {
        bx_error_set(err, BX_ERR_IO, "%s: cannot write (%s)", path, strerror(errno));
        unlink(tmp);
    }
    free(tmp);
    return s;
}
