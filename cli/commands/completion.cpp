// ankang completion bash|zsh|fish: the shell completion scripts, generated from the command
// tree itself (commands, subcommands, options, and the values of coded options), so they cannot
// drift from what the parser accepts.
#include "cli/app.hpp"
#include "cli/commands/registry.hpp"
#include "cli/i18n.hpp"
#include "domain/codes.hpp"
#include "error.hpp"
#include "store/enterprise_store.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <sstream>

namespace ankang::cli {

namespace {

struct OptionInfo {
  std::vector<std::string> names;  // --level, -l
  bool takes_value = false;
  std::vector<std::string> values;  // the coded values, when there is a fixed set
};

struct CommandInfo {
  std::string path;  // "ankang hazard list"; "ankang" for ankang itself
  std::string description;
  std::vector<std::string> subcommands;
  std::vector<OptionInfo> options;
  std::vector<std::string> positional_values;  // a positional with a fixed set (completion SHELL)
};

std::vector<std::string> codes_of(const domain::CodeSet& set)
{
  std::vector<std::string> codes;
  for (const auto& e : set.entries()) codes.emplace_back(e.code);
  return codes;
}

const std::vector<std::string> k_period_words{"this-week",    "last-week",    "this-month", "last-month",
                                              "this-quarter", "last-quarter", "this-year",  "last-year"};

// The fixed values an option takes, by its name and where it is; empty for free text, dates, files.
std::vector<std::string> coded_values(std::string_view path, std::string_view option)
{
  const bool hazard_filter = path == "hazard list" || path == "hazard export";
  if (option == "--level") return codes_of(domain::hazard_levels());
  if (option == "--status") return codes_of(domain::hazard_statuses());
  if (option == "--sector") return codes_of(domain::sectors());
  if (option == "--risk") return codes_of(domain::risk_levels());
  if (option == "--category") return codes_of(domain::hazard_categories());
  if (option == "--stop-production") return codes_of(domain::stop_production_kinds());
  if (option == "--kind" && path == "batch list") return {"hazard", "enterprise", "calendar"};
  if (option == "--kind") return codes_of(domain::inspection_kinds());
  if (option == "--format") return {"table", "csv", "json", "jsonl", "md"};
  if (option == "--lang") return {"zh", "en"};
  if (option == "--encoding") return {"auto", "utf-8", "gb18030"};
  if (option == "--union") return {"yes", "no"};
  if (option == "--on-conflict") return {"update", "skip", "error"};
  if (option == "--roll") return {"weekends+holidays", "holidays"};
  if (option == "--sort" && path == "enterprise list") return store::enterprise_sort_keys();
  if (option == "--sort") return {"found", "due", "overdue"};
  if (option == "--by" && path == "report summary")
    return {"sector", "region", "level", "status", "category", "kind", "enterprise", "week", "month"};
  if (option == "--period" && path == "rectify rule set") return {"eow", "eom", "eoq"};
  if (option == "--period" || (option == "--found" && hazard_filter)) return k_period_words;
  return {};
}

void collect(const CLI::App& app, const std::string& path, domain::Lang lang, std::vector<CommandInfo>& out)
{
  CommandInfo info;
  info.path = path;
  const std::string_view command = std::string_view(path).substr(std::min<size_t>(path.size(), 7));  // "hazard list"
  info.description = translate(app.get_description(), lang);
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; }))
    info.subcommands.push_back(sub->get_name());
  for (const CLI::Option* opt : app.get_options()) {
    if (!opt->nonpositional()) {
      if (command == "completion") info.positional_values = {"bash", "zsh", "fish"};
      continue;
    }
    OptionInfo o;
    for (const auto& l : opt->get_lnames()) o.names.push_back("--" + l);
    for (const auto& s : opt->get_snames()) o.names.push_back("-" + s);
    o.takes_value = opt->get_expected_max() > 0;
    if (o.takes_value && !opt->get_lnames().empty()) o.values = coded_values(command, "--" + opt->get_lnames().front());
    info.options.push_back(std::move(o));
  }
  out.push_back(std::move(info));
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; }))
    collect(*sub, path + " " + sub->get_name(), lang, out);
}

