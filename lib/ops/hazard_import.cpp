#include "ops/hazard_import.hpp"

#include "domain/codes.hpp"
#include "domain/deadline.hpp"
#include "domain/money.hpp"
#include "domain/text_key.hpp"
#include "domain/uscc.hpp"
#include "error.hpp"
#include "io/csv_reader.hpp"
#include "ops/import_driver.hpp"
#include "ops/import_duplicates.hpp"
#include "store/calendar_store.hpp"
#include "store/enterprise_store.hpp"
#include "store/hazard_store.hpp"
#include "store/inspection_store.hpp"
#include "store/region_store.hpp"
#include "text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <deque>
#include <memory>
#include <tuple>
#include <unordered_map>

namespace ankang::ops {

namespace {

using domain::Date;
using domain::HazardStatus;
using store::Hazard;

using K = CellKind;

// The hazard import's field table: key (the export header), the headers real sheets use, the
// column it is stored in and what a person calls it.
constexpr std::array k_hazard_fields{
    ImportField{"no", "隐患编号|编号|隐患序号|hazard_no", false, K::text, "hazard.no", "隐患编号", "hazard number"},
    ImportField{"uscc", "统一社会信用代码|信用代码|社会信用代码|企业信用代码|统一代码", false, K::uscc,
                "hazard.enterprise_id", "统一社会信用代码", "credit code"},
    ImportField{"enterprise", "企业名称|单位名称|企业|被检查单位|被检查企业|name|enterprise_name", false, K::text,
                "hazard.enterprise_id", "企业名称", "enterprise"},
    ImportField{"found_on", "检查日期|排查日期|发现日期|检查时间|排查时间|发现时间|date", true, K::date,
                "hazard.found_on", "检查日期", "date found"},
    ImportField{"kind", "检查类型|检查方式|检查形式|排查类型|inspection_kind", false, K::code, "inspection.kind",
                "检查类型", "inspection kind", domain::inspection_kinds},
    ImportField{"body", "检查单位|检查组|检查机构|排查单位|inspection_body", false, K::text, "inspection.body",
                "检查单位", "inspecting body"},
    ImportField{"found_by", "检查人|排查人|检查人员|排查人员|发现人|inspectors", false, K::text, "hazard.found_by",
                "检查人", "inspectors"},
    ImportField{"location", "隐患部位|部位|地点|隐患地点|隐患位置|位置", false, K::text, "hazard.location", "隐患部位",
                "location"},
    ImportField{"description", "隐患描述|隐患内容|存在问题|问题描述|隐患情况|存在的问题|隐患", true, K::text,
                "hazard.description", "隐患描述", "description"},
    ImportField{"category", "隐患类别|隐患类型|类别|隐患分类", false, K::code, "hazard.category", "隐患类别", "category",
                domain::hazard_categories},
    ImportField{"level", "隐患等级|隐患级别|等级|级别", false, K::code, "hazard.level", "隐患等级", "level",
                domain::hazard_levels},
    ImportField{"basis", "判定依据|依据|重大隐患判定依据", false, K::text, "hazard.basis", "判定依据", "basis"},
    ImportField{"stop_production", "停产停业|是否停产|停产情况", false, K::code, "hazard.stop_production", "停产停业",
                "stop production", domain::stop_production_kinds},
    ImportField{"due_on", "整改期限|整改时限|限期|整改期限日期|整改截止日期|deadline", false, K::date, "hazard.due_on",
                "整改期限", "deadline"},
    ImportField{"owner_dept", "整改责任单位|责任单位|责任部门|整改责任部门", false, K::text, "hazard.owner_dept",
                "整改责任单位", "responsible unit"},
    ImportField{"owner", "整改责任人|责任人", false, K::text, "hazard.owner", "整改责任人", "owner"},
    ImportField{"measures", "整改措施|措施|整改方案", false, K::text, "hazard.measures", "整改措施", "measures"},
    ImportField{"funds", "整改资金|资金|整改资金投入|治理资金", false, K::money, "hazard.funds_fen", "整改资金", "funds"},
    ImportField{"emergency_plan", "应急预案|预案|应急措施", false, K::text, "hazard.emergency_plan", "应急预案",
                "emergency plan"},
    ImportField{"status", "状态|整改状态|整改情况|治理状态", false, K::text, "hazard.status", "状态", "status"},
    ImportField{"on_spot", "即查即改|现场整改|是否即查即改|是否现场整改|立查立改", false, K::flag, "hazard.on_spot",
                "即查即改", "fixed on the spot"},
    ImportField{"completed_on", "整改完成日期|完成日期|整改完成时间|完成时间", false, K::date, "hazard.completed_on",
                "整改完成日期", "completed"},
    ImportField{"verified_by", "验收人|复查人|验收人员", false, K::text, "hazard.verified_by", "验收人", "verified by"},
    ImportField{"verified_on", "验收日期|复查日期|验收时间|复查时间", false, K::date, "hazard.verified_on", "验收日期",
                "verified"},
    ImportField{"closed_on", "销号日期|销号时间", false, K::date, "hazard.closed_on", "销号日期", "closed"},
    ImportField{"voided_on", "作废日期", false, K::date, "hazard.voided_on", "作废日期", "voided"},
    ImportField{"sector", "行业领域|行业|所属行业|行业类别", false, K::code, "hazard.sector", "行业领域", "sector",
                domain::sectors},
    // Only for --create-missing-enterprises: the region of an enterprise the import creates.
    ImportField{"region", "所属地区|所属区域|行政区划|所在地区|所属县区|所在县区|区县|县区|地区", false, K::text,
                "enterprise.region_code", "所属地区", "region"},
};
const std::vector<io::FieldSpec> k_sheet_fields = sheet_fields(k_hazard_fields);

// Indexes into k_hazard_fields, resolved once against the sheet.
struct Columns {
  size_t no, uscc, enterprise, found_on, kind, body, found_by, location, description, category, level, basis,
      stop_production, due_on, owner_dept, owner, measures, funds, emergency_plan, status, on_spot, completed_on,
      verified_by, verified_on, closed_on, voided_on, sector, region;
  explicit Columns(const io::Sheet& s)
      : no(s.field("no")), uscc(s.field("uscc")), enterprise(s.field("enterprise")), found_on(s.field("found_on")),
        kind(s.field("kind")), body(s.field("body")), found_by(s.field("found_by")), location(s.field("location")),
        description(s.field("description")), category(s.field("category")), level(s.field("level")),
        basis(s.field("basis")), stop_production(s.field("stop_production")), due_on(s.field("due_on")),
        owner_dept(s.field("owner_dept")), owner(s.field("owner")), measures(s.field("measures")),
        funds(s.field("funds")), emergency_plan(s.field("emergency_plan")), status(s.field("status")),
        on_spot(s.field("on_spot")),
        completed_on(s.field("completed_on")), verified_by(s.field("verified_by")),
        verified_on(s.field("verified_on")), closed_on(s.field("closed_on")), voided_on(s.field("voided_on")),
        sector(s.field("sector")), region(s.field("region"))
  {
  }
};

// A row error: the field it is about (or none) and why.
struct RowError {
  std::optional<size_t> field;
  std::string why;
};

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};
template <class V>
using StringMap = std::unordered_map<std::string, V, StringHash, std::equal_to<>>;

// Every enterprise, loaded once: the import looks each row's enterprise up in memory.
class EnterpriseIndex {
public:
  explicit EnterpriseIndex(store::Database& db)
  {
    store::load_enterprise_refs(db, [this](store::EnterpriseRef&& e) { add(std::move(e)); });
  }
  const store::EnterpriseRef* by_uscc(std::string_view uscc) const
  {
    const auto it = m_by_uscc.find(uscc);
    return it == m_by_uscc.end() ? nullptr : &m_all[it->second];
  }
  // nullptr when unknown; `ambiguous` set when several share the name.
  const store::EnterpriseRef* by_name(std::string_view name, bool& ambiguous) const
  {
    ambiguous = false;
    const auto it = m_by_name.find(name);
    if (it == m_by_name.end()) return nullptr;
    if (it->second < 0) {
      ambiguous = true;
      return nullptr;
    }
    return &m_all[static_cast<size_t>(it->second)];
  }
  std::string usccs_named(std::string_view name) const
  {
    std::string out;
    for (const auto& e : m_all)
      if (e.name == name) out += fmt::format("{}{}", out.empty() ? "" : ", ", e.uscc);
    return out;
  }
  const store::EnterpriseRef* by_id(store::EnterpriseId id) const
  {
    const auto it = m_by_id.find(id.value);
    return it == m_by_id.end() ? nullptr : &m_all[it->second];
  }
  void add(store::EnterpriseRef e)
  {
    const size_t i = m_all.size();
    m_by_uscc.emplace(e.uscc, i);
    m_by_id.emplace(e.id.value, i);
    auto [it, inserted] = m_by_name.emplace(e.name, static_cast<int64_t>(i));
    if (!inserted) it->second = -1;  // a name shared by several: only the USCC can tell them apart
    m_all.push_back(std::move(e));
  }

private:
  std::deque<store::EnterpriseRef> m_all;  // a deque keeps the addresses handed out
  StringMap<size_t> m_by_uscc;
  StringMap<int64_t> m_by_name;
  std::unordered_map<int64_t, size_t> m_by_id;
};

bool has_five_items(const Hazard& h)
{
  return !h.owner.empty() && !h.measures.empty() && h.funds && h.due_on && !h.emergency_plan.empty();
}

std::string_view status_label(HazardStatus s)
{
  return domain::hazard_statuses().label(domain::code(s), domain::Lang::zh);
}

// One row's work: validate and convert into `h` (whose strings are reused from row to row),
// derive the status and its dated history. Returns the first problem, if any.
class RowReader {
public:
  RowReader(ImportRun& run, const Columns& c, const Actor& actor)
      : m_db(run.db()), m_run(run), m_sheet(run.sheet()), m_c(c), m_actor(actor)
  {
    m_funds_unit = m_sheet.unit(c.funds).find("万") != std::string_view::npos ? domain::MoneyUnit::wan_yuan
                                                                             : domain::MoneyUnit::yuan;
  }

