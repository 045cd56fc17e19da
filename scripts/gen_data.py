#!/usr/bin/python3
"""Deterministic test, demo and benchmark data for ankang (Python 3 standard library only).

  gen_data.py examples --out examples/
      the committed example files (enterprises, the 2021 campaign findings sheet, a small export)
  gen_data.py bench --enterprises 20000 --findings 1000000 --out DIR
                    [--encoding utf-8|gb18030] [--bad-fraction 0.01] [--seed N]
      DIR/enterprises.csv and DIR/findings.csv at any size, streamed row by row

Every company, person, phone number and credit code is fictional; the regions are real.
Credit codes are synthetic with valid check characters (GB 32100 pos. 18, GB 11714 pos. 17).
Same arguments -> byte-identical files: all randomness comes from one seeded generator, and only
random.random() is used (its sequence for an int seed is stable across Python 3 versions).
"""

import argparse
import csv
import datetime
import fractions
import os
import random
import sys

# ---------------------------------------------------------------------------------------------
# Credit codes (GB 32100-2015) and old registration numbers (GS 15-2006)

USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
ORG_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]


def uscc_check(first17):
    total = sum(USCC_CHARS.index(c) * w for c, w in zip(first17, USCC_WEIGHTS))
    return USCC_CHARS[(31 - total % 31) % 31]


def org_check(body8):
    r = (11 - sum(ORG_CHARS.index(c) * w for c, w in zip(body8, ORG_WEIGHTS)) % 11) % 11
    return "X" if r == 10 else str(r)


def make_uscc(region_code, body8):
    first17 = "91" + region_code + body8 + org_check(body8)
    return first17 + uscc_check(first17)


def reg_no_check(first14):
    # ISO 7064 MOD 11,10 as used by the 15-digit 工商注册号
    p = 10
    for ch in first14:
        s = (p + int(ch)) % 10 or 10
        p = (s * 2) % 11
    return str((11 - p) % 10)


class Rng:
    """The one source of randomness: random.random() only, so sequences are version-stable."""

    def __init__(self, seed):
        self.r = random.Random(seed)
        self.random = self.r.random

    def below(self, n):
        return int(self.random() * n)

    def pick(self, seq):
        return seq[int(self.random() * len(seq))]

    def between(self, lo, hi):  # inclusive
        return lo + int(self.random() * (hi - lo + 1))

    def chance(self, p):
        return self.random() < p

    def sample(self, seq, k):
        pool = list(seq)
        out = []
        for _ in range(min(k, len(pool))):
            out.append(pool.pop(int(self.random() * len(pool))))
        return out

    def uscc_body(self, new_style=True):
        if new_style:  # codes issued since 2015: "MA" + 6 characters of the code charset
            return "MA" + "".join(self.pick(USCC_CHARS[1:]) for _ in range(6))
        return "".join(self.pick("0123456789") for _ in range(8))  # an old 8-digit org code


# ---------------------------------------------------------------------------------------------
# Regions (GB/T 2260 / 国家统计局 2023 codes): code -> (official full name, short form in daily use)

PREFECTURES = {
    "6301": ("西宁市", "西宁市", "0971"),
    "6302": ("海东市", "海东市", "0972"),
    "6322": ("海北藏族自治州", "海北州", "0970"),
    "6323": ("黄南藏族自治州", "黄南州", "0973"),
    "6325": ("海南藏族自治州", "海南州", "0974"),
    "6326": ("果洛藏族自治州", "果洛州", "0975"),
    "6327": ("玉树藏族自治州", "玉树州", "0976"),
    "6328": ("海西蒙古族藏族自治州", "海西州", "0977"),
}

COUNTIES = [  # code, official name, short name
    ("630102", "城东区", "城东区"), ("630103", "城中区", "城中区"), ("630104", "城西区", "城西区"),
    ("630105", "城北区", "城北区"), ("630106", "湟中区", "湟中区"),
    ("630121", "大通回族土族自治县", "大通县"), ("630123", "湟源县", "湟源县"),
    ("630202", "乐都区", "乐都区"), ("630203", "平安区", "平安区"),
    ("630222", "民和回族土族自治县", "民和县"), ("630223", "互助土族自治县", "互助县"),
    ("630224", "化隆回族自治县", "化隆县"), ("630225", "循化撒拉族自治县", "循化县"),
    ("632221", "门源回族自治县", "门源县"), ("632222", "祁连县", "祁连县"),
    ("632223", "海晏县", "海晏县"), ("632224", "刚察县", "刚察县"),
    ("632301", "同仁市", "同仁市"), ("632322", "尖扎县", "尖扎县"), ("632323", "泽库县", "泽库县"),
    ("632324", "河南蒙古族自治县", "河南县"),
    ("632521", "共和县", "共和县"), ("632522", "同德县", "同德县"), ("632523", "贵德县", "贵德县"),
    ("632524", "兴海县", "兴海县"), ("632525", "贵南县", "贵南县"),
    ("632621", "玛沁县", "玛沁县"), ("632622", "班玛县", "班玛县"), ("632623", "甘德县", "甘德县"),
    ("632624", "达日县", "达日县"), ("632625", "久治县", "久治县"), ("632626", "玛多县", "玛多县"),
    ("632701", "玉树市", "玉树市"), ("632722", "杂多县", "杂多县"), ("632723", "称多县", "称多县"),
    ("632724", "治多县", "治多县"), ("632725", "囊谦县", "囊谦县"), ("632726", "曲麻莱县", "曲麻莱县"),
    ("632801", "格尔木市", "格尔木市"), ("632802", "德令哈市", "德令哈市"), ("632803", "茫崖市", "茫崖市"),
    ("632821", "乌兰县", "乌兰县"), ("632822", "都兰县", "都兰县"), ("632823", "天峻县", "天峻县"),
]
COUNTY = {c[0]: c for c in COUNTIES}


def region_full(code):
    return PREFECTURES[code[:4]][0] + "/" + COUNTY[code][1]


def region_short(code):
    return PREFECTURES[code[:4]][1] + "/" + COUNTY[code][2]


def area_code(code):
    return PREFECTURES[code[:4]][2]


# ---------------------------------------------------------------------------------------------
# Code lists (stored code -> Chinese label), as lib/domain/codes.cpp

SECTOR_ZH = {
    "coal": "煤矿", "noncoal": "非煤矿山", "hazchem": "危险化学品", "fireworks": "烟花爆竹",
    "explosives": "民爆器材", "industry_trade": "工贸", "construction": "建筑施工", "road": "道路交通",
    "waterway": "水上交通", "fire": "消防", "gas": "城镇燃气", "special_equipment": "特种设备",
    "power": "电力", "energy": "能源", "education": "教育", "other": "其他",
}
RISK_ZH = {"red": "重大风险", "orange": "较大风险", "yellow": "一般风险", "blue": "低风险"}

# ---------------------------------------------------------------------------------------------
# People (fictional; common Han, Hui and Tibetan names of the region)

SURNAMES = "王李张刘马韩赵陈杨祁冶鲁何朱郭胡孙徐周吴谢石白罗魏"
GIVEN = ["伟", "娜", "建国", "海军", "永福", "国庆", "文斌", "志强", "玉兰", "晓东", "德明", "生财",
         "有福", "成林", "学军", "占山", "红梅", "秀英", "世海", "永忠", "明德", "晓燕", "建平", "振华",
         "海龙", "春梅", "立新", "国栋", "小军", "桂兰", "得福", "彦斌", "守仁", "长青", "海燕", "发祥"]
TIBETAN = ["才让多杰", "扎西东珠", "索南才让", "尕藏旦增", "多杰卓玛", "拉毛措", "更登加", "才旦周",
           "完德加", "仁青措", "桑杰", "周毛吉", "旦正加", "卓玛措", "贡保才让", "华旦", "南加", "措吉"]


def person(rng):
    if rng.chance(0.14):
        return rng.pick(TIBETAN)
    return rng.pick(SURNAMES) + rng.pick(GIVEN)


def phone(rng, region_code):
    if rng.chance(0.5):
        return "%s-%d%06d" % (area_code(region_code), rng.pick([5, 6, 8]), rng.below(1000000))
    return "%s%08d" % (rng.pick(["139", "138", "136", "158", "180", "189", "133", "177"]),
                       rng.below(100000000))


# ---------------------------------------------------------------------------------------------
# The example enterprises (fictional companies in real places)

# key, name, sectors, county code, address, risk, employees, has_union, old reg_no?
EXAMPLE_ENTERPRISES = [
    ("C1", "青海祥岭煤业有限责任公司", "coal", "632224", "刚察县沙柳河镇北山矿区", "red", 640, True, True),
    ("C2", "刚察县澜峰煤炭开发有限公司", "coal", "632224", "刚察县哈尔盖镇东沟矿区", "red", 310, True, False),
    ("C3", "祁连县朔源煤业有限公司", "coal", "632222", "祁连县八宝镇石岗沟矿区", "orange", 420, True, False),
    ("C4", "门源县福兴煤业有限责任公司", "coal", "632221", "门源县浩门镇北山煤矿", "orange", 260, True, True),
    ("C5", "青海岚泰煤业有限公司", "coal", "632823", "天峻县新源镇青石滩矿区", "red", 880, True, False),
    ("C6", "天峻县恒昇煤炭开采有限公司", "coal", "632823", "天峻县新源镇西沟矿区", "orange", 350, True, False),
    ("C7", "都兰县盛拓煤业有限公司", "coal", "632822", "都兰县察汗乌苏镇南山矿区", "yellow", 190, False, False),
    ("C8", "青海德溪能源有限公司", "coal;power", "632802", "德令哈市工业园区柯鲁柯路18号", "orange", 520, True, False),
    ("N1", "格尔木昆岳矿业有限公司", "noncoal", "632801", "格尔木市昆仑经济技术开发区铁峰路6号", "orange", 360, True, True),
    ("N2", "都兰县金辉矿业有限责任公司", "noncoal", "632822", "都兰县香日德镇沟里矿区", "orange", 240, True, False),
    ("N3", "大通县磐石石灰岩矿业有限公司", "noncoal", "630121", "大通县桥头镇后子河村东山", "yellow", 85, True, False),
    ("N4", "共和县青禾砂石有限公司", "noncoal", "632521", "共和县恰卜恰镇河沿砂场", "blue", 40, False, False),
    ("H1", "海东市泰隆化工有限公司", "hazchem", "630202", "海东市乐都区海东工业园区乐都工业园纬三路9号", "red", 380, True, True),
    ("H2", "民和县鑫源化工有限责任公司", "hazchem", "630222", "民和县川垣新区化工园区2号路", "red", 260, True, False),
    ("H3", "青海平安高科化工有限公司", "hazchem;fire", "630203", "海东市平安区平安镇工业园区创业路15号", "orange", 150, True, False),
    ("H4", "海东市乐都区福源石化销售有限公司", "hazchem", "630202", "海东市乐都区碾伯镇西关街108号", "yellow", 32, False, False),
    ("H5", "西宁宏达精细化工有限公司", "hazchem", "630105", "西宁市城北区生物科技产业园经二路22号", "orange", 210, True, False),
    ("H6", "青海晨阳化工有限公司", "hazchem", "630106", "西宁市湟中区甘河工业园区东区纬一路3号", "red", 460, True, True),
    ("K1", "青海华筑建设工程有限公司", "construction", "630104", "西宁市城西区五四西路66号", "orange", 620, True, False),
    ("K2", "青海恒泰建筑安装工程有限公司", "construction", "630102", "西宁市城东区八一中路41号", "yellow", 340, True, False),
    ("K3", "青海宏远路桥建设有限公司", "construction;road", "630103", "西宁市城中区南川西路120号", "yellow", 510, True, False),
    ("K4", "青海鼎盛建设集团有限公司", "construction", "630106", "西宁市湟中区鲁沙尔镇康川路8号", "orange", 780, True, False),
    ("G1", "西宁润宁燃气有限公司", "gas;special_equipment", "630104", "西宁市城西区海湖大道106号", "red", 430, True, True),
    ("G2", "青海汇源天然气有限公司", "gas", "630102", "西宁市城东区互助中路77号", "orange", 180, True, False),
    ("G3", "大通县福安液化石油气有限公司", "gas;hazchem", "630121", "大通县桥头镇园林路33号", "orange", 45, False, False),
    ("F1", "西宁万嘉购物中心有限公司", "fire", "630103", "西宁市城中区长江路58号", "orange", 380, True, False),
    ("F2", "西宁雪域宾馆有限责任公司", "fire", "630102", "西宁市城东区建国路26号", "yellow", 95, True, False),
    ("F3", "海晏县青湖宾馆有限公司", "fire", "632223", "海晏县西海镇同宝路12号", "blue", 38, False, False),
    ("F4", "格尔木市天宇商厦有限公司", "fire", "632801", "格尔木市昆仑中路39号", "yellow", 160, True, False),
    ("S1", "青海安通电梯工程有限公司", "special_equipment", "630105", "西宁市城北区柴达木路255号", "yellow", 120, True, False),
    ("S2", "西宁宁暖供热有限公司", "special_equipment;energy", "630104", "西宁市城西区西川南路71号", "orange", 260, True, False),
    ("P1", "青海澜湖新能源发电有限公司", "power", "632521", "共和县塔拉滩光伏园区", "blue", 60, True, False),
    ("P2", "青海晶阳光伏电力有限公司", "power", "632802", "德令哈市光伏产业园区阳光路2号", "blue", 45, False, False),
    ("P3", "门源县青石河水电开发有限公司", "power", "632221", "门源县仙米乡青石河电站", "yellow", 70, True, False),
    ("I1", "青海锦川铝业有限公司", "industry_trade", "630106", "西宁市湟中区甘河工业园区西区锦川路1号", "red", 900, True, True),
    ("I2", "互助县丰禾农产品加工有限公司", "industry_trade", "630223", "互助县威远镇绿色产业园区", "orange", 140, True, False),
    ("I3", "湟源县金穗粮油加工有限公司", "industry_trade", "630123", "湟源县城关镇工业园区3号", "yellow", 75, False, False),
    ("I4", "青海永兴铁合金有限公司", "industry_trade", "630202", "海东市乐都区雨润镇工业集中区", "orange", 330, True, False),
    ("R1", "海东市安顺危险货物运输有限公司", "road;hazchem", "630203", "海东市平安区物流园区平西路5号", "orange", 110, True, False),
    ("R2", "西宁捷达客运有限公司", "road", "630104", "西宁市城西区新宁路9号", "yellow", 290, True, False),
    ("E1", "青海岩安爆破工程有限公司", "explosives", "632802", "德令哈市河东区长江路14号", "orange", 70, True, False),
]