std::string words(const std::vector<std::string>& list)
{
  std::string s;
  for (const auto& w : list) s += (s.empty() ? "" : " ") + w;
  return s;
}

// Every command in the tree, ankang itself first.
std::vector<CommandInfo> command_infos(Context& ctx)
{
  Context scratch(ctx.out, ctx.err);
  scratch.lang = ctx.lang;
  const auto app = full_command_tree(scratch);
  std::vector<CommandInfo> infos;
  collect(*app, "ankang", ctx.lang, infos);
  return infos;
}

// The option→values table for one command: "--level" → "general major".
std::vector<std::pair<std::string, std::string>> value_table(const CommandInfo& c)
{
  std::vector<std::pair<std::string, std::string>> rows;
  for (const auto& o : c.options)
    if (o.takes_value)
      for (const auto& n : o.names) rows.emplace_back(n, words(o.values));
  return rows;
}

void write_bash(std::ostream& os, const std::vector<CommandInfo>& infos)
{
  os << "# bash completion for ankang, generated by 'ankang completion bash'.\n"
        "# Install: ankang completion bash > /etc/bash_completion.d/ankang (or source it).\n"
        "declare -gA _ankang_subs=(\n";
  for (const auto& c : infos)
    if (!c.subcommands.empty()) os << fmt::format("  [\"{}\"]=\"{}\"\n", c.path, words(c.subcommands));
  os << ")\ndeclare -gA _ankang_opts=(\n";
  for (const auto& c : infos) {
    std::vector<std::string> names;
    for (const auto& o : c.options)
      for (const auto& n : o.names) names.push_back(n);
    os << fmt::format("  [\"{}\"]=\"{}\"\n", c.path, words(names));
  }
  // "path|--option" → its values; an option that takes a value but has no fixed set maps to "".
  os << ")\ndeclare -gA _ankang_values=(\n";
  for (const auto& c : infos) {
    for (const auto& [name, values] : value_table(c)) os << fmt::format("  [\"{}|{}\"]=\"{}\"\n", c.path, name, values);
    if (!c.positional_values.empty()) os << fmt::format("  [\"{}|\"]=\"{}\"\n", c.path, words(c.positional_values));
  }
  os << R"()

# The command path typed so far ("hazard list"), skipping options and their values; options of
# ankang itself are accepted everywhere, as the parser does.
_ankang_path() {
  local i w p=ankang q
  for ((i = 1; i < COMP_CWORD; i++)); do
    w=${COMP_WORDS[i]}
    if [[ $w == -* ]]; then
      [[ $w == *=* ]] && continue
      for q in "$p" ankang; do
        if [[ -n ${_ankang_values["$q|$w"]+set} ]]; then ((i++)); break; fi
      done
      continue
    fi
    if [[ " ${_ankang_subs[$p]} " == *" $w "* ]]; then p="$p $w"; fi
  done
  printf '%s' "$p"
}

_ankang() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]} p q
  p=$(_ankang_path)
  COMPREPLY=()
  if [[ $prev == -* ]]; then
    for q in "$p" ankang; do
      if [[ -n ${_ankang_values["$q|$prev"]+set} ]]; then
        local values=${_ankang_values["$q|$prev"]}
        if [[ -n $values ]]; then
          COMPREPLY=($(compgen -W "$values" -- "$cur"))
        else
          COMPREPLY=($(compgen -f -- "$cur"))
        fi
        return 0
      fi
    done
  fi
  if [[ $cur == -* ]]; then
    local opts=${_ankang_opts[$p]}
    [[ $p != ankang ]] && opts+=" ${_ankang_opts[ankang]}"
    COMPREPLY=($(compgen -W "$opts" -- "$cur"))
    return 0
  fi
  if [[ -n ${_ankang_subs[$p]} ]]; then
    COMPREPLY=($(compgen -W "${_ankang_subs[$p]}" -- "$cur"))
  elif [[ -n ${_ankang_values["$p|"]+set} ]]; then
    COMPREPLY=($(compgen -W "${_ankang_values["$p|"]}" -- "$cur"))
  else
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
  return 0
}
complete -o filenames -F _ankang ankang
)";
}

