#pragma once
// The printed letter (letter print): the document a union officer prints, stamps and sends —
// number, addressee, the facts (each hazard), the legal basis sentence, the reply deadline, the
// issuing organisation and date. Markdown or a self-contained HTML page.
#include "domain/codes.hpp"
#include "ops/letter_ops.hpp"
#include "store/letter_store.hpp"

#include <optional>
#include <ostream>
#include <vector>

namespace ankang::report {

struct LetterPrint {
  store::Letter letter;
  std::vector<ops::LetterHazard> hazards;
  std::optional<store::Letter> about;  // the opinion letter a proposal follows
};

enum class LetterFormat { md, html };
// Parses --format for letter print: md or html. Throws Error(usage).
LetterFormat parse_letter_format(std::string_view text);

void render_letter(const LetterPrint& letter, LetterFormat format, domain::Lang lang, std::ostream& out);

// 2021年9月28日 / 28 September 2021.
std::string long_date(domain::Date d, domain::Lang lang);

}  // namespace ankang::report