  // Every problem of the row goes to `errors` (issue 13 point 8: a user fixes a row once).
  void read(const io::SheetRow& row, const store::EnterpriseRef& enterprise, Hazard& h, LedgerStatus& status,
            std::vector<RowError>& errors)
  {
    m_row = &row;
    const auto check = [&](std::optional<RowError> e) {
      if (e) errors.push_back(std::move(*e));
      return !e;
    };
    h.enterprise_id = enterprise.id;
    const bool found_ok = check(date(m_c.found_on, true, h.found_on));
    if (found_ok && h.found_on > m_actor.on)
      errors.push_back(RowError{m_c.found_on, fmt::format("the day found is after today ({})", m_actor.on.iso())});
    h.no.clear();
    if (const auto no = get(m_c.no); !no.empty()) {
      // Issue 14 point 10: NFKC, then ASCII only (a Cyrillic С must not make a second GC-…).
      std::string why;
      if (auto id = domain::ascii_identifier(no, why))
        h.no = std::move(*id);
      else
        errors.push_back(RowError{m_c.no, why});
    }
    assign(h.found_by, m_c.found_by);
    assign(h.location, m_c.location);
    assign(h.description, m_c.description);
    if (h.description.empty()) errors.push_back(RowError{m_c.description, "the description is empty"});
    category(h);
    std::string level;
    check(code(domain::hazard_levels(), m_c.level, level));
    h.level = level == "major" ? domain::HazardLevel::major : domain::HazardLevel::general;
    assign(h.basis, m_c.basis);
    if (h.level == domain::HazardLevel::major && h.basis.empty())
      errors.push_back(RowError{m_sheet.has(m_c.basis) ? m_c.basis : m_c.level,
                                "a major hazard (重大隐患) needs its basis (判定依据)"});
    check(code(domain::stop_production_kinds(), m_c.stop_production, h.stop_production));
    if (h.stop_production.empty()) h.stop_production = "none";
    check(code(domain::sectors(), m_c.sector, h.sector));
    if (h.sector.empty()) h.sector = enterprise.primary_sector.empty() ? "other" : enterprise.primary_sector;
    if (found_ok) check(deadline(h));
    assign(h.owner_dept, m_c.owner_dept);
    assign(h.owner, m_c.owner);
    assign(h.measures, m_c.measures);
    check(funds(h));
    assign(h.emergency_plan, m_c.emergency_plan);
    assign(h.verified_by, m_c.verified_by);
    bool dates_ok = check(optional_date(m_c.completed_on, h.completed_on));
    dates_ok = check(optional_date(m_c.verified_on, h.verified_on)) && dates_ok;
    dates_ok = check(optional_date(m_c.closed_on, h.closed_on)) && dates_ok;
    dates_ok = check(optional_date(m_c.voided_on, h.voided_on)) && dates_ok;
    if (!found_ok || !dates_ok) return;
    for (auto [field, d] : {std::pair{m_c.completed_on, h.completed_on}, std::pair{m_c.verified_on, h.verified_on},
                            std::pair{m_c.closed_on, h.closed_on}, std::pair{m_c.voided_on, h.voided_on}})
      if (d && *d < h.found_on)
        errors.push_back(RowError{field, fmt::format("is before the day the hazard was found ({})", h.found_on.iso())});
    if (h.completed_on && h.verified_on && *h.verified_on < *h.completed_on)
      errors.push_back(
          RowError{m_c.verified_on, fmt::format("is before the rectification was completed ({})", h.completed_on->iso())});
    check(derive_status(h, status));  // with the row's other problems (issue 13 point 8)
  }

