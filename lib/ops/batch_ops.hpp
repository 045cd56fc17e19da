#pragma once
// `ankang batch`: the imports on record (file, SHA-256, who, when, counts), what each one did,
// and taking one back (issue 13 point 9). Undo deletes nothing: the hazards an import created
// are voided and the fields it changed restored, each by a compensating event; the enterprises it
// created are archived and those it changed restored. A batch whose records have moved on since
// (a later step, another import, a later edit) is refused, naming them.
#include "domain/hazard.hpp"
#include "ops/hazard_ops.hpp"
#include "store/database.hpp"
#include "store/enterprise_store.hpp"
#include "store/hazard_store.hpp"
#include "store/import_batch_store.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace ankang::ops {

// One hazard an import wrote: created by it, or updated (fields and stages) by it.
struct BatchHazard {
  store::HazardId id;
  std::string no;
  bool created = false;
  domain::HazardStatus status = domain::HazardStatus::open;  // now
  int64_t events = 0;  // the batch's events on it
  // The events after the batch's last one on it (steps, edits, later imports): the hazard has
  // moved on and the batch can no longer be taken back. "2021-09-28 done (张伟)".
  std::vector<std::string> later;
};

struct BatchEnterpriseItem {
  store::EnterpriseId id;
  std::string uscc;
  std::string name;
  std::string action;  // created, updated
  bool archived = false;
  // Why undo cannot take it back: the numbers of hazards it has that the batch did not create,
  // or the fields changed since ("phone '0970-1' ≠ '0970-2'": now, then as the import set it).
  std::vector<std::string> moved_on;
  store::FieldChanges changes;  // updated: the fields the import changed (before → after)
};

struct BatchDetail {
  store::ImportBatch batch;
  std::vector<BatchHazard> hazards;  // by row id
  std::vector<BatchEnterpriseItem> enterprises;
  int64_t hazards_created = 0;
  int64_t hazards_updated = 0;
  int64_t records = 0;  // a campaign-record import (三违, training …): the records it brought, still on record
  int64_t moved_on = 0;  // hazards and enterprises that have moved on since
};

// Error(not_found) "import batch N does not exist".
BatchDetail show_batch(store::Database& db, store::BatchId id);

struct UndoResult {
  store::BatchId id;
  std::string kind;            // the batch's kind: hazard, enterprise, violation …
  std::string reason;          // as recorded on the events: "import 3 undone[: REASON]"
  std::vector<std::string> voided;     // numbers of the hazards voided
  std::vector<std::string> restored;   // numbers of the hazards whose fields or stage were restored
  int64_t already_void = 0;            // created void by the import: nothing to do
  int64_t enterprises_archived = 0;
  int64_t enterprises_restored = 0;
  int64_t events_written = 0;
  int64_t records_deleted = 0;  // a campaign-record import: its records, deleted
  bool committed = false;  // false for a dry run
};

// Takes the batch back in one write transaction (dry_run: everything checked and counted,
// nothing written). Refused with Error(conflict) (exit 5, nothing written) when the batch was
// undone already, is a calendar import, or has records that moved on since — the message names
// them (the first ten, and how many more).
UndoResult undo_batch(store::Database& db, store::BatchId id, const std::string& reason, const Actor& actor,
                      bool dry_run);

// Text of an enterprise's fields as the machine CSV writes them (enterprise export), for the
// fields an import changed: {"phone": ["before", "after"]}.
store::FieldChanges enterprise_changes(const store::Enterprise& before, const store::Enterprise& after);

}  // namespace ankang::ops
