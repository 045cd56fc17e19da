// ankang letter issue|reply|result|escalate|list|overdue|show|print: the union's letters and
// their reply clocks (意见书 15 working days, 建议书 5, reports 5; --reply-within changes them).
#include "cli/commands/hazard_common.hpp"
#include "cli/commands/registry.hpp"
#include "cli/exit_codes.hpp"
#include "cli/output.hpp"
#include "domain/calendar_provisional.hpp"
#include "domain/codes.hpp"
#include "domain/deadline.hpp"
#include "domain/letter.hpp"
#include "error.hpp"
#include "ops/letter_ops.hpp"
#include "report/letter_print.hpp"

#include <fmt/format.h>

namespace ankang::cli {

namespace {

using domain::Lang;
using domain::LetterKind;

std::vector<std::string> split_commas(std::string_view text)
{
  std::vector<std::string> out;
  std::string item;
  for (size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == ',' || text.substr(i).starts_with("，") || text.substr(i).starts_with("、")) {
      if (!item.empty()) out.push_back(item);
      item.clear();
      if (i < text.size() && text[i] != ',') i += 2;
    } else if (text[i] != ' ') {
      item += text[i];
    }
  }
  return out;
}

std::string_view kind_label(LetterKind k, Lang lang) { return domain::letter_kinds().label(domain::code(k), lang); }

// "剩余3个工作日" / "逾期1个工作日" / "3 working days left" / "1 working day overdue".
std::string clock_text(const ops::LetterState& s, Lang lang)
{
  if (!s.working_days_left) return {};
  const int n = *s.working_days_left;
  if (lang == Lang::zh) return n >= 0 ? fmt::format("剩余{}个工作日", n) : fmt::format("逾期{}个工作日", -n);
  const int a = n >= 0 ? n : -n;
  return fmt::format("{} working day{} {}", a, a == 1 ? "" : "s", n >= 0 ? "left" : "overdue");
}

io::Table letters_table(const Context& ctx, const OutputOptions& output, const std::vector<ops::LetterState>& states)
{
  const bool machine = output.parsed() != io::Format::table && output.parsed() != io::Format::md;
  io::Table t;
  t.columns = {{"id", "#", io::Align::right},
               {"no", std::string(ctx.tr("文号", "number")), io::Align::left},
               {"kind", std::string(ctx.tr("类型", "kind")), io::Align::left},
               {"issued_on", std::string(ctx.tr("发出日期", "issued on")), io::Align::left},
               {"addressee", std::string(ctx.tr("送达单位", "addressee")), io::Align::left},
               {"enterprise", std::string(ctx.tr("涉及企业", "enterprise")), io::Align::left},
               {"hazards", std::string(ctx.tr("隐患数", "hazards")), io::Align::right},
               {"reply_within", std::string(ctx.tr("答复时限", "reply within")), io::Align::left},
               {"reply_due", std::string(ctx.tr("答复期限", "reply due")), io::Align::left}};
  if (machine) t.columns.push_back({"reply_due_provisional", "reply_due_provisional", io::Align::left});
  if (machine) t.columns.push_back({"working_days_left", "working_days_left", io::Align::right});
  else t.columns.push_back({"clock", std::string(ctx.tr("时限情况", "clock")), io::Align::left});
  t.columns.push_back({"reply_on", std::string(ctx.tr("答复日期", "reply on")), io::Align::left});
  t.columns.push_back({"outcome", std::string(ctx.tr("答复结果", "outcome")), io::Align::left});
  t.columns.push_back({"status", std::string(ctx.tr("状态", "status")), io::Align::left});
  t.columns.push_back({"escalated_to", std::string(ctx.tr("提请文号", "escalated to")), io::Align::left});
  const auto text = [](std::string_view s) { return s.empty() ? io::Cell::null() : io::Cell(s); };
  for (const auto& s : states) {
    const auto& l = s.row.letter;
    io::Row row{io::Cell::number(l.id.value),
                io::Cell(l.no),
                io::Cell(machine ? domain::code(l.kind) : kind_label(l.kind, ctx.lang)),
                io::Cell(l.issued_on.iso()),
                io::Cell(l.addressee),
                text(s.row.enterprise_name),
                io::Cell::number(s.row.hazards),
                io::Cell(l.reply_within),
                io::Cell(machine || !l.reply_due_provisional ? l.reply_due.iso()
                                                             : l.reply_due.iso() + std::string(domain::provisional_mark(ctx.lang)))};
    if (machine) row.push_back(io::Cell::number_text(l.reply_due_provisional ? "true" : "false"));
    if (machine) row.push_back(s.working_days_left ? io::Cell::number(*s.working_days_left) : io::Cell::null());
    else row.push_back(text(clock_text(s, ctx.lang)));
    row.push_back(l.reply_on ? io::Cell(l.reply_on->iso()) : io::Cell::null());
    row.push_back(l.reply_outcome.empty()
                      ? io::Cell::null()
                      : io::Cell(machine ? std::string_view(l.reply_outcome) : domain::reply_outcomes().label(l.reply_outcome, ctx.lang)));
    row.push_back(io::Cell(machine ? domain::code(s.status) : domain::letter_statuses().label(domain::code(s.status), ctx.lang)));
    row.push_back(text(s.row.escalated_to));
    t.rows.push_back(std::move(row));
  }
  return t;
}

// ---- issue ---------------------------------------------------------------------------------

struct IssueOptions {
  ops::LetterRequest request;
  std::string hazards;
  std::string on;
};

void note_issued(const Context& ctx, const ops::IssuedLetter& r)
{
  const auto& l = r.letter;
  ctx.out << l.no << '\n';
  ctx.note(fmt::format(fmt::runtime(ctx.tr("{}：{}，送{}，涉及隐患{}项，答复期限{}", "{}: {} to {}, {} hazard(s), reply due {}")),
                       kind_label(l.kind, ctx.lang), l.no, l.addressee, r.hazards.size(),
                       l.reply_due.iso() + std::string(l.reply_due_provisional ? domain::provisional_mark(ctx.lang) : "")));
}

void add_issue(CLI::App& group, Context& ctx)
{
  auto* issue = group.add_subcommand("issue", "Issue a letter: opinion (意见书), proposal (建议书) or report (上报)");
  issue->require_subcommand(1);
  struct Kind {
    LetterKind kind;
    const char* name;
    const char* description;
    const char* example;
  };
  static constexpr Kind k_kinds[] = {
      {LetterKind::opinion, "opinion",
       "The 工会劳动法律监督意见书 to an enterprise: it must answer in writing within 15 working days (Art. 20)",
       "ankang letter issue opinion --enterprise 91632224MA6NDUU53L --hazards 3,5,9 --on 2021-09-28"},
      {LetterKind::proposal, "proposal",
       "The 工会劳动法律监督建议书 to a government department: a case decision within 5 working days (Art. 21, 23)",
       "ankang letter issue proposal --to 海北州应急管理局 --about 青工劳保意〔2021〕3号 --on 2021-10-26"},
      {LetterKind::report, "report", "A report (上报) of a major problem to the authorities; its acknowledgement is tracked like a reply",
       "ankang letter issue report --to 刚察县应急管理局 --hazards GC-2021-0007 --on 2021-09-28"},
  };
  for (const auto& k : k_kinds) {
    auto& o = ctx.own<IssueOptions>();
    o.request.kind = k.kind;
    auto* cmd = issue->add_subcommand(k.name, k.description);
    cmd->add_option("--enterprise,-e", o.request.enterprise,
                      k.kind == LetterKind::opinion ? "The enterprise it goes to: credit code, row id (id:12), name or a unique part of it"
                                                    : "The enterprise concerned: credit code, row id (id:12), name or a unique part of it");
    if (k.kind != LetterKind::opinion) cmd->add_option("--to", o.request.to, "The department it goes to, e.g. 海北州应急管理局");
    if (k.kind == LetterKind::proposal)
      cmd->add_option("--about", o.request.about, "The opinion letter it follows (its hazards; linked in the chain)");
    cmd->add_option("--hazards", o.hazards, "The hazards it covers: ids or numbers, comma-separated (3,5,9)");
    cmd->add_option("--on", o.on, "The day it is issued (default: today)");
    cmd->add_option("--no", o.request.no, "Its number (default: the next of the kind and year, e.g. 青工劳保意〔2021〕3号)");
    cmd->add_option("--reply-within", o.request.reply_within,
                    fmt::format("The reply clock: working days (15wd) or calendar days (60d); default {}",
                                domain::default_reply_within(k.kind)));
    cmd->add_option("--text", o.request.text, "A paragraph of the letter's own");
    set_example(cmd, k.example);
    cmd->callback([&ctx, &o] {
      ctx.action = [&ctx, &o] {
        auto db = ctx.open_db();
        auto request = o.request;
        if (!request.reply_within.empty())
          parse_option_value("--reply-within", [&] { return domain::parse_deadline(request.reply_within); });
        request.hazards = split_commas(o.hazards);
        note_issued(ctx, ops::issue_letter(db, request, make_actor(ctx, o.on)));
        return k_exit_ok;
      };
    });
  }
}

// ---- reply, result, escalate ---------------------------------------------------------------

struct StepOptions {
  std::string letter, on, outcome, text, to, no, reply_within;
};

void add_steps(CLI::App& group, Context& ctx)
{
  {
    auto& o = ctx.own<StepOptions>();
    auto* cmd = group.add_subcommand("reply", "Record the answer to a letter (the enterprise's, or the department's case decision)");
    cmd->add_option("LETTER", o.letter, "The letter: its number or id")->required();
    cmd->add_option("--on", o.on, "The day the answer came (default: today)");
    cmd->add_option("--outcome", o.outcome,
                    "opinion, report: accepted, partial or rejected; proposal: case-opened or declined")
        ->required();
    cmd->add_option("--text", o.text, "What the answer says");
    set_example(cmd, "ankang letter reply 青工劳保意〔2021〕3号 --on 2021-10-20 --outcome accepted --text '已制定整改方案'\n"
                     "  ankang letter reply 青工劳保建〔2021〕1号 --on 2021-10-29 --outcome case-opened");
    cmd->callback([&ctx, &o] {
      ctx.action = [&ctx, &o] {
        auto db = ctx.open_db();
        parse_option_value("--outcome", [&] { return domain::reply_outcomes().parse_or_throw(o.outcome); });
        const auto l = ops::reply_letter(db, o.letter, o.outcome, o.text, make_actor(ctx, o.on));
        ctx.out << fmt::format("{} {}：{}\n", l.no, ctx.tr("已答复", "answered"),
                               domain::reply_outcomes().label(l.reply_outcome, ctx.lang));
        return k_exit_ok;
      };
    });
  }
  {
    auto& o = ctx.own<StepOptions>();
    auto* cmd = group.add_subcommand("result", "Record the result a department fed back on a proposal whose case it opened");
    cmd->add_option("LETTER", o.letter, "The proposal: its number or id")->required();
    cmd->add_option("--on", o.on, "The day of the result (default: today)");
    cmd->add_option("--text", o.text, "What the department decided or did")->required();
    set_example(cmd, "ankang letter result 青工劳保建〔2021〕1号 --on 2021-11-15 --text '责令限期整改并处罚款'");
    cmd->callback([&ctx, &o] {
      ctx.action = [&ctx, &o] {
        auto db = ctx.open_db();
        const auto l = ops::record_result(db, o.letter, o.text, make_actor(ctx, o.on));
        ctx.out << fmt::format("{} {}\n", l.no, ctx.tr("已办结", "concluded"));
        return k_exit_ok;
      };
    });
  }
  {
    auto& o = ctx.own<StepOptions>();
    auto* cmd = group.add_subcommand(
        "escalate", "From an opinion letter overdue or rejected: issue the proposal (建议书) to a department, same hazards, linked");
    cmd->add_option("LETTER", o.letter, "The opinion letter: its number or id")->required();
    cmd->add_option("--to", o.to, "The department, e.g. 海北州应急管理局")->required();
    cmd->add_option("--on", o.on, "The day the proposal is issued (default: today)");
    cmd->add_option("--no", o.no, "The proposal's number (default: the next)");
    cmd->add_option("--reply-within", o.reply_within, "The case-decision clock (default 5wd)");
    cmd->add_option("--text", o.text, "A paragraph of the proposal's own");
    set_example(cmd, "ankang letter escalate 青工劳保意〔2021〕3号 --to 海北州应急管理局 --on 2021-10-26");
    cmd->callback([&ctx, &o] {
      ctx.action = [&ctx, &o] {
        auto db = ctx.open_db();
        if (!o.reply_within.empty())
          parse_option_value("--reply-within", [&] { return domain::parse_deadline(o.reply_within); });
        note_issued(ctx, ops::escalate_letter(db, o.letter, o.to, o.no, o.reply_within, o.text, make_actor(ctx, o.on)));
        return k_exit_ok;
      };
    });
  }
}

// ---- list, overdue, show, print ------------------------------------------------------------

struct ListOptions {
  bool pending = false, overdue = false, check = false;
  std::string kind, enterprise;
  OutputOptions output;
};

ops::LetterQuery make_query(Context& ctx, store::Database& db, const ListOptions& o)
{
  ops::LetterQuery q;
  if (!o.kind.empty()) {
    const auto k = domain::letter_kinds().parse(o.kind);
    if (!k)
      throw Error(ErrorKind::usage, fmt::format("invalid value for --kind: unknown letter kind {}: expected one of {}",
                                                quote_value(o.kind), domain::letter_kinds().valid_values()));
    q.filter.kind = domain::letter_kind_from_code(*k);
  }
  if (!o.enterprise.empty()) q.filter.enterprise = ops::resolve_enterprise(db, o.enterprise).id;
  q.pending = o.pending;
  q.overdue = o.overdue;
  (void)ctx;
  return q;
}

void add_list_options(CLI::App* cmd, ListOptions& o)
{
  cmd->add_option("--kind", o.kind, "Only this kind: opinion (意见书), proposal (建议书), report (上报)");
  cmd->add_option("--enterprise,-e", o.enterprise, "Only this enterprise: credit code, row id (id:12), name or a unique part of it");
  add_output_options(cmd, o.output);
}

int run_show(Context& ctx, const std::string& key)
{
  auto db = ctx.open_db();
  const auto d = ops::show_letter(db, key, ctx.today);
  const auto& l = d.state.row.letter;
  auto& out = ctx.out;
  const auto line = [&](std::string_view zh, std::string_view en, std::string_view value) {
    if (!value.empty()) out << io::single_line(fmt::format("{}: {}", ctx.tr(zh, en), value)) << '\n';
  };
  out << fmt::format("{} {} (#{})\n", kind_label(l.kind, ctx.lang), l.no, l.id.value);
  line("发出单位", "issuer", l.issuer);
  line("发出日期", "issued on", l.issued_on.iso());
  line("送达单位", "addressee", l.addressee);
  if (!d.state.row.enterprise_name.empty())
    line("涉及企业", "enterprise", fmt::format("{} ({})", d.state.row.enterprise_name, d.state.row.enterprise_uscc));
  line("答复时限", "reply within", l.reply_within);
  line("答复期限", "reply due",
       l.reply_due.iso() + std::string(l.reply_due_provisional ? domain::provisional_mark(ctx.lang) : ""));
  std::string status(domain::letter_statuses().label(domain::code(d.state.status), ctx.lang));
  if (const auto c = clock_text(d.state, ctx.lang); !c.empty()) status += fmt::format(fmt::runtime(ctx.tr("（{}）", " ({})")), c);
  line("状态", "status", status);
  if (l.reply_on)
    line("答复", "reply",
         fmt::format("{} {}{}", l.reply_on->iso(), domain::reply_outcomes().label(l.reply_outcome, ctx.lang),
                     l.reply_text.empty() ? std::string() : fmt::format(fmt::runtime(ctx.tr("：{}", ": {}")), l.reply_text)));
  if (l.result_on)
    line("处理结果", "result", fmt::format(fmt::runtime(ctx.tr("{}：{}", "{}: {}")), l.result_on->iso(), l.result_text));
  line("正文", "text", l.text);
  out << fmt::format("{}: {}\n", ctx.tr("隐患", "hazards"), d.hazards.size());
  for (const auto& lh : d.hazards) {
    const auto& h = lh.hazard;
    std::string state(domain::hazard_statuses().label(domain::code(h.status), ctx.lang));
    if (h.closed_on) state += " " + h.closed_on->iso();
    if (lh.supervised) state += ctx.tr("，挂牌督办中", ", under supervision");
    out << io::single_line(fmt::format("  {}  {}  {}  {}  {}  {}", h.no, lh.enterprise,
                                       domain::hazard_levels().label(domain::code(h.level), ctx.lang), state, h.location,
                                       h.description))
        << '\n';
  }
  if (d.chain.size() > 1) {
    out << fmt::format("{}:\n", ctx.tr("办理链条", "chain"));
    for (const auto& c : d.chain) {
      std::string text = fmt::format("  {} {} {} → {}", c.issued_on.iso(), kind_label(c.kind, ctx.lang), c.no, c.addressee);
      if (c.reply_on)
        text += fmt::format(fmt::runtime(ctx.tr("；{} 答复：{}", "; answered {}: {}")), c.reply_on->iso(),
                            domain::reply_outcomes().label(c.reply_outcome, ctx.lang));
      if (c.result_on) text += fmt::format(fmt::runtime(ctx.tr("；{} 结果：{}", "; result {}: {}")), c.result_on->iso(), c.result_text);
      if (c.id == l.id) text += ctx.tr("  ◀ 本函", "  ◀ this letter");
      out << io::single_line(text) << '\n';
    }
  }
  out << fmt::format("{}:\n", ctx.tr("历史", "history"));
  static constexpr std::pair<std::string_view, std::pair<std::string_view, std::string_view>> k_events[] = {
      {"issued", {"发出", "issued"}}, {"replied", {"答复", "answered"}}, {"result", {"处理结果", "result"}}, {"escalated", {"提请", "escalated"}},
      {"reply_due_recomputed", {"答复期限按放假通知重算", "reply deadline recomputed"}}};
  for (const auto& e : d.events) {
    std::string_view label = e.kind;
    for (const auto& [k, v] : k_events)
      if (k == e.kind) label = ctx.lang == Lang::zh ? v.first : v.second;
    std::string text = fmt::format("  {}  {}  {}", e.on_date.iso(), e.actor, label);
    if (!e.note.empty()) text += fmt::format(fmt::runtime(ctx.tr("：{}", ": {}")), e.note);
    out << io::single_line(text) << '\n';
  }
  return k_exit_ok;
}

struct PrintOptions {
  std::string letter;
  std::string format = "md";
  std::string path;
};

int run_print(Context& ctx, const PrintOptions& o)
{
  const auto format = report::parse_letter_format(o.format);
  auto db = ctx.open_db();
  report::LetterPrint p;
  p.letter = store::find_letter(db, o.letter);
  p.hazards = ops::letter_hazard_details(db, p.letter.id);
  if (p.letter.escalated_from) p.about = store::get_letter(db, *p.letter.escalated_from);
  OutputOptions output;
  output.path = o.path;
  with_output(ctx, output, [&](std::ostream& os) { report::render_letter(p, format, ctx.lang, os); });
  return k_exit_ok;
}

}  // namespace

