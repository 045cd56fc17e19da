#include "cli/app.hpp"

#include "cli/commands/registry.hpp"
#include "cli/context.hpp"
#include "cli/exit_codes.hpp"
#include "cli/i18n.hpp"
#include "cli/suggest.hpp"
#include "error.hpp"
#include "text.hpp"
#include "io/fd_output.hpp"
#include "io/table.hpp"
#include "io/temp_files.hpp"
#include "store/sqlite_error.hpp"

#include <CLI/CLI.hpp>
#include <SQLiteCpp/Exception.h>
#include <fmt/format.h>
#include <pwd.h>
#include <sys/ioctl.h>
#include <signal.h>
#include <utf8proc.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <csignal>
#include <iostream>
#include <optional>
#include <cstdlib>
#include <ctime>
#include <iostream>
#include <memory>
#include <sstream>

namespace ankang::cli {

namespace {

constexpr const char* k_app_description = "ankang: hazard investigation and remediation (隐患排查治理) from the command line";

// The current date in China (UTC+8), whatever the machine's zone.
domain::Date today_in_china(std::time_t now)
{
  const std::time_t shifted = now + 8 * 3600;
  return domain::Date::from_days(static_cast<int32_t>(shifted / 86400));
}

// Computed from the day number, not with gmtime_r: glibc reads /etc/localtime for that, which a
// one-shot command does not need.
std::string utc_timestamp(std::time_t now)
{
  const auto day = static_cast<int32_t>(now >= 0 ? now / 86400 : (now - 86399) / 86400);
  const auto second = static_cast<int>(now - std::time_t{day} * 86400);
  return fmt::format("{}T{:02d}:{:02d}:{:02d}Z", domain::Date::from_days(day).iso(), second / 3600, second / 60 % 60,
                     second % 60);
}

std::string login_name()
{
  if (const passwd* pw = getpwuid(geteuid()); pw && pw->pw_name) return pw->pw_name;
  if (const char* u = std::getenv("USER"); u && *u) return u;
  return "unknown";
}

void print_error(std::ostream& err, domain::Lang lang, std::string_view message, std::string_view hint = {})
{
  std::string line = fmt::format("ankang: error: {}", translate(message, lang));
  // A full-width colon joins Chinese; text not yet in the catalogue keeps its ": ".
  if (!hint.empty())
    line += fmt::format("{}{}", lang == domain::Lang::zh && has_translation(hint, lang) ? "：" : ": ", translate(hint, lang));
  // One line, always, and nothing that acts on the terminal: a message that repeats user input
  // shows its line breaks as ⏎ and its control characters escaped.
  err << io::single_line(line) << '\n';
}

// Why `text` is not acceptable as the value of an option, or empty. Arguments are input like a
// sheet's cells: UTF-8, no NUL and no control characters (they would reach the database and every
// export); line breaks only where a long text is expected.
std::string argument_problem(std::string_view text, bool long_text, domain::Lang lang)
{
  const bool zh = lang == domain::Lang::zh;
  for (size_t i = 0; i < text.size();) {
    utf8proc_int32_t cp = -1;
    const auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + i),
                                    static_cast<utf8proc_ssize_t>(text.size() - i), &cp);
    if (n <= 0) return zh ? "含有不是 UTF-8 的字节：请用 UTF-8 书写" : "has bytes that are not UTF-8: write it in UTF-8";
    const bool crlf = cp == '\r' && i + 1 < text.size() && text[i + 1] == '\n';
    i += static_cast<size_t>(n);
    if (cp == '\n' || crlf) {
      if (!long_text) return zh ? "含有换行：这个选项只接受一行" : "has a line break: this option takes one line";
      if (crlf) ++i;
    } else if (cp == 0) {
      return zh ? "含有 NUL 字节：请删掉它" : "has a NUL byte: remove it";
    } else if ((cp < 0x20 && cp != '\t') || cp == 0x7F) {
      return fmt::format(fmt::runtime(zh ? "含有控制字符 \\x{:02x}：请删掉它" : "has the control character \\x{:02x}: remove it"), cp);
    } else if (cp >= 0x80 && cp <= 0x9F) {
      return fmt::format(fmt::runtime(zh ? "含有控制字符 U+{:04X}：请删掉它" : "has the control character U+{:04X}: remove it"), cp);
    }
  }
  return {};
}

