// ankang help man: the manual page, ankang.1, written in roff from the command tree and the
// catalogue, so it covers every command and option the parser knows, in either language.
// The build runs it to make build/man/ankang.1 (English) and build/man/zh_CN/ankang.1.
#include "cli/app.hpp"
#include "cli/commands/registry.hpp"
#include "cli/i18n.hpp"

#include <fmt/format.h>

#include <ostream>

namespace ankang::cli {

namespace {

// Text safe in roff: backslashes escaped, no line starting with a control character.
std::string roff(std::string_view text)
{
  std::string out;
  bool line_start = true;
  for (char c : text) {
    if (line_start && (c == '.' || c == '\'')) out += "\\&";
    if (c == '\\') out += "\\e";
    else if (c == '-') out += "\\-";
    else out += c;
    line_start = c == '\n';
  }
  return out;
}

std::string option_synopsis(const CLI::Option& opt)
{
  std::string names;
  for (const auto& s : opt.get_snames()) names += (names.empty() ? "" : ", ") + fmt::format("\\fB\\-{}\\fR", s);
  for (const auto& l : opt.get_lnames()) names += (names.empty() ? "" : ", ") + fmt::format("\\fB\\-\\-{}\\fR", roff(l));
  if (opt.get_expected_max() > 0) names += " \\fI" + roff(opt.get_type_name().empty() ? "VALUE" : opt.get_type_name()) + "\\fR";
  return names;
}

void write_options(std::ostream& os, const CLI::App& app, domain::Lang lang)
{
  for (const CLI::Option* opt : app.get_options()) {
    if (!opt->nonpositional() || (app.get_parent() && opt == app.get_help_ptr())) continue;
    os << ".TP\n" << option_synopsis(*opt) << "\n" << roff(translate(opt->get_description(), lang)) << "\n";
  }
}

void write_command(std::ostream& os, const CLI::App& app, const std::string& path, domain::Lang lang)
{
  const auto subs = app.get_subcommands([](const CLI::App*) { return true; });
  if (subs.empty()) {
    std::string positionals;
    for (const CLI::Option* opt : app.get_options())
      if (!opt->nonpositional()) positionals += " " + opt->get_name(true, false);
    os << ".SS \"ankang " << roff(path) << roff(positionals) << "\"\n";
    os << roff(translate(app.get_description(), lang)) << "\n";
    for (const CLI::Option* opt : app.get_options())
      if (!opt->nonpositional())
        os << ".TP\n\\fI" << roff(opt->get_name(true, false)) << "\\fR\n"
           << roff(translate(opt->get_description(), lang)) << "\n";
    write_options(os, app, lang);
    if (!app.get_footer().empty())
      os << ".PP\n.nf\n" << roff(translate_lines(app.get_footer(), lang)) << "\n.fi\n";
    return;
  }
  for (const CLI::App* sub : subs) write_command(os, *sub, path + " " + sub->get_name(), lang);
}

}  // namespace

void write_manual(std::ostream& os, Context& ctx)
{
  const domain::Lang lang = ctx.lang;
  const auto t = [lang](std::string_view en) { return translate(en, lang); };
  Context scratch(ctx.out, ctx.err);
  scratch.lang = lang;
  const auto app = full_command_tree(scratch);

  os << fmt::format(".TH ANKANG 1 \"\" \"ankang {}\" \"{}\"\n", ANKANG_VERSION, roff(t("User Commands")));
  os << ".SH " << t("NAME") << "\nankang \\- " << roff(t("hazard investigation and remediation (隐患排查治理) from the command line")) << "\n";
  os << ".SH " << t("SYNOPSIS") << "\n\\fBankang\\fR [" << roff(t("GLOBAL OPTIONS")) << "] \\fI" << roff(t("COMMAND"))
     << "\\fR [\\fI" << roff(t("SUBCOMMAND")) << "\\fR] [\\fI" << roff(t("OPTIONS")) << "\\fR]\n";
  os << ".SH " << t("DESCRIPTION") << "\n"
     << roff(t("ankang keeps enterprises, inspections, hazards and their rectification history in one SQLite file, "
               "imports findings sheets, sets rectification deadlines in working days on China's official calendar "
               "and writes weekly summaries and statutory statistics."))
     << "\n";
  os << ".SH " << t("GLOBAL OPTIONS") << "\n";
  write_options(os, *app, lang);
  os << ".SH " << t("COMMANDS") << "\n";
  for (const CLI::App* group : app->get_subcommands([](const CLI::App*) { return true; }))
    write_command(os, *group, group->get_name(), lang);
  os << ".SH " << t("EXIT STATUS") << "\n";
  const std::pair<int, std::string_view> codes[] = {
      {0, "ok (also for empty results)"},
      {1, "runtime failure: I/O or database"},
      {2, "usage error: bad command line"},
      {3, "done with findings: partial import, --check found overdue, calendar is-workday on a day off"},
      {4, "not found: the named thing or the database file does not exist"},
      {5, "invalid input: nothing was written"}};
  for (const auto& [code, meaning] : codes) os << ".TP\n\\fB" << code << "\\fR\n" << roff(t(meaning)) << "\n";
  os << ".SH " << t("ENVIRONMENT") << "\n";
  const std::pair<std::string_view, std::string_view> env[] = {
      {"ANKANG_DB", "The database file, as --db."},
      {"ANKANG_TODAY", "Today's date, as --today."},
      {"ANKANG_USER", "Who is acting, as --user."},
      {"ANKANG_LANG", "The language, as --lang: zh or en."},
      {"ANKANG_PAGER, PAGER", "The pager for long output in a terminal (default: less -FRX)."}};
  for (const auto& [name, meaning] : env) os << ".TP\n\\fB" << roff(name) << "\\fR\n" << roff(t(meaning)) << "\n";
  os << ".SH " << t("SEE ALSO") << "\n\\fBsqlite3\\fR(1)\n";
}

}  // namespace ankang::cli
