#pragma once
// The coded values of the campaign records (DESIGN §9): 三违 kinds, training audiences and forms.
#include "domain/codes.hpp"

namespace ankang::domain {

const CodeSet& violation_kinds();     // command, operation, discipline
const CodeSet& training_audiences();  // new_hire, special_operation, outsourced, high_risk, non_routine, all
const CodeSet& training_forms();      // onsite, online

}  // namespace ankang::domain
