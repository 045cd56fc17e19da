#include "ops/letter_ops.hpp"

#include "domain/deadline.hpp"
#include "error.hpp"
#include "io/table.hpp"
#include "store/calendar_store.hpp"
#include "store/region_store.hpp"
#include "text.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace ankang::ops {

namespace {

using domain::Date;
using domain::LetterKind;
using store::Letter;

std::string required_text(const std::optional<std::string>& value, std::string_view option, std::string_view example)
{
  const std::string_view t = value ? trim_blanks(*value) : std::string_view();
  if (t.empty())
    throw Error(ErrorKind::invalid_input, fmt::format("{} is required when no organisation is set yet", option),
                fmt::format("e.g. {}", example));
  return std::string(t);
}

std::string code_option(const domain::CodeSet& set, std::string_view option, std::string_view text)
{
  if (auto c = set.parse(text)) return std::string(*c);
  throw Error(ErrorKind::usage, fmt::format("invalid value for {}: unknown {} {}: expected one of {}", option, set.what(),
                                            quote_value(text), set.valid_values()));
}

// A JSON object of string fields (values escaped), for the fields column of letter_event.
std::string json_object(const std::vector<std::pair<std::string_view, std::string>>& fields)
{
  std::string out = "{";
  for (const auto& [key, value] : fields) {
    if (out.size() > 1) out += ',';
    out += io::json_escape(key);
    out += ':';
    out += io::json_escape(value);
  }
  return out + "}";
}

struct ReplyClock {
  std::string text;  // +15wd
  Date due;
  bool provisional = false;  // counted through a year on the provisional calendar
};

ReplyClock reply_clock(store::Database& db, LetterKind kind, std::string_view within, Date issued_on)
{
  const std::string_view given = trim_blanks(within);
  const auto spec = domain::parse_deadline(given.empty() ? domain::default_reply_within(kind) : given);
  if (spec.kind != domain::DeadlineSpec::Kind::working_days && spec.kind != domain::DeadlineSpec::Kind::calendar_days)
    throw Error(ErrorKind::usage,
                fmt::format("invalid value for --reply-within: {} is not a number of days", quote_value(given)),
                "give working days (15wd) or calendar days (60d)");
  // The same calendar as hazard deadlines: a year without its notice counts on the provisional
  // calendar (marked), unless --strict-calendar refuses it.
  const auto calendar = store::load_calendar(db);
  std::string text = spec.text();  // +15wd: stored as 15wd, the way the law counts it
  if (!text.empty() && text.front() == '+') text.erase(0, 1);
  const auto counted = domain::resolve_counted(spec, issued_on, calendar);
  return {text, counted.date, counted.provisional};
}

// The hazards named on the command line, each once, in the order given.
std::vector<store::Hazard> resolve_hazards(store::Database& db, const std::vector<std::string>& keys, Date issued_on)
{
  std::vector<store::Hazard> out;
  for (const auto& key : keys) {
    const std::string_view k = trim_blanks(key);
    if (k.empty()) continue;
    auto h = store::find_hazard(db, k);
    if (std::any_of(out.begin(), out.end(), [&](const store::Hazard& x) { return x.id == h.id; })) continue;
    if (h.status == domain::HazardStatus::void_)
      throw Error(ErrorKind::invalid_input, fmt::format("--hazards: hazard {} is void (作废)", h.no),
                  "a letter covers hazards that stand; leave it out");
    if (h.found_on > issued_on)
      throw Error(ErrorKind::invalid_input,
                  fmt::format("--hazards: hazard {} was found on {}, after the letter's date {}", h.no, h.found_on.iso(),
                              issued_on.iso()),
                  "check --on");
    out.push_back(std::move(h));
  }
  if (out.empty())
    throw Error(ErrorKind::usage, "--hazards names no hazard", "give the hazards the letter covers, e.g. --hazards 3,5,9");
  return out;
}

std::string hazard_numbers(const std::vector<store::Hazard>& hazards)
{
  std::string out;
  for (const auto& h : hazards) out += (out.empty() ? "" : ",") + h.no;
  return out;
}

// Number, issuer and clock of a new letter; inserts it with its hazards and its 'issued' event.
IssuedLetter insert_new_letter(store::Database& db, Letter l, std::vector<store::Hazard> hazards, std::string_view no,
                               std::string_view within, const Actor& actor)
{
  const auto org = require_org(db);
  l.issued_on = actor.on;
  l.year = actor.on.year();
  l.issuer = org.name;
  const std::string_view given = trim_blanks(no);
  if (!given.empty()) {
    l.no = std::string(given);
    l.seq = domain::letter_no_seq(l.no, l.year);
  } else {
    l.seq = store::max_letter_seq(db, l.kind, l.year) + 1;
    l.no = domain::format_letter_no(org.letter_prefix, l.kind, l.year, *l.seq);
  }
  if (auto taken = store::find_letter_by_no(db, l.kind, l.year, l.no))
    throw Error(ErrorKind::conflict,
                fmt::format("letter number {} is taken by letter #{} ({} of {})", l.no, taken->value,
                            domain::letter_kinds().label(domain::code(l.kind), domain::Lang::en), l.year),
                "give another --no, or leave it out to take the next number");
  const auto clock = reply_clock(db, l.kind, within, l.issued_on);
  l.reply_within = clock.text;
  l.reply_due = clock.due;
  l.reply_due_provisional = clock.provisional;
  std::vector<store::HazardId> ids;
  for (const auto& h : hazards) ids.push_back(h.id);
  store::insert_letter(db, l, ids, actor.now);
  store::LetterEvent e{l.id, "issued", actor.user, actor.on, actor.now,
                       json_object({{"no", l.no},
                                    {"kind", std::string(domain::code(l.kind))},
                                    {"addressee", l.addressee},
                                    {"reply_due", l.reply_due.iso()},
                                    {"hazards", hazard_numbers(hazards)}}),
                       {}};
  store::append_letter_event(db, e, actor.now);
  return {std::move(l), std::move(hazards)};
}

std::optional<store::EnterpriseId> common_enterprise(const std::vector<store::Hazard>& hazards)
{
  if (hazards.empty()) return std::nullopt;
  for (const auto& h : hazards)
    if (h.enterprise_id != hazards.front().enterprise_id) return std::nullopt;
  return hazards.front().enterprise_id;
}

std::string department(std::string_view to)
{
  const std::string_view t = trim_blanks(to);
  if (t.empty())
    throw Error(ErrorKind::usage, "--to is required: the department the letter goes to", "e.g. --to 海北州应急管理局");
  return std::string(t);
}

std::optional<Date> first_escalation(store::Database& db, store::LetterId id)
{
  const auto children = store::letter_escalations(db, id);
  if (children.empty()) return std::nullopt;
  return children.front().issued_on;
}

domain::LetterClock clock_of(store::Database& db, const Letter& l)
{
  store::LetterRow r;
  r.letter = l;
  r.escalated_on = first_escalation(db, l.id);
  return store::letter_clock(r);
}

void check_step_date(const Letter& l, Date on, std::string_view step)
{
  if (on < l.issued_on)
    throw Error(ErrorKind::invalid_input,
                fmt::format("--on {}: letter {} was issued on {}, a {} cannot come before it", on.iso(), l.no,
                            l.issued_on.iso(), step),
                "check --on");
}

}  // namespace

