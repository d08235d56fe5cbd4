/* THE two data tables of the report-level rules: the tables each kind of
 * report must print, and the phrases of the contents, headings and
 * narrative the rules read. Every Chinese word the rules use is here.
 *
 * Patterns are PCRE2 (UTF, UCP) run on NFKC text without white space, so
 * full-width punctuation reads as ASCII: "，" is ",", "（类）" is "(类)",
 * "：" is ":", "％" is "%". Named groups carry the values (see
 * bx_phrase_type in consistency.h). */
#include "consistency.h"

/* The Ministry of Finance's templates: eight tables for a 部门预算 and
 * eight for a 部门决算 since the 2015 budget law rules; the 国有资本经营预算
 * table joined both from 2019 (the "nine tables"). Add a row with `region`
 * for a province that requires more (e.g. a 项目支出 table). */
const bx_required_table bx_required_tables[] = {
    {"budget", "summary", 0, 0, NULL, "收支总"},
    {"budget", "income", 0, 0, NULL, "收入"},
    {"budget", "expenditure", 0, 0, NULL, "支出"},
    {"budget", "fiscal_summary", 0, 0, NULL, "财政拨款收支"},
    {"budget", "general_budget_expenditure", 0, 0, NULL, "一般公共预算"},
    {"budget", "basic_expenditure", 0, 0, NULL, "基本支出"},
    {"budget", "government_fund", 0, 0, NULL, "政府性基金"},
    {"budget", "state_capital", 2019, 0, NULL, "国有资本经营"},
    {"budget", "three_public", 0, 0, NULL, "三公"},
    {"final", "summary", 0, 0, NULL, "收入支出决算总"},
    {"final", "income", 0, 0, NULL, "收入决算"},
    {"final", "expenditure", 0, 0, NULL, "支出决算"},
    {"final", "fiscal_summary", 0, 0, NULL, "财政拨款收入支出"},
    {"final", "general_budget_expenditure", 0, 0, NULL, "一般公共预算"},
    {"final", "basic_expenditure", 0, 0, NULL, "基本支出"},
    {"final", "government_fund", 0, 0, NULL, "政府性基金"},
    {"final", "state_capital", 2019, 0, NULL, "国有资本经营"},
    {"final", "three_public", 0, 0, NULL, "三公"},
};
const size_t bx_n_required_tables = sizeof bx_required_tables / sizeof bx_required_tables[0];

/* An amount: digits with thousands commas and decimals, then its unit. */
#define AMT(g) "(?<" g ">[0-9][0-9,]*(?:\\.[0-9]+)?)(?<" g "u>万元|元)"
#define PCT "(?<pct>[0-9]+(?:\\.[0-9]+)?)%"
/* A year and what may follow it: "2024年", "2024年度". */
#define YEAR "(?<y>(?:19|20)[0-9]{2})年度?"
/* "比上年", "比2023年度", "与2023年度相比," and what they compare with. */
#define SINCE "(?:与(?:上年|(?:19|20)[0-9]{2}年度?)(?:预算)?相比,[^,。;0-9]{0,30}?" \
              "|比(?:上年|(?:19|20)[0-9]{2}年度?)[^,。;0-9]{0,12}?)"

const bx_word_list bx_words = {
    .table_suffix = "表",
    .class_mark = "(类)",
    .clause_stops = {",", ";", ":", "。", "、", NULL},
    .empty_note_sample = "本表为空表",
    .default_unit = "元",
};