  // Issue 13 point 1: an optional coded column never costs a finding. A category that is no
  // code or synonym is stored as 'other' with the sheet's words; required codes (level) stay strict.
  void category(Hazard& h) const
  {
    h.category_text.clear();
    const auto v = get(m_c.category);
    if (v.empty()) {
      h.category.clear();
      return;
    }
    auto c = domain::hazard_categories().parse(v);
    if (!c) c = domain::hazard_categories().parse(domain::nfkc(v));  // full-width letters
    if (c) {
      h.category.assign(*c);
      return;
    }
    h.category = "other";
    h.category_text.assign(v);
  }

  // --on-conflict update (issue 13 points 3 and 4): `stored` with what this row says, into
  // `out`. A column the sheet lacks never changes a field; a blank cell changes it only with
  // --blank clear. The status moves only forward along the life cycle (DESIGN §4): a status word
  // that would take the hazard back is a row error; stage dates that are behind it change nothing.
  std::optional<RowError> merge(const Hazard& stored, const Hazard& h, const LedgerStatus& s, bool blank_clear,
                                Hazard& out) const
  {
    out = stored;
    const auto given = [&](size_t field) { return m_sheet.has(field) && (blank_clear || !get(field).empty()); };
    if (given(m_c.found_on)) out.found_on = h.found_on;
    if (given(m_c.found_by)) out.found_by = h.found_by;
    if (given(m_c.location)) out.location = h.location;
    if (given(m_c.description)) out.description = h.description;
    if (given(m_c.category)) {
      out.category = h.category;
      out.category_text = h.category_text;
    }
    if (given(m_c.level)) out.level = h.level;
    if (given(m_c.basis)) out.basis = h.basis;
    if (given(m_c.stop_production)) out.stop_production = h.stop_production;
    if (m_sheet.has(m_c.sector) && !get(m_c.sector).empty()) out.sector = h.sector;  // never blank
    if (given(m_c.due_on)) out.due_on = h.due_on;
    if (given(m_c.owner_dept)) out.owner_dept = h.owner_dept;
    if (given(m_c.owner)) out.owner = h.owner;
    if (given(m_c.measures)) out.measures = h.measures;
    if (given(m_c.funds)) out.funds = h.funds;
    if (given(m_c.emergency_plan)) out.emergency_plan = h.emergency_plan;
    if (given(m_c.verified_by)) out.verified_by = h.verified_by;
    const bool dated = !get(m_c.completed_on).empty() || !get(m_c.verified_on).empty() ||
                       !get(m_c.closed_on).empty() || !get(m_c.voided_on).empty();
    const bool worded = !get(m_c.status).empty() || (!get(m_c.on_spot).empty() && s.on_spot);
    if (out.level == domain::HazardLevel::major && out.basis.empty())
      return RowError{m_sheet.has(m_c.basis) ? m_c.basis : m_c.level, "a major hazard (重大隐患) needs its basis (判定依据)"};

    HazardStatus target = stored.status;
    if (worded || dated) target = s.status;
    if (target == stored.status) {
      // Same stage: only the dates of the stages it has passed may be filled in or corrected.
      const auto take = [&](size_t field, std::optional<Date>& to, const std::optional<Date>& from, bool passed) {
        if (passed && given(field) && from) to = from;
      };
      const int at = stage(stored.status);
      take(m_c.completed_on, out.completed_on, h.completed_on, at >= 2);
      take(m_c.verified_on, out.verified_on, h.verified_on, at >= 3);
      take(m_c.closed_on, out.closed_on, h.closed_on, at >= 3);
      take(m_c.voided_on, out.voided_on, h.voided_on, stored.status == HazardStatus::void_);
      return std::nullopt;
    }
    const auto back = [&](std::string_view hint) {
      return RowError{worded ? m_c.status : m_c.completed_on,
                      fmt::format("hazard {} is {} ({}) in the database and the sheet says {} ({}): an import moves a "
                                  "hazard only forward (待整改 → 整改中 → 待验收 → 已销号, or 作废 from 待整改/整改中){}",
                                  stored.no, status_label(stored.status), domain::code(stored.status), status_label(target),
                                  domain::code(target), hint)};
    };
    if (stored.status == HazardStatus::void_) return back("; a voided hazard stays voided");
    if (target == HazardStatus::void_) {
      if (stored.status != HazardStatus::open && stored.status != HazardStatus::rectifying)
        return back("; only a hazard 待整改 or 整改中 is voided");
      out.voided_on = h.voided_on;
    } else if (stage(target) < stage(stored.status)) {
      if (!worded) return std::nullopt;  // older stage dates: the sheet is behind, nothing to do
      return back(stored.status == HazardStatus::closed ? "; to take a closed hazard back use 'ankang rectify reopen'"
                  : stored.status == HazardStatus::submitted
                      ? "; to send it back use 'ankang rectify verify --fail'"
                      : "; a hazard 整改中 does not go back to 待整改");
    } else {
      // Forward: the stages it passes get their dates from the row (derived as for a new row).
      if (stage(target) >= 2 && (!out.completed_on || given(m_c.completed_on))) out.completed_on = h.completed_on;
      if (stage(target) >= 3) {
        out.verified_on = h.verified_on;
        out.closed_on = h.closed_on;
        if (out.verified_by.empty()) out.verified_by = h.verified_by;
        out.on_spot = s.on_spot && stored.status == HazardStatus::open;
      }
    }
    out.status = target;
    return std::nullopt;
  }

  // The order of the stages: open 0, rectifying 1, submitted 2, closed 3 (void apart).
  static int stage(HazardStatus s)
  {
    switch (s) {
    case HazardStatus::open: return 0;
    case HazardStatus::rectifying: return 1;
    case HazardStatus::submitted: return 2;
    case HazardStatus::closed: return 3;
    case HazardStatus::void_: return -1;
    }
    return -1;
  }

private:
  std::string_view get(size_t field) const { return m_sheet.has(field) ? trim_blanks(m_row->get(field)) : std::string_view(); }

  void assign(std::string& out, size_t field) const
  {
    const auto v = get(field);
    out.assign(v.data() ? v.data() : "", v.size());
  }

  std::optional<RowError> code(const domain::CodeSet& set, size_t field, std::string& out) const
  {
    const auto v = get(field);
    if (v.empty()) {
      out.clear();
      return std::nullopt;
    }
    std::string why;
    if (auto c = parse_sheet_code(set, v, k_hazard_fields[field].key, why)) {
      out.assign(c->data(), c->size());
      return std::nullopt;
    }
    return RowError{field, std::move(why)};
  }

  std::optional<RowError> date(size_t field, bool required, Date& out) const
  {
    const auto v = get(field);
    if (v.empty()) {
      if (required) return RowError{field, "a date is required"};
      return std::nullopt;
    }
    std::string why;
    if (auto d = sheet_date(v, why)) {
      out = *d;
      return std::nullopt;
    }
    return RowError{field, fmt::format("not a date: {}", why)};
  }

