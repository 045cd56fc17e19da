#pragma once
// The hazard's stored enums (level, status). Each maps to its stored code explicitly; the
// order of the enumerators means nothing and the codes never change.
#include <optional>
#include <string_view>

namespace ankang::domain {

enum class HazardLevel { general, major };
enum class HazardStatus { open, rectifying, submitted, closed, void_ };

std::string_view code(HazardLevel level);
std::string_view code(HazardStatus status);
// From a stored code (exactly 'general', 'open', …); nullopt for anything else.
std::optional<HazardLevel> level_from_code(std::string_view code);
std::optional<HazardStatus> status_from_code(std::string_view code);

// Overdue (超期) is derived, never stored: open or rectifying with a deadline before `as_of`.
inline bool counts_as_pending(HazardStatus s) { return s == HazardStatus::open || s == HazardStatus::rectifying; }

}  // namespace ankang::domain
