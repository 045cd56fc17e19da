#pragma once
// Person names as people compare them: "何文 ", "何　文" (a full-width space pads a two-character
// name in many sheets) and "何文" are one person. An owner field may list several people:
// "何文、张卫东", "何文/张卫东".
#include <string>
#include <string_view>
#include <vector>

namespace ankang::domain {

// Trims blanks (ASCII, full-width U+3000, no-break U+00A0) at both ends; a run of blanks between
// two non-ASCII characters (Han) is dropped, any other run becomes one ASCII space: "何　文" →
// "何文", " Zhang   Wei " → "Zhang Wei".
std::string normalize_person_name(std::string_view text);

// The people an owner field names: split on 、，,/;； and then on blanks, each normalized, empty
// parts dropped. A blank next to a one-character piece is padding, not a separator: "何　文" is
// one name, "何文 张卫东" two, "Zhang Wei" two (a field of Latin names should use a separator).
std::vector<std::string> person_names(std::string_view field);

// The field as stored: its names joined by 、 ("何文、张卫东"), or the one normalized name.
std::string normalize_person_field(std::string_view field);

// Whether `name` is one of the people `field` names (both normalized).
bool names_person(std::string_view field, std::string_view name);

}  // namespace ankang::domain
