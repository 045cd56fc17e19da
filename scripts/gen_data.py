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

def cmd_examples(args):
    os.makedirs(args.out, exist_ok=True)
    enterprises = example_enterprises()
    write_example_enterprises(args.out, enterprises)


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="mode", required=True)
    ex = sub.add_parser("examples", help="write the committed example files")
    ex.add_argument("--out", required=True)
    args = ap.parse_args(argv)
    if args.mode == "examples":
        cmd_examples(args)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
