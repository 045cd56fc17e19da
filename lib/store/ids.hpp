#pragma once
// Strong row ids: a hazard id cannot be passed where an enterprise id is wanted.
#include <compare>
#include <cstdint>
#include <string>

namespace ankang::store {

template <class Tag>
struct RowId {
  int64_t value = 0;
  constexpr auto operator<=>(const RowId&) const = default;
  std::string str() const { return std::to_string(value); }
};

using EnterpriseId = RowId<struct EnterpriseTag>;
using InspectionId = RowId<struct InspectionTag>;
using HazardId = RowId<struct HazardTag>;
using HazardEventId = RowId<struct HazardEventTag>;
using BatchId = RowId<struct BatchTag>;

}  // namespace ankang::store