  // A date as Excel writes it (a serial number is counted for the import's note).
  std::optional<Date> sheet_date(std::string_view v, std::string& why) const
  {
    bool serial = false;
    const auto d = parse_sheet_date(v, why, serial);
    if (d && serial) m_run.count_serial_date(domain::nfkc(v), *d);
    return d;
  }

  std::optional<RowError> optional_date(size_t field, std::optional<Date>& out) const
  {
    out.reset();
    if (get(field).empty()) return std::nullopt;
    Date d;
    if (auto e = date(field, false, d)) return e;
    out = d;
    return std::nullopt;
  }

  std::optional<RowError> deadline(Hazard& h)
  {
    h.due_on.reset();
    const auto v = get(m_c.due_on);
    if (v.empty()) return std::nullopt;
    std::string why;
    if (auto d = sheet_date(v, why)) {
      h.due_on = *d;
    } else {
      // A relative deadline (+10wd, +30d, eom) counts from the day found (DESIGN §5).
      try {
        const auto spec = domain::parse_deadline(v);
        if (!m_calendar) m_calendar = std::make_unique<domain::Calendar>(store::load_calendar(m_db));
        h.due_on = domain::resolve(spec, h.found_on, *m_calendar);
      } catch (const Error& e) {
        return RowError{m_c.due_on, fmt::format("not a date or deadline: {}", why)};
      }
    }
    if (*h.due_on < h.found_on)
      return RowError{m_c.due_on, fmt::format("is before the day the hazard was found ({})", h.found_on.iso())};
    return std::nullopt;
  }

  std::optional<RowError> funds(Hazard& h) const
  {
    h.funds.reset();
    const auto v = get(m_c.funds);
    if (v.empty()) return std::nullopt;
    std::string why;
    if (auto m = domain::try_parse_money(plain_number(v), m_funds_unit, why)) {
      h.funds = *m;
      return std::nullopt;
    }
    return RowError{m_c.funds, fmt::format("not an amount of money: {}", why)};
  }

  // DESIGN §6: the status from 状态 when given, else from the latest filled stage; then the
  // dates each stage needs, taken from its columns.
  std::optional<RowError> derive_status(Hazard& h, LedgerStatus& s) const
  {
    const auto word = get(m_c.status);
    if (!word.empty()) {
      const auto parsed = parse_ledger_status(word);
      if (!parsed) {
        static constexpr std::array<std::string_view, 13> k_words{"待整改", "整改中", "已整改", "待验收", "已销号",
                                                                  "已验收", "已现场处理", "已作废", "open", "rectifying",
                                                                  "submitted", "closed", "void"};
        std::string why = "not a status: expected 待整改 整改中 已整改 待验收 已销号 已验收 已现场处理 已作废 (or open, "
                          "rectifying, submitted, closed, void)";
        if (const auto near = domain::closest_word(word, k_words); !near.empty())
          why += fmt::format("; the closest is {}", near);
        return RowError{m_c.status, why};
      }
      s = *parsed;
    } else if (h.voided_on) {
      s = {HazardStatus::void_, false};
    } else if (h.verified_on || h.closed_on) {
      s = {HazardStatus::closed, false};
    } else if (h.completed_on) {
      s = {HazardStatus::submitted, false};
    } else if (h.due_on || !h.owner.empty()) {
      s = {HazardStatus::rectifying, false};
    } else {
      s = {HazardStatus::open, false};
    }
    // 即查即改 (the export's on_spot): a hazard fixed on the spot is closed, with that history.
    if (const auto flag = get(m_c.on_spot); !flag.empty()) {
      std::string why;
      const auto yes = parse_sheet_flag(flag, why);
      if (!yes) return RowError{m_c.on_spot, why};
      if (*yes && !s.on_spot) {
        if (s.status == HazardStatus::void_ || (!word.empty() && s.status != HazardStatus::closed))
          return RowError{m_c.on_spot, fmt::format("fixed on the spot means closed, but the status is {}",
                                                   word.empty() ? "void (作废日期 is filled)" : std::string(word))};
        s = {HazardStatus::closed, true};
      } else if (!*yes && s.on_spot) {
        return RowError{m_c.on_spot, fmt::format("says not fixed on the spot, but the status is {}", word)};
      }
    }
    h.status = s.status;
    h.on_spot = s.on_spot;
    switch (s.status) {
    case HazardStatus::open:
    case HazardStatus::rectifying:
      // A later stage's dates contradict an earlier status.
      if (h.completed_on || h.verified_on || h.closed_on)
        return RowError{m_c.status, "the status says not yet rectified, but a completion or verification date is filled"};
      break;
    case HazardStatus::submitted:
      if (!h.completed_on) h.completed_on = h.found_on;
      if (h.verified_on || h.closed_on)
        return RowError{m_c.status, "the status says awaiting verification, but a verification date is filled"};
      break;
    case HazardStatus::closed:
      if (s.on_spot) {
        // Fixed in the inspector's presence: completed and closed at once, the inspector verifying.
        if (!h.completed_on) h.completed_on = h.verified_on.value_or(h.found_on);
        if (!h.verified_on) h.verified_on = h.completed_on;
        if (h.verified_by.empty()) h.verified_by = h.found_by;
      } else {
        if (!h.verified_on) h.verified_on = h.closed_on ? h.closed_on : h.completed_on ? h.completed_on : h.found_on;
        if (!h.completed_on) h.completed_on = h.verified_on;
      }
      if (!h.closed_on) h.closed_on = h.verified_on;
      break;
    case HazardStatus::void_:
      if (!h.voided_on) h.voided_on = std::max(h.found_on, m_actor.on < h.found_on ? h.found_on : m_actor.on);
      break;
    }
    if (s.status != HazardStatus::closed) h.closed_on.reset();
    if (s.status != HazardStatus::void_) h.voided_on.reset();
    return std::nullopt;
  }

  store::Database& m_db;
  ImportRun& m_run;
  const io::Sheet& m_sheet;
  const Columns& m_c;
  const Actor& m_actor;
  const io::SheetRow* m_row = nullptr;
  domain::MoneyUnit m_funds_unit = domain::MoneyUnit::yuan;
  std::unique_ptr<domain::Calendar> m_calendar;
};

// --create-missing-enterprises: an enterprise the sheet names that is not registered yet, made
// from the row (USCC, name, region, the row's sector or 'other') and created with its first
// valid row, in the import's transaction.
class EnterpriseMaker {
public:
  EnterpriseMaker(store::Database& db, const io::Sheet& sheet, const Columns& c) : m_db(db), m_sheet(sheet), m_c(c) {}

