/* The economic classification of expenditure: the one table of its codes
 * and names. Every pair below is printed, with the same code, by the
 * corpus's gold tables (five Shanghai reports and Kashgar); the variants
 * are names printed differently for the same code. */
#include "bx_meaning.h"

#include "bx_common.h"
#include "bx_normalize.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *code;
    const char *name;
    /* bx_text_key(name) where it differs from name, else NULL: spelled
     * here, since normalizing every entry for every name looked up was
     * most of the time a text dump's two-sided tables took */
    const char *key;
} entry;

static const entry econ[] = {
    {"301", "工资福利支出", NULL},
    {"30101", "基本工资", NULL},
    {"30102", "津贴补贴", NULL},
    {"30103", "奖金", NULL},
    {"30106", "伙食补助费", NULL},
    {"30107", "绩效工资", NULL},
    {"30108", "机关事业单位基本养老保险缴费", NULL},
    {"30108", "机关事业单位基本养老保险缴费(支出)", NULL},
    {"30109", "职业年金缴费", NULL},
    {"30110", "职工基本医疗保险缴费", NULL},
    {"30110", "城镇职工基本医疗保险缴费", NULL},
    {"30111", "公务员医疗补助缴费", NULL},
    {"30112", "其他社会保障缴费", NULL},
    {"30113", "住房公积金", NULL},
    {"30114", "医疗费", NULL},
    {"30199", "其他工资福利支出", NULL},
    {"302", "商品和服务支出", NULL},
    {"30201", "办公费", NULL},
    {"30202", "印刷费", NULL},
    {"30203", "咨询费", NULL},
    {"30204", "手续费", NULL},
    {"30205", "水费", NULL},
    {"30206", "电费", NULL},
    {"30207", "邮电费", NULL},
    {"30208", "取暖费", NULL},
    {"30209", "物业管理费", NULL},
    {"30211", "差旅费", NULL},
    {"30212", "因公出国（境）费用", "因公出国(境)费用"},
    {"30213", "维修（护）费", "维修(护)费"},
    {"30214", "租赁费", NULL},
    {"30215", "会议费", NULL},
    {"30216", "培训费", NULL},
    {"30217", "公务接待费", NULL},
    {"30218", "专用材料费", NULL},
    {"30224", "被装购置费", NULL},
    {"30225", "专用燃料费", NULL},
    {"30226", "劳务费", NULL},
    {"30227", "委托业务费", NULL},
    {"30228", "工会经费", NULL},
    {"30229", "福利费", NULL},
    {"30231", "公务用车运行维护费", NULL},
    {"30239", "其他交通费用", NULL},
    {"30240", "税金及附加费用", NULL},
    {"30299", "其他商品和服务支出", NULL},
    {"303", "对个人和家庭的补助", NULL},
    {"30301", "离休费", NULL},
    {"30302", "退休费", NULL},
    {"30303", "退职（役）费", "退职(役)费"},
    {"30304", "抚恤金", NULL},
    {"30305", "生活补助", NULL},
    {"30306", "救济费", NULL},
    {"30307", "医疗费补助", NULL},
    {"30308", "助学金", NULL},
    {"30309", "奖励金", NULL},
    {"30310", "个人农业生产补贴", NULL},
    {"30311", "代缴社会保险费", NULL},
    {"30399", "其他对个人和家庭的补助", NULL},
    {"310", "资本性支出", NULL},
    {"31001", "房屋建筑物购建", NULL},
    {"31002", "办公设备购置", NULL},
    {"31003", "专用设备购置", NULL},
    {"31007", "信息网络及软件购置更新", NULL},
    {"31013", "公务用车购置", NULL},
    {"31019", "其他交通工具购置", NULL},
    {"31021", "文物和陈列品购置", NULL},
    {"31022", "无形资产购置", NULL},
    {"31099", "其他资本性支出", NULL},
};

/* 人员经费 = 工资福利支出 + 对个人和家庭的补助; every other class is 公用经费. */
static const char *const personnel[] = {"301", "303"};
/* The words of the two sides' totals labels (人员经费合计, 公用经费合计). */
static const char *const side_words[2] = {"人员经费", "公用经费"};

/* The first entry whose name is name (whole) or begins with it (not
 * whole), compared as bx_text_key; -1 when none or name is empty. */
static long find(const char *name, int whole)
{
    char *key = bx_text_key(name);
    size_t len = strlen(key);
    long found = -1;
    for (size_t i = 0; len && found < 0 && i < sizeof econ / sizeof econ[0]; i++) {
        const char *k = econ[i].key ? econ[i].key : econ[i].name;
        if (whole ? strcmp(k, key) == 0 : strncmp(k, key, len) == 0)
            found = (long)i;
    }
    free(key);
    return found;
}

const char *bx_econ_code(const char *name)
{
    long i = find(name, 1);
    return i < 0 ? NULL : econ[i].code;
}

int bx_econ_begins_name(const char *name) { return find(name, 0) >= 0; }

int bx_econ_total_side(const char *label)
{
    for (int s = 0; s < 2; s++)
        if (strstr(label, side_words[s]))
            return s;
    return -1;
}

int bx_econ_personnel(const char *class_code)
{
    for (size_t i = 0; i < sizeof personnel / sizeof personnel[0]; i++)
        if (strncmp(class_code, personnel[i], 3) == 0)
            return 1;
    return 0;
}
