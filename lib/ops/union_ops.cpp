#include "ops/union_ops.hpp"

#include "domain/codes.hpp"
#include "domain/letter.hpp"
#include "error.hpp"
#include "store/org_store.hpp"
#include "text.hpp"

#include <fmt/format.h>

namespace ankang::ops {

namespace {

// 张三,李四 / 张三，李四 / 张三、李四 / 张三;李四 → 张三、李四 (the form the findings sheets use).
std::string join_inspectors(std::string_view text)
{
  std::string out, item;
  const auto flush = [&] {
    const std::string_view t = trim_blanks(item);
    if (!t.empty()) out += (out.empty() ? "" : "、") + std::string(t);
    item.clear();
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const std::string_view rest = text.substr(i);
    if (text[i] == ',' || text[i] == ';') {
      flush();
    } else if (rest.starts_with("，") || rest.starts_with("、") || rest.starts_with("；")) {
      flush();
      i += 2;
    } else {
      item += text[i];
    }
  }
  flush();
  return out;
}

}  // namespace

store::Inspection add_inspection(store::Database& db, const NewInspection& in, const Actor& actor)
{
  store::WriteTransaction tx(db.sql());
  const auto e = resolve_enterprise(db, in.enterprise);
  store::Inspection i;
  i.enterprise_id = e.id;
  i.date = actor.on;
  if (!trim_blanks(in.kind).empty()) {
    const auto kind = domain::inspection_kinds().parse(in.kind);
    if (!kind)
      throw Error(ErrorKind::usage, fmt::format("invalid value for --kind: unknown inspection kind {}: expected one of {}",
                                                quote_value(in.kind), domain::inspection_kinds().valid_values()));
    i.kind = std::string(*kind);
  }
  i.body = std::string(trim_blanks(in.body));
  if (i.body.empty() && i.kind == "union")
    if (const auto org = store::get_org(db)) i.body = org->name;
  i.inspectors = join_inspectors(in.inspectors);
  i.note = std::string(trim_blanks(in.note));
  if (const auto old = store::find_inspection_by_key(db, e.id, i.date, i.inspectors))
    throw Error(ErrorKind::conflict,
                fmt::format("inspection #{} already records {} on {} by {}", old->id.value, e.name, i.date.iso(),
                            i.inspectors.empty() ? std::string("—") : i.inspectors),
                fmt::format("link hazards to it with 'ankang hazard add … --inspection {}'", old->id.value));
  store::insert_inspection(db, i, actor.now);
  tx.commit();
  return i;
}

store::Supervision supervise_hazard(store::Database& db, std::string_view key, const SuperviseRequest& r, const Actor& actor)
{
  store::WriteTransaction tx(db.sql());
  const auto h = store::find_hazard(db, key);
  const std::string_view by = trim_blanks(r.by);
  if (by.empty()) throw Error(ErrorKind::usage, "--by is required: the body that supervises", "e.g. --by 青海省安委会办公室");
  const auto level = domain::supervision_levels().parse(r.level);
  if (!level)
    throw Error(ErrorKind::usage, fmt::format("invalid value for --level: unknown supervision level {}: expected one of {}",
                                              quote_value(r.level), domain::supervision_levels().valid_values()));
  if (h.level != domain::HazardLevel::major)
    throw Error(ErrorKind::conflict, fmt::format("hazard {} is a general hazard: 挂牌督办 is for major hazards", h.no),
                "if it is major, first 'ankang hazard update ID --level major --basis …'");
  if (h.status == domain::HazardStatus::closed || h.status == domain::HazardStatus::void_)
    throw Error(ErrorKind::conflict, fmt::format("hazard {} is {}: only a hazard still to be fixed is put under supervision",
                                                 h.no, domain::code(h.status)));
  if (actor.on < h.found_on)
    throw Error(ErrorKind::invalid_input,
                fmt::format("--on {}: hazard {} was found on {}", actor.on.iso(), h.no, h.found_on.iso()), "check --on");
  if (const auto old = store::active_supervision(db, h.id))
    throw Error(ErrorKind::conflict,
                fmt::format("hazard {} is already under supervision by {} since {}", h.no, old->body, old->on.iso()));
  if (r.deadline && *r.deadline < actor.on)
    throw Error(ErrorKind::invalid_input,
                fmt::format("--deadline {} is before the supervision's date {}", r.deadline->iso(), actor.on.iso()));
  store::Supervision v;
  v.hazard_id = h.id;
  v.body = std::string(by);
  v.level = std::string(*level);
  v.on = actor.on;
  v.deadline = r.deadline;
  store::insert_supervision(db, v, actor.now);
  store::FieldChanges fields;
  fields.add("supervised_by", std::nullopt, v.body);
  fields.add("supervision_level", std::nullopt, v.level);
  if (v.deadline) fields.add("supervision_deadline", std::nullopt, v.deadline->iso());
  store::HazardEvent e;
  e.hazard_id = h.id;
  e.kind = "supervised";
  e.actor = actor.user;
  e.on_date = actor.on;
  e.at = actor.now;
  e.fields_json = fields.json();
  e.note = v.body;
  store::append_event(db, e);
  tx.commit();
  return v;
}

store::Supervision unsupervise_hazard(store::Database& db, std::string_view key, const Actor& actor)
{
  store::WriteTransaction tx(db.sql());
  const auto h = store::find_hazard(db, key);
  auto v = store::active_supervision(db, h.id);
  if (!v) throw Error(ErrorKind::conflict, fmt::format("hazard {} is not under supervision", h.no));
  if (h.status != domain::HazardStatus::closed)
    throw Error(ErrorKind::conflict,
                fmt::format("hazard {} is {}: the supervision is removed (摘牌) only once the hazard is closed (销号)", h.no,
                            domain::code(h.status)),
                "close it first: 'ankang rectify verify ID --by … --pass'");
  if (actor.on < v->on || (h.closed_on && actor.on < *h.closed_on))
    throw Error(ErrorKind::invalid_input,
                fmt::format("--on {}: hazard {} was closed on {}, under supervision since {}", actor.on.iso(), h.no,
                            h.closed_on ? h.closed_on->iso() : std::string("—"), v->on.iso()),
                "摘牌 comes after 销号");
  store::set_supervision_removed(db, v->id, actor.on);
  v->removed_on = actor.on;
  store::FieldChanges fields;
  fields.add("supervised_by", v->body, std::nullopt);
  store::HazardEvent e;
  e.hazard_id = h.id;
  e.kind = "unsupervised";
  e.actor = actor.user;
  e.on_date = actor.on;
  e.at = actor.now;
  e.fields_json = fields.json();
  e.note = v->body;
  store::append_event(db, e);
  tx.commit();
  return *v;
}

}  // namespace ankang::ops