std::string zsh_quote(const std::string& s) { return "'" + s + "'"; }

void write_zsh(std::ostream& os, const std::vector<CommandInfo>& infos)
{
  os << "#compdef ankang\n"
        "# zsh completion for ankang, generated by 'ankang completion zsh'.\n"
        "# Install: ankang completion zsh > \"${fpath[1]}/_ankang\"\n"
        "typeset -gA _ankang_subs _ankang_opts _ankang_values _ankang_desc\n"
        "_ankang_subs=(\n";
  for (const auto& c : infos)
    if (!c.subcommands.empty()) os << fmt::format("  {} {}\n", zsh_quote(c.path), zsh_quote(words(c.subcommands)));
  os << ")\n_ankang_opts=(\n";
  for (const auto& c : infos) {
    std::vector<std::string> names;
    for (const auto& o : c.options)
      for (const auto& n : o.names) names.push_back(n);
    os << fmt::format("  {} {}\n", zsh_quote(c.path), zsh_quote(words(names)));
  }
  os << ")\n_ankang_values=(\n";
  for (const auto& c : infos) {
    for (const auto& [name, values] : value_table(c))
      os << fmt::format("  {} {}\n", zsh_quote(c.path + "|" + name), zsh_quote(values));
    if (!c.positional_values.empty())
      os << fmt::format("  {} {}\n", zsh_quote(c.path + "|"), zsh_quote(words(c.positional_values)));
  }
  os << ")\n_ankang_desc=(\n";
  for (const auto& c : infos)
    if (c.path != "ankang") {
      std::string d = c.description;
      for (char& ch : d)
        if (ch == '\'' || ch == '\n') ch = ' ';
      os << fmt::format("  {} {}\n", zsh_quote(c.path), zsh_quote(d));
    }
  os << R"()

_ankang() {
  local i w p=ankang q prev=${words[CURRENT-1]} cur=${words[CURRENT]}
  for ((i = 2; i < CURRENT; i++)); do
    w=${words[i]}
    if [[ $w == -* ]]; then
      [[ $w == *=* ]] && continue
      for q in "$p" ankang; do
        if (( ${+_ankang_values[$q|$w]} )); then ((i++)); break; fi
      done
      continue
    fi
    if [[ " ${_ankang_subs[$p]} " == *" $w "* ]]; then p="$p $w"; fi
  done
  if [[ $prev == -* ]]; then
    for q in "$p" ankang; do
      if (( ${+_ankang_values[$q|$prev]} )); then
        if [[ -n ${_ankang_values[$q|$prev]} ]]; then
          compadd -- ${=_ankang_values[$q|$prev]}
        else
          _files
        fi
        return
      fi
    done
  fi
  if [[ $cur == -* ]]; then
    compadd -- ${=_ankang_opts[$p]}
    [[ $p != ankang ]] && compadd -- ${=_ankang_opts[ankang]}
  elif [[ -n ${_ankang_subs[$p]} ]]; then
    local -a subs descs
    local s
    for s in ${=_ankang_subs[$p]}; do
      subs+=("$s")
      descs+=("$s -- ${_ankang_desc[$p $s]}")
    done
    compadd -l -d descs -- $subs
  elif (( ${+_ankang_values[$p|]} )); then
    compadd -- ${=_ankang_values[$p|]}
  else
    _files
  fi
}

if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
  _ankang "$@"
else
  compdef _ankang ankang
fi
)";
}

std::string fish_quote(const std::string& s)
{
  std::string out = "'";
  for (char c : s) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c == '\n' ? ' ' : c;
  }
  return out + "'";
}

