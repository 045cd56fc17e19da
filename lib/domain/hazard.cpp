#include "domain/hazard.hpp"

namespace ankang::domain {

std::string_view code(HazardLevel level)
{
  switch (level) {
  case HazardLevel::general: return "general";
  case HazardLevel::major: return "major";
  }
  return "general";
}

std::string_view code(HazardStatus status)
{
  switch (status) {
  case HazardStatus::open: return "open";
  case HazardStatus::rectifying: return "rectifying";
  case HazardStatus::submitted: return "submitted";
  case HazardStatus::closed: return "closed";
  case HazardStatus::void_: return "void";
  }
  return "open";
}

std::optional<HazardLevel> level_from_code(std::string_view c)
{
  if (c == "general") return HazardLevel::general;
  if (c == "major") return HazardLevel::major;
  return std::nullopt;
}

std::optional<HazardStatus> status_from_code(std::string_view c)
{
  if (c == "open") return HazardStatus::open;
  if (c == "rectifying") return HazardStatus::rectifying;
  if (c == "submitted") return HazardStatus::submitted;
  if (c == "closed") return HazardStatus::closed;
  if (c == "void") return HazardStatus::void_;
  return std::nullopt;
}

}  // namespace ankang::domain
