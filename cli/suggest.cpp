#include "cli/suggest.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <numeric>

namespace ankang::cli {

namespace {

// Optimal string alignment distance over bytes (commands and options are ASCII).
size_t edit_distance(std::string_view a, std::string_view b)
{
  std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (size_t i = 1; i <= a.size(); ++i)
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.size()][b.size()];
}

const CLI::App* subcommand_named(const CLI::App& app, std::string_view name)
{
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; }))
    if (sub->get_name() == name) return sub;
  return nullptr;
}

// The option a word names in `app` or, as the parser falls through, in its parents.
const CLI::Option* option_named(const CLI::App* app, const std::string& name)
{
  for (; app; app = app->get_parent())
    for (const CLI::Option* opt : app->get_options())
      if (opt->nonpositional() && opt->check_name(name)) return opt;
  return nullptr;
}

std::vector<std::string> option_names(const CLI::App* app)
{
  std::vector<std::string> names;
  for (; app; app = app->get_parent())
    for (const CLI::Option* opt : app->get_options()) {
      for (const auto& l : opt->get_lnames()) names.push_back("--" + l);
      for (const auto& s : opt->get_snames()) names.push_back("-" + s);
    }
  return names;
}

std::string joined(const std::vector<std::string>& words)
{
  return std::accumulate(std::next(words.begin()), words.end(), words.front(),
                         [](std::string all, const std::string& w) { return std::move(all) + ", " + w; });
}

}  // namespace

std::vector<std::string> closest_words(std::string_view word, const std::vector<std::string>& known)
{
  std::vector<std::string> best;
  if (word.empty()) return best;
  // One edit for short words, two for longer ones; a word that starts a known one also counts.
  size_t best_distance = word.size() <= 4 ? 1 : 2;
  for (const auto& k : known) {
    const size_t d = k.starts_with(word) && word.size() >= 2 ? 1 : edit_distance(word, k);
    if (d > best_distance) continue;
    if (d < best_distance) best.clear();
    best_distance = d;
    if (std::find(best.begin(), best.end(), k) == best.end()) best.push_back(k);
  }
  return best;
}

std::optional<std::string> explain_unknown_word(const CLI::App& app, int argc, char** argv)
{
  const CLI::App* current = &app;
  size_t positionals_left = 0;
  const auto enter = [&](const CLI::App* sub) {
    current = sub;
    positionals_left = 0;
    for (const CLI::Option* opt : sub->get_options())
      if (opt->get_positional() && !opt->nonpositional()) positionals_left += opt->get_items_expected_max() > 1 ? 1000 : 1;
  };
  enter(&app);
  for (int i = 1; i < argc; ++i) {
    const std::string word = argv[i];
    if (word == "--") return std::nullopt;
    const bool is_option = word.size() > 1 && word[0] == '-' && !(word[1] >= '0' && word[1] <= '9');
    if (is_option) {
      const std::string name = word.substr(0, word.find('='));
      // -abc: a short option with its value attached.
      const std::string lookup = name.size() > 2 && name[1] != '-' ? name.substr(0, 2) : name;
      const CLI::Option* opt = option_named(current, lookup);
      if (!opt) {
        const auto close = closest_words(name, option_names(current));
        if (close.empty()) return std::nullopt;  // the parser's "not expected" says it
        return fmt::format("unknown option '{}'; did you mean: {}", name, joined(close));
      }
      if (opt->get_expected_max() == 0 || word.find('=') != std::string::npos || lookup != name) continue;
      // Its value (or values, for an option that takes several).
      if (opt->get_expected_max() > 1)
        while (i + 1 < argc && argv[i + 1][0] != '-') ++i;
      else
        ++i;
      continue;
    }
    if (const CLI::App* sub = subcommand_named(*current, word)) {
      enter(sub);
      continue;
    }
    if (positionals_left > 0) {
      --positionals_left;
      continue;
    }
    const auto subs = current->get_subcommands([](const CLI::App*) { return true; });
    if (subs.empty()) return std::nullopt;  // an extra argument: the parser says so
    std::vector<std::string> names;
    for (const CLI::App* sub : subs) names.push_back(sub->get_name());
    const auto close = closest_words(word, names);
    if (close.empty()) return fmt::format("unknown command '{}': expected {}", word, joined(names));
    return fmt::format("unknown command '{}'; did you mean: {}", word, joined(close));
  }
  return std::nullopt;
}

}  // namespace ankang::cli
