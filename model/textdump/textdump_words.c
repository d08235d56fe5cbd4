/* The words a text dump's headers and forms are recognised by. This is the
 * one place the text-dump reader spells them (page phrases such as units,
 * departments and totals stay in normalize/patterns.c). Matching takes the
 * longest word at each position, so "一般公共预算支出" (a group) wins over
 * "一般公共预算" (a column). A word's key (bx_text_key of its text) is
 * spelled beside it where it differs: the reader compares keys many times
 * per line of a dump, and NFKC per comparison made it slow. */
#include "textdump.h"

const td_word td_header_words[] = {
    /* code columns */
    {"功能分类科目编码", TD_CODE_GROUP, NULL},
    {"支出功能分类科目编码", TD_CODE_GROUP, NULL},
    {"经济分类科目编码", TD_CODE_GROUP, NULL},
    {"部门预算经济分类科目编码", TD_CODE_GROUP, NULL},
    {"科目编码", TD_CODE_GROUP, NULL},
    /* text columns */
    {"功能分类科目名称", TD_LABEL, NULL},
    {"经济分类科目名称", TD_LABEL, NULL},
    {"部门预算经济分类科目名称", TD_LABEL, NULL},
    {"科目名称", TD_LABEL, NULL},
    {"项目名称", TD_LABEL, NULL},
    {"功能分类", TD_LABEL, NULL},
    {"三公支出内容", TD_LABEL, NULL},
    {"项目", TD_LABEL_WEAK, NULL},
    /* totals */
    {"合计", TD_TOTAL, NULL},
    {"总计", TD_TOTAL, NULL},
    {"小计", TD_TOTAL, NULL},
    {"项目支出合计", TD_TOTAL, NULL},
    {"财政拨款（补助）小计", TD_TOTAL, "财政拨款(补助)小计"},
    {"本年收入合计", TD_TOTAL, NULL},
    {"本年支出合计", TD_TOTAL, NULL},
    /* amounts */
    {"预算数", TD_AMOUNT, NULL},
    {"决算数", TD_AMOUNT, NULL},
    {"基本支出", TD_AMOUNT, NULL},
    {"项目支出", TD_AMOUNT, NULL},
    {"人员经费", TD_AMOUNT, NULL},
    {"公用经费", TD_AMOUNT, NULL},
    {"一般公共预算", TD_AMOUNT, NULL},
    {"上级一般公共预算安排的转移支付", TD_AMOUNT, NULL},
    {"政府性基金预算", TD_AMOUNT, NULL},
    {"政府性基金", TD_AMOUNT, NULL},
    {"上级政府性基金安排的转移支付", TD_AMOUNT, NULL},
    {"国有资本经营预算", TD_AMOUNT, NULL},
    {"一般公共预算财政拨款", TD_AMOUNT, NULL},
    {"政府性基金预算财政拨款", TD_AMOUNT, NULL},
    {"国有资本经营预算财政拨款", TD_AMOUNT, NULL},
    {"上级国有资本经营预算安排的转移支付", TD_AMOUNT, NULL},
    {"财政专户（教育收费）", TD_AMOUNT, "财政专户(教育收费)"},
    {"财政专户管理资金", TD_AMOUNT, NULL},
    {"单位资金", TD_AMOUNT, NULL},
    {"财政拨款结转", TD_AMOUNT, NULL},
    {"非财政拨款结转结余", TD_AMOUNT, NULL},
    {"财政拨款收入", TD_AMOUNT, NULL},
    {"事业收入", TD_AMOUNT, NULL},
    {"上级补助收入", TD_AMOUNT, NULL},
    {"经营收入", TD_AMOUNT, NULL},
    {"附属单位上缴收入", TD_AMOUNT, NULL},
    {"上缴上级支出", TD_AMOUNT, NULL},
    {"经营支出", TD_AMOUNT, NULL},
    {"对附属单位补助支出", TD_AMOUNT, NULL},
    {"事业单位经营收入", TD_AMOUNT, NULL},
    {"其他收入", TD_AMOUNT, NULL},
    {"工资福利支出", TD_AMOUNT, NULL},
    {"商品和服务支出", TD_AMOUNT, NULL},
    {"对个人和家庭的补助", TD_AMOUNT, NULL},
    {"债务利息及费用支出", TD_AMOUNT, NULL},
    {"资本性支出（基本建设）", TD_AMOUNT, "资本性支出(基本建设)"},
    {"资本性支出", TD_AMOUNT, NULL},
    {"对企业补助（基本建设）", TD_AMOUNT, "对企业补助(基本建设)"},
    {"对企业补助", TD_AMOUNT, NULL},
    {"对社会保障基金补助", TD_AMOUNT, NULL},
    {"其他支出", TD_AMOUNT, NULL},
    {"因公出国（境）费", TD_AMOUNT, "因公出国(境)费"},
    {"公务接待费", TD_AMOUNT, NULL},
    {"公务用车购置及运行费", TD_AMOUNT, NULL},
    /* groups over amount columns */
    {"收入", TD_GROUP, NULL},
    {"支出", TD_GROUP, NULL},
    {"本年收入", TD_GROUP, NULL},
    {"本年支出", TD_GROUP, NULL},
    {"财政拨款支出", TD_GROUP, NULL},
    {"财政拨款收入支出", TD_GROUP, NULL},
    {"支出预算", TD_GROUP, NULL},
    {"收入预算", TD_GROUP, NULL},
    {"一般公共预算支出", TD_GROUP, NULL},
    {"政府性基金预算支出", TD_GROUP, NULL},
    {"国有资本经营预算支出", TD_GROUP, NULL},
    {"一般公共预算基本支出", TD_GROUP, NULL},
    {"财政拨款（补助）", TD_GROUP, "财政拨款(补助)"},
    {"资金来源", TD_GROUP, NULL},
    {"其中", TD_GROUP, NULL}, /* over the parts after a total: 合计 | 其中: 基本支出 项目支出 */
};
const size_t td_n_header_words = sizeof td_header_words / sizeof td_header_words[0];

const char *td_word_key(const td_word *w) { return w->key ? w->key : w->text; }

const char *const td_level_words[] = {"类", "款", "项"};
const size_t td_n_level_words = sizeof td_level_words / sizeof td_level_words[0];

const char td_full_colon[] = "：";

const char *const td_form_labels[] = {
    "预算单位", "项目名称", "项目负责人", "项目资金（万元）", "年度预算总额",
    "其中：财政拨款", "其他资金", "项目总体目标",
};
const size_t td_n_form_labels = sizeof td_form_labels / sizeof td_form_labels[0];

const char *const td_form_grid_start = "一级指标";

/* The columns of a form's indicator grid, as its header names them. */
const char *const td_form_columns[] = {
    "一级指标", "二级指标", "三级指标", "指标值", "指标值设置依据",
    "上年完成值", "指标分值权重", "指标赋分规则", "佐证资料",
};
const size_t td_n_form_columns = sizeof td_form_columns / sizeof td_form_columns[0];

/* Date words: pdftotext puts a space between a number and them ("2022年 10
 * 月底前"), which must not split a cell. */
const char *const td_date_words[] = {"年", "月", "日"};
const size_t td_n_date_words = sizeof td_date_words / sizeof td_date_words[0];

/* The mark that ends a numbered row label's numeral (一、…, 二十六、; the
 * numerals are bx_cjk_numeral's). */
const char *const td_numeral_end = "、";