const bx_phrase bx_phrases[] = {
    /* amounts stated in the narrative, matched to the table row they name */
    {"claim_amount", BX_PHRASE_AMOUNT, "(?<!拨款)收入支出总计为?" AMT("a"), "summary", "总计", NULL,
     0, 0, NULL},
    {"claim_amount", BX_PHRASE_AMOUNT, "财政拨款收入支出总计为?" AMT("a"), "fiscal_summary", "总计",
     NULL, 0, 0, NULL},
    {"claim_amount", BX_PHRASE_AMOUNT, "一般公共预算财政拨款支出为?" AMT("a"),
     "general_budget_expenditure", NULL, "total", 0, 0, NULL},
    {"claim_amount", BX_PHRASE_CLASS, "(?<![\\p{Han}])(?<label>\\p{Han}+)\\(类\\)" AMT("a"),
     "general_budget_expenditure", NULL, "total", 0, 0, NULL},
    {"claim_amount", BX_PHRASE_ITEM,
     "(?<l1>\\p{Han}+)\\(类\\)(?<l2>[^()“”]+?)\\(款\\)(?<l3>[^()“”]+?)\\(项\\)”?" AMT("a"),
     "general_budget_expenditure", NULL, "total", 0, 0, NULL},
    {NULL, BX_PHRASE_ITEM_LABEL,
     "(?<l1>\\p{Han}+)\\(类\\)(?<l2>[^()“”]+?)\\(款\\)(?<l3>[^()“”]+?)\\(项\\)", NULL, NULL, NULL,
     0, 0, NULL},
    /* budget against final: "年初预算为A万元,支出决算为B万元,完成预算的P%" */
    {"claim_compare", BX_PHRASE_COMPARE,
     "(?:年初|全年)预算数?为" AMT("b") "(?:,(?:全年|调整后?)预算数?为" AMT("c") ")?,支出决算数?为" AMT(
         "a") "(?:,完成(?:年初|全年)?预算数?的" PCT ")?",
     NULL, NULL, NULL, 0, 0, NULL},
    {NULL, BX_PHRASE_DIRECTION,
     "决算数?(?<dir>(?<more>大于)|(?<less>小于)|等于|与)(?:全年|年初)?预算数?(?<flat>(?<nearly>基本)?持平)?", NULL, NULL,
     NULL, 0, 0, NULL},
    /* change against last year: the amount, the change and its rate */
    {"claim_change", BX_PHRASE_CHANGE,
     AMT("a") "(?:,占[^,。;]{0,12}?[0-9.]+%)?[,。;]?" SINCE "(?<dir>(?<up>增加)|减少)" AMT(
         "x") ",?(?<dir2>(?<uprate>增长)|下降)" PCT,
     NULL, NULL, NULL, 0, 0, NULL},
    {"claim_change", BX_PHRASE_GROWTH,
     "预算执行数为" AMT("p") ",(?:19|20)[0-9]{2}年预算安排" AMT("a") ",比(?:上年|(?:19|20)[0-9]{2}年)"
     "预算执行数(?<dir>(?<up>增加)|减少)" PCT,
     NULL, NULL, NULL, 0, 0, NULL},
    /* shares of a whole: "合计A万元,其中:甲B万元,占P%;乙..." */
    {NULL, BX_PHRASE_SHARE_HEAD, AMT("a") ",?(?:其中:|主要用于以下方面:)", NULL, NULL, NULL, 0, 0,
     NULL},
    {"claim_share", BX_PHRASE_SHARE, AMT("b") ",?占" PCT, "general_budget_expenditure", NULL,
     "total", 0, 0, NULL},
    {"claim_share", BX_PHRASE_SHARE, AMT("b") ",?占本年支出合计的" PCT, "expenditure", NULL,
     "total", 0, 0, NULL},
    /* years that follow from the report's own year */
    {"identity_year", BX_PHRASE_YEAR, "截至" YEAR "12月31日", NULL, NULL, NULL, 0, 0, "final"},
    {"identity_year", BX_PHRASE_YEAR, "截至" YEAR "(?:[0-9]+月|底)", NULL, NULL, NULL, 0, -1,
     "budget"},
    {"identity_year", BX_PHRASE_YEAR, "与" YEAR "(?:预算)?(?:相比|持平)", NULL, NULL, NULL, 0, -1,
     NULL},
    {"identity_year", BX_PHRASE_YEAR, "比" YEAR "(?:预算|决算)", NULL, NULL, NULL, 0, -1, NULL},
    {"identity_year", BX_PHRASE_YEAR, YEAR "部门(?:预算|决算)", NULL, NULL, NULL, 0, 0, NULL},
    {"identity_year", BX_PHRASE_YEAR, YEAR "(?:财政拨款)?收入支出总计", NULL, NULL, NULL, 0, 0,
     "final"},
    {"identity_year", BX_PHRASE_YEAR, YEAR "“?三公”?经费(?:财政拨款)?(?:支出)?(?:预算数|决算数)",
     NULL, NULL, NULL, 0, 0, NULL},
    /* where the department names itself */
    {"identity_department", BX_PHRASE_NAME,
     "^(?:预算主管部门|编制部门|编制单位|单位名称|部门名称|预算单位):(?<name>\\p{Han}+)$", NULL,
     NULL, NULL, 0, 0, NULL},
    {"identity_department", BX_PHRASE_NAME,
     "^(?<name>\\p{Han}+?)(?:19|20)[0-9]{2}年度?部门(?:预算|决算)$", NULL, NULL, NULL, 0, 0, NULL},
    {"identity_department", BX_PHRASE_NAME,
     "^第.部?分(?<name>\\p{Han}+?)(?:(?:19|20)[0-9]{2}年度?部门(?:预算|决算)|概况)", NULL, NULL,
     NULL, 0, 0, NULL},
    {"identity_department", BX_PHRASE_NAME, "(?:19|20)[0-9]{2}年,(?<name>\\p{Han}+?)收入预算",
     NULL, NULL, NULL, 0, 0, NULL},
    {"identity_department", BX_PHRASE_NAME,
     "截至(?:19|20)[0-9]{2}年[0-9]+月[0-9]+日,(?<name>\\p{Han}+?)共有车辆", NULL, NULL, NULL, 0,
     0, NULL},
    {"identity_placeholder", BX_PHRASE_PLACEHOLDER,
     "(?:XX|xx|××|某某|\\*\\*)(?:\\p{Han}{0,8})(?:局|委|办|部|中心|街道|镇|单位|部门)", NULL, NULL,
     NULL, 0, 0, NULL},
    /* sentences that explain an absence */
    {NULL, BX_PHRASE_EXPLAIN, "空表|无数据|未安排|没有|无(?:\\p{Han}{0,20})(?:收入|支出|预算|经费)",
     NULL, NULL, NULL, 0, 0, NULL},
    /* the contents */
    {NULL, BX_PHRASE_TOC, "^目录$", NULL, NULL, NULL, 0, 0, NULL},
    {NULL, BX_PHRASE_TOC_NUMBER,
     "^(?:[0-9]+[.、]|[一二三四五六七八九十]+、|\\([一二三四五六七八九十0-9]+\\)|表[0-9]+)", NULL,
     NULL, NULL, 0, 0, NULL},
    {NULL, BX_PHRASE_TOC_LEADER, "[.·-]*[0-9]*$", NULL, NULL, NULL, 0, 0, NULL},
    {NULL, BX_PHRASE_DOC_HEADING,
     "^第.部?分\\p{Han}*?(?<y>(?:19|20)[0-9]{2})年度?部门(?:(?<budget>预算)|(?<final>决算))", NULL,
     NULL, NULL, 0, 0, NULL},
    {NULL, BX_PHRASE_HEADING, "^(?:[一二三四五六七八九十]+、|\\([一二三四五六七八九十]+\\)|第.部?分)", NULL,
     NULL, NULL, 0, 0, NULL},
    {NULL, BX_PHRASE_PART, "^第.部?分|部门(?:预算|决算)表$", NULL, NULL, NULL, 0, 0, NULL},
};
const size_t bx_n_phrases = sizeof bx_phrases / sizeof bx_phrases[0];
