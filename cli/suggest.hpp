#pragma once
// "Did you mean": the closest known word to a mistyped command or option.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace CLI {
class App;
}

namespace ankang::cli {

// The known words closest to `word` (edit distance, a swap of neighbours counting as one, and
// words that start with it), best first; empty when none is close enough.
std::vector<std::string> closest_words(std::string_view word, const std::vector<std::string>& known);

// Walks argv through the command tree as the parser does and names the first word that is
// neither a command, an option nor a value, with the closest known ones: "unknown command
// 'lst'; did you mean: list". Nullopt when every word is known (the parser's message stands).
std::optional<std::string> explain_unknown_word(const CLI::App& app, int argc, char** argv);

}  // namespace ankang::cli