// ---- org ----------------------------------------------------------------------------------

store::Org set_org(store::Database& db, const OrgInput& in, std::string_view now)
{
  store::WriteTransaction tx(db.sql());
  const auto old = store::get_org(db);
  store::Org o = old.value_or(store::Org{});
  const auto take = [](const std::optional<std::string>& v, std::string& field) {
    if (v && !trim_blanks(*v).empty()) field = std::string(trim_blanks(*v));
  };
  if (!old) {
    o.name = required_text(in.name, "--name", "--name 青海省总工会");
    o.short_name = required_text(in.short_name, "--short", "--short 青工");
    o.level = code_option(domain::org_levels(), "--level", required_text(in.level, "--level", "--level province"));
  } else {
    take(in.name, o.name);
    take(in.short_name, o.short_name);
    if (in.level && !trim_blanks(*in.level).empty()) o.level = code_option(domain::org_levels(), "--level", *in.level);
  }
  if (in.region) {
    const std::string_view r = trim_blanks(*in.region);
    o.region_code = r.empty() ? std::string() : store::RegionStore(db.sql()).resolve(r).code;
  }
  take(in.letter_prefix, o.letter_prefix);
  if (o.letter_prefix.empty()) o.letter_prefix = o.short_name;
  store::save_org(db, o, now);
  tx.commit();
  return o;
}

