#include "domain/codes.hpp"

#include "domain/text_key.hpp"

#include "error.hpp"
#include "text.hpp"

#include <array>
#include <fmt/format.h>

#include <vector>

namespace ankang::domain {

namespace {

bool iequals(std::string_view a, std::string_view b)
{
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

constexpr std::array k_levels{
    CodeInfo{"general", "一般", "general", "一般隐患|一般事故隐患|一般安全隐患|minor|low"},
    CodeInfo{"major", "重大", "major", "重大隐患|重大事故隐患|重大安全隐患|high"},
};

constexpr std::array k_statuses{
    CodeInfo{"open", "待整改", "open", "未整改|未五定|已登记|待处理|new"},
    CodeInfo{"rectifying", "整改中", "rectifying", "已五定|已下达|限期整改|in_progress|in-progress"},
    CodeInfo{"submitted", "待验收", "submitted", "已整改|待复查|已完成|done"},
    CodeInfo{"closed", "已销号", "closed", "已验收|已复查|已关闭|已闭环|已完成销号"},
    CodeInfo{"void", "已作废", "void", "作废|无效|voided"},
};

// The nature of a hazard (16号令: 物的危险状态, 人的不安全行为, 管理缺陷; 环境 in practice) with the
// words real ledgers use for it. 基础管理(类) of the DB37/T 4085 scope axis is the management
// kind (制度, 培训, 台账, 证照). 现场管理(类) spans equipment, environment and behaviour, so it is no
// synonym: like 消防安全 or 职业健康 it is kept as written under 'other' (issue 13 point 1).
constexpr std::array k_categories{
    CodeInfo{"equipment", "物的不安全状态", "equipment",
             "设备设施|物的危险状态|物的不安全状态|物|设备|设施|物的因素|设备设施类|物的不安全状态类|机械设备|设备类"},
    CodeInfo{"behaviour", "人的不安全行为", "behaviour",
             "人员行为|人的不安全行为|人|behavior|行为|人的因素|人的不安全行为类|违章作业|违章指挥|违反劳动纪律|三违|"
             "操作行为|从业人员操作行为|作业行为"},
    CodeInfo{"management", "管理缺陷", "management",
             "安全管理|管理上的缺陷|管理|管理缺陷|基础管理|基础管理类|管理因素|管理缺陷类|安全管理类|管理类|规章制度|"
             "安全管理制度|教育培训|安全教育培训|安全培训"},
    CodeInfo{"environment", "环境", "environment",
             "作业环境|环境因素|环境|场所环境|作业场所|作业场所环境|环境类|作业环境类|现场环境"},
    CodeInfo{"other", "其他", "other", "其它"},
};

constexpr std::array k_sectors{
    CodeInfo{"coal", "煤矿", "coal mine", "煤矿|煤炭|coal_mine"},
    CodeInfo{"noncoal", "非煤矿山", "non-coal mine", "金属非金属矿山|非煤|尾矿库|non-coal|non_coal"},
    CodeInfo{"hazchem", "危险化学品", "hazardous chemicals", "危化品|危化|危险化学品|化工|化工和危险化学品|chemicals"},
    CodeInfo{"fireworks", "烟花爆竹", "fireworks", "烟花|爆竹"},
    CodeInfo{"explosives", "民爆器材", "civil explosives", "民用爆炸物品|民爆|civil_explosives"},
    CodeInfo{"industry_trade", "工贸", "industry and trade", "工贸行业|冶金|有色|建材|机械|轻工|纺织|烟草|商贸|industry-trade"},
    CodeInfo{"construction", "建筑施工", "construction", "建筑|房屋市政工程|建设工程|施工"},
    CodeInfo{"road", "道路交通", "road traffic", "道路运输|交通运输|道路"},
    CodeInfo{"waterway", "水上交通", "waterway", "水上交通和渔业船舶|渔业船舶|水运"},
    CodeInfo{"fire", "消防", "fire safety", "消防安全|人员密集场所|fire_safety"},
    CodeInfo{"gas", "城镇燃气", "urban gas", "燃气|城镇燃气|city_gas|urban_gas"},
    CodeInfo{"special_equipment", "特种设备", "special equipment", "特种设备|special-equipment"},
    CodeInfo{"power", "电力", "power", "电力行业|electric_power"},
    CodeInfo{"energy", "能源", "energy", "石油天然气|石油天然气开采|长输管线"},
    CodeInfo{"education", "教育", "education", "学校|教育系统"},
    CodeInfo{"other", "其他", "other", "其它"},
};

constexpr std::array k_risk_levels{
    CodeInfo{"red", "重大风险", "red", "红|红色|重大|major"},
    CodeInfo{"orange", "较大风险", "orange", "橙|橙色|较大"},
    CodeInfo{"yellow", "一般风险", "yellow", "黄|黄色|一般|general"},
    CodeInfo{"blue", "低风险", "blue", "蓝|蓝色|低|low"},
};

constexpr std::array k_stop_production{
    CodeInfo{"none", "无", "none", "否|不停产|no"},
    CodeInfo{"partial", "局部停产", "partial", "局部|部分停产|部分"},
    CodeInfo{"full", "全部停产", "full", "全部|停产|全面停产|yes"},
};

constexpr std::array k_inspection_kinds{
    CodeInfo{"routine", "日常检查", "routine", "日常|日常排查|日常检查"},
    CodeInfo{"comprehensive", "综合检查", "comprehensive", "综合|综合排查"},
    CodeInfo{"special", "专项检查", "special", "专项|专项排查|专项整治"},
    CodeInfo{"seasonal", "季节性检查", "seasonal", "季节性|季节性排查"},
    CodeInfo{"holiday", "节假日检查", "holiday", "节假日|节前检查|节假日前检查"},
    CodeInfo{"restart", "复产复工检查", "restart", "复产复工|复工复产|复工检查"},
    CodeInfo{"union", "工会监督检查", "union", "工会|工会监督|工会检查|劳动保护监督检查"},
    CodeInfo{"government", "执法检查", "government", "执法|政府检查|监督检查|行政执法"},
    CodeInfo{"expert", "专家诊断", "expert", "专家|专家检查|专家会诊"},
    CodeInfo{"other", "其他检查", "other", "其他|其它"},
};

constexpr CodeSet k_level_set{"level", k_levels};
constexpr CodeSet k_status_set{"status", k_statuses};
constexpr CodeSet k_category_set{"category", k_categories};
constexpr CodeSet k_sector_set{"sector", k_sectors};
constexpr CodeSet k_risk_set{"risk level", k_risk_levels};
constexpr CodeSet k_stop_set{"stop_production", k_stop_production};
constexpr CodeSet k_kind_set{"inspection kind", k_inspection_kinds};

}  // namespace

std::optional<std::string_view> CodeSet::parse(std::string_view input) const
{
  input = trim_blanks(input);
  if (input.empty()) return std::nullopt;
  for (const auto& e : m_entries)
    if (iequals(input, e.code) || input == e.zh || iequals(input, e.en)) return e.code;
  for (const auto& e : m_entries) {
    std::string_view rest = e.aliases;
    while (!rest.empty()) {
      const auto bar = rest.find('|');
      const auto alias = rest.substr(0, bar);
      if (iequals(input, alias)) return e.code;
      if (bar == std::string_view::npos) break;
      rest.remove_prefix(bar + 1);
    }
  }
  return std::nullopt;
}

std::string_view CodeSet::parse_or_throw(std::string_view input) const
{
  if (auto code = parse(input)) return *code;
  throw Error(ErrorKind::invalid_input, fmt::format("unknown {} {}: expected one of {}", m_what, quote_value(input), valid_values()));
}

bool CodeSet::contains(std::string_view code) const
{
  for (const auto& e : m_entries)
    if (e.code == code) return true;
  return false;
}

std::string_view CodeSet::label(std::string_view code, Lang lang) const
{
  for (const auto& e : m_entries)
    if (e.code == code) return lang == Lang::zh ? e.zh : e.en;
  return code;
}

std::string CodeSet::valid_values() const
{
  std::string out;
  for (const auto& e : m_entries) {
    if (!out.empty()) out += ", ";
    out += fmt::format("{} ({})", e.code, e.zh);
  }
  return out;
}

std::string CodeSet::closest(std::string_view input) const
{
  std::vector<std::string_view> words;
  std::vector<size_t> entry_of;
  for (size_t i = 0; i < m_entries.size(); ++i) {
    const auto& e = m_entries[i];
    for (auto w : {e.code, e.zh, e.en}) {
      words.push_back(w);
      entry_of.push_back(i);
    }
    for (std::string_view rest = e.aliases; !rest.empty();) {
      const auto bar = rest.find('|');
      words.push_back(rest.substr(0, bar));
      entry_of.push_back(i);
      rest = bar == std::string_view::npos ? std::string_view() : rest.substr(bar + 1);
    }
  }
  const auto best = closest_word(input, words);
  if (best.empty()) return {};
  for (size_t i = 0; i < words.size(); ++i)
    if (words[i].data() == best.data())
      return fmt::format("{} ({})", m_entries[entry_of[i]].code, m_entries[entry_of[i]].zh);
  return {};
}

const CodeSet& hazard_levels() { return k_level_set; }
const CodeSet& hazard_statuses() { return k_status_set; }
const CodeSet& hazard_categories() { return k_category_set; }
const CodeSet& sectors() { return k_sector_set; }
const CodeSet& risk_levels() { return k_risk_set; }
const CodeSet& stop_production_kinds() { return k_stop_set; }
const CodeSet& inspection_kinds() { return k_kind_set; }

Lang parse_lang(std::string_view text)
{
  if (text == "zh" || text == "zh-CN" || text == "中文" || text == "chinese") return Lang::zh;
  if (text == "en" || text == "english" || text == "English") return Lang::en;
  throw Error(ErrorKind::usage, fmt::format("unknown language {}: expected zh or en", quote_value(text)));
}

}  // namespace ankang::domain
