/* THE table of column aliases: header phrases to canonical column keys.
 *
 * A column's key comes from its header path read bottom up: the lowest cell
 * that names something decides (财政拨款（补助）/一般公共预算 -> general_budget);
 * a measure cell (预算数/决算数) or a 小计 passes the question upward (公务用车购置及
 * 运行费/小计 -> vehicle, an aggregate). Phrases are compared with the cell's
 * key (NFKC, no white space or quotes, no leading year); a phrase holding '*'
 * matches by fragments, the others exactly. */
#include "bx_meaning.h"
#include "bx_normalize.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

typedef enum { A_CODE, A_NAME, A_MEASURE, A_SUBTOTAL, A_VALUE, A_NOT_AMOUNT } alias_role;

static const struct {
    const char *phrase;
    alias_role role;
    const char *key; /* value key, or the measure */
} aliases[] = {
    /* classification codes and item names; Taiwan prints each level's own
     * number in its column (款 | 項 | 目 | 節) */
    {"类", A_CODE, NULL},
    {"款", A_CODE, NULL},
    {"项", A_CODE, NULL},
    {"項", A_CODE, NULL},
    {"目", A_CODE, NULL},
    {"節", A_CODE, NULL},
    {"节", A_CODE, NULL},
    {"類", A_CODE, NULL},
    {"*编码", A_CODE, NULL},
    {"项目", A_NAME, NULL},
    {"項目", A_NAME, NULL},
    {"科目", A_NAME, NULL},
    {"*名稱", A_NAME, NULL},
    {"*名稱及編號", A_NAME, NULL},
    /* numbers that are not amounts, and remarks */
    {"*數量*", A_NOT_AMOUNT, "quantity"},
    {"*数量*", A_NOT_AMOUNT, "quantity"},
    {"*車輛數*", A_NOT_AMOUNT, "count"},
    {"*人數*", A_NOT_AMOUNT, "count"},
    {"*人数*", A_NOT_AMOUNT, "count"},
    {"*員額*", A_NOT_AMOUNT, "count"},
    {"*员额*", A_NOT_AMOUNT, "count"},
    {"*年月*", A_NOT_AMOUNT, "date"},
    {"*排氣量*", A_NOT_AMOUNT, "measure"},
    {"說明", A_NOT_AMOUNT, "remark"},
    {"说明", A_NOT_AMOUNT, "remark"},
    {"備註", A_NOT_AMOUNT, "remark"},
    {"备注", A_NOT_AMOUNT, "remark"},
    {"單位", A_NOT_AMOUNT, "unit"},
    {"功能分类", A_NAME, NULL},
    {"经济分类", A_NAME, NULL},
    {"*名称", A_NAME, NULL},
    {"*支出内容", A_NAME, NULL},
    /* after the names: 計畫名稱及領域代碼 names the item, with its code */
    {"*編碼", A_CODE, NULL},
    {"*代码", A_CODE, NULL},
    {"*代碼", A_CODE, NULL},
    /* measures */
    {"预算数", A_MEASURE, "budget"},
    {"决算数", A_MEASURE, "final"},
    {"执行数", A_MEASURE, "final"},
    {"預算數", A_MEASURE, "budget"},
    {"決算數", A_MEASURE, "final"},
    /* subtotals take the key of the group above them */
    {"小计", A_SUBTOTAL, NULL},
    {"*小计", A_SUBTOTAL, NULL},
    {"小計", A_SUBTOTAL, NULL},
    {"*小計", A_SUBTOTAL, NULL},
    /* totals */
    {"合计", A_VALUE, "total"},
    {"总计", A_VALUE, "total"},
    {"合計", A_VALUE, "total"},
    {"總計", A_VALUE, "total"},
    /* Taiwan's budget columns: this year, last year's budget, the year
     * before's final account, and the change (本年度與上年度比較) */
    {"本年度預算數", A_VALUE, "current_budget"},
    {"本年度預算", A_VALUE, "current_budget"},
    {"上年度預算數", A_VALUE, "previous_budget"},
    {"上年度預算", A_VALUE, "previous_budget"},
    {"上年度法定預算數", A_VALUE, "previous_budget"},
    {"前年度決算數", A_VALUE, "prior_final"},
    {"前年度決算", A_VALUE, "prior_final"},
    {"比較", A_VALUE, "change"},
    {"*比較", A_VALUE, "change"},
    {"比較增減", A_VALUE, "change"},
    {"增減", A_VALUE, "change"},
    {"金額", A_VALUE, "amount"},
    {"金额", A_VALUE, "amount"},
    {"單價", A_VALUE, "unit_price"},
    {"*單價*", A_VALUE, "unit_price"},
    {"单价", A_VALUE, "unit_price"},
    {"本年收入合计", A_VALUE, "total"},
    {"本年支出合计", A_VALUE, "total"},
    {"收入合计", A_VALUE, "total"},
    {"支出合计", A_VALUE, "total"},
    {"项目支出合计", A_VALUE, "total"},
    /* sources of funds */
    {"财政拨款收入", A_VALUE, "fiscal"},
    {"财政拨款(补助)", A_VALUE, "fiscal"},
    {"财政拨款", A_VALUE, "fiscal"},
    {"财政拨款支出", A_VALUE, "fiscal"},
    {"一般公共预算", A_VALUE, "general_budget"},
    {"一般公共预算财政拨款", A_VALUE, "general_budget"},
    {"一般公共预算资金", A_VALUE, "general_budget"},
    {"一般公共预算支出", A_VALUE, "general_budget"},
    {"一般公共预算基本支出", A_VALUE, "basic"},
    {"政府性基金预算", A_VALUE, "gov_fund"},
    {"政府性基金", A_VALUE, "gov_fund"},
    {"政府性基金预算财政拨款", A_VALUE, "gov_fund"},
    {"政府性基金预算支出", A_VALUE, "gov_fund"},
    {"国有资本经营预算", A_VALUE, "state_capital"},
    {"国有资本经营预算财政拨款", A_VALUE, "state_capital"},
    {"国有资本经营预算支出", A_VALUE, "state_capital"},
    {"上级一般公共预算安排的转移支付", A_VALUE, "general_budget_transfer"},
    {"上级政府性基金安排的转移支付", A_VALUE, "gov_fund_transfer"},
    {"上级国有资本经营预算安排的转移支付", A_VALUE, "state_capital_transfer"},
    {"资金来源", A_VALUE, "source"},
    {"事业收入", A_VALUE, "business_income"},
    {"事业单位经营收入", A_VALUE, "operating_income"},
    {"经营收入", A_VALUE, "operating_income"},
    {"其他收入", A_VALUE, "other_income"},
    {"上级补助收入", A_VALUE, "superior_subsidy"},
    {"附属单位上缴收入", A_VALUE, "affiliated_income"},
    {"财政专户(教育收费)", A_VALUE, "special_account"},
    {"财政专户管理资金", A_VALUE, "special_account"},
    {"单位资金", A_VALUE, "unit_funds"},
    {"财政拨款结转", A_VALUE, "carryover"},
    {"上年结转", A_VALUE, "carryover"},
    {"年初结转和结余", A_VALUE, "carryover"},
    {"非财政拨款结转结余", A_VALUE, "non_fiscal_carryover"},
    {"非财政拨款结转", A_VALUE, "non_fiscal_carryover"},
    {"年末结转和结余", A_VALUE, "closing_balance"},
    {"收入", A_VALUE, "income"},
    {"本年收入", A_VALUE, "income"},
    {"收入预算", A_VALUE, "income"},
    {"支出", A_VALUE, "expenditure"},
    {"本年支出", A_VALUE, "expenditure"},
    {"支出预算", A_VALUE, "expenditure"},
    /* uses of funds */
    {"基本支出", A_VALUE, "basic"},
    {"项目支出", A_VALUE, "project"},
    {"人员经费", A_VALUE, "personnel"},
    {"公用经费", A_VALUE, "public"},
    {"上缴上级支出", A_VALUE, "remit_superior"},
    {"经营支出", A_VALUE, "operating_expenditure"},
    {"对附属单位补助支出", A_VALUE, "affiliated_subsidy"},
    /* "三公" expenses and office running costs */
    {"*三公经费*", A_VALUE, "three_public"},
    {"因公出国(境)费", A_VALUE, "abroad"},
    {"因公出国(境)费用", A_VALUE, "abroad"},
    {"公务接待费", A_VALUE, "reception"},
    {"公务用车购置及运行费", A_VALUE, "vehicle"},
    {"公务用车购置及运行维护费", A_VALUE, "vehicle"},
    {"购置费", A_VALUE, "vehicle_purchase"},
    {"公务用车购置费", A_VALUE, "vehicle_purchase"},
    {"运行费", A_VALUE, "vehicle_operation"},
    {"公务用车运行费", A_VALUE, "vehicle_operation"},
    {"公务用车运行维护费", A_VALUE, "vehicle_operation"},
    {"机关运行经费", A_VALUE, "operation_cost"},
    {"机关运行经费预算数", A_VALUE, "operation_cost"},
    {"机关运行经费决算数", A_VALUE, "operation_cost"},
    /* economic classes as columns (project expenditure tables) */
    {"工资福利支出", A_VALUE, "wages"},
    {"商品和服务支出", A_VALUE, "goods_services"},
    {"对个人和家庭的补助", A_VALUE, "household_subsidy"},
    {"债务利息及费用支出", A_VALUE, "debt_interest"},
    {"资本性支出(基本建设)", A_VALUE, "capital_construction"},
    {"资本性支出", A_VALUE, "capital"},
    {"对企业补助(基本建设)", A_VALUE, "enterprise_construction"},
    {"对企业补助", A_VALUE, "enterprise"},
    {"对社会保障基金补助", A_VALUE, "social_security_fund"},
    {"其他支出", A_VALUE, "other_expenditure"},
};