ENTERPRISE_HEADER_EN = ["uscc", "reg_no", "name", "sectors", "region_code", "region", "address",
                        "legal_rep", "safety_contact", "phone", "employees", "risk_level", "has_union"]
ENTERPRISE_HEADER_ZH = ["统一社会信用代码", "企业名称", "行业领域", "所属区域", "地址", "法定代表人",
                        "安全负责人", "联系电话", "职工人数", "风险等级", "是否建会"]


class Enterprise:
    __slots__ = ("key", "uscc", "reg_no", "name", "sectors", "region_code", "address", "legal_rep",
                 "safety_contact", "phone", "employees", "risk", "has_union")


def full_address(code, address):
    pref = PREFECTURES[code[:4]][0]
    if address.startswith(pref[:2]):  # "西宁市…", "海东市…", "德令哈市…" already name the city
        return "青海省" + address
    return "青海省" + pref + address


def example_enterprises():
    rng = Rng(20210814)
    out, seen, people = [], set(), set()

    def new_person():  # everyone named once across the examples, so owners are unambiguous
        while True:
            p = person(rng)
            if p not in people:
                people.add(p)
                return p

    for key, name, sectors, code, address, risk, employees, union, has_reg in EXAMPLE_ENTERPRISES:
        e = Enterprise()
        e.key, e.name, e.sectors, e.region_code = key, name, sectors.split(";"), code
        while True:  # old enterprises keep a numeric org code, newer ones the "MA…" kind
            e.uscc = make_uscc(code, rng.uscc_body(new_style=not has_reg))
            if e.uscc not in seen:
                break
        seen.add(e.uscc)
        e.reg_no = ""
        if has_reg:
            first14 = code + "%08d" % rng.below(100000000)
            e.reg_no = first14 + reg_no_check(first14)
        e.address = full_address(code, address)
        e.legal_rep = new_person()
        e.safety_contact = new_person()
        e.phone = phone(rng, code)
        e.employees, e.risk, e.has_union = employees, risk, union
        out.append(e)
    return out


def enterprise_row_en(e):
    return [e.uscc, e.reg_no, e.name, ";".join(e.sectors), e.region_code, region_full(e.region_code),
            e.address, e.legal_rep, e.safety_contact, e.phone, str(e.employees), e.risk,
            "yes" if e.has_union else "no"]


def enterprise_row_zh(e):
    return [e.uscc, e.name, "、".join(SECTOR_ZH[s] for s in e.sectors), region_short(e.region_code),
            e.address, e.legal_rep, e.safety_contact, e.phone, str(e.employees), RISK_ZH[e.risk],
            "是" if e.has_union else "否"]


def open_csv(path, encoding, bom=False, crlf=False):
    f = open(path, "w", encoding=encoding, newline="")
    if bom:
        f.write("\ufeff")
    return f, csv.writer(f, lineterminator="\r\n" if crlf else "\n")


def write_example_enterprises(out_dir, enterprises):
    f, w = open_csv(os.path.join(out_dir, "enterprises.csv"), "utf-8")
    with f:
        w.writerow(ENTERPRISE_HEADER_EN)
        for e in enterprises:
            w.writerow(enterprise_row_en(e))
    f, w = open_csv(os.path.join(out_dir, "enterprises-gb18030.csv"), "gb18030", crlf=True)
    with f:
        w.writerow(ENTERPRISE_HEADER_ZH)
        for e in enterprises:
            w.writerow(enterprise_row_zh(e))


# ---------------------------------------------------------------------------------------------
# What inspectors write (../shared/reference/domain.md §2 and real ledgers). One template:
# (locations "a|b|c", description, category, measures). Descriptions deliberately include
# full-width and ASCII commas, “” and " quotes, and a few embedded newlines, as real sheets do.

