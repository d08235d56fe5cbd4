/* The phrases printed around and inside budget tables, as PCRE2 patterns.
 * This is the one place where they are spelled. Patterns run on squeezed
 * text (no white space) unless said otherwise. Traditional forms stand
 * beside the simplified ones ([单單]位): cheaper than folding every line
 * through an ICU transliterator, and the table stays readable. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "bx_normalize.h"

#include <ctype.h>
#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

enum {
    PAT_UNIT,
    PAT_DEPARTMENT,
    PAT_TITLE,
    PAT_LABEL,
    PAT_CONTINUATION,
    PAT_PAGE_NUMBER,
    PAT_NOTE,
    PAT_TOTAL,
    PAT_EMPTY_NOTE,
    PAT_FIELD,
    PAT_ORDINAL,
    PAT_COUNT
};

/* A colon as printed after a label: ASCII, full-width, and the vertical
 * (U+FE30 "︰") and small (U+FE55) forms some producers set. */
#define COLON "[：:︰﹕]"

static const char *const pattern_source[PAT_COUNT] = {
    /* "单位：万元", "金额单位：元", a count of people "單位：人"; not the 单位
     * of "编制单位："; or a short label whose unit stands in brackets:
     * "项目资金（万元）" */
    [PAT_UNIT] = "(?|(?<!编制)(?<!編製)(?<!填报)(?<!填報)(?:金[额額]|[计計]量)?[单單]位" COLON "\\s*"
                 "((?:人民[币幣]|新[台臺][币幣]|港[币幣]|美)?(?:百[万萬]|[亿億]|千|[万萬])?元|人次|人(?!民))"
                 "|^[^，。,：:（(]{1,12}[（(]((?:百[万萬]|[亿億]|千|[万萬])?元)[）)]$)",
    /* the name runs to the unit label printed on the same line, or the end */
    [PAT_DEPARTMENT] = "(?:[编編]制部[门門]|[编編]制[单單]位|[单單]位名[称稱]|部[门門]名[称稱]|填[报報][单單]位|"
                       "[预預]算主管部[门門]|[预預]算[单單]位)" COLON "\\s*(.+?)\\s*(?=(?:金[额額]|[计計]量)?[单單]位" COLON "|$)",
    /* a title names a table: it ends in 表, perhaps followed by a 续 mark */
    [PAT_TITLE] = "^(?!注|[备備]注|[说說]明|附注|目[录錄]).{2,}表(?:[（(]?[续續]表?[）)]?)?$",
    [PAT_LABEL] = "^(?:附)?表\\s*[0-9０-９]+(?:[-－—][0-9０-９]+)?[：:]?$",
    [PAT_CONTINUATION] = "[续續]表|[（(][续續][）)]|[续續]上表|接上表",
    /* parenthesised: one literal in two pieces, not two elements (clang) */
    [PAT_PAGE_NUMBER] = ("^(?:[-－—–]\\s*[0-9０-９]+\\s*[-－—–]|第\\s*[0-9０-９]+\\s*页(?:共\\s*[0-9０-９]+\\s*页)?"
                         "|[0-9０-９]{1,4}|[0-9０-９]+/[0-9０-９]+)$"),
    [PAT_NOTE] = "^(?:[注註]|[备備][注註]|[说說]明|附[注註]|[注註][释釋])\\s*[0-9０-９]*\\s*[：:]",
    [PAT_TOTAL] = "^(?:合[计計]|[总總][计計]|小[计計]|共[计計]|.{0,16}(?:合[计計]|[总總][计計]))$",
    /* a form's field: a short label, a colon, a value ("项目负责人：某某") */
    [PAT_FIELD] = "^[^：:]{2,12}[：:].+",
    /* a note saying the table above is printed empty ("故本表为空表", "故本表无数据") */
    [PAT_EMPTY_NOTE] = "空表|本表无数据|本表數據為空|本表数据为空|本表無數據",
    /* a numbered item label: "一、", "1.", "（三）" (perhaps with a space after) */
    [PAT_ORDINAL] = "^(?:[一二三四五六七八九十]+、|[0-9０-９]{1,2}[.．、](?![0-9０-９])|[（(][一二三四五六七八九十0-9０-９]+[）)])",
};

struct bx_patterns {
    pcre2_code *code[PAT_COUNT];
};