#define N_ALIASES (sizeof aliases / sizeof aliases[0])

char *bx_header_key(const char *text)
{
    char *key = bx_text_key(text);
    const char *p = key;
    while (isdigit((unsigned char)*p))
        p++;
    static const char year[] = "年";
    if (p - key == 4 && strncmp(p, year, sizeof year - 1) == 0) {
        char *rest = bx_xstrdup(p + sizeof year - 1);
        free(key);
        return rest;
    }
    return key;
}

/* The alias a cell key names, or -1: exact phrases first, then fragments. */
static int find_alias(const char *key)
{
    for (size_t i = 0; i < N_ALIASES; i++)
        if (!strchr(aliases[i].phrase, '*') && strcmp(key, aliases[i].phrase) == 0)
            return (int)i;
    for (size_t i = 0; i < N_ALIASES; i++)
        if (strchr(aliases[i].phrase, '*') && bx_phrase_match(key, aliases[i].phrase))
            return (int)i;
    return -1;
}

bool bx_header_names_code(const char *text)
{
    char *key = bx_header_key(text);
    int a = find_alias(key);
    free(key);
    return a >= 0 && aliases[a].role == A_CODE;
}

char *bx_column_path(const bx_table *t, size_t col)
{
    bx_buf b;
    bx_buf_init(&b);
    char *prev = NULL;
    for (size_t r = 0; r < t->n_header; r++) {
        char *key = bx_header_key(bx_table_header_cell(t, r, col));
        int a = find_alias(key);
        if (!*key || (prev && strcmp(prev, key) == 0) || (a >= 0 && aliases[a].role == A_MEASURE)) {
            free(key);
            continue;
        }
        if (b.len)
            bx_buf_puts(&b, "/");
        bx_buf_puts(&b, key);
        free(prev);
        prev = key;
    }
    free(prev);
    return bx_buf_take(&b);
}