BANK = {
    "coal": [
        ("3113回风顺槽|3115回风顺槽|2102回风顺槽", "3113回风顺槽有一台QBZ-80开关上风侧无甲烷断电仪", "equipment", "安设甲烷断电仪并调校，实现瓦斯超限断电"),
        ("3113综采工作面|2105综采工作面", "工作面顶板破碎，护顶不及时，部分支架接顶不严", "environment", "及时擦顶移架，破碎段打设锚杆并铺设金属网"),
        ("总回风巷", "总回风巷与西轨道巷联络风门无语音报警装置", "equipment", "安装风门语音报警及闭锁装置"),
        ("中央变电所", "中央变电所外压风自救装置无风，供水施救装置无水", "equipment", "检修压风、供水管路，逐台试验自救装置"),
        ("中央变电所", "1.高压开关柜前绝缘垫破损\n2.未配备合格的验电器和接地线", "equipment", "更换绝缘垫，配齐验电器、接地线"),
        ("主斜井|副斜井", "架空乘人装置越位保护失效，运行中无专人巡视", "equipment", "修复越位保护，明确巡视人员"),
        ("1201掘进工作面|2203掘进工作面", "局部通风机未实现“双风机、双电源”自动切换，切换试验记录缺失", "equipment", "完善自动切换装置，每日试验并记录"),
        ("井下爆炸材料发放硐室", "发放硐室灭火器过期2具，消防砂不足0.2m³", "equipment", "更换灭火器，补足消防砂"),
        ("3113回风顺槽|1201掘进工作面", "瓦斯检查工未按规定巡检，检查手册与记录牌板数据不一致", "behaviour", "对当班瓦检工停岗培训，严格“三对口”"),
        ("3113综采工作面", "作业人员在未及时移架的空顶区下方作业", "behaviour", "立即撤出人员，先支护后作业，追究跟班队长责任"),
        ("采区水泵房|中央水泵房", "排水管路闸阀锈蚀，备用水泵不能正常启动", "equipment", "更换闸阀，检修备用泵并联合试运转"),
        ("井下主运输巷|3113运输顺槽", "带式输送机机头未设置防护栏，烟雾保护装置未接入", "equipment", "加装防护栏，接入烟雾保护并试验"),
        ("井口房|矿灯房", "个别入井人员未携带自救器，井口检身制度执行不严", "behaviour", "加强井口检身，对当班人员进行教育"),
        ("安全监控中心", "部分甲烷传感器超期未调校，断电范围与设计不符", "equipment", "重新调校传感器，按设计核定断电范围"),
        ("安全科|生产技术科", "隐患排查台账记录不全，部分隐患未闭环销号", "management", "完善台账，逐条闭环销号"),
        ("人力资源部|培训中心", "2名电钳工特种作业操作证过期，仍安排上岗作业", "management", "立即停岗，组织复审取证"),
        ("采区变电所", "采区变电所未设置局部接地极，接地电阻未按月测定", "equipment", "补设局部接地极，每月测定接地电阻"),
        ("1201掘进工作面|2203掘进工作面", "锚杆间排距超过作业规程规定，部分锚杆托盘未压紧", "equipment", "补打锚杆，逐根紧固托盘"),
        ("回风立井|主要通风机房", "主要通风机未按规定进行反风演习，反风设施不完好", "management", "修复反风设施，组织反风演习"),
        ("3115运输顺槽|井下主运输巷", "巷道积尘严重，转载点防尘喷雾装置不能正常使用", "environment", "冲洗巷道积尘，修复喷雾装置"),
        ("3113综采工作面", "工作面上隅角瓦斯浓度0.8%，未采取有效处理措施", "environment", "设置挡风帘，调整配风量，加密检查"),
        ("永久避难硐室", "避难硐室内食品、饮用水过期，压缩氧气瓶压力不足", "equipment", "更换过期物资，充装氧气瓶"),
        ("3115运输顺槽|井下主运输巷", "电缆吊挂不规范，电缆与风水管路吊挂在同一侧", "equipment", "按规程重新吊挂电缆"),
        ("主要通风机房", "运行参数记录不全，值班人员脱岗", "behaviour", "加强值班考核，完善运行记录"),
        ("生产技术科", "采掘工作面作业规程未结合顶板实际变化及时修改补充", "management", "组织修订作业规程并重新贯彻学习"),
        ("主井绞车房|副井绞车房", "提升机深度指示器失效保护未试验，闸瓦间隙超限", "equipment", "调整闸瓦间隙，试验各项保护并记录"),
        ("1201掘进工作面", "爆破作业未严格执行“一炮三检”和\"三人连锁爆破\"制度", "behaviour", "对爆破工停岗培训，严格执行爆破制度"),
        ("副立井井底车场", "井底车场照明不足，部分信号装置损坏", "environment", "增设照明，修复信号装置"),
        ("调度室", "入井人员清单与人员位置监测系统显示人数不一致", "management", "核对清单，完善入井登记制度"),
        ("地测防治水科", "未按规定开展雨季“三防”检查，井上下水文观测记录不全", "management", "开展雨季三防专项检查，补全观测记录"),
        ("3113回风顺槽", "巷道局部底鼓、帮部片帮，巷道断面不足设计的2/3", "environment", "组织卧底、刷帮，恢复巷道断面"),
    ],
    "noncoal": [
        ("炸药库", "炸药库值守人员不足2人，视频监控存在盲区", "management", "增配值守人员，增设监控摄像头"),
        ("空压机房", "空压机储气罐安全阀超期未校验", "equipment", "送检安全阀"),
        ("破碎车间", "破碎机检修时未执行停电挂牌上锁", "behaviour", "严格执行停电挂牌上锁制度"),
        ("安全环保部", "应急救援预案未按规定演练，演练记录不全", "management", "组织预案演练，完善记录"),
        ("爆破作业点", "爆破警戒范围不足，警戒人员未到位即起爆", "behaviour", "重新划定警戒范围，严格执行警戒确认"),
    ],
    "noncoal_ug": [
        ("2680中段|2720中段", "中段运输巷部分地段顶板浮石未及时处理", "environment", "组织人员撬除浮石，加强敲帮问顶"),
        ("主斜坡道|措施井", "梯子间部分踏板缺失，护栏松动", "equipment", "补齐踏板，加固护栏"),
        ("采场|3号采场", "采场作业人员未佩戴安全帽和自救器", "behaviour", "现场纠正，加强班前教育"),
        ("主井提升系统", "罐笼防坠器未按期进行脱钩试验", "equipment", "组织防坠器脱钩试验"),
        ("井下通风系统|回风井", "部分独头采场通风不良，未设置局部通风机", "environment", "安装局部通风机，检测风量"),
    ],
    "noncoal_pit": [
        ("露天采场|+2450平台", "台阶坡面角超过设计，局部存在伞檐、浮石", "environment", "按设计修整台阶，清除伞檐浮石"),
        ("排土场", "排土场安全平台宽度不足，挡车设施高度不够", "equipment", "修整安全平台，加高挡车设施"),
        ("运输道路", "矿区运输道路急弯处未设置警示标志和护栏", "equipment", "设置警示标志和护栏"),
        ("露天采场", "采场边坡未设置位移观测点，雨后未进行巡查", "management", "设置观测点，落实雨后巡查"),
    ],
    "tailings": [
        ("尾矿库", "尾矿库干滩长度不足设计要求，在线监测系统数据中断", "equipment", "调整放矿方式，修复在线监测系统"),
        ("尾矿库", "排洪井井壁局部破损，汛前未进行全面检查", "equipment", "修补排洪井，汛前组织全面检查"),
    ],
    "hazchem": [
        ("罐区|甲醇罐区", "罐区防火堤内有杂草，堆放废旧包装桶", "environment", "清除杂草及杂物，加强巡检"),
        ("装卸台|液氨装卸台", "装卸台静电接地夹锈蚀，接地电阻未检测", "equipment", "更换静电接地夹，检测接地电阻"),
        ("控制室", "DCS报警记录显示高液位报警频繁，操作人员未及时确认处置", "behaviour", "加强报警管理培训，建立报警处置记录"),
        ("合成车间|精馏车间", "部分压力表超期未检定，铅封缺失", "equipment", "送检压力表并加铅封"),
        ("储运车间|原料库房", "原料库房内氧化剂与易燃物料混存", "management", "按禁忌物料表分区分库存放"),
        ("罐区", "储罐呼吸阀、阻火器未按期检查，检查记录缺失", "equipment", "检查呼吸阀、阻火器并建立记录"),
        ("合成车间", "动火作业票审批签字不全, 气体分析时间超过30分钟仍动火", "behaviour", "停止动火，重新分析审批后作业"),
        ("精馏车间|合成车间", "可燃气体报警器探头被塑料袋包裹", "behaviour", "立即拆除包裹物，对责任人进行处理"),
        ("配电室", "配电室门口未设挡鼠板，电缆沟盖板缺失", "equipment", "设置挡鼠板，补齐盖板"),
        ("危废暂存间", "危废暂存间无防渗措施，标识不全", "environment", "铺设防渗层，完善标识"),
        ("安全环保部", "重大危险源包保责任人未按规定开展履职检查", "management", "落实包保责任人履职检查并记录"),
        ("安全环保部", "特殊作业票证管理不规范，受限空间作业票未填写监护人", "management", "规范票证管理，开展专项培训"),
        ("装卸台", "槽车装卸作业时驾驶员未离开驾驶室，未设置防溜车措施", "behaviour", "严格执行装卸操作规程，配置车轮挡块"),
        ("罐区", "储罐区喷淋系统部分喷头堵塞，未定期试喷", "equipment", "疏通喷头，每月试喷并记录"),
        ("中控室|控制室", "紧急停车按钮未设置防误触保护罩", "equipment", "加装保护罩"),
        ("循环水站", "循环水池周边护栏高度不足1.05米", "equipment", "加高护栏"),
        ("仓库", "甲类仓库内使用非防爆照明灯具", "equipment", "更换为防爆灯具"),
        ("生产部", "工艺操作规程未及时修订，与现场实际不符", "management", "修订操作规程并组织培训"),
        ("机柜间", "机柜间UPS电池组未定期放电测试", "equipment", "开展UPS放电测试"),
        ("洗眼器旁|酸碱罐区", "酸碱罐区洗眼器无水，冬季未采取防冻措施", "equipment", "修复洗眼器，增加伴热"),
        ("储运车间", "操作人员“两书一卡”不熟悉，应急处置卡未张贴", "management", "张贴应急处置卡，组织学习"),
        ("合成车间", "反应釜温度联锁被摘除，未办理联锁摘除审批", "behaviour", "立即恢复联锁，追究审批责任"),
    ],
    "construction": [
        ("3#楼|5#楼", "外脚手架连墙件缺失, 立杆悬空", "equipment", "补设连墙件，立杆落地并加设扫地杆"),
        ("基坑|1#基坑", "基坑周边临边防护不到位，坡顶1米内堆放钢筋", "environment", "完善临边防护，清理坡顶堆载"),
        ("塔吊|2#塔吊", "塔式起重机吊钩防脱钩装置失效", "equipment", "更换防脱钩装置"),
        ("施工现场", "施工现场临时用电未采用TN-S系统，开关箱“一机多闸”", "equipment", "按规范整改临时用电，实行一机一闸一漏一箱"),
        ("施工升降机", "施工升降机防坠安全器超过有效标定期", "equipment", "重新标定防坠安全器"),
        ("5#楼", "高处作业人员未系挂安全带", "behaviour", "现场纠正，加强安全教育"),
        ("7#楼|3#楼", "楼层电梯井口未设置防护门，井道内未按规定设置安全平网", "equipment", "设置定型化防护门和安全平网"),
        ("项目部", "危大工程专项施工方案未按规定审批即组织施工", "management", "补充审批，未审批前停止相关作业"),
        ("项目部", "特种作业人员登记台账与现场人员不符，2名信号工无证上岗", "management", "停岗，安排持证人员"),
        ("钢筋加工区", "钢筋加工区防护棚搭设不规范, 顶部未设双层防护", "equipment", "按标准重新搭设防护棚"),
        ("模板支撑区|地下车库", "高大模板支撑体系扫地杆缺失，立杆间距大于方案要求", "equipment", "按方案加密立杆，补设扫地杆"),
        ("生活区", "生活区宿舍私拉乱接电线，使用大功率电器", "behaviour", "拆除私接线路，没收违规电器"),
        ("施工现场", "氧气瓶与乙炔瓶间距不足5米，乙炔瓶卧放", "behaviour", "规范气瓶存放和使用"),
        ("基坑", "基坑降水井出水浑浊，未分析原因", "environment", "查明原因，调整降水方案"),
        ("施工现场", "消防通道被材料占用，临时消防水源不足", "environment", "清理消防通道，增设临时消防水源"),
        ("项目部", "安全技术交底流于形式，交底记录无被交底人签字", "management", "重新组织交底并签字"),
        ("塔吊|1#塔吊", "塔吊基础积水，标准节螺栓松动", "equipment", "排除积水，紧固螺栓"),
        ("卸料平台", "卸料平台未设置限载标识，钢丝绳绳卡数量不足", "equipment", "设置限载牌，补足绳卡"),
        ("3#楼", "1.外架剪刀撑不连续\n2.作业层脚手板未满铺", "equipment", "补设剪刀撑，满铺脚手板"),
        ("施工现场", "夜间施工照明不足，无专人监护", "environment", "增设照明，安排专人监护"),
    ],
    "gas": [
        ("调压站|中压调压站", "调压站放散管高度不足，未设置防雷接地", "equipment", "加高放散管，设置防雷接地"),
        ("储配站|LNG储配站", "储配站可燃气体报警器未定期标定", "equipment", "委托标定报警器"),
        ("储罐区|LNG储罐区", "储罐区防护堤内积水，排水阀常开", "environment", "排除积水，排水阀常闭"),
        ("管网所", "中压管线巡线记录不全，第三方施工未进行现场监护", "management", "完善巡线制度，落实第三方施工监护"),
        ("用户服务部", "未对餐饮用户燃气设施开展定期入户安全检查", "management", "制定入户安检计划并实施"),
        ("门站|调压站", "安全阀前截止阀未处于全开状态并铅封", "equipment", "全开截止阀并铅封"),
        ("充装间|钢瓶充装间", "充装间内存放超期未检钢瓶12只", "equipment", "超期钢瓶送检或报废"),
        ("储配站", "站内值班人员不熟悉紧急切断操作", "behaviour", "组织应急操作培训和演练"),
        ("营业厅|安全技术部", "燃气泄漏应急预案未结合实际修订", "management", "修订应急预案"),
        ("地下管线|管网所", "中压管线标志桩缺失，管线上方违章搭建", "environment", "补设标志桩，协调拆除违章建筑"),
        ("汽化器区|储配站", "空温式汽化器结霜严重，出口温度低于设定值未报警", "equipment", "调整运行参数，修复温度报警"),
        ("罐区", "液化石油气储罐液位计玻璃管破损", "equipment", "更换液位计"),
    ],
    "fire": [
        ("疏散通道|二层疏散通道", "疏散通道堆放货物，宽度不足", "environment", "清理货物，保持通道畅通"),
        ("消防控制室", "消防控制室值班人员无证上岗，夜间仅1人值班", "management", "配备持证人员，落实双人值班"),
        ("消防控制室", "火灾报警控制器存在12个故障点未处理", "equipment", "维修故障点，恢复正常运行"),
        ("安全出口|东侧安全出口", "安全出口上锁，门禁不能自动释放", "equipment", "拆除门锁，修复门禁释放功能"),
        ("厨房|后厨", "厨房排油烟管道油污严重，未定期清洗", "environment", "委托专业单位清洗油烟管道"),
        ("消防泵房", "消防水泵控制柜处于手动状态", "equipment", "恢复自动状态并悬挂标识"),
        ("客房楼层|三楼走廊", "部分应急照明灯、疏散指示标志损坏", "equipment", "更换损坏灯具"),
        ("地下车库", "地下车库内违规设置电动车充电区", "environment", "拆除充电区，另选室外安全地点"),
        ("配电房", "配电房内堆放纸箱等可燃物", "environment", "清理可燃物"),
        ("消防通道|北侧消防车道", "消防车道被占用，设置地锁", "environment", "拆除地锁，施划禁停标线"),
        ("商场一层|中庭", "中庭防火卷帘下方堆放促销展台", "environment", "移除展台，保证卷帘正常下降"),
        ("保卫部", "员工消防培训记录不全，部分员工不会使用灭火器", "management", "组织全员消防培训和演练"),
        ("室内消火栓", "部分室内消火栓箱内水带、水枪缺失", "equipment", "补齐水带水枪"),
        ("屋顶消防水箱", "消防水箱水位不足，液位计损坏", "equipment", "补水并修复液位计"),
        ("员工宿舍", "宿舍内使用“热得快”等大功率电器", "behaviour", "收缴违规电器，开展教育"),
        ("商场负一层", "防火门常闭门闭门器损坏，门被木楔固定为常开", "behaviour", "修复闭门器，撤除木楔"),
    ],
    "special_equipment": [
        ("锅炉房", "锅炉水位表看不清水位，排污阀泄漏", "equipment", "更换水位表，检修排污阀"),
        ("锅炉房", "司炉工持证人数不足，交接班记录不全", "management", "增配持证司炉工，完善记录"),
        ("电梯机房|3号电梯", "电梯机房未设置“机房重地 闲人免进”标识，机房温度过高", "environment", "设置标识，加装通风设施"),
        ("电梯|1号电梯", "电梯维保记录与实际不符，部分项目未维保", "management", "按规范开展维保"),
        ("压力容器|储气罐", "压力容器超期未检验", "equipment", "委托检验机构检验"),
        ("叉车|厂内机动车", "厂内叉车未办理使用登记，驾驶人员无证", "management", "办理使用登记，驾驶人员培训取证"),
        ("起重机械|桥式起重机", "桥式起重机限位器失效", "equipment", "修复限位器"),
        ("压力管道", "蒸汽管道保温层破损，安全阀铅封缺失", "equipment", "修补保温层，校验安全阀并铅封"),
        ("锅炉房", "锅炉房内堆放杂物，燃气泄漏报警器未与切断阀联锁", "equipment", "清理杂物，实现报警联锁"),
    ],
    "industry_trade": [
        ("有限空间|污水池", "有限空间未设置安全警示标志，未建立管理台账", "management", "设置警示标志，建立台账"),
        ("机修车间", "砂轮机防护罩缺失，未设置挡屑板", "equipment", "加装防护罩和挡屑板"),
        ("安全部", "外包作业单位未签订安全管理协议", "management", "补签安全管理协议并统一管理"),
        ("配电室", "配电室未配置绝缘手套、绝缘靴", "equipment", "配齐绝缘防护用品"),
        ("原料堆场", "原料堆场装载机倒车无警示装置", "equipment", "加装倒车警示装置"),
    ],
    "it_metal": [
        ("除尘系统|铝灰处理车间", "除尘器未设置泄爆装置，积尘未及时清理", "equipment", "加装泄爆装置，建立清扫制度"),
        ("电解车间|铸造车间", "铝液转运通道地面潮湿积水", "environment", "清除积水，设置排水沟"),
        ("熔炼炉|矿热炉", "冷却水回水未设置温度和流量监测报警", "equipment", "加装温度、流量监测报警装置"),
        ("煤气区域|煤气管道", "煤气区域作业未携带便携式一氧化碳报警仪", "behaviour", "配发报警仪，严格作业管理"),
        ("行车|起重作业区", "吊运熔融金属的起重机未使用冶金铸造起重机", "equipment", "更换为冶金铸造起重机"),
    ],
    "it_food": [
        ("液氨制冷机房", "液氨制冷机房氨气浓度报警仪未与事故排风机联锁", "equipment", "实现报警与排风机联锁"),
        ("面粉车间|粉碎车间", "粉碎车间电气设备不防爆，积尘厚度超过1mm", "equipment", "更换防爆电气，加强清扫"),
        ("包装车间", "包装车间人员密集，与液氨管道距离不足", "environment", "调整管道走向或人员布局"),
        ("冷库", "冷库门内部未设置应急开门装置", "equipment", "加装内开应急装置"),
        ("冷库|速冻间", "冷库内照明灯具无防护罩，地面结冰未清理", "environment", "加装灯具防护罩，及时除冰"),
    ],
    "fuel_station": [
        ("加油区|3号加油机", "加油机静电接地线断开", "equipment", "恢复静电接地并检测"),
        ("卸油区", "卸油时未连接静电接地报警器，卸油人员离岗", "behaviour", "严格执行卸油操作规程"),
        ("埋地油罐", "油罐通气管阻火器锈蚀损坏", "equipment", "更换阻火器"),
        ("加油区", "加油员未穿防静电工作服，给摩托车加油未熄火", "behaviour", "规范着装，严格执行熄火加油"),
        ("站房", "站房内使用电暖器取暖，配电箱前堆放杂物", "environment", "撤除电暖器，清理杂物"),
        ("油气回收系统", "油气回收系统未按规定定期检测", "management", "委托检测油气回收系统"),
    ],
    "road": [
        ("停车场|车辆停放区", "危险货物运输车辆停车场未设置专用区域和警示标志", "management", "划定专用区域，设置警示标志"),
        ("动态监控中心", "动态监控平台对疲劳驾驶报警未及时处置", "management", "完善报警处置流程，落实专人监控"),
        ("车辆|青B-A3217车", "罐车紧急切断阀失效", "equipment", "维修紧急切断阀"),
        ("安全科", "驾驶员押运员从业资格证过期仍从事运输", "management", "停止运输作业，办理资格复审"),
        ("车辆维修车间", "维修车间地沟无防护盖板", "equipment", "加装盖板"),
        ("客运站|发车区", "出站车辆“三品”检查记录不全", "management", "严格执行“三品”检查"),
        ("车辆|客运车辆", "部分车辆安全锤缺失，灭火器压力不足", "equipment", "补齐安全锤，更换灭火器"),
        ("调度室", "驾驶员连续驾驶超过4小时未安排休息", "behaviour", "调整排班，严格落实停车休息"),
    ],
    "power": [
        ("升压站|110kV升压站", "主变压器油位偏低，呼吸器硅胶变色", "equipment", "补油，更换硅胶"),
        ("光伏区|箱变", "箱式变压器门锁损坏，警示标志缺失", "equipment", "修复门锁，补设标志"),
        ("升压站", "两票执行不规范，操作票未唱票复诵", "behaviour", "加强两票培训考核"),
        ("电站厂房|发电机层", "厂房渗水，电缆沟积水", "environment", "封堵渗水点，排除积水"),
        ("安全生产部", "防汛应急预案未演练", "management", "组织防汛演练"),
    ],
    "explosives": [
        ("炸药库|1号库房", "库房防雷装置检测超期", "equipment", "委托检测防雷装置"),
        ("运输车辆", "民爆物品运输车辆未安装卫星定位装置", "equipment", "加装卫星定位装置"),
        ("爆破作业现场", "爆破员、安全员未持证上岗", "management", "停止作业，安排持证人员"),
        ("炸药库", "库房温湿度记录缺失，通风不良", "environment", "完善温湿度记录，加强通风"),
    ],
    "generic": [
        ("办公楼|综合楼", "部分灭火器压力不足，未按月检查", "equipment", "更换灭火器，落实月检"),
        ("配电室|配电箱", "配电箱未张贴\"有电危险\"警示标志，箱门未上锁", "equipment", "张贴警示标志，箱门上锁"),
        ("安全管理部|办公室", "全员安全生产责任制未及时修订，考核记录缺失", "management", "修订责任制，开展考核"),
        ("安全管理部", "年度安全教育培训计划未落实，新员工三级教育记录不全", "management", "补充培训，完善三级教育记录"),
        ("应急物资库", "应急物资台账与实物不符，部分物资过期", "management", "清点物资，更新台账"),
        ("厂区道路|厂区", "厂区道路限速标志缺失", "equipment", "设置限速标志"),
        ("食堂", "食堂液化气瓶与灶具距离不足，软管老化", "equipment", "调整气瓶位置，更换软管"),
    ],
}