  // Checks the row can make the enterprise; then ref() is the one it would be (no id yet).
  std::optional<RowError> plan(const io::SheetRow& row, const std::string& uscc, std::string_view name)
  {
    constexpr std::string_view k_why = "no enterprise has this USCC, and creating it (--create-missing-enterprises)";
    if (name.empty())
      return RowError{m_sheet.has(m_c.enterprise) ? m_c.enterprise : m_c.uscc,
                      fmt::format("{} needs its name (企业名称)", k_why)};
    if (!m_sheet.has(m_c.region))
      return RowError{m_c.uscc, fmt::format("{} needs its region, and the sheet has no region column (所属地区, 行政区划 "
                                            "or 区县; or --map 列名=region)",
                                            k_why)};
    const auto region_text = trim_blanks(row.get(m_c.region));
    if (region_text.empty())
      return RowError{m_c.region,
                      fmt::format("{} needs its region: a county such as 刚察县, or a 6-digit code", k_why)};
    const store::RegionStore regions(m_db.sql());
    const auto region = regions.find(region_text);
    if (!region) return RowError{m_c.region, fmt::format("unknown region: {}", regions.valid_hint(region_text))};
    std::string sector = "other";  // a sector the row does not name, or names wrongly (read() reports that)
    if (m_sheet.has(m_c.sector))
      if (auto code = domain::sectors().parse(trim_blanks(row.get(m_c.sector)))) sector.assign(*code);
    m_ref = store::EnterpriseRef{{}, uscc, std::string(name), region->code, sector};
    return std::nullopt;
  }

  const store::EnterpriseRef& ref() const { return m_ref; }

  // Creates the planned enterprise; ref() then has its id.
  const store::EnterpriseRef& create(std::string_view now)
  {
    store::Enterprise e;
    e.uscc = m_ref.uscc;
    e.name = m_ref.name;
    e.sectors = {m_ref.primary_sector};
    e.region_code = m_ref.region_code;
    store::EnterpriseStore(m_db.sql()).insert(e, std::string(now));
    m_ref.id = e.id;
    return m_ref;
  }

private:
  store::Database& m_db;
  const io::Sheet& m_sheet;
  const Columns& m_c;
  store::EnterpriseRef m_ref;
};

// Would the live workflow have refused this history? Counted, never enforced, on import.
bool breaks_live_rules(const Hazard& h)
{
  const bool past_open = h.status == HazardStatus::rectifying || h.status == HazardStatus::submitted ||
                         (h.status == HazardStatus::closed && !h.on_spot);
  if (h.level == domain::HazardLevel::major && past_open && !has_five_items(h)) return true;
  if (h.level == domain::HazardLevel::major && h.on_spot) return true;
  if (!h.verified_by.empty() && h.verified_by == h.owner) return true;
  return false;
}

// The events a history row implies, each dated by its column (DESIGN §6).
class HistoryWriter {
public:
  HistoryWriter(store::HazardWriter& w, const Actor& actor, store::BatchId batch) : m_w(w), m_actor(actor), m_batch(batch)
  {
    m_e.actor = actor.user;
    m_e.at = actor.now;
    m_e.batch_id = batch;
  }

  int64_t write_new(const Hazard& h, std::string_view note)
  {
    int64_t n = 0;
    m_e.hazard_id = h.id;
    emit("imported", h.found_on, std::nullopt, HazardStatus::open, note, n);
    if (h.status == HazardStatus::open) return n;
    if (h.on_spot) {
      emit("on_spot", *h.completed_on, HazardStatus::open, HazardStatus::closed, h.verified_by, n);
      return n;
    }
    const bool planned = h.due_on || !h.owner.empty() || h.status != HazardStatus::void_;
    if (planned) emit("planned", h.found_on, HazardStatus::open, HazardStatus::rectifying, "", n);
    if (h.status == HazardStatus::void_) {
      emit("voided", *h.voided_on, planned ? HazardStatus::rectifying : HazardStatus::open, HazardStatus::void_, "", n);
      return n;
    }
    if (h.status == HazardStatus::rectifying) return n;
    emit("done", *h.completed_on, HazardStatus::rectifying, HazardStatus::submitted, "", n);
    if (h.status == HazardStatus::submitted) return n;
    emit("verified", *h.verified_on, HazardStatus::submitted, HazardStatus::closed, h.verified_by, n);
    return n;
  }

  // An update by import: the changed fields as one event (no status), then one event per stage
  // the hazard passes, dated by its column (issue 13 point 4).
  int64_t write_update(const Hazard& before, const Hazard& after, const std::string& fields, std::string_view note)
  {
    int64_t n = 0;
    m_e.hazard_id = after.id;
    // Dated by the business date, or by the first stage the row dates when that is earlier.
    Date first = m_actor.on;
    if (before.status != after.status) {
      for (const auto& d : {after.completed_on, after.verified_on, after.voided_on})
        if (d && *d < first && *d >= before.found_on) first = *d;
    }
    if (!fields.empty() && fields != "{}") {
      m_e.kind = "updated";
      m_e.on_date = first;
      m_e.from_status.reset();
      m_e.to_status.reset();
      m_e.fields_json = fields;
      m_e.note.assign(note);
      m_w.append(m_e);
      m_e.fields_json.clear();
      ++n;
    }
    if (before.status == after.status) return n;
    HazardStatus at = before.status;
    const auto step = [&](std::string_view kind, Date on, HazardStatus to, std::string_view step_note) {
      emit(kind, on, at, to, step_note, n);
      at = to;
    };
    if (after.status == HazardStatus::void_) {
      step("voided", after.voided_on.value_or(m_actor.on), HazardStatus::void_, note);
      return n;
    }
    if (after.on_spot && at == HazardStatus::open) {
      step("on_spot", after.completed_on.value_or(m_actor.on), HazardStatus::closed, after.verified_by);
      return n;
    }
    if (at == HazardStatus::open) step("planned", first, HazardStatus::rectifying, note);
    if (at == after.status) return n;
    if (at == HazardStatus::rectifying) step("done", after.completed_on.value_or(m_actor.on), HazardStatus::submitted, note);
    if (at == after.status) return n;
    step("verified", after.verified_on.value_or(m_actor.on), HazardStatus::closed, after.verified_by);
    return n;
  }

private:
  void emit(std::string_view kind, Date on, std::optional<HazardStatus> from, HazardStatus to, std::string_view note,
            int64_t& n)
  {
    m_e.kind.assign(kind);
    m_e.on_date = on;
    m_e.from_status = from;
    m_e.to_status = to;
    m_e.note.assign(note);
    m_w.append(m_e);
    ++n;
  }