/* Reads column col's header bottom up (see the file comment). */
static bx_column classify(const bx_table *t, size_t col)
{
    bx_column c = {0};
    for (size_t r = t->n_header; r-- > 0;) {
        char *key = bx_header_key(bx_table_header_cell(t, r, col));
        int a = *key ? find_alias(key) : -1;
        free(key);
        if (a < 0)
            continue;
        switch (aliases[a].role) {
        case A_CODE: c.role = BX_COL_CODE; return c;
        case A_NAME: c.role = BX_COL_NAME; return c;
        case A_MEASURE:
            if (!c.measure)
                c.measure = aliases[a].key;
            continue;
        case A_SUBTOTAL: c.aggregate = 1; continue;
        case A_NOT_AMOUNT: c.key = aliases[a].key; return c;
        case A_VALUE:
            c.role = BX_COL_VALUE;
            c.key = aliases[a].key;
            if (strcmp(c.key, "total") == 0)
                c.aggregate = 1;
            return c;
        }
    }
    if (c.aggregate || c.measure) {
        c.role = BX_COL_VALUE;
        c.key = c.aggregate ? "total" : "amount";
    }
    return c;
}

void bx_table_columns(bx_table *t)
{
    free(t->columns);
    t->columns = bx_xcalloc(t->n_cols ? t->n_cols : 1, sizeof *t->columns);
    int side = 0, seen_value = 0;
    for (size_t i = 0; i < t->n_cols; i++) {
        bx_column c = classify(t, i);
        /* a label column after values starts the right half of a two-sided table */
        if ((c.role == BX_COL_CODE || c.role == BX_COL_NAME) && seen_value) {
            side++;
            seen_value = 0;
        }
        if (c.role == BX_COL_VALUE)
            seen_value = 1;
        c.side = side;
        t->columns[i] = c;
    }
}
