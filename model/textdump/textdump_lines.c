/* Text dumps: the dump's lines and pages, and what a single line is (a
 * footer, a title...). A leaf under the readers of regions, forms and rows. */
#include "textdump.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

static int is_blank(const char *s, size_t n)
{
    char *line = bx_xstrndup(s, n);
    char *sq = bx_text_squeeze(line);
    int blank = *sq == '\0';
    free(sq);
    free(line);
    return blank;
}

/* Pages: a form feed where the dump has them; otherwise pdftotext's other
 * trace of a page start, a line that begins with a space. */
void td_split_lines(td_doc *d, const char *text)
{
    int use_ff = strchr(text, '\f') != NULL;
    size_t cap = 0;
    int page = use_ff ? 1 : 0, pending_start = 1, blank = 1;
    const char *p = text;
    while (*p) {
        size_t n = strcspn(p, "\n");
        const char *line = p;
        p += n + (p[n] == '\n');
        size_t ff = 0;
        while (use_ff && ff < n && line[ff] == '\f') {
            ff++;
            page++;
            pending_start = 1;
        }
        line += ff;
        n -= ff;
        if (is_blank(line, n)) {
            blank = 1;
            continue;
        }
        if (!use_ff && (page == 0 || line[0] == ' ')) {
            page++;
            pending_start = 1;
        }
        char *raw = bx_xstrndup(line, n);
        g_strstrip(raw);
        d->lines = bx_grow(d->lines, &cap, d->n + 1, sizeof *d->lines);
        d->lines[d->n++] = (td_line){raw, page, pending_start, blank || pending_start};
        pending_start = 0;
        blank = 0;
        if (page > d->n_pages)
            d->n_pages = page;
    }
}

char *td_line_squeezed(const td_doc *d, size_t i) { return bx_text_squeeze(d->lines[i].text); }

int td_line_is(const td_doc *d, size_t i, int (*test)(const bx_patterns *, const char *))
{
    char *s = td_line_squeezed(d, i);
    int yes = test(d->pat, s);
    free(s);
    return yes;
}

int td_is_footer(const td_doc *d, size_t i)
{
    char *s = td_line_squeezed(d, i);
    size_t digits = strspn(s, "0123456789");
    int yes = s[digits] != '\0' && bx_is_page_number(d->pat, s);
    free(s);
    return yes;
}