  store::HazardWriter& m_w;
  const Actor& m_actor;
  store::BatchId m_batch;
  store::HazardEvent m_e;
};


// The keys the duplicate check of one sheet compares (issue 13 point 2).
enum DuplicateKey : uint32_t { k_key_no = 0, k_key_finding = 1 };

// First pass over the sheet: each row's number and duplicate key (enterprise + day + location +
// description), and a hash of its cells.
SheetDuplicates find_sheet_duplicates(const HazardImportOptions& o, const EnterpriseIndex& enterprises)
{
  SheetDuplicates d;
  io::CsvReader reader(o.path, o.encoding, o.sheet.sheet_name);  // the same sheet as the import
  reader.recover_malformed(true);
  reader.keep_invalid_utf8(true);
  io::Sheet sheet(reader, k_sheet_fields, o.sheet);
  const Columns c(sheet);
  io::SheetRow row;
  uint32_t ordinal = 0;
  std::string key;
  while (sheet.next(row)) {
    const uint32_t n = ordinal++;
    if (!row.malformed().empty()) continue;
    uint64_t content = fnv1a("");
    for (size_t f = 0; f < k_hazard_fields.size(); ++f)
      if (sheet.has(f)) content = fnv1a("\x1f", fnv1a(row.get(f), content));
    const auto get = [&](size_t f) { return sheet.has(f) ? trim_blanks(row.get(f)) : std::string_view(); };
    if (const auto no = get(c.no); !no.empty()) {
      // Numbers compare case-insensitively, after NFKC (issue 14 point 10).
      std::string upper = domain::nfkc(no);
      for (char& ch : upper)
        if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
      d.add_key(n, row.number(), k_key_no, fnv1a(upper), content);
    }
    key.clear();
    const store::EnterpriseRef* e = nullptr;
    std::string why;
    if (const auto uscc_text = get(c.uscc); !uscc_text.empty()) {
      const auto uscc = domain::try_normalize_uscc(uscc_text, why);
      e = uscc ? enterprises.by_uscc(*uscc) : nullptr;
      if (!e) key = fmt::format("u:{}", uscc ? *uscc : std::string(uscc_text));
    } else if (const auto name = get(c.enterprise); !name.empty()) {
      bool ambiguous = false;
      e = enterprises.by_name(name, ambiguous);
      if (!e) key = fmt::format("n:{}", name);
    }
    if (e) key = fmt::format("e:{}", e->id.value);
    const auto found = get(c.found_on);
    const auto date = domain::try_parse_date(found, why);
    fmt::format_to(std::back_inserter(key), "\x1f{}\x1f{}\x1f{}", date ? date->iso() : std::string(found),
                   domain::comparable_text(get(c.location)), domain::comparable_text(get(c.description)));
    d.add_key(n, row.number(), k_key_finding, fnv1a(key), content);
  }
  d.resolve();
  return d;
}

}  // namespace

std::optional<LedgerStatus> parse_ledger_status(std::string_view word)
{
  word = trim_blanks(word);
  for (std::string_view w : {"已现场处理", "即查即改", "现场整改", "立查立改", "当场整改", "现场已整改", "on_spot", "on-spot"})
    if (word == w) return LedgerStatus{HazardStatus::closed, true};
  if (auto code = domain::hazard_statuses().parse(word)) return LedgerStatus{*domain::status_from_code(*code), false};
  for (std::string_view w : {"已销号", "已验收", "已复查", "已关闭", "已闭环", "已完成销号", "验收通过", "销号"})
    if (word == w) return LedgerStatus{HazardStatus::closed, false};
  for (std::string_view w : {"已整改", "待验收", "待复查", "整改完成", "已完成"})
    if (word == w) return LedgerStatus{HazardStatus::submitted, false};
  for (std::string_view w : {"整改中", "已五定", "已下达", "限期整改", "正在整改"})
    if (word == w) return LedgerStatus{HazardStatus::rectifying, false};
  for (std::string_view w : {"待整改", "未整改", "未五定", "已登记"})
    if (word == w) return LedgerStatus{HazardStatus::open, false};
  for (std::string_view w : {"已作废", "无效", "作废"})
    if (word == w) return LedgerStatus{HazardStatus::void_, false};
  return std::nullopt;
}

std::span<const ImportField> hazard_import_fields() { return k_hazard_fields; }

namespace {

// The hazard import's row function and its state, on the import driver: each row's enterprise,
// the duplicate check of the sheet, the inspection it belongs to, the number, the record and its
// dated history.
class HazardImport {
public:
  HazardImport(const HazardImportOptions& o, const Actor& actor, HazardImportResult& r) : m_o(o), m_actor(actor), m_r(r) {}

  void start(ImportRun& run)
  {
    m_run = &run;
    auto& db = run.db();
    m_c.emplace(run.sheet());
    const auto& c = *m_c;
    if (!run.sheet().has(c.uscc) && !run.sheet().has(c.enterprise))
      throw Error(ErrorKind::invalid_input,
                  fmt::format("{}: the header has neither 统一社会信用代码 (uscc) nor 企业名称 (enterprise)", m_o.path),
                  "name the column with --map 列名=uscc or --map 列名=enterprise");
    m_enterprises.emplace(db);
    m_duplicates = find_sheet_duplicates(m_o, *m_enterprises);
    m_writer.emplace(db);
    m_inspections.emplace(db);
    m_history.emplace(*m_writer, m_actor, run.batch().id);
    m_reader.emplace(run, c, m_actor);
    m_maker.emplace(db, run.sheet(), c);
  }