store::Org require_org(store::Database& db)
{
  if (auto o = store::get_org(db)) return std::move(*o);
  throw Error(ErrorKind::invalid_input, "no organisation is set: letters need an issuer and a number prefix",
              "run 'ankang org set --name 青海省总工会 --short 青工 --level province' first");
}

// ---- letters ------------------------------------------------------------------------------

IssuedLetter issue_letter(store::Database& db, const LetterRequest& in, const Actor& actor)
{
  store::WriteTransaction tx(db.sql());
  Letter l;
  l.kind = in.kind;
  l.text = std::string(trim_blanks(in.text));
  std::vector<store::Hazard> hazards;
  const std::string_view enterprise_text = trim_blanks(in.enterprise);
  const std::string_view about = trim_blanks(in.about);
  switch (in.kind) {
  case LetterKind::opinion: {
    if (enterprise_text.empty())
      throw Error(ErrorKind::usage, "--enterprise is required: the enterprise the opinion letter goes to",
                  "e.g. --enterprise 91632224MA6NDUU53L");
    if (!trim_blanks(in.to).empty())
      throw Error(ErrorKind::usage, "--to is for proposals and reports: an opinion letter goes to the enterprise (--enterprise)");
    const auto e = resolve_enterprise(db, enterprise_text);
    hazards = resolve_hazards(db, in.hazards, actor.on);
    for (const auto& h : hazards)
      if (h.enterprise_id != e.id)
        throw Error(ErrorKind::invalid_input, fmt::format("--hazards: hazard {} is not at {}", h.no, e.name),
                    "an opinion letter covers hazards of the enterprise it goes to");
    l.enterprise_id = e.id;
    l.addressee = e.name;
    break;
  }
  case LetterKind::proposal: {
    l.addressee = department(in.to);
    if (!about.empty()) {
      if (!enterprise_text.empty() || !in.hazards.empty())
        throw Error(ErrorKind::usage, "--about takes the enterprise and hazards of that letter: give --about or "
                                      "--enterprise with --hazards, not both");
      const auto from = store::find_letter(db, about);
      if (from.kind != LetterKind::opinion)
        throw Error(ErrorKind::invalid_input, fmt::format("--about: letter {} is not an opinion letter (意见书)", from.no),
                    "a proposal follows an opinion letter the enterprise did not act on");
      for (const auto id : store::letter_hazards(db, from.id))
        if (auto h = store::get_hazard(db, id)) hazards.push_back(std::move(*h));
      l.enterprise_id = from.enterprise_id;
      l.escalated_from = from.id;
      check_step_date(from, actor.on, "proposal");
    } else {
      if (enterprise_text.empty())
        throw Error(ErrorKind::usage, "a proposal needs --about LETTER, or --enterprise with --hazards",
                    "e.g. --about 青工劳保意〔2021〕3号");
      const auto e = resolve_enterprise(db, enterprise_text);
      hazards = resolve_hazards(db, in.hazards, actor.on);
      for (const auto& h : hazards)
        if (h.enterprise_id != e.id)
          throw Error(ErrorKind::invalid_input, fmt::format("--hazards: hazard {} is not at {}", h.no, e.name),
                      "a proposal concerns one enterprise's hazards");
      l.enterprise_id = e.id;
    }
    break;
  }
  case LetterKind::report: {
    l.addressee = department(in.to);
    hazards = resolve_hazards(db, in.hazards, actor.on);
    if (!enterprise_text.empty()) {
      const auto e = resolve_enterprise(db, enterprise_text);
      for (const auto& h : hazards)
        if (h.enterprise_id != e.id)
          throw Error(ErrorKind::invalid_input, fmt::format("--hazards: hazard {} is not at {}", h.no, e.name));
      l.enterprise_id = e.id;
    } else {
      l.enterprise_id = common_enterprise(hazards);
    }
    break;
  }
  }
  auto issued = insert_new_letter(db, std::move(l), std::move(hazards), in.no, in.reply_within, actor);
  if (issued.letter.escalated_from) {
    store::LetterEvent e{*issued.letter.escalated_from, "escalated", actor.user, actor.on, actor.now,
                         json_object({{"proposal", issued.letter.no}, {"to", issued.letter.addressee}}), {}};
    store::append_letter_event(db, e, actor.now);
  }
  tx.commit();
  return issued;
}

