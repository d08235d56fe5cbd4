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

typedef enum { A_CODE, A_NAME, A_MEASURE, A_SUBTOTAL, A_VALUE, A_NOT_AMOUNT, A_NO_MEANING } alias_role;

/* One row per header phrase: what it says of a column's meaning (role and
 * value key) and, for the words running header text is cut into, the shape
 * it gives the grid (bx_header_shape). text is the printed spelling (a text
 * dump's header cells keep it); key is bx_text_key(text) where it differs:
 * matching compares keys, many times per line of a dump. */
static const struct {
    const char *text;
    alias_role role;
    const char *value; /* value key, or the measure */
    bx_header_shape shape;
    const char *key;
} aliases[] = {
    /* classification codes and item names; Taiwan prints each level's own
     * number in its column (款 | 項 | 目 | 節) */
    {"类", A_CODE, NULL, BX_HEADER_UNCUT, NULL},
    {"款", A_CODE, NULL, BX_HEADER_UNCUT, NULL},
    {"项", A_CODE, NULL, BX_HEADER_UNCUT, NULL},
    {"項", A_CODE, NULL, BX_HEADER_UNCUT, NULL},
    {"目", A_CODE, NULL, BX_HEADER_UNCUT, NULL},
    {"節", A_CODE, NULL, BX_HEADER_UNCUT, NULL},
    {"节", A_CODE, NULL, BX_HEADER_UNCUT, NULL},
    {"類", A_CODE, NULL, BX_HEADER_UNCUT, NULL},
    {"功能分类科目编码", A_CODE, NULL, BX_HEADER_CODE_GROUP, NULL},
    {"支出功能分类科目编码", A_CODE, NULL, BX_HEADER_CODE_GROUP, NULL},
    {"经济分类科目编码", A_CODE, NULL, BX_HEADER_CODE_GROUP, NULL},
    {"部门预算经济分类科目编码", A_CODE, NULL, BX_HEADER_CODE_GROUP, NULL},
    {"科目编码", A_CODE, NULL, BX_HEADER_CODE_GROUP, NULL},
    {"*编码", A_CODE, NULL, BX_HEADER_UNCUT, NULL},
    {"项目", A_NAME, NULL, BX_HEADER_LABEL_WEAK, NULL},
    {"項目", A_NAME, NULL, BX_HEADER_UNCUT, NULL},
    {"科目", A_NAME, NULL, BX_HEADER_UNCUT, NULL},
    {"功能分类科目名称", A_NAME, NULL, BX_HEADER_LABEL, NULL},
    {"经济分类科目名称", A_NAME, NULL, BX_HEADER_LABEL, NULL},
    {"部门预算经济分类科目名称", A_NAME, NULL, BX_HEADER_LABEL, NULL},
    {"科目名称", A_NAME, NULL, BX_HEADER_LABEL, NULL},
    {"项目名称", A_NAME, NULL, BX_HEADER_LABEL, NULL},
    {"三公支出内容", A_NAME, NULL, BX_HEADER_LABEL, NULL},
    {"*名稱", A_NAME, NULL, BX_HEADER_UNCUT, NULL},
    {"*名稱及編號", A_NAME, NULL, BX_HEADER_UNCUT, NULL},
    /* numbers that are not amounts, and remarks */
    {"*數量*", A_NOT_AMOUNT, "quantity", BX_HEADER_UNCUT, NULL},
    {"*数量*", A_NOT_AMOUNT, "quantity", BX_HEADER_UNCUT, NULL},
    {"*車輛數*", A_NOT_AMOUNT, "count", BX_HEADER_UNCUT, NULL},
    {"*人數*", A_NOT_AMOUNT, "count", BX_HEADER_UNCUT, NULL},
    {"*人数*", A_NOT_AMOUNT, "count", BX_HEADER_UNCUT, NULL},
    {"*員額*", A_NOT_AMOUNT, "count", BX_HEADER_UNCUT, NULL},
    {"*员额*", A_NOT_AMOUNT, "count", BX_HEADER_UNCUT, NULL},
    {"*年月*", A_NOT_AMOUNT, "date", BX_HEADER_UNCUT, NULL},
    {"*排氣量*", A_NOT_AMOUNT, "measure", BX_HEADER_UNCUT, NULL},
    {"說明", A_NOT_AMOUNT, "remark", BX_HEADER_UNCUT, NULL},
    {"说明", A_NOT_AMOUNT, "remark", BX_HEADER_UNCUT, NULL},
    {"備註", A_NOT_AMOUNT, "remark", BX_HEADER_UNCUT, NULL},
    {"备注", A_NOT_AMOUNT, "remark", BX_HEADER_UNCUT, NULL},
    {"單位", A_NOT_AMOUNT, "unit", BX_HEADER_UNCUT, NULL},
    {"功能分类", A_NAME, NULL, BX_HEADER_LABEL, NULL},
    {"经济分类", A_NAME, NULL, BX_HEADER_UNCUT, NULL},
    {"*名称", A_NAME, NULL, BX_HEADER_UNCUT, NULL},
    {"*支出内容", A_NAME, NULL, BX_HEADER_UNCUT, NULL},
    /* after the names: 計畫名稱及領域代碼 names the item, with its code */
    {"*編碼", A_CODE, NULL, BX_HEADER_UNCUT, NULL},
    {"*代码", A_CODE, NULL, BX_HEADER_UNCUT, NULL},
    {"*代碼", A_CODE, NULL, BX_HEADER_UNCUT, NULL},
    /* measures */
    {"预算数", A_MEASURE, "budget", BX_HEADER_AMOUNT, NULL},
    {"决算数", A_MEASURE, "final", BX_HEADER_AMOUNT, NULL},
    {"执行数", A_MEASURE, "final", BX_HEADER_UNCUT, NULL},
    {"預算數", A_MEASURE, "budget", BX_HEADER_UNCUT, NULL},
    {"決算數", A_MEASURE, "final", BX_HEADER_UNCUT, NULL},
    /* subtotals take the key of the group above them */
    {"小计", A_SUBTOTAL, NULL, BX_HEADER_TOTAL, NULL},
    {"财政拨款（补助）小计", A_SUBTOTAL, NULL, BX_HEADER_TOTAL, "财政拨款(补助)小计"},
    {"*小计", A_SUBTOTAL, NULL, BX_HEADER_UNCUT, NULL},
    {"小計", A_SUBTOTAL, NULL, BX_HEADER_UNCUT, NULL},
    {"*小計", A_SUBTOTAL, NULL, BX_HEADER_UNCUT, NULL},
    /* totals */
    {"合计", A_VALUE, "total", BX_HEADER_TOTAL, NULL},
    {"总计", A_VALUE, "total", BX_HEADER_TOTAL, NULL},
    {"合計", A_VALUE, "total", BX_HEADER_UNCUT, NULL},
    {"總計", A_VALUE, "total", BX_HEADER_UNCUT, NULL},
    /* Taiwan's budget columns: this year, last year's budget, the year
     * before's final account, and the change (本年度與上年度比較) */
    {"本年度預算數", A_VALUE, "current_budget", BX_HEADER_UNCUT, NULL},
    {"本年度預算", A_VALUE, "current_budget", BX_HEADER_UNCUT, NULL},
    {"上年度預算數", A_VALUE, "previous_budget", BX_HEADER_UNCUT, NULL},
    {"上年度預算", A_VALUE, "previous_budget", BX_HEADER_UNCUT, NULL},
    {"上年度法定預算數", A_VALUE, "previous_budget", BX_HEADER_UNCUT, NULL},
    {"前年度決算數", A_VALUE, "prior_final", BX_HEADER_UNCUT, NULL},
    {"前年度決算", A_VALUE, "prior_final", BX_HEADER_UNCUT, NULL},
    {"比較", A_VALUE, "change", BX_HEADER_UNCUT, NULL},
    {"*比較", A_VALUE, "change", BX_HEADER_UNCUT, NULL},
    {"比較增減", A_VALUE, "change", BX_HEADER_UNCUT, NULL},
    {"增減", A_VALUE, "change", BX_HEADER_UNCUT, NULL},
    {"金額", A_VALUE, "amount", BX_HEADER_UNCUT, NULL},
    {"金额", A_VALUE, "amount", BX_HEADER_UNCUT, NULL},
    {"單價", A_VALUE, "unit_price", BX_HEADER_UNCUT, NULL},
    {"*單價*", A_VALUE, "unit_price", BX_HEADER_UNCUT, NULL},
    {"单价", A_VALUE, "unit_price", BX_HEADER_UNCUT, NULL},
    {"本年收入合计", A_VALUE, "total", BX_HEADER_TOTAL, NULL},
    {"本年支出合计", A_VALUE, "total", BX_HEADER_TOTAL, NULL},
    {"收入合计", A_VALUE, "total", BX_HEADER_UNCUT, NULL},
    {"支出合计", A_VALUE, "total", BX_HEADER_UNCUT, NULL},
    {"项目支出合计", A_VALUE, "total", BX_HEADER_TOTAL, NULL},
    /* sources of funds */
    {"财政拨款收入", A_VALUE, "fiscal", BX_HEADER_AMOUNT, NULL},
    {"财政拨款（补助）", A_VALUE, "fiscal", BX_HEADER_GROUP, "财政拨款(补助)"},
    {"财政拨款", A_VALUE, "fiscal", BX_HEADER_UNCUT, NULL},
    {"财政拨款支出", A_VALUE, "fiscal", BX_HEADER_GROUP, NULL},
    {"财政拨款收入支出", A_NO_MEANING, NULL, BX_HEADER_GROUP, NULL},
    {"一般公共预算", A_VALUE, "general_budget", BX_HEADER_AMOUNT, NULL},
    {"一般公共预算财政拨款", A_VALUE, "general_budget", BX_HEADER_AMOUNT, NULL},
    {"一般公共预算资金", A_VALUE, "general_budget", BX_HEADER_UNCUT, NULL},
    {"一般公共预算支出", A_VALUE, "general_budget", BX_HEADER_GROUP, NULL},
    {"一般公共预算基本支出", A_VALUE, "basic", BX_HEADER_GROUP, NULL},
    {"政府性基金预算", A_VALUE, "gov_fund", BX_HEADER_AMOUNT, NULL},
    {"政府性基金", A_VALUE, "gov_fund", BX_HEADER_AMOUNT, NULL},
    {"政府性基金预算财政拨款", A_VALUE, "gov_fund", BX_HEADER_AMOUNT, NULL},
    {"政府性基金预算支出", A_VALUE, "gov_fund", BX_HEADER_GROUP, NULL},
    {"国有资本经营预算", A_VALUE, "state_capital", BX_HEADER_AMOUNT, NULL},
    {"国有资本经营预算财政拨款", A_VALUE, "state_capital", BX_HEADER_AMOUNT, NULL},
    {"国有资本经营预算支出", A_VALUE, "state_capital", BX_HEADER_GROUP, NULL},
    {"上级一般公共预算安排的转移支付", A_VALUE, "general_budget_transfer", BX_HEADER_AMOUNT, NULL},
    {"上级政府性基金安排的转移支付", A_VALUE, "gov_fund_transfer", BX_HEADER_AMOUNT, NULL},
    {"上级国有资本经营预算安排的转移支付", A_VALUE, "state_capital_transfer", BX_HEADER_AMOUNT, NULL},
    {"资金来源", A_VALUE, "source", BX_HEADER_GROUP, NULL},
    {"事业收入", A_VALUE, "business_income", BX_HEADER_AMOUNT, NULL},
    {"事业单位经营收入", A_VALUE, "operating_income", BX_HEADER_AMOUNT, NULL},
    {"经营收入", A_VALUE, "operating_income", BX_HEADER_AMOUNT, NULL},
    {"其他收入", A_VALUE, "other_income", BX_HEADER_AMOUNT, NULL},
    {"上级补助收入", A_VALUE, "superior_subsidy", BX_HEADER_AMOUNT, NULL},
    {"附属单位上缴收入", A_VALUE, "affiliated_income", BX_HEADER_AMOUNT, NULL},
    {"财政专户（教育收费）", A_VALUE, "special_account", BX_HEADER_AMOUNT, "财政专户(教育收费)"},
    {"财政专户管理资金", A_VALUE, "special_account", BX_HEADER_AMOUNT, NULL},
    {"单位资金", A_VALUE, "unit_funds", BX_HEADER_AMOUNT, NULL},
    {"财政拨款结转", A_VALUE, "carryover", BX_HEADER_AMOUNT, NULL},
    {"上年结转", A_VALUE, "carryover", BX_HEADER_UNCUT, NULL},
    {"年初结转和结余", A_VALUE, "carryover", BX_HEADER_UNCUT, NULL},
    {"非财政拨款结转结余", A_VALUE, "non_fiscal_carryover", BX_HEADER_AMOUNT, NULL},
    {"非财政拨款结转", A_VALUE, "non_fiscal_carryover", BX_HEADER_UNCUT, NULL},
    {"年末结转和结余", A_VALUE, "closing_balance", BX_HEADER_UNCUT, NULL},
    {"收入", A_VALUE, "income", BX_HEADER_GROUP, NULL},
    {"本年收入", A_VALUE, "income", BX_HEADER_GROUP, NULL},
    {"收入预算", A_VALUE, "income", BX_HEADER_GROUP, NULL},
    {"支出", A_VALUE, "expenditure", BX_HEADER_GROUP, NULL},
    {"本年支出", A_VALUE, "expenditure", BX_HEADER_GROUP, NULL},
    {"支出预算", A_VALUE, "expenditure", BX_HEADER_GROUP, NULL},
    /* over the parts after a total: 合计 | 其中: 基本支出 项目支出 */
    {"其中", A_NO_MEANING, NULL, BX_HEADER_GROUP, NULL},
    /* uses of funds */
    {"基本支出", A_VALUE, "basic", BX_HEADER_AMOUNT, NULL},
    {"项目支出", A_VALUE, "project", BX_HEADER_AMOUNT, NULL},
    {"人员经费", A_VALUE, "personnel", BX_HEADER_AMOUNT, NULL},
    {"公用经费", A_VALUE, "public", BX_HEADER_AMOUNT, NULL},
    {"上缴上级支出", A_VALUE, "remit_superior", BX_HEADER_AMOUNT, NULL},
    {"经营支出", A_VALUE, "operating_expenditure", BX_HEADER_AMOUNT, NULL},
    {"对附属单位补助支出", A_VALUE, "affiliated_subsidy", BX_HEADER_AMOUNT, NULL},
    /* "三公" expenses and office running costs */
    {"*三公经费*", A_VALUE, "three_public", BX_HEADER_UNCUT, NULL},
    {"因公出国（境）费", A_VALUE, "abroad", BX_HEADER_AMOUNT, "因公出国(境)费"},
    {"因公出国（境）费用", A_VALUE, "abroad", BX_HEADER_UNCUT, "因公出国(境)费用"},
    {"公务接待费", A_VALUE, "reception", BX_HEADER_AMOUNT, NULL},
    {"公务用车购置及运行费", A_VALUE, "vehicle", BX_HEADER_AMOUNT, NULL},
    {"公务用车购置及运行维护费", A_VALUE, "vehicle", BX_HEADER_UNCUT, NULL},
    {"购置费", A_VALUE, "vehicle_purchase", BX_HEADER_UNCUT, NULL},
    {"公务用车购置费", A_VALUE, "vehicle_purchase", BX_HEADER_UNCUT, NULL},
    {"运行费", A_VALUE, "vehicle_operation", BX_HEADER_UNCUT, NULL},
    {"公务用车运行费", A_VALUE, "vehicle_operation", BX_HEADER_UNCUT, NULL},
    {"公务用车运行维护费", A_VALUE, "vehicle_operation", BX_HEADER_UNCUT, NULL},
    {"机关运行经费", A_VALUE, "operation_cost", BX_HEADER_UNCUT, NULL},
    {"机关运行经费预算数", A_VALUE, "operation_cost", BX_HEADER_UNCUT, NULL},
    {"机关运行经费决算数", A_VALUE, "operation_cost", BX_HEADER_UNCUT, NULL},
    /* economic classes as columns (project expenditure tables) */
    {"工资福利支出", A_VALUE, "wages", BX_HEADER_AMOUNT, NULL},
    {"商品和服务支出", A_VALUE, "goods_services", BX_HEADER_AMOUNT, NULL},
    {"对个人和家庭的补助", A_VALUE, "household_subsidy", BX_HEADER_AMOUNT, NULL},
    {"债务利息及费用支出", A_VALUE, "debt_interest", BX_HEADER_AMOUNT, NULL},
    {"资本性支出（基本建设）", A_VALUE, "capital_construction", BX_HEADER_AMOUNT, "资本性支出(基本建设)"},
    {"资本性支出", A_VALUE, "capital", BX_HEADER_AMOUNT, NULL},
    {"对企业补助（基本建设）", A_VALUE, "enterprise_construction", BX_HEADER_AMOUNT, "对企业补助(基本建设)"},
    {"对企业补助", A_VALUE, "enterprise", BX_HEADER_AMOUNT, NULL},
    {"对社会保障基金补助", A_VALUE, "social_security_fund", BX_HEADER_AMOUNT, NULL},
    {"其他支出", A_VALUE, "other_expenditure", BX_HEADER_AMOUNT, NULL},
};

#define N_ALIASES (sizeof aliases / sizeof aliases[0])

static const char *alias_key(size_t i) { return aliases[i].key ? aliases[i].key : aliases[i].text; }

size_t bx_header_words_count(void) { return N_ALIASES; }

bx_header_word bx_header_word_at(size_t i)
{
    return (bx_header_word){aliases[i].text, alias_key(i), aliases[i].shape};
}

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
        if (!strchr(alias_key(i), '*') && strcmp(key, alias_key(i)) == 0)
            return (int)i;
    for (size_t i = 0; i < N_ALIASES; i++)
        if (strchr(alias_key(i), '*') && bx_phrase_match(key, alias_key(i)))
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
                c.measure = aliases[a].value;
            continue;
        case A_SUBTOTAL: c.aggregate = 1; continue;
        case A_NOT_AMOUNT: c.key = aliases[a].value; return c;
        case A_NO_MEANING: continue;
        case A_VALUE:
            c.role = BX_COL_VALUE;
            c.key = aliases[a].value;
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