bx_status bx_patterns_new(bx_patterns **out, bx_error *err)
{
    bx_patterns *p = bx_xcalloc(1, sizeof *p);
    for (int i = 0; i < PAT_COUNT; i++) {
        int errcode;
        PCRE2_SIZE offset;
        p->code[i] = pcre2_compile((PCRE2_SPTR)pattern_source[i], PCRE2_ZERO_TERMINATED,
                                   PCRE2_UTF | PCRE2_UCP, &errcode, &offset, NULL);
        if (!p->code[i]) {
            PCRE2_UCHAR msg[160];
            pcre2_get_error_message(errcode, msg, sizeof msg);
            bx_patterns_free(p);
            return bx_error_set(err, BX_ERR_USAGE, "pattern %d: %s at %zu", i, (char *)msg,
                                (size_t)offset);
        }
        pcre2_jit_compile(p->code[i], PCRE2_JIT_COMPLETE); /* optional speed-up */
    }
    *out = p;
    return BX_OK;
}

void bx_patterns_free(bx_patterns *p)
{
    if (!p)
        return;
    for (int i = 0; i < PAT_COUNT; i++)
        pcre2_code_free(p->code[i]);
    free(p);
}

/* Runs pattern `which`; returns capture group `group` (0 = whole match) as
 * a new string, or NULL when there is no match. */
static char *match_group(const bx_patterns *p, int which, const char *s, int group)
{
    pcre2_match_data *md = pcre2_match_data_create_from_pattern(p->code[which], NULL);
    int rc = pcre2_match(p->code[which], (PCRE2_SPTR)s, PCRE2_ZERO_TERMINATED, 0, 0, md, NULL);
    char *out = NULL;
    if (rc > group) {
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
        if (ov[2 * group] != PCRE2_UNSET)
            out = bx_xstrndup(s + ov[2 * group], ov[2 * group + 1] - ov[2 * group]);
    }
    pcre2_match_data_free(md);
    return out;
}

static int matches(const bx_patterns *p, int which, const char *s)
{
    char *m = match_group(p, which, s, 0);
    free(m);
    return m != NULL;
}

char *bx_match_unit(const bx_patterns *p, const char *line)
{
    return match_group(p, PAT_UNIT, line, 1);
}

char *bx_match_department(const bx_patterns *p, const char *line)
{
    char *squeezed = bx_text_squeeze(line);
    char *name = match_group(p, PAT_DEPARTMENT, squeezed, 1);
    free(squeezed);
    if (name && !*name) {
        free(name);
        name = NULL;
    }
    return name;
}

int bx_is_table_title(const bx_patterns *p, const char *line)
{
    return matches(p, PAT_TITLE, line) && !matches(p, PAT_LABEL, line);
}

int bx_is_table_label(const bx_patterns *p, const char *line)
{
    return matches(p, PAT_LABEL, line);
}

int bx_is_continuation(const bx_patterns *p, const char *line)
{
    return matches(p, PAT_CONTINUATION, line);
}

int bx_is_page_number(const bx_patterns *p, const char *line)
{
    return matches(p, PAT_PAGE_NUMBER, line);
}

int bx_is_note(const bx_patterns *p, const char *line)
{
    return matches(p, PAT_NOTE, line);
}

int bx_is_total_label(const bx_patterns *p, const char *cell)
{
    return matches(p, PAT_TOTAL, cell);
}

int bx_is_empty_note(const bx_patterns *p, const char *line)
{
    return matches(p, PAT_NOTE, line) && matches(p, PAT_EMPTY_NOTE, line);
}

int bx_is_ordinal_label(const bx_patterns *p, const char *text)
{
    return matches(p, PAT_ORDINAL, text);
}

char *bx_title_clean(const char *line)
{
    return bx_text_squeeze(line);
}

int bx_is_field(const bx_patterns *p, const char *line)
{
    return matches(p, PAT_FIELD, line) && !matches(p, PAT_NOTE, line);
}

int bx_year_in(const char *s)
{
    static const char mark[] = "年";
    for (const char *p = s; *p; p++)
        if (isdigit((unsigned char)p[0]) && isdigit((unsigned char)p[1]) &&
            isdigit((unsigned char)p[2]) && isdigit((unsigned char)p[3]) && (p == s || !isdigit((unsigned char)p[-1])) &&
            strncmp(p + 4, mark, sizeof mark - 1) == 0)
            return atoi(p);
    return 0;
}