// Checks the text of every option and argument given to the command (and the globals), exit 2
// naming the option. File names are left alone: a file may be named in any encoding.
void check_argument_text(const CLI::App& app, domain::Lang lang)
{
  static constexpr std::array<std::string_view, 5> k_paths{"output", "rejects", "db", "FILE", "BACKUP"};
  static constexpr std::array<std::string_view, 8> k_long_texts{"desc",           "measures", "note",  "reason",
                                                                "emergency-plan", "text",     "basis", "address"};
  for (const CLI::Option* opt : app.get_options()) {
    if (opt->count() == 0) continue;
    const auto names = opt->get_lnames();
    const std::string pname = opt->get_name(true);
    const auto any_in = [&](const auto& list) {
      for (const auto& n : names)
        if (std::find(list.begin(), list.end(), n) != list.end()) return true;
      return std::find(list.begin(), list.end(), pname) != list.end();
    };
    if (any_in(k_paths)) continue;
    const bool long_text = any_in(k_long_texts);
    for (const auto& value : opt->results()) {
      const std::string why = argument_problem(value, long_text, lang);
      if (why.empty()) continue;
      std::string name = names.empty() ? pname : "--" + names.front();
      if (!opt->get_envname().empty())
        name += fmt::format(fmt::runtime(lang == domain::Lang::zh ? "（或 {}）" : " (or {})"), opt->get_envname());
      throw Error(ErrorKind::usage, fmt::format(fmt::runtime(lang == domain::Lang::zh ? "{} 的值 {} {}" : "invalid value for {}: {} {}"),
                                                name, quote_value(value), why));
    }
  }
  for (const CLI::App* sub : app.get_subcommands()) check_argument_text(*sub, lang);
}

// CLI11 says "--today: At Most 1 required but received 2" of an option given twice: say that.
std::string clearer_parse_message(const std::string& message)
{
  constexpr std::string_view k_marker = ": At Most 1 required but received ";
  const auto at = message.find(k_marker);
  if (at == std::string::npos) return message;
  return fmt::format("{} is given {} times: give it once", message.substr(0, at), message.substr(at + k_marker.size()));
}

// CLI11's messages start with a capital and have no "what"; keep them, on one line.
// `needs_today`: false for `help`, which works whatever --today or ANKANG_TODAY holds.
void resolve_globals(Context& ctx, bool needs_today)
{
  ctx.lang = domain::parse_lang(ctx.lang_text);
  if (trim_blanks(ctx.db_path).empty())
    throw Error(ErrorKind::usage,
                std::string(ctx.lang == domain::Lang::zh ? "--db（或 ANKANG_DB）为空：没有数据库文件名"
                                                         : "--db (or ANKANG_DB) is empty: no database file is named"),
                std::string(ctx.lang == domain::Lang::zh ? "给出数据库文件，例如 --db union.db" : "name the database file, e.g. --db union.db"));
  const std::time_t now = std::time(nullptr);
  ctx.now_utc = utc_timestamp(now);
  ctx.today = ctx.today_text.empty() || !needs_today ? today_in_china(now) : parse_date_option("--today", ctx.today_text);
  if (ctx.user.empty()) ctx.user = login_name();
  ctx.stderr_is_terminal = ::isatty(STDERR_FILENO) == 1;
  // Only the process's own stdout can be a terminal; in-process callers pass other streams.
  ctx.stdout_is_terminal = &ctx.out == &std::cout && ::isatty(STDOUT_FILENO) == 1;
  if (ctx.stdout_is_terminal) {
    winsize size{};
    if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) {
      ctx.terminal_columns = size.ws_col;
      ctx.terminal_rows = size.ws_row > 0 ? size.ws_row : ctx.terminal_rows;
    }
  }
}