void add_letter_commands(CLI::App& group, Context& ctx)
{
  group.require_subcommand(1);
  add_issue(group, ctx);
  add_steps(group, ctx);

  {
    auto& o = ctx.own<ListOptions>();
    auto* cmd = group.add_subcommand("list", "List letters, oldest first, with their reply clocks as of today (--as-of)");
    cmd->add_flag("--pending", o.pending, "Only letters awaiting a reply (pending or overdue)");
    cmd->add_flag("--overdue", o.overdue, "Only letters whose reply is overdue");
    add_list_options(cmd, o);
    set_example(cmd, "ankang letter list --pending\n  ankang letter list --kind opinion --format json");
    cmd->callback([&ctx, &o] {
      ctx.action = [&ctx, &o] {
        auto db = ctx.open_db();
        const auto states = ops::list_letter_states(db, make_query(ctx, db, o), ctx.today);
        emit_table(ctx, o.output, letters_table(ctx, o.output, states), false);
        return k_exit_ok;
      };
    });
  }
  {
    auto& o = ctx.own<ListOptions>();
    o.overdue = true;
    auto* cmd = group.add_subcommand("overdue", "Letters whose reply is overdue as of today (--as-of); --check exits 3 when any");
    cmd->add_flag("--check", o.check, "Exit 3 when any reply is overdue (for cron)");
    add_list_options(cmd, o);
    set_example(cmd, "ankang letter overdue --check --as-of 2021-10-26");
    cmd->callback([&ctx, &o] {
      ctx.action = [&ctx, &o] {
        auto db = ctx.open_db();
        const auto states = ops::list_letter_states(db, make_query(ctx, db, o), ctx.today);
        emit_table(ctx, o.output, letters_table(ctx, o.output, states), false);
        return o.check && !states.empty() ? k_exit_findings : k_exit_ok;
      };
    });
  }
  {
    auto& key = ctx.own<std::string>();
    auto* cmd = group.add_subcommand("show", "Show a letter, its hazards' current status, its chain and its history");
    cmd->add_option("LETTER", key, "The letter: its number or id")->required();
    set_example(cmd, "ankang letter show 青工劳保意〔2021〕3号");
    cmd->callback([&ctx, &key] { ctx.action = [&ctx, &key] { return run_show(ctx, key); }; });
  }
  {
    auto& o = ctx.own<PrintOptions>();
    auto* cmd = group.add_subcommand("print", "The letter as a document to print and stamp: Markdown or HTML");
    cmd->add_option("LETTER", o.letter, "The letter: its number or id")->required();
    cmd->add_option("--format,-f", o.format, "md (default) or html")->default_str("md");
    cmd->add_option("-o,--output", o.path, "Write to FILE instead of standard output (mode 0600)");
    set_example(cmd, "ankang letter print 青工劳保意〔2021〕3号 --format html -o 意见书.html");
    cmd->callback([&ctx, &o] { ctx.action = [&ctx, &o] { return run_print(ctx, o); }; });
  }
}

}  // namespace ankang::cli