# Majors, each with the standard in force at the time and its clause. (sector, locations,
# description, category, measures, basis, stop_production)
MAJORS = {
    "coal_gas": ("coal", "3113综采工作面", "回风隅角瓦斯浓度多次超过1.0%，未停止作业、撤人，仍继续割煤", "behaviour",
                 "立即停止作业、撤出人员，调整通风系统，安装抽采管路，制定专项措施", "《煤矿重大事故隐患判定标准》（应急管理部令第4号）第五条第（二）项", "partial"),
    "coal_air": ("coal", "2105综采工作面", "矿井总风量不足，2105综采工作面实测风量低于作业规程要求的风量", "environment",
                 "调整主要通风机叶片角度，减少采掘工作面，重新测风定风", "《煤矿重大事故隐患判定标准》（应急管理部令第4号）第八条第（一）项", "partial"),
    "coal_belt": ("coal", "井下主运输巷", "主运输带式输送机防打滑、跑偏、堆煤保护装置失效，烟雾监测装置未接入", "equipment",
                  "停运带式输送机，修复全部保护装置并联合试验", "《煤矿重大事故隐患判定标准》（应急管理部令第4号）第十八条第（八）项", "partial"),
    "coal_hoist": ("coal", "副井绞车房", "副井提升人员的提升机过卷保护、限速保护失效，仍在运送人员", "equipment",
                   "停止提升人员，修复过卷、限速保护，经检测检验合格后投用", "《煤矿重大事故隐患判定标准》（应急管理部令第4号）第十八条第（七）项", "partial"),
    "coal_locate": ("coal", "调度室", "人员位置监测系统多处分站断线不能正常运行，当班入井人数与系统显示不符，存在隐瞒下井人数情况", "management",
                    "修复人员位置监测系统，核查入井人员，追究相关人员责任", "《煤矿重大事故隐患判定标准》（应急管理部令第4号）第十八条第（六）项", "none"),
    "hazchem_tank": ("hazchem", "液氨罐区", "液氨储罐（一级重大危险源）进出料管道未设置紧急切断阀", "equipment",
                     "在储罐进出料管道加装紧急切断阀并接入SIS系统", "《化工和危险化学品生产经营单位重大生产安全事故隐患判定标准（试行）》（安监总管三〔2017〕121号）第5项", "partial"),
    "hazchem_load": ("hazchem", "液氯装卸台", "液氯充装仍采用金属软管，未使用万向管道充装系统", "equipment",
                     "停止液氯充装，安装万向管道充装系统", "安监总管三〔2017〕121号 第7项", "partial"),
    "hazchem_gasdet": ("hazchem", "合成车间", "合成车间未按国家标准设置可燃气体检测报警装置，二层平台使用非防爆照明灯具", "equipment",
                       "按GB/T 50493补设可燃气体检测报警装置，更换防爆灯具", "安监总管三〔2017〕121号 第12项", "partial"),
    "noncoal_exit": ("noncoal", "2680中段", "2680中段以下仅有1个直达地面的独立安全出口，第二安全出口未形成", "equipment",
                     "暂停2680中段以下采掘作业，按设计施工第二安全出口", "《金属非金属矿山重大生产安全事故隐患判定标准（试行）》（安监总管一〔2017〕98号）一、（一）", "partial"),
    "constr_pit": ("construction", "1#基坑", "深基坑（开挖深度9.6米）未委托第三方监测，北侧坡顶出现贯通裂缝且有扩大趋势", "environment",
                   "立即停止基坑作业，坡顶卸载回填反压，委托第三方监测单位开展监测", "《危险性较大的分部分项工程安全管理规定》（住房和城乡建设部令第37号）第十九条", "partial"),
    "constr_crane": ("construction", "2#塔吊", "塔式起重机力矩限制器失效，起重量限制器被违规拆除", "equipment",
                     "停用塔吊，恢复安全装置，经检测合格后使用", "《建筑起重机械安全监督管理规定》（建设部令第166号）第十八条", "partial"),
    "gas_lpg": ("gas", "液化石油气储罐区", "全压力式液化石油气储罐未按国家标准设置注水措施", "equipment",
                "增设储罐注水设施，完善操作规程", "安监总管三〔2017〕121号 第6项", "none"),
    "fire_exit": ("fire", "地下一层超市", "地下一层超市2个安全出口被货架封堵，可用安全出口总净宽度小于规定值的80%", "environment",
                  "清除封堵货架，增设安全出口并经消防验收", "GB 35181-2017 6.5", "partial"),
}

# ---------------------------------------------------------------------------------------------
# China's official calendar for the years the data touches (../shared/reference/domain.md §8)

def _days(first, last):
    d, end = datetime.date.fromisoformat(first), datetime.date.fromisoformat(last)
    while d <= end:
        yield d
        d += datetime.timedelta(days=1)