// The group argv names, when it can tell: the first word after the global options (and their
// values). Empty when there is none, e.g. `ankang --help`.
std::string_view named_group(int argc, char** argv)
{
  constexpr std::array<std::string_view, 5> k_with_value{"--db", "--today", "--as-of", "--user", "--lang"};
  for (int i = 1; i < argc; ++i) {
    const std::string_view word = argv[i];
    if (word == "-q" || word == "--quiet" || word == "--no-pager" || word == "--wide" || word == "--strict-calendar")
      continue;
    if (word.starts_with("--") && word.find('=') == std::string_view::npos &&
        std::find(k_with_value.begin(), k_with_value.end(), word) != k_with_value.end()) {
      ++i;  // its value
      continue;
    }
    if (word.starts_with("--") && word.find('=') != std::string_view::npos &&
        std::find(k_with_value.begin(), k_with_value.end(), word.substr(0, word.find('='))) != k_with_value.end())
      continue;
    if (word.starts_with("-")) return {};
    for (const auto& group : command_groups())
      if (word == group.name) return word;
    return {};
  }
  return {};
}

// Thrown when the parser enters a group that was left empty (named_group guessed wrong): the
// run starts again with every group built.
struct EveryGroupNeeded {};

int run_with(int argc, char** argv, std::ostream& out, std::ostream& err, bool every_group, domain::Lang& lang);

// The end of a run whose standard output failed: a closed pipe (`ankang hazard list | head`) ends
// quietly, as git and coreutils do (by SIGPIPE, when the parent had it ignored); any other failure,
// such as a full disk, is an error, whatever the command did.
int after_failed_output(int rc, int error, bool real_stdout, std::ostream& err, domain::Lang lang)
{
  if (error == EPIPE) {
    if (real_stdout) {
      std::signal(SIGPIPE, SIG_DFL);
      std::raise(SIGPIPE);
    }
    return 128 + SIGPIPE;
  }
  const std::string why = error != 0 ? io::errno_text(error, lang) : (lang == domain::Lang::zh ? "写入失败" : "write failed");
  print_error(err, lang, fmt::format("{}: {}", lang == domain::Lang::zh ? "写入标准输出失败" : "writing standard output", why));
  return rc == k_exit_ok || rc == k_exit_findings ? k_exit_failure : rc;
}

extern "C" void on_terminating_signal(int sig)
{
  io::remove_all_temp_files();
  std::signal(sig, SIG_DFL);
  std::raise(sig);
}

// SIGINT, SIGTERM and SIGHUP remove the temporary files in progress, then end the process as the
// signal would have. A signal the parent ignores (nohup) stays ignored.
void remove_temp_files_on_signals()
{
  for (const int sig : {SIGINT, SIGTERM, SIGHUP}) {
    struct sigaction old {};
    if (::sigaction(sig, nullptr, &old) == 0 && old.sa_handler == SIG_IGN) continue;
    struct sigaction sa {};
    sa.sa_handler = on_terminating_signal;
    sigemptyset(&sa.sa_mask);
    ::sigaction(sig, &sa, nullptr);
  }
}

}  // namespace