  RowOutcome row(ImportRow& row)
  {
    const auto& c = *m_c;
    const auto& sheet = m_run->sheet();
    const auto& cells = row.sheet_row();
    auto& db = m_run->db();
    auto& batch = m_run->batch();
    const auto fail = [&](const RowError& e) {
      if (e.field)
        row.error(*e.field, e.why);
      else
        row.error(e.why);
      return RowOutcome::skipped;
    };
    // The row's place among the rows read (malformed ones too), as the duplicate pass counted.
    const auto row_ordinal = static_cast<uint32_t>(batch.rows_read - 1);
    if (const auto* dup = m_duplicates.verdict(row_ordinal)) {
      if (!dup->conflict) {  // an exact copy of an earlier row: one finding
        m_collapsed_lines.push_back(cells.number());
        return RowOutcome::skipped;
      }
      std::string others;
      for (const auto l : dup->lines) others += fmt::format("{}{}", others.empty() ? "" : ", ", l);
      const bool by_no = dup->key_kind == k_key_no;
      return fail(RowError{by_no ? c.no : c.description,
                           fmt::format("row{} {} of this sheet name{} the same hazard ({}) but differ{}: keep the row "
                                       "that is current and delete the other{} (none of them is imported)",
                                       dup->lines.size() > 1 ? "s" : "", others, dup->lines.size() > 1 ? "" : "s",
                                       by_no ? "the same number" : "same enterprise, day, location and description",
                                       dup->lines.size() > 1 ? "" : "s", dup->lines.size() > 1 ? "s" : "")});
    }

    // The enterprise: by USCC when given, else by exact name. Its problems and the row's other
    // problems are reported together.
    m_problems.clear();
    const auto uscc_text = row.get(c.uscc);
    const auto name_text = row.get(c.enterprise);
    const store::EnterpriseRef* enterprise = nullptr;
    if (!uscc_text.empty()) {
      std::string why;
      const auto uscc = domain::try_normalize_uscc(uscc_text, why);
      if (!uscc) {
        m_problems.push_back(RowError{c.uscc, why});
      } else {
        enterprise = m_enterprises->by_uscc(*uscc);
        if (!enterprise && m_o.create_missing_enterprises) {
          if (auto e = m_maker->plan(cells, *uscc, name_text))
            m_problems.push_back(*e);
          else
            enterprise = &m_maker->ref();
        }
        if (!enterprise && m_problems.empty())
          m_problems.push_back(
              RowError{c.uscc, "no enterprise has this USCC (add it with 'ankang enterprise add' or import it first)"});
      }
    } else if (!name_text.empty()) {
      bool ambiguous = false;
      enterprise = m_enterprises->by_name(name_text, ambiguous);
      if (!enterprise)
        m_problems.push_back(RowError{
            c.enterprise, ambiguous ? fmt::format("several enterprises have this name ({}): give the USCC",
                                                  m_enterprises->usccs_named(name_text))
                          : m_o.create_missing_enterprises
                              ? "no enterprise has this name, and creating it (--create-missing-enterprises) needs its USCC"
                              : "no enterprise has this name (give its USCC, or add it first)"});
    } else {
      m_problems.push_back(RowError{sheet.has(c.uscc) ? c.uscc : c.enterprise, "the enterprise is missing: give its USCC or name"});
    }

    m_reader->read(cells, enterprise ? *enterprise : m_no_enterprise, m_h, m_status, m_problems);
    if (!m_problems.empty()) {
      for (const auto& e : m_problems) fail(e);
      return RowOutcome::skipped;
    }
    if (!row.writing()) return RowOutcome::imported;  // validating only
    auto& h = m_h;
    if (enterprise == &m_maker->ref()) {  // new: created with its first valid row
      m_enterprises->add(m_maker->create(m_actor.now));
      h.enterprise_id = m_maker->ref().id;
      store::record_batch_enterprise(db, batch.id, store::BatchEnterprise{h.enterprise_id, "created", ""});
      ++m_r.enterprises_created;
    }

    // Seen before? The same number, or the same enterprise + date + location + description.
    std::optional<Hazard> existing;
    if (!h.no.empty()) existing = m_writer->find_by_no(h.no);
    if (!existing) {
      if (auto id = m_writer->find_duplicate(h.enterprise_id, h.found_on, h.location, h.description))
        existing = m_writer->find_by_id(*id);
    }
    // A number this import has already written for a different finding (a row without a number
    // was given it, or two rows give it): not a re-import of that hazard but a clash.
    if (existing && existing->batch_id == batch.id &&
        (existing->enterprise_id != h.enterprise_id || existing->found_on != h.found_on ||
         existing->location != h.location || existing->description != h.description))
      return fail(RowError{c.no, fmt::format("{} was already given to another finding by an earlier row of this sheet; "
                                             "give each row its own number, or leave the numbers out",
                                             existing->no)});
    if (existing && existing->enterprise_id != h.enterprise_id) {
      // A hazard's enterprise never changes by import (its inspection would stay behind).
      const auto* owner = m_enterprises->by_id(existing->enterprise_id);
      return fail(RowError{sheet.has(c.uscc) ? c.uscc : c.enterprise,
                           fmt::format("hazard {} belongs to {} ({}); an import does not move a hazard to another "
                                       "enterprise: give this finding its own number",
                                       existing->no, owner ? owner->name : "another enterprise",
                                       owner ? owner->uscc : "")});
    }
    if (existing) return update(row, *existing);

    // The inspection: rows sharing enterprise + date + inspectors are one visit.
    const std::string date_text = h.found_on.iso();
    m_key.clear();
    fmt::format_to(std::back_inserter(m_key), "{}|{}|{}", h.enterprise_id.value, date_text, h.found_by);
    if (auto it = m_inspection_cache.find(m_key); it != m_inspection_cache.end()) {
      h.inspection_id = it->second;
    } else {
      auto id = m_inspections->find(h.enterprise_id, h.found_on, h.found_by);
      if (!id) {
        auto& inspection = m_inspection;
        inspection.enterprise_id = h.enterprise_id;
        inspection.date = h.found_on;
        inspection.kind = "routine";
        inspection.kind_text.clear();
        if (const auto kind_cell = row.get(c.kind); !kind_cell.empty()) {
          // Optional and coded: a kind that is no code or synonym is kept as written (point 1).
          auto kind = domain::inspection_kinds().parse(kind_cell);
          if (!kind) kind = domain::inspection_kinds().parse(domain::nfkc(kind_cell));
          if (kind) {
            inspection.kind.assign(*kind);
          } else {
            inspection.kind = "other";
            inspection.kind_text.assign(kind_cell);
          }
        }
        const auto body = row.get(c.body);
        inspection.body.assign(body.data() ? body.data() : "", body.size());
        inspection.inspectors = h.found_by;
        inspection.batch_id = batch.id;
        inspection.uuid.clear();  // the struct is reused: each new inspection gets its own UUID
        id = m_inspections->insert(inspection, m_actor.now);
        ++m_r.inspections_created;
      }
      if (m_inspection_cache.size() >= k_inspection_cache_limit) m_inspection_cache.clear();
      m_inspection_cache.emplace(m_key, *id);
      h.inspection_id = *id;
    }

    // The number: as given, else the next of the year from an in-memory counter.
    // A YH number given in the sheet moves the counter past it, so that later rows never collide.
    if (h.no.empty()) {
      const int year = h.found_on.year();
      auto [it, fresh] = m_next_seq.try_emplace(year, 0);
      if (fresh) it->second = store::max_hazard_seq(db, year);
      h.no = store::format_hazard_no(year, ++it->second);
    } else if (const auto given = store::parse_hazard_no(h.no)) {
      auto [it, fresh] = m_next_seq.try_emplace(given->first, 0);
      if (fresh) it->second = store::max_hazard_seq(db, given->first);
      it->second = std::max(it->second, given->second);
    }
    h.id = {};
    h.uuid.clear();
    h.extensions = 0;
    h.batch_id = batch.id;
    if (breaks_live_rules(h)) {  // counted for the rows written, not those skipped
      ++m_r.rule_breaks;
      const auto& at = row.sheet_row();
      m_r.rule_break_rows.push_back(at.number() ? at.number() : at.line());
    }
    m_writer->insert(h, m_actor.now);
    if (!h.category_text.empty()) ++m_categories_as_written[h.category_text];
    if (const auto kind_cell = row.get(c.kind); !kind_cell.empty() && !domain::inspection_kinds().parse(kind_cell) &&
                                                !domain::inspection_kinds().parse(domain::nfkc(kind_cell)))
      ++m_kinds_as_written[std::string(kind_cell)];
    m_note.clear();
    m_r.events_written += m_history->write_new(h, m_note);
    return RowOutcome::imported;
  }