store::Letter reply_letter(store::Database& db, std::string_view id, std::string_view outcome_text, std::string_view text,
                           const Actor& actor)
{
  store::WriteTransaction tx(db.sql());
  auto l = store::find_letter(db, id);
  const std::string outcome = code_option(domain::reply_outcomes(), "--outcome", outcome_text);
  if (!domain::outcome_allowed(l.kind, outcome))
    throw Error(ErrorKind::usage,
                fmt::format("invalid value for --outcome: {} is not an outcome of {} ({})", quote_value(outcome_text), l.no,
                            domain::letter_kinds().label(domain::code(l.kind), domain::Lang::en)),
                l.kind == LetterKind::proposal ? "a proposal's reply is case-opened or declined"
                                               : "a reply is accepted, partial or rejected");
  if (l.reply_on)
    throw Error(ErrorKind::conflict, fmt::format("letter {} was already answered on {} ({})", l.no, l.reply_on->iso(), l.reply_outcome),
                "'ankang letter show' shows it");
  check_step_date(l, actor.on, "reply");
  l.reply_on = actor.on;
  l.reply_outcome = outcome;
  l.reply_text = std::string(trim_blanks(text));
  store::update_letter_reply(db, l, actor.now);
  std::vector<std::pair<std::string_view, std::string>> fields{{"outcome", outcome}};
  store::append_letter_event(db, {l.id, "replied", actor.user, actor.on, actor.now, json_object(fields), l.reply_text},
                             actor.now);
  tx.commit();
  return l;
}

store::Letter record_result(store::Database& db, std::string_view id, std::string_view text, const Actor& actor)
{
  store::WriteTransaction tx(db.sql());
  auto l = store::find_letter(db, id);
  if (l.kind != LetterKind::proposal)
    throw Error(ErrorKind::conflict, fmt::format("letter {} is not a proposal (建议书): only a department's case has a result", l.no),
                "record the enterprise's answer with 'ankang letter reply'");
  if (l.reply_outcome != "case-opened")
    throw Error(ErrorKind::conflict,
                fmt::format("letter {}: the department has not opened a case{}", l.no,
                            l.reply_on ? fmt::format(" (its reply of {} was {})", l.reply_on->iso(), l.reply_outcome) : ""),
                "first 'ankang letter reply LETTER --outcome case-opened'");
  if (l.result_on)
    throw Error(ErrorKind::conflict, fmt::format("letter {} already has its result, recorded on {}", l.no, l.result_on->iso()));
  if (actor.on < *l.reply_on)
    throw Error(ErrorKind::invalid_input,
                fmt::format("--on {}: the case on letter {} was opened on {}, its result cannot come before", actor.on.iso(),
                            l.no, l.reply_on->iso()));
  const std::string_view t = trim_blanks(text);
  if (t.empty()) throw Error(ErrorKind::usage, "--text is required: what the department decided or did");
  l.result_on = actor.on;
  l.result_text = std::string(t);
  store::update_letter_reply(db, l, actor.now);
  store::append_letter_event(db, {l.id, "result", actor.user, actor.on, actor.now, {}, l.result_text}, actor.now);
  tx.commit();
  return l;
}

