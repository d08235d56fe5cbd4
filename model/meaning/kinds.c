/* THE table of table kinds: each canonical kind with the title phrases that
 * name it across templates (部门/单位, 预算/决算, provinces, years).
 *
 * A phrase is a sequence of fragments separated by '*' that must occur in
 * the title's key (bx_text_key: NFKC, no white space, no quotes) in that
 * order. The first kind with a matching phrase wins, so the more specific
 * kinds come first (a 政府性基金 table also says 支出, a 绩效目标 table also
 * says 项目支出). */
#include "bx_meaning.h"
#include "bx_normalize.h"

#include <stdlib.h>
#include <string.h>

static const struct {
    const char *kind;
    const char *phrases[8];
} kinds[] = {
    {"performance_target", {"绩效目标", NULL}},
    {"three_public", {"三公", NULL}},
    {"government_fund", {"政府性基金", NULL}},
    {"state_capital", {"国有资本经营", NULL}},
    {"basic_expenditure", {"基本支出", "经济分类", NULL}},
    {"project_expenditure", {"项目支出", NULL}},
    {"fiscal_summary", {"财政拨款收*支*总", NULL}},
    {"general_budget_expenditure", {"一般公共预算*支出", NULL}},
    {"summary", {"收*支*总", NULL}},
    {"income", {"收入", NULL}},
    {"expenditure", {"支出", NULL}},
};

int bx_phrase_match(const char *key, const char *phrase)
{
    const char *at = key;
    while (*phrase) {
        const char *star = strchr(phrase, '*');
        size_t n = star ? (size_t)(star - phrase) : strlen(phrase);
        char *frag = bx_xstrndup(phrase, n);
        const char *hit = strstr(at, frag);
        free(frag);
        if (!hit)
            return 0;
        at = hit + n;
        phrase += n + (star ? 1 : 0);
    }
    return 1;
}

const char *bx_kind_of_title(const char *title)
{
    if (!title)
        return "other";
    char *key = bx_text_key(title);
    const char *kind = "other";
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0] && !strcmp(kind, "other"); i++)
        for (size_t j = 0; kinds[i].phrases[j]; j++)
            if (bx_phrase_match(key, kinds[i].phrases[j])) {
                kind = kinds[i].kind;
                break;
            }
    free(key);
    return kind;
}