  void finish(ImportRun& run)
  {
    const auto& o = m_o;
    const bool zh = o.sheet.lang == domain::Lang::zh;
    if (m_skipped_differing_count > 0) {
      run.note(zh ? fmt::format("{}: 跳过的 {} 行与数据库中的记录不同（用 --on-conflict update 可更新）：", o.path,
                                m_skipped_differing_count)
                  : fmt::format("{}: {} skipped rows differ from the database (--on-conflict update applies them):",
                                o.path, m_skipped_differing_count));
      for (const auto& [line, no, fields] : m_skipped_differing)
        run.note(zh ? fmt::format("  第 {} 行 {}：{}", line, no, fields) : fmt::format("  row {} {}: {}", line, no, fields));
      const auto more = m_skipped_differing_count - static_cast<int64_t>(m_skipped_differing.size());
      if (more > 0) run.note(zh ? fmt::format("  …另 {} 行", more) : fmt::format("  … {} more", more));
    }
    if (!m_collapsed_lines.empty()) {
      std::string lines;
      for (size_t i = 0; i < m_collapsed_lines.size() && i < 10; ++i)
        lines += fmt::format("{}{}", i ? (zh ? "、" : ", ") : "", m_collapsed_lines[i]);
      if (m_collapsed_lines.size() > 10) lines += fmt::format(" …");
      run.note(zh ? fmt::format("{}: 第 {} 行与前面的行完全相同，已合并为一条（共 {} 行）", o.path, lines,
                                m_collapsed_lines.size())
                  : fmt::format("{}: rows {} repeat an earlier row exactly and are taken as one ({} rows)", o.path,
                                lines, m_collapsed_lines.size()));
    }
    kept("category", m_c->category, "environment", m_categories_as_written);
    kept("kind", m_c->kind, "special", m_kinds_as_written);
    if (run.committing()) m_writer->finish();
  }

private:
  // --on-conflict: a row for a hazard already stored.
  RowOutcome update(ImportRow& row, const Hazard& existing)
  {
    const auto& h = m_h;
    if (m_o.on_conflict == OnConflict::skip) {
      // Skipped, but say when the row differs from what is stored (issue 13 point 5).
      std::string fields;
      if (m_reader->merge(existing, h, m_status, false, m_updated)) {
        fields = "status";
      } else {
        const auto changes = store::diff_hazards(existing, m_updated);
        for (const auto& ch : changes.changes()) {
          // Texts that read the same (issue 13 point 6) are no difference worth a word.
          if ((ch.field == "location" || ch.field == "description") &&
              domain::comparable_text(ch.from.value_or("")) == domain::comparable_text(ch.to.value_or("")))
            continue;
          fields += fmt::format("{}{}", fields.empty() ? "" : ", ", ch.field);
        }
      }
      if (!fields.empty()) {
        if (m_skipped_differing.size() < k_listed_differing)
          m_skipped_differing.emplace_back(row.sheet_row().number(), existing.no, fields);
        ++m_skipped_differing_count;
      }
      return RowOutcome::skipped;
    }
    if (m_o.on_conflict == OnConflict::error) {
      row.error(fmt::format("hazard {} is already present (imported before)", existing.no));
      return RowOutcome::skipped;
    }
    // --on-conflict update: what the row changes, as events (fields, then each stage passed).
    if (auto e = m_reader->merge(existing, h, m_status, m_o.blank_clear, m_updated)) {
      if (e->field)
        row.error(*e->field, e->why);
      else
        row.error(e->why);
      return RowOutcome::skipped;
    }
    Hazard same_status = m_updated;
    same_status.status = existing.status;
    const auto changes = store::diff_hazards(existing, same_status);
    if (changes.empty() && m_updated.status == existing.status) return RowOutcome::skipped;
    m_writer->update(m_updated, m_actor.now);
    if (!h.category_text.empty()) ++m_categories_as_written[h.category_text];
    m_note = row.where();
    m_r.events_written += m_history->write_update(existing, m_updated, changes.json(), m_note);
    return RowOutcome::updated;
  }

  void kept(std::string_view field, size_t column, std::string_view example, const StringMap<int64_t>& values)
  {
    if (values.empty()) return;
    KeptAsWritten k;
    k.field = field;
    k.column = m_run->sheet().column_name(column);
    k.example_code = example;
    k.values.assign(values.begin(), values.end());
    std::sort(k.values.begin(), k.values.end(), [](const auto& a, const auto& b) {
      return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    for (const auto& v : k.values) k.rows += v.second;
    m_r.kept_as_written.push_back(std::move(k));
  }

  // Bounded, so that memory does not grow with the file: a sheet runs by date, so the visits of
  // the last few thousand keys are the ones rows refer to; older ones are found in the database.
  static constexpr size_t k_inspection_cache_limit = 4096;
  static constexpr size_t k_listed_differing = 5;

  const HazardImportOptions& m_o;
  const Actor& m_actor;
  HazardImportResult& m_r;
  ImportRun* m_run = nullptr;
  std::optional<Columns> m_c;
  std::optional<EnterpriseIndex> m_enterprises;
  SheetDuplicates m_duplicates;
  std::optional<store::HazardWriter> m_writer;
  std::optional<store::InspectionWriter> m_inspections;
  std::optional<HistoryWriter> m_history;
  std::optional<RowReader> m_reader;
  std::optional<EnterpriseMaker> m_maker;
  std::vector<uint64_t> m_collapsed_lines;
  std::vector<std::tuple<uint64_t, std::string, std::string>> m_skipped_differing;  // row, number, fields
  int64_t m_skipped_differing_count = 0;
  std::unordered_map<int, int64_t> m_next_seq;  // per year of found_on
  StringMap<store::InspectionId> m_inspection_cache;
  StringMap<int64_t> m_categories_as_written;  // category text kept as written → rows written with it
  StringMap<int64_t> m_kinds_as_written;       // the same for the inspection kind
  std::vector<RowError> m_problems;
  const store::EnterpriseRef m_no_enterprise;
  std::string m_key;
  std::string m_note;
  Hazard m_h;
  Hazard m_updated;
  LedgerStatus m_status;
  store::Inspection m_inspection;
};

}  // namespace

HazardImportResult import_hazards(store::Database& db, const HazardImportOptions& o, const Actor& actor)
{
  HazardImportResult r;
  ImportOptions options = o;
  options.actor = actor.user;
  options.now = actor.now;
  HazardImport hazards(o, actor, r);
  auto done = run_import(db, options, ImportKind{"hazard", k_hazard_fields},
                         ImportSteps{.start = [&](ImportRun& run) { hazards.start(run); },
                                     .row = [&](ImportRow& row) { return hazards.row(row); },
                                     .finish = [&](ImportRun& run) { hazards.finish(run); }});
  r.batch = std::move(done.batch);
  r.notes = std::move(done.notes);
  r.errors = std::move(done.errors);
  r.committed = done.committed;
  return r;
}

}  // namespace ankang::ops
