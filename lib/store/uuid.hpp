#pragma once
// Identifiers for new rows: version-7 UUIDs (RFC 9562), time-ordered, so that a bulk insert
// appends to the end of a table's uuid index instead of writing to a random page of it. With
// random (version 4) keys, an import of 10^6 hazards spent about half its B-tree work on the
// uuid index once it outgrew the page cache (bench/RESULTS.md).
#include <string>
#include <string_view>

namespace ankang::store {

// A version-7 UUID for a row created at `now_utc` ("2021-09-06T08:00:00Z"; the caller's clock,
// lib/ reads none): 48-bit Unix milliseconds, then a 74-bit counter that starts at a random value
// in each process and grows by one per call (RFC 9562 §6.2, method 1), so that the UUIDs one
// process makes are strictly increasing, also within one millisecond.
std::string new_uuid(std::string_view now_utc);

}  // namespace ankang::store