int run(int argc, char** argv, std::ostream& out, std::ostream& err)
{
  // Standard output goes through a buffer that keeps the errno of a failed write; every write and
  // the final flush are checked below.
  std::optional<io::FdOutputBuffer> stdout_buffer;
  std::streambuf* saved = nullptr;
  const bool real_stdout = &out == &std::cout;
  if (real_stdout) {
    stdout_buffer.emplace(STDOUT_FILENO);
    saved = out.rdbuf(&*stdout_buffer);
    remove_temp_files_on_signals();
  }
  domain::Lang lang = domain::Lang::zh;
  int rc = 0;
  try {
    rc = run_with(argc, argv, out, err, false, lang);
  } catch (const EveryGroupNeeded&) {
    rc = run_with(argc, argv, out, err, true, lang);
  }
  out.flush();
  const int error = stdout_buffer ? stdout_buffer->error() : 0;
  if (!out || error != 0) rc = after_failed_output(rc, error, real_stdout, err, lang);
  if (real_stdout) {
    out.rdbuf(saved);
    out.clear();
  }
  return rc;
}

namespace {

// The help pages in the user's language: descriptions, option help, group titles and footers
// go through the catalogue as they are printed.
class TranslatingFormatter : public CLI::Formatter {
public:
  explicit TranslatingFormatter(domain::Lang lang) : m_lang(lang)
  {
    for (const char* label : {"Usage", "OPTIONS", "SUBCOMMAND", "SUBCOMMANDS", "REQUIRED", "Env", "Positionals",
                              "Needs", "Excludes"})
      this->label(label, translate(label, lang));
  }
  std::string make_description(const CLI::App* app) const override
  {
    const auto& desc = app->get_description();
    return desc.empty() ? std::string() : translate(desc, m_lang) + "\n";
  }
  std::string make_option_desc(const CLI::Option* opt) const override { return translate(opt->get_description(), m_lang); }
  std::string make_footer(const CLI::App* app) const override
  {
    const auto& footer = app->get_footer();
    return footer.empty() ? std::string() : translate_lines(footer, m_lang) + "\n";
  }
  std::string make_group(std::string group, bool is_positional, std::vector<const CLI::Option*> opts) const override
  {
    return CLI::Formatter::make_group(translate(group, m_lang), is_positional, std::move(opts));
  }
  std::string make_subcommands(const CLI::App* app, CLI::AppFormatMode mode) const override
  {
    std::string text = CLI::Formatter::make_subcommands(app, mode);
    const std::string title = "\nSubcommands:\n";
    if (const auto at = text.find(title); at != std::string::npos)
      text.replace(at, title.size(), "\n" + translate("Subcommands", m_lang) + ":\n");
    return text;
  }
  std::string make_subcommand(const CLI::App* sub) const override
  {
    std::stringstream out;
    CLI::detail::format_help(out, sub->get_display_name(true), translate(sub->get_description(), m_lang),
                             get_column_width());
    return out.str();
  }

private:
  domain::Lang m_lang;
};

void build_app(CLI::App& app, Context& ctx, bool every_group, std::string_view named)
{
  app.formatter(std::make_shared<TranslatingFormatter>(ctx.lang));
  app.set_help_flag("-h,--help", "Print this help message and exit");
  app.set_version_flag("--version", std::string("ankang ") + ANKANG_VERSION);
  app.require_subcommand(1);
  app.fallthrough();
  app.add_option("--db", ctx.db_path, "Database file (env ANKANG_DB)")
      ->envname("ANKANG_DB")
      ->default_str("ankang.db")
      ->each([&ctx](const std::string&) { ctx.db_given = true; });
  app.add_option("--today,--as-of", ctx.today_text, "Today's date, e.g. 2021-09-06 (env ANKANG_TODAY; default: today in China)")
      ->envname("ANKANG_TODAY");
  app.add_option("--user", ctx.user, "Who is acting, recorded in history (env ANKANG_USER; default: login name)")
      ->envname("ANKANG_USER");
  app.add_option("--lang", ctx.lang_text, "Language of everything shown: zh (default) or en (env ANKANG_LANG)")
      ->envname("ANKANG_LANG")
      ->default_str("zh");
  app.add_flag("-q,--quiet", ctx.quiet, "Print no notes on standard error");
  app.add_flag("--no-pager", ctx.no_pager, "Print long output straight to the terminal, without a pager");
  app.add_flag("--wide", ctx.wide, "Show tables whole, wider than the terminal if need be");
  app.add_flag("--strict-calendar", ctx.strict_calendar,
               "Refuse to count working days in a year whose official holiday notice is not on record, instead of "
               "counting on the provisional statutory calendar (env ANKANG_STRICT_CALENDAR=1)")
      ->envname("ANKANG_STRICT_CALENDAR");
  app.footer("Examples:\n"
             "  ankang init --db ankang.db\n"
             "  ankang hazard import findings.csv\n"
             "  ankang rectify overdue --check\n"
             "  ankang report weekly --period last-week -o weekly.md\n"
             "Run 'ankang COMMAND --help' for a command's options, 'ankang help exit-codes' for exit codes.");

  for (const auto& group : command_groups()) {
    CLI::App* sub = app.add_subcommand(group.name, group.description);
    if (every_group || named == group.name) group.add(*sub, ctx);
    else sub->preparse_callback([](std::size_t) { throw EveryGroupNeeded{}; });
  }
}

}  // namespace