OFF_DAYS = set()
for _a, _b in [("2021-01-01", "2021-01-03"), ("2021-02-11", "2021-02-17"), ("2021-04-03", "2021-04-05"),
               ("2021-05-01", "2021-05-05"), ("2021-06-12", "2021-06-14"), ("2021-09-19", "2021-09-21"),
               ("2021-10-01", "2021-10-07"), ("2022-01-01", "2022-01-03"), ("2022-01-31", "2022-02-06"),
               ("2022-04-03", "2022-04-05"), ("2022-04-30", "2022-05-04")]:
    OFF_DAYS.update(_days(_a, _b))
MAKEUP_DAYS = {datetime.date.fromisoformat(s) for s in [
    "2021-02-07", "2021-02-20", "2021-04-25", "2021-05-08", "2021-09-18", "2021-09-26", "2021-10-09",
    "2022-01-29", "2022-01-30", "2022-04-02", "2022-04-24", "2022-05-07"]}


def is_workday(d):
    return d in MAKEUP_DAYS or (d.weekday() < 5 and d not in OFF_DAYS)


def add_workdays(d, n):
    while n > 0:
        d += datetime.timedelta(days=1)
        if is_workday(d):
            n -= 1
    return d


def workdays_between(first, last):
    return [d for d in _days(first, last) if is_workday(d)]


D = datetime.date.fromisoformat

# ---------------------------------------------------------------------------------------------
# How dates, categories, levels and money appear in real sheets

def fmt_date(d, style, rng=None):
    if style == "iso":
        return d.isoformat()
    if style == "slash":
        return "%d/%d/%d" % (d.year, d.month, d.day)
    if style == "cn":
        return "%d年%d月%d日" % (d.year, d.month, d.day)
    if style == "slash0":  # what Excel writes for a date cell exported with its time
        return "%d/%d/%d 0:00" % (d.year, d.month, d.day)
    if style == "isotime":
        return "%s %s" % (d.isoformat(), rng.pick(["09:30:00", "10:00:00", "14:30:00", "15:10:00"]))
    raise ValueError(style)


CATEGORY_WORDS = {
    "equipment": ["物的不安全状态", "物的不安全状态", "设备设施", "物的危险状态"],
    "behaviour": ["人的不安全行为", "人的不安全行为", "人员行为"],
    "management": ["管理缺陷", "管理缺陷", "安全管理"],
    "environment": ["环境", "作业环境"],
}
LEVEL_WORDS = {"general": ["一般", "一般", "一般隐患"], "major": ["重大", "重大隐患"]}


def fmt_wan(cents):
    """Money in 万元 with at most 2 decimals, no trailing zeros: 50 -> 0.5, 1200 -> 12, 375 -> 3.75."""
    whole, frac = divmod(cents, 100)
    if frac == 0:
        return str(whole)
    return ("%d.%02d" % (whole, frac)).rstrip("0")


def fmt_yuan(fen):
    whole, frac = divmod(fen, 100)
    return str(whole) if frac == 0 else "%d.%02d" % (whole, frac)


# ---------------------------------------------------------------------------------------------
# The 2021 campaign after the 8·14 roof collapse at a coal mine in 刚察县

DEMO_DATE = D("2021-09-27")   # the Monday the demo and the report tests look from
FILL_DATE = D("2021-09-26")   # the sheet was filled in on the make-up Sunday

INSPECTORS = {  # fictional staff of the real kinds of inspecting bodies
    "海北州应急管理局": ["李国栋、韩世海", "祁长青", "祁长青、李国栋"],
    "国家矿山安全监察局青海局": ["王振华、杨德明"],
    "海西州应急管理局": ["何学军、扎西才让", "何学军"],
    "青海省总工会劳动保护部": ["张卫东、李娜", "赵建国、张卫东"],
    "海北州总工会": ["马秀兰"],
    "海东市应急管理局": ["刘文斌、冶生海", "冶生海"],
    "西宁市应急管理局": ["陈晓东、朱红霞", "陈晓东"],
    "西宁市住房和城乡建设局": ["孙海峰、罗志强", "罗志强"],
    "西宁市消防救援支队": ["白春林、鲁国庆"],
    "西宁市市场监督管理局": ["周立华"],
    "格尔木市应急管理局": ["吴建军、蔡文龙"],
    "格尔木市消防救援大队": ["蔡文龙"],
    "大通县应急管理局": ["韩德胜"],
    "海东市交通运输局": ["杨海鹏"],
    "海北州消防救援支队": ["李文涛"],
}

# date, enterprise key, 检查类型, 检查单位, inspectors (index into INSPECTORS), findings, majors
CAMPAIGN = [
    ("2021-08-16", "C2", "专项检查", "海北州应急管理局", 0, 9, ["coal_belt"]),
    ("2021-08-16", "C1", "执法检查", "国家矿山安全监察局青海局", 0, 10, ["coal_gas"]),
    ("2021-08-17", "C3", "专项检查", "海北州应急管理局", 0, 8, ["coal_hoist"]),
    ("2021-08-18", "C4", "专项检查", "海北州应急管理局", 1, 7, []),
    ("2021-08-18", "C5", "执法检查", "国家矿山安全监察局青海局", 0, 10, ["coal_air"]),
    ("2021-08-19", "C6", "专项检查", "海西州应急管理局", 0, 8, ["coal_locate"]),
    ("2021-08-20", "C7", "专项检查", "海西州应急管理局", 1, 6, []),
    ("2021-08-20", "H1", "专项检查", "海东市应急管理局", 0, 8, ["hazchem_tank"]),
    ("2021-08-23", "C8", "综合检查", "海西州应急管理局", 0, 7, []),
    ("2021-08-23", "H2", "专项检查", "海东市应急管理局", 0, 8, ["hazchem_load"]),
    ("2021-08-24", "N1", "专项检查", "格尔木市应急管理局", 0, 7, ["noncoal_exit"]),
    ("2021-08-24", "C1", "工会监督检查", "青海省总工会劳动保护部", 0, 6, []),
    ("2021-08-25", "H3", "专项检查", "海东市应急管理局", 1, 7, []),
    ("2021-08-25", "K1", "专项检查", "西宁市住房和城乡建设局", 0, 8, ["constr_pit"]),
    ("2021-08-26", "H5", "执法检查", "西宁市应急管理局", 0, 8, ["hazchem_gasdet"]),
    ("2021-08-26", "N2", "专项检查", "海西州应急管理局", 1, 6, []),
    ("2021-08-27", "G1", "专项检查", "西宁市住房和城乡建设局", 0, 7, []),
    ("2021-08-28", "C2", "工会监督检查", "海北州总工会", 0, 5, []),  # a Saturday: unions visit on weekends too
    ("2021-08-30", "H6", "专项检查", "西宁市应急管理局", 0, 8, []),
    ("2021-08-30", "K2", "专项检查", "西宁市住房和城乡建设局", 1, 7, []),
    ("2021-08-31", "G3", "专项检查", "大通县应急管理局", 0, 6, ["gas_lpg"]),
    ("2021-08-31", "C4", "工会监督检查", "青海省总工会劳动保护部", 0, 5, []),
    ("2021-09-01", "F1", "专项检查", "西宁市消防救援支队", 0, 8, ["fire_exit"]),
    ("2021-09-01", "K3", "综合检查", "西宁市住房和城乡建设局", 0, 7, []),
    ("2021-09-02", "I1", "专项检查", "西宁市应急管理局", 0, 8, []),
    ("2021-09-02", "C5", "综合检查", "海西州应急管理局", 1, 6, []),
    ("2021-09-03", "H4", "专项检查", "海东市应急管理局", 1, 5, []),
    ("2021-09-06", "N3", "专项检查", "西宁市应急管理局", 1, 6, []),
    ("2021-09-06", "G2", "专项检查", "西宁市住房和城乡建设局", 1, 6, []),
    ("2021-09-07", "F2", "专项检查", "西宁市消防救援支队", 0, 7, []),
    ("2021-09-08", "K4", "专项检查", "西宁市住房和城乡建设局", 0, 8, ["constr_crane"]),
    ("2021-09-08", "H1", "工会监督检查", "青海省总工会劳动保护部", 1, 5, []),
    ("2021-09-09", "S1", "专项检查", "西宁市市场监督管理局", 0, 6, []),
    ("2021-09-10", "I4", "综合检查", "海东市应急管理局", 0, 6, []),
    ("2021-09-13", "C3", "工会监督检查", "海北州总工会", 0, 6, []),
    ("2021-09-14", "R1", "专项检查", "海东市交通运输局", 0, 6, []),
    ("2021-09-15", "I2", "专项检查", "海东市应急管理局", 0, 6, []),
    ("2021-09-16", "S2", "综合检查", "西宁市市场监督管理局", 0, 6, []),
    ("2021-09-17", "F4", "专项检查", "格尔木市消防救援大队", 0, 6, []),
    ("2021-09-18", "C6", "综合检查", "海西州应急管理局", 1, 6, []),  # Saturday, a make-up working day
    ("2021-09-22", "K1", "综合检查", "西宁市住房和城乡建设局", 1, 6, []),
    ("2021-09-23", "F3", "专项检查", "海北州消防救援支队", 0, 6, []),
    ("2021-09-24", "H2", "工会监督检查", "青海省总工会劳动保护部", 0, 6, []),
    ("2021-09-24", "I3", "专项检查", "西宁市应急管理局", 0, 7, []),
]

# How each major hazard stands on 2021-09-26 (status, deadline, completed, verified). The rest of
# the life cycle (owner, measures, funds) is filled in consistently below.
MAJOR_STATE = {
    "coal_belt": ("已销号", "2021-09-03", "2021-09-01", "2021-09-07"),
    "coal_gas": ("已验收", "2021-09-10", "2021-09-08", "2021-09-14"),
    "coal_hoist": ("已销号", "2021-08-31", "2021-08-27", "2021-09-02"),
    "coal_air": ("整改中", "2021-09-17", None, None),          # overdue on 2021-09-27
    "coal_locate": ("已整改", "2021-09-24", "2021-09-22", None),
    "hazchem_tank": ("整改中", "2021-10-29", None, None),
    "hazchem_load": ("已五定", "2021-09-30", None, None),       # due in the week after the demo date
    "noncoal_exit": ("整改中", "2021-11-30", None, None),
    "constr_pit": ("待验收", "2021-09-15", "2021-09-14", None),
    "hazchem_gasdet": ("整改中", "2021-09-24", None, None),     # overdue on 2021-09-27
    "gas_lpg": ("待整改", None, None, None),
    "fire_exit": ("整改中", "2021-09-28", None, None),
    "constr_crane": ("待整改", None, None, None),
}

NUMBER_PREFIX = {"C1": "GC", "C2": "GC", "C3": "QL", "C4": "MY", "H1": "LD", "H4": "LD"}

DEPTS = {
    "coal": ["通风区", "综采队", "机电科", "掘进一队", "运输区", "安全科", "调度室", "地测防治水科", "生产技术科"],
    "noncoal": ["采矿车间", "安全环保部", "机动部", "尾矿车间", "生产技术部"],
    "hazchem": ["生产部", "设备部", "安全环保部", "储运车间", "合成车间", "仪表班"],
    "construction": ["项目部", "安全部", "机械设备部", "工程部"],
    "gas": ["储配站", "管网所", "安全技术部", "用户服务部"],
    "fire": ["物业部", "保卫部", "工程部", "前厅部"],
    "special_equipment": ["设备部", "运行部", "安全部"],
    "industry_trade": ["生产部", "设备动力部", "安全部", "电解车间", "冷库车间"],
    "road": ["安全科", "车队", "动态监控中心"],
    "power": ["运行部", "检修部", "安全生产部"],
    "explosives": ["库管科", "爆破队", "安全科"],
    "generic": ["办公室", "安全管理部", "后勤部"],
}

FINDINGS_TITLE = "2021年青海省安全生产大排查隐患台账（第一批）"
FINDINGS_SUBTITLE = "填报单位：青海省总工会劳动保护部　　填报日期：2021年9月26日"
FINDINGS_HEADER = ["序号", "隐患编号", "统一社会信用代码", "企业名称", "检查日期", "检查类型", "检查单位", "检查人",
                   "隐患部位", "隐患描述", "隐患类别", "隐患等级", "判定依据", "整改期限", "整改责任单位",
                   "整改责任人", "整改措施", "整改资金（万元）", "状态", "整改完成日期", "验收人", "验收日期"]