void write_fish(std::ostream& os, const std::vector<CommandInfo>& infos)
{
  os << "# fish completion for ankang, generated by 'ankang completion fish'.\n"
        "# Install: ankang completion fish > ~/.config/fish/completions/ankang.fish\n"
        "complete -c ankang -f\n\n"
        "# The command path typed so far (\"hazard list\"), as the parser reads it.\n"
        "function __ankang_path\n"
        "    set -l words (commandline -opc)\n"
        "    set -e words[1]\n"
        "    set -l path ankang\n"
        "    set -l skip 0\n"
        "    for w in $words\n"
        "        if test $skip = 1\n"
        "            set skip 0\n"
        "            continue\n"
        "        end\n"
        "        if string match -q -- '-*' $w\n"
        "            if not string match -q -- '*=*' $w; and contains -- $w (__ankang_valued $path)\n"
        "                set skip 1\n"
        "            end\n"
        "            continue\n"
        "        end\n"
        "        if contains -- $w (__ankang_subs $path)\n"
        "            set path \"$path $w\"\n"
        "        end\n"
        "    end\n"
        "    echo $path\n"
        "end\n\n"
        "function __ankang_subs\n"
        "    switch \"$argv\"\n";
  for (const auto& c : infos)
    if (!c.subcommands.empty())
      os << fmt::format("        case {}\n            printf '%s\\n' {}\n", fish_quote(c.path), words(c.subcommands));
  os << "    end\nend\n\n"
        "# The options that take a value, of ankang itself and of the command.\n"
        "function __ankang_valued\n"
        "    switch \"$argv\"\n";
  std::string global_valued;
  for (const auto& c : infos) {
    std::vector<std::string> names;
    for (const auto& o : c.options)
      if (o.takes_value) names.insert(names.end(), o.names.begin(), o.names.end());
    if (c.path == "ankang") {
      global_valued = words(names);
      continue;
    }
    if (!names.empty()) os << fmt::format("        case {}\n            printf '%s\\n' {}\n", fish_quote(c.path), words(names));
  }
  os << "    end\n";
  if (!global_valued.empty()) os << "    printf '%s\\n' " << global_valued << "\n";
  os << "end\n\n";
  for (const auto& c : infos) {
    const std::string condition = fmt::format("test (__ankang_path) = {}", fish_quote(c.path));
    for (const auto& sub : c.subcommands) {
      std::string desc;
      for (const auto& d : infos)
        if (d.path == c.path + " " + sub) desc = d.description;
      os << fmt::format("complete -c ankang -n {} -a {} -d {}\n", fish_quote(condition), sub, fish_quote(desc));
    }
    for (const auto& o : c.options) {
      std::string spec;
      for (const auto& n : o.names) spec += n.starts_with("--") ? " -l " + n.substr(2) : " -s " + n.substr(1);
      if (o.takes_value) spec += o.values.empty() ? " -r -F" : " -x -a " + fish_quote(words(o.values));
      // Options of ankang itself are valid after any command.
      const std::string where = c.path == "ankang" ? std::string() : " -n " + fish_quote(condition);
      os << fmt::format("complete -c ankang{}{}\n", where, spec);
    }
    if (!c.positional_values.empty())
      os << fmt::format("complete -c ankang -n {} -a {}\n", fish_quote(condition), fish_quote(words(c.positional_values)));
  }
}

}  // namespace

void add_completion_command(CLI::App& group, Context& ctx)
{
  auto& shell = ctx.own<std::string>();
  group.add_option("SHELL", shell, "The shell: bash, zsh or fish")->required();
  group.footer("Example:\n"
               "  ankang completion bash > /etc/bash_completion.d/ankang\n"
               "  ankang completion zsh > \"${fpath[1]}/_ankang\"\n"
               "  ankang completion fish > ~/.config/fish/completions/ankang.fish");
  group.callback([&ctx, &shell] {
    if (shell != "bash" && shell != "zsh" && shell != "fish")
      throw Error(ErrorKind::usage, fmt::format("invalid value for SHELL: {}: expected bash, zsh or fish", quote_value(shell)));
    ctx.action = [&ctx, &shell] {
      const auto infos = command_infos(ctx);
      if (shell == "bash") write_bash(ctx.out, infos);
      else if (shell == "zsh") write_zsh(ctx.out, infos);
      else write_fish(ctx.out, infos);
      return 0;
    };
  });
}

}  // namespace ankang::cli