std::unique_ptr<CLI::App> full_command_tree(Context& ctx)
{
  auto app = std::make_unique<CLI::App>(k_app_description, "ankang");
  build_app(*app, ctx, true, {});
  return app;
}

namespace {

int run_with(int argc, char** argv, std::ostream& out, std::ostream& err, bool every_group, domain::Lang& lang)
{
  Context ctx(out, err);
  ctx.lang = requested_lang(argc, argv, std::getenv("ANKANG_LANG"));
  lang = ctx.lang;
  CLI::App app{k_app_description, "ankang"};
  // Building every command's options took a tenth of a one-shot command's time: only the group
  // argv names is built; the others keep their name and description for the help listing.
  const std::string_view named = every_group ? std::string_view() : named_group(argc, argv);
  build_app(app, ctx, every_group, named);

  try {
    app.parse(argc, argv);
  } catch (const EveryGroupNeeded&) {
    throw;
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e, out, err);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e, out, err);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e, out, err);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e, out, err);
    if (const auto unknown = explain_unknown_word(app, argc, argv)) {
      print_error(err, ctx.lang, *unknown);
      return k_exit_usage;
    }
    print_error(err, ctx.lang, clearer_parse_message(e.what()), "see 'ankang --help'");
    return k_exit_usage;
  } catch (const Error& e) {
    print_error(err, ctx.lang, e.what(), e.hint());
    return exit_code_for(e.kind());
  }

  try {
    // help works whatever ANKANG_TODAY holds; a --today typed with it is still checked.
    bool today_typed = false;
    for (int i = 1; i < argc; ++i) {
      const std::string_view word = argv[i];
      today_typed = today_typed || word == "--today" || word == "--as-of" || word.starts_with("--today=") ||
                    word.starts_with("--as-of=");
    }
    resolve_globals(ctx, today_typed || !app.got_subcommand("help"));
    lang = ctx.lang;
    check_argument_text(app, ctx.lang);
    if (!ctx.action) {
      // A group named without a subcommand: show its help.
      out << app.help();
      return k_exit_usage;
    }
    return ctx.action();
  } catch (const Error& e) {
    lang = ctx.lang;
    print_error(err, ctx.lang, e.what(), e.hint());
    return exit_code_for(e.kind());
  } catch (const SQLite::Exception& e) {
    // The one translation of SQLite's failures (store/sqlite_error.cpp), naming the database.
    const Error translated = store::sqlite_error(e, ctx.db_path, ctx.lang);
    print_error(err, ctx.lang, translated.what(), translated.hint());
    return exit_code_for(translated.kind());
  } catch (const std::bad_alloc&) {
    print_error(err, ctx.lang, "out of memory");
    return k_exit_failure;
  } catch (const std::exception& e) {
    print_error(err, ctx.lang, e.what());
    return k_exit_failure;
  }
}

}  // namespace

}  // namespace ankang::cli