class Finding:
    __slots__ = ("no", "ent", "found", "found_text", "kind", "body", "inspectors", "location", "description",
                 "category", "level", "basis", "due", "dept", "owner", "measures", "funds", "status",
                 "status_word", "completed", "verifier", "verified", "date_style", "major_key", "stop")


class People:
    """Fictional names, each used once, so an owner or verifier names one person."""

    def __init__(self, rng, taken):
        self.rng, self.taken = rng, set(taken)

    def new(self):
        while True:
            p = person(self.rng)
            if p not in self.taken:
                self.taken.add(p)
                return p


# Which parts of the bank fit an example enterprise (what it really does), where its sectors alone
# would mislead: an open-pit quarry has no 中段, a petrol station no 合成车间.
PROFILE = {
    "N1": ["noncoal", "noncoal_ug"], "N2": ["noncoal", "noncoal_ug", "tailings"],
    "N3": ["noncoal", "noncoal_pit"], "N4": ["noncoal_pit"],
    "I1": ["industry_trade", "it_metal"], "I4": ["industry_trade", "it_metal"],
    "I2": ["industry_trade", "it_food"], "I3": ["industry_trade", "it_food"],
    "H4": ["fuel_station"], "G3": ["gas"], "R1": ["road"], "K3": ["construction"], "S2": ["special_equipment"],
}
BANK_SECTOR = {"noncoal_ug": "noncoal", "noncoal_pit": "noncoal", "tailings": "noncoal", "it_metal": "industry_trade",
               "it_food": "industry_trade", "fuel_station": "hazchem"}


def templates_for(banks):
    out = []
    for s in banks:
        out.extend((BANK_SECTOR.get(s, s), t) for t in BANK.get(s, []))
    out.extend(("generic", t) for t in BANK["generic"][:3])
    return out


def campaign_findings(enterprises):
    rng = Rng(20210816)
    by_key = {e.key: e for e in enterprises}
    taken = {p for e in enterprises for p in (e.legal_rep, e.safety_contact)}
    inspectors = {p for names in INSPECTORS.values() for group in names for p in group.split("、")}
    assert not inspectors & taken, "an inspector is also an enterprise person"
    taken |= inspectors
    people = People(rng, taken)
    staff = {}  # enterprise key -> the people who own rectification there
    findings, seen = [], set()
    for date, key, kind, body, who, count, majors in CAMPAIGN:
        e = by_key[key]
        found = D(date)
        if key not in staff:
            staff[key] = [people.new() for _ in range(3)]
        inspectors = INSPECTORS[body][who]
        style = rng.pick(["slash", "slash", "iso", "iso", "cn", "slash0", "isotime"])
        found_text = fmt_date(found, style, rng)
        pool = templates_for(PROFILE.get(key, e.sectors))
        picks = [("major", m) for m in majors]
        for sector, t in rng.sample(pool, count - len(majors)):
            picks.append((sector, t))
        order = rng.sample(range(len(picks)), len(picks))  # majors are not always listed first
        for i in order:
            sector, t = picks[i]
            f = Finding()
            f.ent, f.found, f.found_text, f.kind, f.body, f.inspectors = e, found, found_text, kind, body, inspectors
            f.date_style = rng.pick(["slash", "slash", "iso", "cn", "slash0"])
            f.no = ""
            f.due = f.completed = f.verified = None
            f.dept = f.owner = f.measures = f.verifier = f.basis = ""
            f.funds = None
            if sector == "major":
                f.major_key = t
                msector, loc, desc, cat, measures, basis, stop = MAJORS[t]
                f.location, f.description, f.category, f.level = loc, desc, cat, "major"
                f.basis, f.stop, f.measures = basis, stop, measures
                dept_sector = msector
            else:
                f.major_key = None
                locs, desc, cat, measures = t
                f.location = rng.pick(locs.split("|"))
                f.description, f.category, f.level, f.measures = desc, cat, "general", measures
                f.stop = "none"
                dept_sector = sector
            f.dept = rng.pick(DEPTS.get(dept_sector, DEPTS["generic"]))
            ident = (e.uscc, found, f.location, f.description)
            assert ident not in seen, ident
            seen.add(ident)
            findings.append(f)
    assign_history(rng, findings, staff)
    prefix_seq = {}
    for f in findings:
        prefix = NUMBER_PREFIX.get(f.ent.key)
        if prefix:
            prefix_seq[prefix] = prefix_seq.get(prefix, 0) + 1
            f.no = "%s-2021-%04d" % (prefix, prefix_seq[prefix])
    return findings, people


