#include "ops/hazard_ops.hpp"

#include "domain/text_key.hpp"

#include "domain/codes.hpp"
#include "domain/deadline.hpp"
#include "domain/money.hpp"
#include "domain/person_name.hpp"
#include "domain/uscc.hpp"
#include "error.hpp"
#include "store/calendar_store.hpp"
#include "text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

namespace ankang::ops {

namespace {

using domain::Date;
using store::Hazard;

// A coded option's value: the stored code, or an error naming the option and the valid values.
std::string parse_code(const domain::CodeSet& set, std::string_view option, std::string_view text)
{
  if (auto c = set.parse(text)) return std::string(*c);
  throw Error(ErrorKind::invalid_input,
              fmt::format("{}: unknown {} {}: expected one of {}", option, set.what(), quote_value(text), set.valid_values()));
}

domain::HazardLevel parse_level(std::string_view option, std::string_view text)
{
  return *domain::level_from_code(parse_code(domain::hazard_levels(), option, text));
}

domain::Money parse_funds(std::string_view option, std::string_view text)
{
  std::string why;
  if (auto m = domain::try_parse_money(text, domain::MoneyUnit::yuan, why)) return *m;
  throw Error(ErrorKind::invalid_input, fmt::format("{}: {} is not an amount of money: {}", option, quote_value(text), why),
              "write yuan (50000, 12500.50) or 万元 (5万, 1.25万元)");
}

void require_description(const Hazard& h, std::string_view option)
{
  if (trim_blanks(h.description).empty())
    throw Error(ErrorKind::invalid_input, fmt::format("{}: the description is empty", option),
                "say what was found, e.g. --desc '配电箱未接地'");
}

// `subject` names what is checked: "--level major" for a new hazard, the number for an update.
void require_basis(const Hazard& h, std::string_view subject)
{
  if (auto why = missing_basis_reason(h); !why.empty())
    throw Error(ErrorKind::invalid_input, fmt::format("{}: {}", subject, why),
                "pass --basis with the clause it meets, e.g. '《煤矿重大事故隐患判定标准》第十条'");
}

// The 五落实 items a major hazard in rectification must have, by name; empty when complete.
std::vector<std::string_view> missing_five_items(const Hazard& h)
{
  std::vector<std::string_view> missing;
  if (h.owner.empty()) missing.push_back("owner (责任人)");
  if (h.measures.empty()) missing.push_back("measures (措施)");
  if (!h.funds) missing.push_back("funds (资金)");
  if (!h.due_on) missing.push_back("deadline (时限)");
  if (h.emergency_plan.empty()) missing.push_back("emergency plan (预案)");
  return missing;
}

}  // namespace

std::string missing_basis_reason(const Hazard& h)
{
  if (h.level == domain::HazardLevel::major && trim_blanks(h.basis).empty())
    return "a major hazard (重大隐患) needs its basis (判定依据)";
  return {};
}

namespace {

std::string listed(const std::vector<store::EnterpriseRef>& refs)
{
  std::string out;
  for (const auto& e : refs) out += fmt::format("{}{} ({})", out.empty() ? "" : ", ", e.name, e.uscc);
  return out;
}

// The row id in `id:12`, `#12` or bare digits shorter than a credit code.
std::optional<int64_t> row_id_in(std::string_view key)
{
  if (key.starts_with("id:")) key.remove_prefix(3);
  else if (key.starts_with("#")) key.remove_prefix(1);
  if (key.empty() || key.size() >= 18 || !std::all_of(key.begin(), key.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  int64_t id = 0;
  for (char c : key) id = id * 10 + (c - '0');
  return id;
}

}  // namespace

store::EnterpriseRef resolve_enterprise(store::Database& db, std::string_view text)
{
  const std::string_view key = trim_blanks(text);
  if (const auto id = row_id_in(key)) {
    if (auto e = store::get_enterprise_ref(db, store::EnterpriseId{*id})) return std::move(*e);
    throw Error(ErrorKind::not_found, fmt::format("enterprise {} does not exist", *id), "see 'ankang enterprise list'");
  }
  std::string why;
  const auto uscc = domain::try_normalize_uscc(key, why);
  auto found = store::find_enterprise_refs(db, uscc ? std::string_view(*uscc) : key, key);
  // A unique part of the name: 青海雪莲煤业 for 青海雪莲煤业有限公司.
  if (found.empty() && !key.empty()) found = store::find_enterprise_refs_containing(db, key, 10);
  if (found.size() > 1)
    throw Error(ErrorKind::usage, fmt::format("enterprise {} matches several: {}", quote_value(key), listed(found)),
                "name one by its credit code (USCC), full name or row id (id:12)");
  if (found.empty()) {
    // The closest names, for a typo: at most three, within a third of the name's length.
    const auto wanted = domain::code_points(key);
    std::vector<std::pair<size_t, store::EnterpriseRef>> close;
    store::load_enterprise_refs(db, [&](store::EnterpriseRef&& e) {
      const size_t d = domain::edit_distance(wanted, domain::code_points(e.name));
      if (d <= std::max<size_t>(1, wanted.size() / 3)) close.emplace_back(d, std::move(e));
    });
    std::stable_sort(close.begin(), close.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    if (close.size() > 3) close.resize(3);
    std::vector<store::EnterpriseRef> names;
    for (auto& [d, e] : close) names.push_back(std::move(e));
    throw Error(ErrorKind::not_found, fmt::format("enterprise {} does not exist", quote_value(key)),
                names.empty() ? std::string("name it by its credit code (USCC), name or row id; 'ankang enterprise list' shows them")
                              : fmt::format("did you mean: {}", listed(names)));
  }
  return std::move(found.front());
}

Hazard add_hazard(store::Database& db, const NewHazard& in, const Actor& actor)
{
  store::WriteTransaction tx(db.sql());
  const auto enterprise = resolve_enterprise(db, in.enterprise);
  Hazard h;
  h.enterprise_id = enterprise.id;
  h.found_on = in.found_on.value_or(actor.on);
  if (h.found_on > actor.on)
    throw Error(ErrorKind::invalid_input,
                fmt::format("--found: {} is after the business date {}", h.found_on.iso(), actor.on.iso()),
                "a hazard cannot be found in the future; check --found and --on");
  h.found_by = domain::normalize_person_field(in.found_by);
  h.location = std::string(trim_blanks(in.location));
  h.description = std::string(trim_blanks(in.description));
  require_description(h, "--desc");
  if (!trim_blanks(in.category).empty()) h.category = parse_code(domain::hazard_categories(), "--category", in.category);
  h.level = trim_blanks(in.level).empty() ? domain::HazardLevel::general : parse_level("--level", in.level);
  h.basis = std::string(trim_blanks(in.basis));
  h.stop_production =
      trim_blanks(in.stop_production).empty() ? "none" : parse_code(domain::stop_production_kinds(), "--stop-production", in.stop_production);
  if (!trim_blanks(in.sector).empty()) h.sector = parse_code(domain::sectors(), "--sector", in.sector);
  else if (!enterprise.primary_sector.empty()) h.sector = enterprise.primary_sector;
  else
    throw Error(ErrorKind::invalid_input,
                fmt::format("enterprise {} ({}) has no sector, so the hazard's sector is unknown", enterprise.name, enterprise.uscc),
                "pass --sector, e.g. --sector coal");
  if (!trim_blanks(in.inspection).empty()) {
    const auto insp = store::find_inspection(db, trim_blanks(in.inspection));
    if (insp.enterprise_id != enterprise.id)
      throw Error(ErrorKind::invalid_input,
                  fmt::format("--inspection: inspection {} was at another enterprise, not {}", insp.id.value, enterprise.name));
    h.inspection_id = insp.id;
  }
  std::optional<domain::DeadlineSpec> provisional_spec;  // a deadline counted through the provisional calendar
  if (!trim_blanks(in.deadline).empty()) {
    const auto spec = domain::parse_deadline(trim_blanks(in.deadline));
    if (spec.is_relative()) {
      const auto calendar = store::load_calendar(db);
      const auto counted = domain::resolve_counted(spec, h.found_on, calendar);
      h.due_on = counted.date;
      if (counted.provisional) provisional_spec = spec;
    } else {
      h.due_on = spec.date;
    }
    if (*h.due_on < h.found_on)
      throw Error(ErrorKind::invalid_input,
                  fmt::format("--deadline: {} is before the day the hazard was found ({})", h.due_on->iso(), h.found_on.iso()));
  }
  h.owner = domain::normalize_person_field(in.owner);
  h.owner_dept = std::string(trim_blanks(in.owner_dept));
  h.measures = std::string(trim_blanks(in.measures));
  if (!trim_blanks(in.funds).empty()) h.funds = parse_funds("--funds", trim_blanks(in.funds));
  h.emergency_plan = std::string(trim_blanks(in.emergency_plan));
  require_basis(h, "--level major");
  h.no = trim_blanks(in.no).empty() ? store::next_hazard_no(db, h.found_on) : std::string(trim_blanks(in.no));

  store::insert_hazard(db, h, actor.now);
  if (provisional_spec) store::record_provisional_due(db, h.id, provisional_spec->text(), h.found_on, *h.due_on);
  store::append_event(db, store::HazardEvent{{}, h.id, "created", actor.user, actor.on, actor.now, std::nullopt,
                                             domain::HazardStatus::open, "", "", std::nullopt, {}});
  tx.commit();
  return h;
}

UpdateResult update_hazard(store::Database& db, std::string_view id_or_no, const HazardEdit& e, const Actor& actor)
{
  store::WriteTransaction tx(db.sql());
  const Hazard before = store::find_hazard(db, id_or_no);
  Hazard h = before;
  const auto text = [](const std::optional<std::string>& v) { return std::string(trim_blanks(*v)); };
  if (e.found_on) h.found_on = *e.found_on;
  if (e.found_by) h.found_by = domain::normalize_person_field(*e.found_by);
  if (e.location) h.location = text(e.location);
  if (e.description) {
    h.description = text(e.description);
    require_description(h, "--desc");
  }
  if (e.category) h.category = trim_blanks(*e.category).empty() ? "" : parse_code(domain::hazard_categories(), "--category", *e.category);
  if (e.level) h.level = parse_level("--level", *e.level);
  if (e.basis) h.basis = text(e.basis);
  if (e.stop_production) h.stop_production = parse_code(domain::stop_production_kinds(), "--stop-production", *e.stop_production);
  if (e.sector) h.sector = parse_code(domain::sectors(), "--sector", *e.sector);
  if (e.owner) h.owner = domain::normalize_person_field(*e.owner);
  if (e.owner_dept) h.owner_dept = text(e.owner_dept);
  if (e.measures) h.measures = text(e.measures);
  if (e.funds) {
    if (trim_blanks(*e.funds).empty()) h.funds.reset();
    else h.funds = parse_funds("--funds", trim_blanks(*e.funds));
  }
  if (e.emergency_plan) h.emergency_plan = text(e.emergency_plan);
  if (h.found_on > actor.on)
    throw Error(ErrorKind::invalid_input,
                fmt::format("--found: {} is after the business date {}", h.found_on.iso(), actor.on.iso()));
  if (h.due_on && *h.due_on < h.found_on)
    throw Error(ErrorKind::invalid_input,
                fmt::format("--found: hazard {} would be found on {}, after its deadline {}", h.no, h.found_on.iso(),
                            h.due_on->iso()));
  require_basis(h, fmt::format("hazard {}", h.no));
  // DESIGN §4: a major hazard in rectification must keep its full 五落实.
  if (h.level == domain::HazardLevel::major && h.status == domain::HazardStatus::rectifying) {
    const auto missing = missing_five_items(h);
    if (!missing.empty()) {
      std::string list;
      for (auto m : missing) list += fmt::format("{}{}", list.empty() ? "" : ", ", m);
      throw Error(ErrorKind::invalid_input,
                  fmt::format("hazard {} is rectifying, and as a major hazard it needs the full 五落实: missing {}", h.no, list),
                  "pass the missing items with this update (--owner, --measures, --funds, --emergency-plan)");
    }
  }

  UpdateResult r{h, store::diff_hazards(before, h)};
  if (r.changes.empty()) return r;  // nothing differs: no write, no event
  store::update_hazard(db, r.hazard, actor.now);
  store::append_event(db, store::HazardEvent{{}, h.id, "updated", actor.user, actor.on, actor.now, std::nullopt,
                                             std::nullopt, r.changes.json(), e.note, std::nullopt, {}});
  tx.commit();
  return r;
}

HazardDetails show_hazard(store::Database& db, std::string_view id_or_no)
{
  HazardDetails d;
  d.hazard = store::find_hazard(db, id_or_no);
  auto e = store::get_enterprise_ref(db, d.hazard.enterprise_id);
  if (!e)
    throw Error(ErrorKind::database, fmt::format("hazard {} refers to a missing enterprise", d.hazard.no),
                "run 'ankang db check'");
  d.enterprise = std::move(*e);
  if (d.hazard.inspection_id) d.inspection = store::get_inspection(db, *d.hazard.inspection_id);
  d.events = store::list_events(db, d.hazard.id);
  return d;
}

}  // namespace ankang::ops
