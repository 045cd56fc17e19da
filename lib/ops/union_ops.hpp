#pragma once
// The union's visits (inspections of kind union, or any other kind recorded by hand) and
// 挂牌督办 of major hazards. Each write is one transaction.
#include "ops/hazard_ops.hpp"
#include "store/database.hpp"
#include "store/inspection_store.hpp"
#include "store/letter_store.hpp"

#include <optional>
#include <string>

namespace ankang::ops {

struct NewInspection {
  std::string enterprise;  // USCC or exact name
  std::string kind;        // code, label or alias; default routine
  std::string body;        // default: the organisation's name for a union visit
  std::string inspectors;  // 张三,李四 (stored joined by 、)
  std::string note;
};

// Records an inspection on the actor's business date. The same enterprise, date and inspectors
// twice is Error(conflict) naming the inspection already recorded.
store::Inspection add_inspection(store::Database& db, const NewInspection& input, const Actor& actor);

struct SuperviseRequest {
  std::string by;     // the supervising body
  std::string level;  // province, prefecture, county (or 省级 …)
  std::optional<domain::Date> deadline;
};

// Puts a major hazard that is not closed or void under supervision (挂牌督办): a supervision row and
// a 'supervised' event in its history.
store::Supervision supervise_hazard(store::Database& db, std::string_view hazard, const SuperviseRequest& request,
                                    const Actor& actor);
// Removes the supervision (摘牌) of a closed hazard: removed_on and an 'unsupervised' event.
store::Supervision unsupervise_hazard(store::Database& db, std::string_view hazard, const Actor& actor);

}  // namespace ankang::ops