def assign_history(rng, findings, staff):
    """Give each finding a life cycle that is consistent as of the fill date."""
    for f in findings:
        owner_pool = staff[f.ent.key]
        verifiers = f.inspectors.split("、") + [f.ent.safety_contact]
        if f.major_key:
            word, due, done, verified = MAJOR_STATE[f.major_key]
            f.status_word = word
            if due:
                f.due, f.owner = D(due), f.ent.legal_rep  # 主要负责人 leads a major rectification
                f.funds = rng.pick([1200, 1850, 2600, 3500, 4800, 6000, 8500, 12000])
            else:
                f.measures = f.dept = ""
            f.completed = D(done) if done else None
            f.verified = D(verified) if verified else None
            f.verifier = f.inspectors.split("、")[0] if verified else ""
            f.status = {"已销号": "closed", "已验收": "closed", "整改中": "rectifying", "已五定": "rectifying",
                        "已整改": "submitted", "待验收": "submitted", "待整改": "open"}[word]
            continue
        age = (FILL_DATE - f.found).days
        if age >= 28:
            weights = [("spot", 20), ("closed", 45), ("submitted", 12), ("rectifying", 15), ("open", 8)]
        elif age >= 14:
            weights = [("spot", 20), ("closed", 25), ("submitted", 17), ("rectifying", 26), ("open", 12)]
        else:
            weights = [("spot", 18), ("closed", 4), ("submitted", 10), ("rectifying", 38), ("open", 30)]
        if f.category == "management":  # a missing drill or a stale ledger is never fixed on the spot
            weights = weights[1:]
        total = sum(w for _, w in weights)
        x = rng.random() * total
        for stage, w in weights:
            x -= w
            if x < 0:
                break
        f.status = "closed" if stage == "spot" else stage
        if stage == "spot":
            f.status_word = rng.pick(["已现场处理", "即查即改"])
            f.completed = f.found
            f.owner = ""
            f.dept = ""
            continue
        if stage == "open":
            f.status_word = rng.pick(["待整改", "待整改", "未整改"])
            f.measures = f.dept = ""
            continue
        f.owner = rng.pick(owner_pool)
        f.due = add_workdays(f.found, rng.pick([3, 5, 5, 10, 10, 15, 20, 30]))
        if rng.chance(0.45):
            f.funds = rng.pick([20, 30, 50, 80, 100, 120, 150, 200, 250, 375, 460, 500, 680])
        if stage == "rectifying":
            f.status_word = rng.pick(["整改中", "整改中", "已五定", "限期整改"])
            if f.due < DEMO_DATE and rng.chance(0.7):  # most late ones had their deadline moved
                f.due = add_workdays(FILL_DATE, rng.pick([1, 2, 3, 5, 8, 10, 15]))
            continue
        latest = min(FILL_DATE, f.due + datetime.timedelta(days=rng.pick([0, 0, 0, 0, 3])))
        span = max(1, (latest - f.found).days)
        f.completed = f.found + datetime.timedelta(days=1 + rng.below(span))
        if f.completed > FILL_DATE:
            f.completed = FILL_DATE
        if stage == "submitted":
            f.status_word = rng.pick(["已整改", "待验收", "已整改", "待复查"])
            continue
        verified = add_workdays(f.completed, rng.pick([1, 1, 2, 3, 5]))
        if verified > FILL_DATE:  # not verified yet after all
            f.status, f.status_word = "submitted", "待验收"
            continue
        f.verified = verified
        f.verifier = rng.pick([v for v in verifiers if v != f.owner])
        f.status_word = rng.pick(["已销号", "已验收", "已销号", "已复查"])
    # A few sheets leave 状态 empty and let the filled stages speak (the tool derives the status).
    blanks = {"closed": 1, "submitted": 1, "rectifying": 1}
    for f in findings[40:]:
        if f.major_key is None and blanks.get(f.status, 0) and f.status_word not in ("已现场处理", "即查即改"):
            blanks[f.status] -= 1
            f.status_word = ""
    # Three findings were recorded twice or wrongly and were voided.
    candidates = [f for f in findings if f.major_key is None and f.status == "open"]
    for i in (len(candidates) // 6, len(candidates) // 2, 5 * len(candidates) // 6):
        candidates[i].status, candidates[i].status_word = "void", "已作废"
    assert not any(blanks.values())


def finding_cells(seq, f):
    rng_style = f.date_style
    cat = CATEGORY_WORDS[f.category][(seq * 7) % len(CATEGORY_WORDS[f.category])]
    level = LEVEL_WORDS[f.level][(seq * 5) % len(LEVEL_WORDS[f.level])]

    def dt(d):
        return fmt_date(d, rng_style) if d else ""

    return [str(seq), f.no, f.ent.uscc, f.ent.name, f.found_text, f.kind, f.body, f.inspectors,
            f.location, f.description, cat, level, f.basis, dt(f.due), f.dept, f.owner, f.measures,
            fmt_wan(f.funds) if f.funds is not None else "", f.status_word, dt(f.completed),
            f.verifier, dt(f.verified)]


def write_findings_sheet(path, encoding, bom, findings):
    f, w = open_csv(path, encoding, bom=bom, crlf=True)
    blank = [""] * (len(FINDINGS_HEADER) - 1)
    with f:
        w.writerow([FINDINGS_TITLE] + blank)
        w.writerow([FINDINGS_SUBTITLE] + blank)
        w.writerow(FINDINGS_HEADER)
        total = 0
        for seq, item in enumerate(findings, 1):
            w.writerow(finding_cells(seq, item))
            total += item.funds or 0
        row = ["合计"] + [""] * (len(FINDINGS_HEADER) - 1)
        row[FINDINGS_HEADER.index("整改资金（万元）")] = fmt_wan(total)
        w.writerow(row)


def demo_facts(findings):
    """What a report on 2021-09-27 should say; printed so the README and report authors can check."""
    counts = {}
    for f in findings:
        counts[f.status] = counts.get(f.status, 0) + 1
    live = [f for f in findings if f.status != "void"]
    overdue = [f for f in live if f.status in ("open", "rectifying") and f.due and f.due < DEMO_DATE]
    due_week = [f for f in live if f.status in ("open", "rectifying") and f.due
                and DEMO_DATE <= f.due <= DEMO_DATE + datetime.timedelta(days=6)]
    majors = [f for f in live if f.level == "major"]
    lines = ["findings: %d (%d major), enterprises visited: %d, inspections: %d" % (
        len(findings), len(majors), len({f.ent.key for f in findings}),
        len({(f.ent.key, f.found, f.inspectors) for f in findings}))]
    lines.append("status on 2021-09-27: " + ", ".join("%s %d" % (s, counts.get(s, 0)) for s in
                                                       ["open", "rectifying", "submitted", "closed", "void"]))
    lines.append("  of closed, fixed on the spot: %d" % sum(1 for f in findings if f.status_word in ("已现场处理", "即查即改")))
    seq = {id(f): i for i, f in enumerate(findings, 1)}
    lines.append("major (序号 enterprise status): " + ", ".join("%d %s %s" % (seq[id(f)], f.ent.key, f.status) for f in majors))
    lines.append("void (序号): " + ", ".join(str(seq[id(f)]) for f in findings if f.status == "void"))
    lines.append("empty 状态, status derived (序号 -> status): " + ", ".join(
        "%d -> %s" % (seq[id(f)], f.status) for f in findings if not f.status_word))
    lines.append("given 隐患编号: %d rows; the other %d get YH-2021-… from the tool" % (
        sum(1 for f in findings if f.no), sum(1 for f in findings if not f.no)))
    lines.append("overdue on 2021-09-27: %d (%d major)" % (len(overdue), sum(1 for f in overdue if f.level == "major")))
    for f in sorted(overdue, key=lambda x: (x.due, x.ent.key)):
        lines.append("  due %s  %-5s %s %s | %s" % (f.due, f.level, f.ent.name, f.location, f.description.replace("\n", " ")))
    lines.append("due 2021-09-27..2021-10-03 (open/rectifying): %d" % len(due_week))
    lines.append("funds total (万元): %s" % fmt_wan(sum(f.funds or 0 for f in findings)))
    return "\n".join(lines)



# ---------------------------------------------------------------------------------------------
# A small file in the format `ankang hazard export --format csv` writes: English field names,
# stored codes, ISO dates, funds in yuan. July 2021, before the campaign.

SMALL_HEADER = ["no", "uscc", "enterprise", "found_on", "kind", "body", "found_by", "location", "description",
                "category", "level", "basis", "stop_production", "due_on", "owner_dept", "owner", "measures",
                "funds", "emergency_plan", "status", "completed_on", "verified_by", "verified_on", "closed_on",
                "voided_on", "sector"]


def small_findings(enterprises, people):
    e = {x.key: x for x in enterprises}
    own = {k: people.new() for k in ["C1", "C5", "H1", "K1", "G1", "I1", "R1", "S1"]}
    rows = [
        # key, found, kind, body, found_by, location, description, category, level, basis, stop, due,
        # dept, owner, measures, funds (fen), plan, status, completed, verified_by, verified, voided
        ("C1", "2021-07-05", "routine", "青海祥岭煤业有限责任公司安全科", e["C1"].safety_contact, "3108回风顺槽",
         "顶板离层仪读数超过报警值，未及时上报调度室", "environment", "general", "", "none", "2021-07-12",
         "综采队", own["C1"], "补打锚索加强支护，离层仪读数每班上报", 500000, "", "closed", "2021-07-10",
         e["C1"].safety_contact, "2021-07-12", ""),
        ("C1", "2021-07-05", "routine", "青海祥岭煤业有限责任公司安全科", e["C1"].safety_contact, "总回风巷",
         "调节风门两道同时打开，未形成闭锁", "behaviour", "general", "", "none", "", "", "", "现场关闭风门，对通过人员进行教育",
         None, "", "closed", "2021-07-05", e["C1"].safety_contact, "2021-07-05", ""),
        ("C5", "2021-07-07", "government", "海西州应急管理局", "何学军、扎西才让", "2107掘进工作面",
         "掘进工作面瓦斯检查存在漏检、假检，瓦斯检查工“空班漏检”后仍组织作业", "behaviour", "major",
         "《煤矿重大事故隐患判定标准》（应急管理部令第4号）第五条第（一）项", "partial", "2021-08-31", "通风区",
         e["C5"].legal_rep, "停止2107掘进工作面作业，更换瓦斯检查工，安装甲烷传感器与视频监控，开展全员培训", 35000000,
         "《2107掘进工作面瓦斯超限应急处置方案》", "rectifying", "", "", "", ""),
        ("H1", "2021-07-08", "special", "海东市应急管理局", "刘文斌、冶生海", "液氨罐区",
         "液氨储罐区围堰排水阀常开, 围堰内有积水", "environment", "general", "", "none", "", "", "", "", None, "",
         "open", "", "", "", ""),
        ("H1", "2021-07-08", "special", "海东市应急管理局", "刘文斌、冶生海", "装卸台",
         "装卸台未设置\"禁止烟火\"警示标志，静电释放球损坏", "equipment", "general", "", "none", "2021-07-15",
         "储运车间", own["H1"], "设置警示标志，更换静电释放球", 120000, "", "submitted", "2021-07-14", "", "", ""),
        ("K1", "2021-07-12", "union", "青海省总工会劳动保护部", "张卫东、李娜", "6#楼",
         "外脚手架首层未设置安全平网，\n作业层挡脚板缺失", "equipment", "general", "", "none", "2021-07-19", "项目部",
         own["K1"], "补设安全平网和挡脚板", 1250050, "", "rectifying", "", "", "", ""),
        ("G1", "2021-07-13", "government", "西宁市住房和城乡建设局", "孙海峰、罗志强", "LNG储罐区",
         "2号LNG储罐安全阀根部截止阀处于关闭状态，安全阀未正常投用", "equipment", "major",
         "安监总管三〔2017〕121号 第15项", "partial", "2021-07-30", "储配站", e["G1"].legal_rep,
         "全开截止阀并铅封，校验全部安全阀，建立安全附件台账", 8600000,
         "《LNG储罐泄漏及超压应急预案》", "closed", "2021-07-28", "罗志强", "2021-08-02", ""),
        ("F1", "2021-07-14", "special", "西宁市消防救援支队", "白春林、鲁国庆", "四层餐饮区",
         "餐饮区燃气管道穿越吊顶未设置套管", "equipment", "general", "", "none", "", "", "", "", None, "", "void",
         "", "", "", "2021-07-16"),
        ("N3", "2021-07-15", "special", "西宁市应急管理局", "陈晓东", "+2480平台",
         "平台边缘未设置安全车挡，运矿车辆距坡顶线不足2米", "equipment", "general", "", "none", "", "", "", "",
         None, "", "open", "", "", "", ""),
        ("S1", "2021-07-16", "special", "西宁市市场监督管理局", "周立华", "城北区某小区3号电梯",
         "电梯轿厢应急照明不亮，五方对讲不通", "equipment", "general", "", "none", "2021-07-21", "维保部",
         own["S1"], "更换应急电源，修复五方对讲", 350000, "", "closed", "2021-07-20", "周立华", "2021-07-22", ""),
        ("I1", "2021-07-19", "comprehensive", "西宁市应急管理局", "陈晓东、朱红霞", "铸造车间",
         "铸造机冷却水系统未设置断水报警，铝液包烘烤不彻底", "equipment", "general", "", "none", "2021-08-02",
         "铸造车间", own["I1"], "加装断水报警装置，完善铝液包烘烤制度", 2680000, "", "rectifying", "", "", "", ""),
        ("R1", "2021-07-20", "special", "海东市交通运输局", "杨海鹏", "青B-D5521车",
         "危险货物运输车辆卫星定位装置离线超过72小时", "management", "general", "", "none", "2021-07-23",
         "动态监控中心", own["R1"], "修复车载终端，落实动态监控值班", 80000, "", "submitted", "2021-07-22", "", "", ""),
    ]
    out = []
    for i, r in enumerate(rows, 1):
        (key, found, kind, body, by, loc, desc, cat, level, basis, stop, due, dept, owner, measures, funds, plan,
         status, completed, verifier, verified, voided) = r
        ent = e[key]
        closed = verified if status == "closed" else ""
        out.append(["YH-2021-%06d" % (900 + i), ent.uscc, ent.name, found, kind, body, by, loc, desc, cat, level,
                    basis, stop, due, dept, owner, measures, fmt_yuan(funds) if funds is not None else "", plan,
                    status, completed, verifier, verified, closed, voided, ent.sectors[0]])
    return out


def write_small(path, rows):
    f, w = open_csv(path, "utf-8")
    with f:
        w.writerow(SMALL_HEADER)
        for r in rows:
            w.writerow(r)



# ---------------------------------------------------------------------------------------------
# Benchmark data at any size: streamed, one row at a time.

BENCH_FINDINGS_HEADER = ["统一社会信用代码", "检查日期", "检查类型", "检查人", "隐患部位", "隐患描述", "隐患类别",
                         "隐患等级", "判定依据", "整改期限", "整改责任人", "整改资金（万元）"]

BENCH_SECTORS = [  # primary sector and its weight among a province's supervised enterprises
    ("industry_trade", 22), ("construction", 16), ("fire", 16), ("hazchem", 8), ("road", 7), ("gas", 5),
    ("special_equipment", 6), ("noncoal", 5), ("coal", 3), ("power", 4), ("energy", 2), ("education", 3),
    ("explosives", 1), ("fireworks", 1), ("other", 1),
]
BENCH_BANKS = {
    "coal": ["coal"], "noncoal": ["noncoal", "noncoal_ug", "noncoal_pit", "tailings"], "hazchem": ["hazchem"],
    "fireworks": ["explosives", "generic"], "explosives": ["explosives", "generic"],
    "industry_trade": ["industry_trade", "it_metal", "it_food"], "construction": ["construction"],
    "road": ["road"], "waterway": ["generic"], "fire": ["fire"], "gas": ["gas"],
    "special_equipment": ["special_equipment"], "power": ["power", "generic"], "energy": ["fuel_station", "generic"],
    "education": ["fire", "generic"], "other": ["generic", "fire"],
}
NAME_WORDS = ("祥岭 澜峰 朔源 福兴 岚泰 恒昇 盛拓 德溪 昆岳 金辉 磐石 青禾 泰隆 鑫源 高科 福源 宏达 晨阳 华筑 恒泰 "
              "宏远 鼎盛 润宁 汇源 福安 万嘉 雪域 青湖 天宇 安通 宁暖 澜湖 晶阳 青石 锦川 丰禾 金穗 永兴 安顺 捷达 "
              "岩安 瑞雪 格桑 柴达 湟润 河湟 雪莲 牦源 青稞 三江 昆泽 西岭 祁峰 卓越 聚鑫 合力 同心 远航 新锐 "
              "博远 汇丰 海纳 天泽 华源 盛隆 瑞泽 润丰 鸿泰 安康 兴旺 嘉禾 天佑 和顺 恒益 金河 银川 东升 宏基").split()
NAME_TRADE = {
    "coal": ["煤业", "煤炭开发", "矿业"], "noncoal": ["矿业", "石材", "砂石"], "hazchem": ["化工", "精细化工", "石化"],
    "fireworks": ["烟花爆竹"], "explosives": ["爆破工程", "民爆器材"], "industry_trade": ["铝业", "铁合金", "食品", "粮油", "建材", "机械制造"],
    "construction": ["建设工程", "建筑安装", "路桥建设", "市政工程"], "road": ["客运", "物流", "危险货物运输"],
    "waterway": ["航运"], "fire": ["商贸", "宾馆", "酒店管理", "购物中心"], "gas": ["燃气", "天然气", "液化气"],
    "special_equipment": ["电梯工程", "供热", "起重设备"], "power": ["新能源发电", "光伏电力", "水电开发"],
    "energy": ["石油销售", "能源"], "education": ["职业技术学校", "教育科技"], "other": ["实业", "物业服务"],
}
CHECK_KINDS = ["日常检查", "专项检查", "综合检查", "执法检查", "工会监督检查", "季节性检查", "节假日检查"]


def bench_enterprises(rng, count, path, encoding):
    """Writes the enterprises and returns what the findings need: (uscc, primary sector)."""
    out, usccs, names = [], set(), set()
    total = sum(w for _, w in BENCH_SECTORS)
    f, w = open_csv(path, encoding)
    with f:
        w.writerow(ENTERPRISE_HEADER_EN)
        for _ in range(count):
            x = rng.random() * total
            for sector, weight in BENCH_SECTORS:
                x -= weight
                if x < 0:
                    break
            code = rng.pick(COUNTIES)[0]
            while True:
                uscc = make_uscc(code, rng.uscc_body(new_style=rng.chance(0.8)))
                if uscc not in usccs:
                    break
            usccs.add(uscc)
            while True:
                county = COUNTY[code][2]
                if county.endswith("区"):  # a city district: companies take the city's name (西宁, 海东)
                    county = PREFECTURES[code[:4]][1]
                place = rng.pick(["青海", county[:-1] if len(county) > 2 else county])
                name = place + rng.pick(NAME_WORDS) + rng.pick(NAME_TRADE[sector]) + rng.pick(
                    ["有限公司", "有限责任公司", "股份有限公司"])
                if name not in names:
                    break
                name = None
                if len(names) > 0.8 * len(NAME_WORDS) ** 2:  # the plain names are used up: number them
                    name = "%s%s%d%s有限公司" % (place, rng.pick(NAME_WORDS), len(names), rng.pick(NAME_TRADE[sector]))
                    break
            names.add(name)
            sectors = [sector]
            if rng.chance(0.08):
                other = rng.pick(BENCH_SECTORS)[0]
                if other != sector:
                    sectors.append(other)
            w.writerow([uscc, "", name, ";".join(sectors), code, region_full(code),
                        full_address(code, COUNTY[code][2] + rng.pick(["工业园区", "城关镇", "经济开发区", "新区"])
                                     + "%d号" % rng.between(1, 300)),
                        person(rng), person(rng), phone(rng, code), str(rng.between(8, 1200)),
                        rng.pick(["red", "orange", "orange", "yellow", "yellow", "yellow", "blue", "blue"]),
                        "yes" if rng.chance(0.7) else "no"])
            out.append((uscc, sector))
    return out, usccs


def bench_findings(rng, enterprises, usccs, count, path, encoding, bad_fraction, year=2021):
    days = workdays_between("%d-01-04" % year, "%d-12-31" % year)
    bank = {s: templates_for(BENCH_BANKS[s]) for s in BENCH_BANKS}
    majors = {}
    for key, m in MAJORS.items():
        majors.setdefault(m[0], []).append(m)
    # exact arithmetic: exactly floor(fraction * count) bad rows, spread evenly
    exact = fractions.Fraction(str(bad_fraction))
    bad_num, bad_den = exact.numerator, exact.denominator
    bad_kinds = ["date", "enterprise", "level", "description"]
    bad_counts = dict.fromkeys(bad_kinds, 0)
    f, w = open_csv(path, encoding)
    written = bad = 0
    with f:
        w.writerow(BENCH_FINDINGS_HEADER)
        for di, day in enumerate(days):
            quota = count * (di + 1) // len(days) - count * di // len(days)
            used = set()  # (enterprise, location, description) of this day: a day never repeats a finding
            while quota > 0:
                uscc, sector = rng.pick(enterprises)
                size = min(quota, rng.between(3, 10))
                inspectors = person(rng) + ("、" + person(rng) if rng.chance(0.6) else "")
                kind = rng.pick(CHECK_KINDS)
                style = rng.pick(["iso", "iso", "iso", "iso", "iso", "iso", "slash", "slash", "cn", "slash0"])
                found = fmt_date(day, style, rng)
                templates = bank[sector]
                for _ in range(size):
                    for _attempt in range(20):
                        tsector, (locs, desc, cat, _measures) = rng.pick(templates)
                        loc = rng.pick(locs.split("|"))
                        if (uscc, loc, desc) not in used:
                            break
                    else:  # this enterprise's templates are used up today: a numbered place keeps it unique
                        loc = "%s%d号点" % (loc, len(used))
                    used.add((uscc, loc, desc))
                    level, basis = "一般", ""
                    if rng.chance(0.006) and tsector in majors:
                        m = rng.pick(majors[tsector])
                        loc, desc, cat, level, basis = m[1], m[2], m[3], "重大", m[5]
                        if (uscc, loc, desc) in used:
                            loc = "%s%d号点" % (loc, len(used))
                        used.add((uscc, loc, desc))
                    due = owner = funds = ""
                    if rng.chance(0.55):
                        due = fmt_date(add_workdays(day, rng.pick([3, 5, 10, 15, 30])), style if style in ("iso", "slash", "cn") else "iso")
                        owner = person(rng)
                        if rng.chance(0.35) or basis:
                            funds = fmt_wan(rng.pick([20, 50, 80, 100, 150, 300, 500, 1200, 3500]))
                    row = [uscc, found, kind, inspectors, loc, desc, rng.pick(CATEGORY_WORDS[cat]), level, basis,
                           due, owner, funds]
                    if bad_num and (written + 1) * bad_num // bad_den > written * bad_num // bad_den:
                        kind_bad = bad_kinds[bad % 4]
                        bad += 1
                        bad_counts[kind_bad] += 1
                        if kind_bad == "date":
                            row[1] = rng.pick(["%d-02-30" % year, "%d-13-05" % year, "%d/9/31" % year, "%d年4月31日" % year])
                        elif kind_bad == "enterprise":
                            while True:
                                other = make_uscc(rng.pick(COUNTIES)[0], rng.uscc_body())
                                if other not in usccs:
                                    break
                            row[0] = other
                        elif kind_bad == "level":
                            row[7] = rng.pick(["较大", "C级", "特别重大", "严重"])
                        else:
                            row[5] = ""
                    w.writerow(row)
                    written += 1
                    quota -= 1
    return written, bad_counts


def cmd_bench(args):
    if args.findings < 0 or args.enterprises < 1:
        sys.exit("gen_data.py: --enterprises must be at least 1 and --findings at least 0")
    if not 0 <= args.bad_fraction <= 1:
        sys.exit("gen_data.py: --bad-fraction must be between 0 and 1")
    os.makedirs(args.out, exist_ok=True)
    rng = Rng(args.seed)
    enterprises, usccs = bench_enterprises(rng, args.enterprises, os.path.join(args.out, "enterprises.csv"), args.encoding)
    written, bad = bench_findings(rng, enterprises, usccs, args.findings, os.path.join(args.out, "findings.csv"),
                                  args.encoding, args.bad_fraction)
    print("wrote %d enterprises and %d findings (%d bad: %s) to %s in %s" % (
        len(enterprises), written, sum(bad.values()),
        ", ".join("%d %s" % (n, k) for k, n in bad.items()), args.out, args.encoding))


# ---------------------------------------------------------------------------------------------

# ---- campaign records: the 三违 log and the special trainings of the 2021 campaign -------------

VIOLATION_HEADER = ["统一社会信用代码", "企业名称", "日期", "三违类别", "违章行为", "地点", "违章人员", "匿名", "班组",
                    "处理情况", "报告人"]
EXAMPLE_VIOLATIONS = [
    ("916322245160049509", "青海祥岭煤业有限责任公司", "2021-08-18", "违章作业", "掘进工作面空顶作业，未执行敲帮问顶",
     "北翼运输巷", "马福财", "否", "掘进二队", "停工整改，罚款200元，重新培训", "安监科"),
    ("916322245160049509", "青海祥岭煤业有限责任公司", "2021-08-25", "违章指挥", "带班队长安排未经培训人员操作绞车",
     "副井井口", "", "是", "运输队", "撤换带班队长，全矿通报", "安监科"),
    ("91632222MAL2NW1E04", "祁连县朔源煤业有限公司", "2021-09-02", "违反劳动纪律", "当班瓦斯检查工脱岗",
     "1102采煤工作面", "赵得明", "否", "通风队", "批评教育，扣发当月安全奖", "通风科"),
    ("91632823MAHFBCQMXB", "青海岚泰煤业有限公司", "2021-09-07", "违章作业", "井下未佩戴自救器进入采区",
     "3101回风巷", "韩生贵", "否", "采煤一队", "责令出井，重新培训", "安全员"),
    ("91630202067207137D", "海东市泰隆化工有限公司", "2021-08-31", "违章作业", "动火作业未办理动火作业票",
     "合成车间管廊", "", "是", "维修班", "停止作业，补办作业票，班长停岗学习", "车间主任"),
    ("91630104MAKEX1EE20", "青海华筑建设工程有限公司", "2021-09-09", "违章作业", "高处作业未系安全带",
     "3号楼12层外架", "李国强", "否", "架子工班组", "现场制止，罚款100元", "项目安全员"),
    ("91630104MAKEX1EE20", "青海华筑建设工程有限公司", "2021-09-16", "违章指挥", "项目副经理指挥塔吊在六级大风中吊装",
     "2号塔吊", "", "是", "塔吊班组", "停工整改，项目部通报批评", "监理单位"),
    ("91632521MANTRLRW3W", "共和县青禾砂石有限公司", "2021-09-22", "违反劳动纪律", "破碎机操作工班中饮酒",
     "破碎车间", "马占林", "否", "生产班", "调离岗位，按厂规处理", "厂长"),
]

TRAINING_HEADER = ["统一社会信用代码", "企业名称", "培训日期", "培训主题", "培训对象", "参训人数", "学时", "培训形式",
                   "组织单位"]
EXAMPLE_TRAININGS = [
    ("916322245160049509", "青海祥岭煤业有限责任公司", "2021-08-20", "8·14顶板事故警示教育", "全员", "286", "2", "现场",
     "刚察县总工会"),
    ("91632222MAL2NW1E04", "祁连县朔源煤业有限公司", "2021-08-27", "新入职矿工三级安全教育", "新入职人员", "24", "72",
     "现场", "矿安全培训中心"),
    ("91632823MAHFBCQMXB", "青海岚泰煤业有限公司", "2021-09-03", "瓦斯检查工、安全检查工复训", "特种作业人员", "18", "24",
     "现场", "海西州煤矿安全培训中心"),
    ("91630202067207137D", "海东市泰隆化工有限公司", "2021-09-06", "动火、受限空间作业安全", "非常规作业人员", "32", "4",
     "现场", "海东市总工会"),
    ("91630104MAKEX1EE20", "青海华筑建设工程有限公司", "2021-09-10", "外协队伍进场安全交底", "外协作业人员", "56", "2",
     "现场", "项目部"),
    ("91630104775965932A", "西宁润宁燃气有限公司", "2021-09-14", "燃气管网巡检高风险岗位培训", "高风险岗位人员", "40",
     "3", "线上", "公司安全部"),
    ("91632801MA71N36C08", "格尔木市天宇商厦有限公司", "2021-09-17", "消防安全“四个能力”培训", "全员", "120", "1.5",
     "线上", "格尔木市消防救援大队"),
]


def write_campaign_records(out_dir):
    for name, header, rows in (("violations-2021.csv", VIOLATION_HEADER, EXAMPLE_VIOLATIONS),
                               ("training-2021.csv", TRAINING_HEADER, EXAMPLE_TRAININGS)):
        f, w = open_csv(os.path.join(out_dir, name), "utf-8")
        with f:
            w.writerow(header)
            for r in rows:
                w.writerow(r)


def cmd_examples(args):
    os.makedirs(args.out, exist_ok=True)
    enterprises = example_enterprises()
    write_example_enterprises(args.out, enterprises)
    findings, people = campaign_findings(enterprises)
    write_findings_sheet(os.path.join(args.out, "findings-2021.csv"), "utf-8", True, findings)
    write_findings_sheet(os.path.join(args.out, "findings-2021-gb18030.csv"), "gb18030", False, findings)
    write_small(os.path.join(args.out, "findings-small.csv"), small_findings(enterprises, people))
    write_campaign_records(args.out)
    if args.facts:
        print(demo_facts(findings))


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="mode", required=True)
    ex = sub.add_parser("examples", help="write the committed example files")
    ex.add_argument("--out", required=True)
    ex.add_argument("--facts", action="store_true", help="print the demo facts of the 2021 campaign sheet")
    bn = sub.add_parser("bench", help="write DIR/enterprises.csv and DIR/findings.csv at any size")
    bn.add_argument("--enterprises", type=int, default=20000)
    bn.add_argument("--findings", type=int, default=1000000)
    bn.add_argument("--out", required=True)
    bn.add_argument("--encoding", choices=["utf-8", "gb18030"], default="utf-8")
    bn.add_argument("--bad-fraction", type=float, default=0.0,
                    help="this fraction of the findings is invalid, one fault each: impossible date, "
                         "unknown enterprise, bad level, empty description (default 0)")
    bn.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    if args.mode == "examples":
        cmd_examples(args)
    else:
        cmd_bench(args)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
