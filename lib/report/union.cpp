// The union's sections of the weekly, quarterly and annual reports, and `report letters`.
#include "report/union.hpp"

#include "domain/calendar_provisional.hpp"
#include "domain/letter.hpp"
#include "report/common.hpp"
#include "store/calendar_store.hpp"
#include "store/letter_store.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace ankang::report {

namespace {

using namespace detail;
using domain::Date;

// The reply deadline, marked when it was counted through the provisional calendar.
std::string due_text(const store::Letter& l, domain::Lang lang)
{
  return l.reply_due.iso() + std::string(l.reply_due_provisional ? domain::provisional_mark(lang) : "");
}
using domain::Lang;
using domain::LetterKind;
using domain::LetterStatus;

std::string kind_label(LetterKind k, Lang lang) { return std::string(domain::letter_kinds().label(domain::code(k), lang)); }

bool in(Date d, store::DateRange r) { return r.start <= d && d <= r.end; }

struct KindFigures {
  int64_t issued = 0, answered = 0, overdue_at_end = 0, pending_at_end = 0;
};

// One step of the union's work, for the steps table.
struct Step {
  Date on;
  int order = 0;  // within a day: visit, overdue, escalation, letter issued, reply, result, closed, supervision
  std::string step;  // stored code
  std::string label;
  std::string item;
  std::string detail;
};

std::string step_label(std::string_view code, Lang lang)
{
  static constexpr std::pair<std::string_view, std::pair<std::string_view, std::string_view>> k_steps[] = {
      {"visit", {"工会监督检查", "union visit"}},
      {"opinion_issued", {"发出意见书", "opinion letter issued"}},
      {"proposal_issued", {"发出建议书", "proposal letter issued"}},
      {"report_issued", {"上报", "report sent"}},
      {"escalated", {"提请有关部门处理", "escalated"}},
      {"replied", {"收到答复", "answer received"}},
      {"overdue", {"逾期未复", "reply overdue"}},
      {"result", {"收到处理结果", "result received"}},
      {"hazard_closed", {"隐患销号", "hazard closed"}},
      {"supervised", {"挂牌督办", "put under supervision"}},
      {"unsupervised", {"摘牌", "supervision removed"}},
  };
  for (const auto& [k, v] : k_steps)
    if (k == code) return std::string(lang == Lang::zh ? v.first : v.second);
  return std::string(code);
}

void add_step(std::vector<Step>& steps, Date on, int order, std::string_view code, std::string item, std::string detail, Lang lang)
{
  steps.push_back({on, order, std::string(code), step_label(code, lang), std::move(item), std::move(detail)});
}

}  // namespace

