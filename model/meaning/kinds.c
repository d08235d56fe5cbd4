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
    /* Taiwan's budgets (總預算, 單位預算, 附屬單位預算): traditional titles,
     * first, since they also say 支出/收入 */
    {"tw_revenue_by_source", {"歲入來源別", "歲入預算表", NULL}},
    {"tw_revenue_detail", {"歲入項目說明", NULL}},
    {"tw_expenditure_by_agency", {"歲出機關別", "歲出預算表", NULL}},
    {"tw_expenditure_by_object", {"一級用途別", "用途別科目分析", NULL}},
    {"tw_plan_overview", {"計畫提要及分支計畫", NULL}},
    {"tw_plan_detail", {"計畫說明提要與各項費用", NULL}},
    {"tw_expense_summary", {"各項費用彙計", NULL}},
    {"tw_personnel_summary", {"人事費彙計", NULL}},
    {"tw_personnel_analysis", {"人事費分析", "約聘僱人員費用", NULL}},
    {"tw_staff", {"預算員額", "員工人數彙計", NULL}},
    {"tw_capital_expenditure", {"資本支出分析", NULL}},
    {"tw_fund_sources_uses", {"基金來源*用途*餘絀", NULL}},
    {"tw_fund_sources", {"基金來源明細", NULL}},
    {"tw_fund_uses", {"基金用途明細", NULL}},
    {"tw_cash_flow", {"現金流量", NULL}},
    {"tw_balance_sheet", {"平衡表", NULL}},
    {"tw_vehicles", {"公務車輛", NULL}},
    {"tw_travel_abroad", {"派員出國計畫", NULL}},
    {"tw_economic_classification", {"經濟性綜合分類", "濟性綜合分類", NULL}},
    {"tw_transfers", {"轉帳收支", NULL}},
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