IssuedLetter escalate_letter(store::Database& db, std::string_view id, std::string_view to, std::string_view no,
                             std::string_view reply_within, std::string_view text, const Actor& actor)
{
  LetterRequest request;
  {
    const auto l = store::find_letter(db, id);
    if (l.kind != LetterKind::opinion)
      throw Error(ErrorKind::conflict, fmt::format("letter {} is not an opinion letter (意见书): only those are escalated", l.no));
    const auto status = domain::letter_status(clock_of(db, l), actor.on);
    if (status == domain::LetterStatus::escalated)
      throw Error(ErrorKind::conflict, fmt::format("letter {} was already escalated", l.no), "'ankang letter show' shows the chain");
    const bool rejected = status == domain::LetterStatus::answered && l.reply_outcome == "rejected";
    if (status != domain::LetterStatus::overdue && !rejected)
      throw Error(ErrorKind::conflict,
                  fmt::format("letter {} is {} on {}: only an opinion letter that is overdue (reply due {}) or rejected "
                              "can be escalated",
                              l.no, domain::code(status), actor.on.iso(), l.reply_due.iso()),
                  "'ankang letter list --overdue' shows the overdue ones");
    request.about = l.no;
  }
  request.kind = LetterKind::proposal;
  request.to = std::string(to);
  request.no = std::string(no);
  request.reply_within = std::string(reply_within);
  request.text = std::string(text);
  return issue_letter(db, request, actor);
}

std::vector<LetterState> list_letter_states(store::Database& db, const LetterQuery& q, Date as_of)
{
  std::optional<domain::Calendar> calendar;
  std::vector<LetterState> out;
  for (auto& row : store::list_letters(db, q.filter)) {
    LetterState s;
    s.status = domain::letter_status(store::letter_clock(row), as_of);
    if (q.overdue && s.status != domain::LetterStatus::overdue) continue;
    if (q.pending && !domain::awaiting_reply(s.status)) continue;
    if (domain::awaiting_reply(s.status)) {
      if (!calendar) calendar = store::load_calendar(db);
      s.working_days_left = calendar->working_days_between(as_of, row.letter.reply_due);
    }
    s.row = std::move(row);
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<LetterHazard> letter_hazard_details(store::Database& db, store::LetterId id)
{
  std::vector<LetterHazard> out;
  for (const auto hid : store::letter_hazards(db, id)) {
    auto h = store::get_hazard(db, hid);
    if (!h) continue;
    LetterHazard lh;
    const auto e = store::get_enterprise_ref(db, h->enterprise_id);
    lh.enterprise = e ? e->name : std::string();
    lh.supervised = store::active_supervision(db, hid).has_value();
    lh.hazard = std::move(*h);
    out.push_back(std::move(lh));
  }
  return out;
}

LetterDetails show_letter(store::Database& db, std::string_view id, Date as_of)
{
  const auto l = store::find_letter(db, id);
  LetterDetails d;
  store::LetterFilter f;
  for (auto& s : list_letter_states(db, {f, false, false}, as_of))
    if (s.row.letter.id == l.id) d.state = std::move(s);
  d.hazards = letter_hazard_details(db, l.id);
  // The chain: up to the first letter, then down the first escalation of each.
  std::vector<Letter> up{l};
  while (up.back().escalated_from) {
    auto parent = store::get_letter(db, *up.back().escalated_from);
    if (!parent) break;
    up.push_back(std::move(*parent));
  }
  d.chain.assign(up.rbegin(), up.rend());
  for (auto children = store::letter_escalations(db, l.id); !children.empty();) {
    const auto next = children.front();
    d.chain.push_back(next);
    children = store::letter_escalations(db, next.id);
  }
  d.events = store::list_letter_events(db, l.id);
  return d;
}

}  // namespace ankang::ops
