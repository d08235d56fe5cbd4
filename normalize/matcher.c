/* bx_matcher: the one wrapper of PCRE2 for the patterns of the stages above
 * (the narrative's figures, the report-level phrase rules): compiled once,
 * matched over a subject again and again, groups taken by name or number. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "bx_normalize.h"

#include <pcre2.h>
#include <stdint.h>
#include <stdlib.h>

struct bx_matcher {
    pcre2_code *re;
    pcre2_match_data *md;
    /* The subject whose UTF-8 PCRE2 last checked, from `checked_from` on:
     * PCRE2 checks from the start offset to the end of the subject on
     * every call, so a scan match by match over a long text cost its
     * length at each match (quadratic: a 1 MB dump's checks took most of
     * its reading time). */
    const char *checked;
    size_t checked_len, checked_from;
};

bx_matcher *bx_matcher_new(const char *pattern)
{
    int code;
    PCRE2_SIZE off;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
                                   PCRE2_UTF | PCRE2_UCP, &code, &off, NULL);
    if (!re)
        return NULL; /* the patterns are fixed text: the tests compile every one */
    bx_matcher *m = bx_xcalloc(1, sizeof *m);
    m->re = re;
    m->md = pcre2_match_data_create_from_pattern(re, NULL);
    return m;
}

void bx_matcher_free(bx_matcher *m)
{
    if (!m)
        return;
    pcre2_match_data_free(m->md);
    pcre2_code_free(m->re);
    free(m);
}

int bx_matcher_next(bx_matcher *m, const char *subject, size_t len, size_t *from)
{
    if (!m || *from > len)
        return 0;
    /* a scan that goes on over the subject just checked skips the check */
    int goes_on = *from > 0 && subject == m->checked && len == m->checked_len && *from >= m->checked_from;
    int rc = pcre2_match(m->re, (PCRE2_SPTR)subject, len, *from, goes_on ? PCRE2_NO_UTF_CHECK : 0,
                         m->md, NULL);
    if (!goes_on && (rc >= 0 || rc == PCRE2_ERROR_NOMATCH)) {
        m->checked = subject;
        m->checked_len = len;
        m->checked_from = *from;
    }
    if (rc < 0)
        return 0;
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(m->md);
    /* an empty match would not move on: step over one character */
    size_t next = ov[1] > ov[0] ? ov[1] : ov[1] + 1;
    while (next < len && ((unsigned char)subject[next] & 0xC0) == 0x80)
        next++;
    *from = next;
    return 1;
}

size_t bx_matcher_start(const bx_matcher *m)
{
    return pcre2_get_ovector_pointer(m->md)[0];
}

size_t bx_matcher_end(const bx_matcher *m)
{
    return pcre2_get_ovector_pointer(m->md)[1];
}

char *bx_matcher_group(const bx_matcher *m, const char *subject, const char *name)
{
    int n = pcre2_substring_number_from_name(m->re, (PCRE2_SPTR)name);
    if (n < 0)
        return NULL;
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(m->md);
    if ((uint32_t)n >= pcre2_get_ovector_count(m->md) || ov[2 * n] == PCRE2_UNSET)
        return NULL;
    return bx_xstrndup(subject + ov[2 * n], ov[2 * n + 1] - ov[2 * n]);
}

char *bx_matcher_group_at(const bx_matcher *m, const char *subject, int n)
{
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(m->md);
    if (n < 0 || (uint32_t)n >= pcre2_get_ovector_count(m->md) || ov[2 * n] == PCRE2_UNSET)
        return NULL;
    return bx_xstrndup(subject + ov[2 * n], ov[2 * n + 1] - ov[2 * n]);
}