std::string section_number(int n, Lang lang)
{
  if (lang == Lang::en) return fmt::format("{}. ", n);
  static constexpr std::string_view k_digits[] = {"", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  std::string out;
  if (n >= 20) out += k_digits[n / 10];
  if (n >= 10) out += "十";
  if (n % 10 != 0 || n < 10) out += k_digits[n % 10];
  return out + "、";
}

std::vector<Section> union_sections(store::Database& db, store::DateRange range, Date as_of, int number, Lang lang)
{
  const Date end = std::min(range.end, as_of);
  const auto visits = store::union_visits(db, range.start, end);
  store::LetterFilter lf;
  lf.issued_to = end;
  const auto letters = store::list_letters(db, lf);
  const auto supervisions = store::list_supervisions(db, range.start, end);
  const auto closed = store::union_hazards_closed(db, range.start, end);

  std::vector<Step> steps;
  int64_t found = 0, major = 0;
  for (const auto& v : visits) {
    found += v.hazards;
    major += v.major;
    std::string detail = v.enterprise;
    if (!v.body.empty()) detail += " · " + v.body;
    detail += lang == Lang::zh ? fmt::format(" · 发现隐患{}项（重大{}项）", v.hazards, v.major)
                               : fmt::format(" · {} hazards found ({} major)", v.hazards, v.major);
    add_step(steps, v.date, 0, "visit", fmt::format("#{}", v.id.value), detail, lang);
  }

  std::map<LetterKind, KindFigures> by_kind;
  int64_t escalations = 0;
  for (const auto& r : letters) {
    const auto& l = r.letter;
    auto& k = by_kind[l.kind];
    const auto status = domain::letter_status(store::letter_clock(r), end);
    if (in(l.issued_on, range)) {
      ++k.issued;
      add_step(steps, l.issued_on, 3, fmt::format("{}_issued", domain::code(l.kind)), l.no,
               lang == Lang::zh ? fmt::format("送{}，涉及隐患{}项，答复期限{}", l.addressee, r.hazards, due_text(l, lang))
                                : fmt::format("to {}, {} hazards, reply due {}", l.addressee, r.hazards, due_text(l, lang)),
               lang);
      if (l.escalated_from) {
        ++escalations;
        const auto from = store::get_letter(db, *l.escalated_from);
        add_step(steps, l.issued_on, 2, "escalated", from ? from->no : std::string(),
                 lang == Lang::zh ? fmt::format("{} → {}（{}）", from ? from->no : "", l.no, l.addressee)
                                  : fmt::format("{} → {} ({})", from ? from->no : "", l.no, l.addressee),
                 lang);
      }
    }
    if (l.reply_on && in(*l.reply_on, range) && *l.reply_on <= end) {
      ++k.answered;
      add_step(steps, *l.reply_on, 4, "replied", l.no,
               std::string(domain::reply_outcomes().label(l.reply_outcome, lang)) +
                   (l.reply_text.empty() ? std::string() : (lang == Lang::zh ? "：" : ": ") + l.reply_text),
               lang);
    }
    // The day a reply became overdue: the day after it was due, if nothing had come by then.
    const Date late = l.reply_due + 1;
    if (in(late, range) && late <= end && (!l.reply_on || *l.reply_on >= late) && (!r.escalated_on || *r.escalated_on >= late))
      add_step(steps, late, 1, "overdue", l.no,
               lang == Lang::zh ? fmt::format("答复期限{}已过，{}未答复", l.reply_due.iso(), l.addressee)
                                : fmt::format("reply due {} passed without an answer from {}", l.reply_due.iso(), l.addressee),
               lang);
    if (l.result_on && in(*l.result_on, range) && *l.result_on <= end)
      add_step(steps, *l.result_on, 5, "result", l.no, l.result_text, lang);
    if (status == LetterStatus::overdue) ++k.overdue_at_end;
    if (status == LetterStatus::pending) ++k.pending_at_end;
  }

  for (const auto& h : closed)
    add_step(steps, h.closed_on, 6, "hazard_closed", h.no,
             fmt::format("{} · {}", h.enterprise, domain::hazard_levels().label(h.level, lang)), lang);

  int64_t sup_new = 0, sup_removed = 0, sup_open = 0;
  Section supervised;
  supervised.key = "union_supervised";
  supervised.title = section_number(number + 1, lang) + tr(lang, "挂牌督办重大隐患", "Major hazards under supervision (挂牌督办)");
  supervised.empty_note = tr(lang, "本期无挂牌督办的重大隐患。", "No hazard was under supervision in the period.");
  supervised.table.columns = {{"no", tr(lang, "隐患编号", "number"), io::Align::left},
                              {"enterprise", tr(lang, "企业", "enterprise"), io::Align::left},
                              {"description", tr(lang, "隐患描述", "description"), io::Align::left},
                              {"level", tr(lang, "督办级别", "level"), io::Align::left},
                              {"body", tr(lang, "督办单位", "body"), io::Align::left},
                              {"supervised_on", tr(lang, "挂牌日期", "supervised on"), io::Align::left},
                              {"deadline", tr(lang, "督办期限", "deadline"), io::Align::left},
                              {"removed_on", tr(lang, "摘牌日期", "removed on"), io::Align::left},
                              {"status", tr(lang, "隐患状态", "status"), io::Align::left},
                              {"days", tr(lang, "督办天数", "days under supervision"), io::Align::right}};
  for (const auto& s : supervisions) {
    const auto& v = s.supervision;
    const bool removed = v.removed_on && *v.removed_on <= end;
    if (in(v.on, range)) {
      ++sup_new;
      add_step(steps, v.on, 7, "supervised", s.hazard_no,
               fmt::format("{} · {}", v.body, domain::supervision_levels().label(v.level, lang)), lang);
    }
    if (removed && in(*v.removed_on, range)) {
      ++sup_removed;
      add_step(steps, *v.removed_on, 8, "unsupervised", s.hazard_no,
               lang == Lang::zh ? fmt::format("{}，督办{}天", v.body, *v.removed_on - v.on)
                                : fmt::format("{}, {} days under supervision", v.body, *v.removed_on - v.on),
               lang);
    }
    if (!removed) ++sup_open;
    // The hazard's status as of the end: closed if it was closed by then, else still to be fixed.
    const bool closed_by_end = s.closed_on && *s.closed_on <= end;
    const Date until = removed ? *v.removed_on : end;
    supervised.table.rows.push_back(
        {Value::text(s.hazard_no), Value::text(s.enterprise_name), Value::text(s.description),
         coded(domain::supervision_levels(), v.level, lang), Value::text(v.body), Value::text(v.on.iso()),
         v.deadline ? Value::text(v.deadline->iso()) : Value::null(), removed ? Value::text(v.removed_on->iso()) : Value::null(),
         closed_by_end ? coded(domain::hazard_statuses(), "closed", lang)
                       : (s.status == "closed" ? coded(domain::hazard_statuses(), "rectifying", lang)
                                               : coded(domain::hazard_statuses(), s.status, lang)),
         Value::count(until - v.on)});
  }
  supervised.paragraphs.push_back(
      lang == Lang::zh ? fmt::format("本期新挂牌督办{}项，摘牌{}项，期末仍在督办{}项。", sup_new, sup_removed, sup_open)
                       : fmt::format("{} put under supervision in the period, {} removed, {} still under supervision at the end.",
                                     sup_new, sup_removed, sup_open));

  Section work;
  work.key = "union";
  work.title = section_number(number, lang) + tr(lang, "工会监督工作", "The union's supervision work");
  KindFigures total;
  for (const auto& [kind, k] : by_kind) {
    total.issued += k.issued;
    total.answered += k.answered;
    total.overdue_at_end += k.overdue_at_end;
    total.pending_at_end += k.pending_at_end;
  }
  work.paragraphs.push_back(
      lang == Lang::zh
          ? fmt::format("本期开展工会监督检查{}次，发现隐患{}项（其中重大隐患{}项）；发出监督函件{}件，收到答复{}件，"
                        "期末逾期未复{}件、待回复{}件；提请有关部门处理{}次。",
                        visits.size(), found, major, total.issued, total.answered, total.overdue_at_end, total.pending_at_end,
                        escalations)
          : fmt::format("In the period the union made {} supervision visits and found {} hazards ({} major); it sent {} "
                        "letters and received {} answers; at the end {} answers were overdue and {} pending; {} cases were "
                        "escalated to a department.",
                        visits.size(), found, major, total.issued, total.answered, total.overdue_at_end, total.pending_at_end,
                        escalations));
  work.table.columns = {{"kind", tr(lang, "函件类型", "letter kind"), io::Align::left},
                        {"issued", tr(lang, "本期发出", "issued"), io::Align::right},
                        {"answered", tr(lang, "本期答复", "answered"), io::Align::right},
                        {"overdue_at_end", tr(lang, "期末逾期未复", "overdue at end"), io::Align::right},
                        {"pending_at_end", tr(lang, "期末待回复", "pending at end"), io::Align::right}};
  for (const auto kind : {LetterKind::opinion, LetterKind::proposal, LetterKind::report}) {
    const auto k = by_kind.count(kind) ? by_kind.at(kind) : KindFigures{};
    work.table.rows.push_back({Value::coded(std::string(domain::code(kind)), kind_label(kind, lang)), Value::count(k.issued),
                               Value::count(k.answered), Value::count(k.overdue_at_end), Value::count(k.pending_at_end)});
  }
  work.table.rows.push_back({Value::coded("total", tr(lang, "合计", "total")), Value::count(total.issued),
                             Value::count(total.answered), Value::count(total.overdue_at_end), Value::count(total.pending_at_end)});

  Section progress;
  progress.key = "union_steps";
  progress.title = section_number(number + 2, lang) + tr(lang, "工会监督工作进程", "Steps of the union's cases in the period");
  progress.empty_note = tr(lang, "本期无工会监督工作记录。", "No step of the union's work in the period.");
  progress.table.columns = {{"date", tr(lang, "日期", "date"), io::Align::left},
                            {"step", tr(lang, "事项", "step"), io::Align::left},
                            {"item", tr(lang, "编号", "item"), io::Align::left},
                            {"detail", tr(lang, "情况", "detail"), io::Align::left}};
  std::stable_sort(steps.begin(), steps.end(),
                   [](const Step& a, const Step& b) { return a.on != b.on ? a.on < b.on : a.order < b.order; });
  for (auto& s : steps)
    progress.table.rows.push_back({Value::text(s.on.iso()), Value::coded(s.step, s.label), Value::text(s.item), Value::text(s.detail)});

  std::vector<Section> out;
  out.push_back(std::move(work));
  out.push_back(std::move(supervised));
  out.push_back(std::move(progress));
  return out;
}

Document build_letters(store::Database& db, const PeriodSpec& p, const Context& ctx)
{
  const Lang lang = ctx.lang;
  const Date end = std::min(p.range.end, ctx.today);
  Document doc;
  doc.kind = "letters";
  doc.title = tr(lang, "工会监督函件办理情况", "The union's letters and their clocks");
  doc.subtitle = lang == Lang::zh ? fmt::format("统计期间：{}　报告日期：{}", p.label, ctx.today.iso())
                                  : fmt::format("Period: {}. Report date: {}", p.label, ctx.today.iso());
  doc.meta = {{"period", Value::text(p.code)},
              {"start", Value::text(p.range.start.iso())},
              {"end", Value::text(p.range.end.iso())},
              {"as_of", Value::text(ctx.today.iso())}};
  add_partial_note(doc, p, lang, false);
  store::LetterFilter lf;
  lf.issued_to = end;
  std::optional<domain::Calendar> calendar;
  Section s;
  s.key = "letters";
  s.title = tr(lang, "一、函件清单", "1. Letters");
  s.empty_note = tr(lang, "本期无函件。", "No letter in the period.");
  s.table.columns = {{"no", tr(lang, "文号", "number"), io::Align::left},
                     {"kind", tr(lang, "类型", "kind"), io::Align::left},
                     {"issued_on", tr(lang, "发出日期", "issued on"), io::Align::left},
                     {"addressee", tr(lang, "送达单位", "addressee"), io::Align::left},
                     {"enterprise", tr(lang, "涉及企业", "enterprise"), io::Align::left},
                     {"hazards", tr(lang, "隐患数", "hazards"), io::Align::right},
                     {"reply_due", tr(lang, "答复期限", "reply due"), io::Align::left},
                     {"reply_on", tr(lang, "答复日期", "reply on"), io::Align::left},
                     {"outcome", tr(lang, "答复结果", "outcome"), io::Align::left},
                     {"result_on", tr(lang, "办结日期", "result on"), io::Align::left},
                     {"status", tr(lang, "状态", "status"), io::Align::left},
                     {"working_days_left", tr(lang, "剩余工作日", "working days left"), io::Align::right},
                     {"escalated_to", tr(lang, "提请文号", "escalated to"), io::Align::left}};
  std::map<std::string, int64_t> counts;
  for (const auto& r : store::list_letters(db, lf)) {
    const auto& l = r.letter;
    const auto status = domain::letter_status(store::letter_clock(r), end);
    const bool issued_in = in(l.issued_on, p.range);
    const bool waiting_at_start =
        l.issued_on < p.range.start && domain::awaiting_reply(domain::letter_status(store::letter_clock(r), p.range.start - 1));
    if (!issued_in && !waiting_at_start) continue;
    ++counts[std::string(domain::code(status))];
    std::optional<int> left;
    if (domain::awaiting_reply(status)) {
      if (!calendar) calendar = store::load_calendar(db);
      left = calendar->working_days_between(end, l.reply_due);
    }
    const bool replied = l.reply_on && *l.reply_on <= end;
    const bool resulted = l.result_on && *l.result_on <= end;
    const bool escalated = r.escalated_on && *r.escalated_on <= end;
    s.table.rows.push_back({Value::text(l.no), Value::coded(std::string(domain::code(l.kind)), kind_label(l.kind, lang)),
                            Value::text(l.issued_on.iso()), Value::text(l.addressee), text_or_null(r.enterprise_name),
                            Value::count(r.hazards),
                            l.reply_due_provisional
                                ? Value::coded(l.reply_due.iso(), l.reply_due.iso() + std::string(domain::provisional_mark(lang)))
                                : Value::text(l.reply_due.iso()),
                            replied ? Value::text(l.reply_on->iso()) : Value::null(),
                            replied ? coded(domain::reply_outcomes(), l.reply_outcome, lang) : Value::null(),
                            resulted ? Value::text(l.result_on->iso()) : Value::null(),
                            coded(domain::letter_statuses(), std::string(domain::code(status)), lang),
                            left ? Value::number(std::to_string(*left),
                                                 lang == Lang::zh ? (*left >= 0 ? fmt::format("剩{}", *left) : fmt::format("逾期{}", -*left))
                                                                  : (*left >= 0 ? fmt::format("{} left", *left)
                                                                                : fmt::format("{} overdue", -*left)))
                                 : Value::null(),
                            escalated ? Value::text(r.escalated_to) : Value::null()});
  }
  const auto n = [&](const char* k) { return counts.count(k) ? counts.at(k) : 0; };
  doc.paragraphs.push_back(
      lang == Lang::zh
          ? fmt::format("截至{}，列出函件{}件：待回复{}件，逾期未复{}件，已回复{}件，已办结{}件，已提请{}件。", end.iso(),
                        s.table.rows.size(), n("pending"), n("overdue"), n("answered"), n("concluded"), n("escalated"))
          : fmt::format("As of {}, {} letters: {} pending, {} overdue, {} answered, {} concluded, {} escalated.", end.iso(),
                        s.table.rows.size(), n("pending"), n("overdue"), n("answered"), n("concluded"), n("escalated")));
  doc.sections.push_back(std::move(s));
  return doc;
}

}  // namespace ankang::report
