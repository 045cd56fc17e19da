#pragma once
// Import batches: one row per import run (file, SHA-256, encoding, counts), so that a load can be
// traced and a file recognised when it comes again.
#include "store/database.hpp"
#include "store/ids.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ankang::store {

struct ImportBatch {
  BatchId id;
  std::string kind = "hazard";  // enterprise, hazard, calendar
  std::string file_name;
  std::string sha256;
  std::string encoding;
  int64_t rows_read = 0;
  int64_t rows_imported = 0;
  int64_t rows_updated = 0;
  int64_t rows_skipped = 0;
  int64_t rows_rejected = 0;
  std::string actor;
  std::string started_at;
  std::string finished_at;  // empty while running
  // Set by `batch undo`: when, by whom and why; empty while the batch stands.
  std::string undone_at;
  std::string undone_by;
  std::string undo_reason;
};

// What an import did to one enterprise (schema 0061): created it, or changed the fields in
// `fields_json` ({"phone": ["before", "after"]}, the enterprise's machine text).
struct BatchEnterprise {
  EnterpriseId enterprise_id;
  std::string action;  // created, updated
  std::string fields_json;
};

// Before a large import: a page cache of 24 MiB, fixed. The keys of the big indexes are appended
// in file order (time-ordered UUIDs, day-prefixed duplicate keys), so their working set is their
// right edge; measured at 10^6 rows, 64 MiB was no faster than 32 MiB, and 24 MiB keeps the
// import's peak RSS under 64 MB whatever the file's size.
void prepare_bulk_load(Database& db);

// Inserts the batch (counts as they are) and sets b.id.
BatchId insert_batch(Database& db, ImportBatch& b);
// Writes the counts, SHA-256, encoding and finished_at of an inserted batch.
void finish_batch(Database& db, const ImportBatch& b);
// Oldest first; `kind` empty = every kind.
std::vector<ImportBatch> list_batches(Database& db, std::string_view kind);
std::optional<ImportBatch> get_batch(Database& db, BatchId id);
// Records `batch undo` on the batch row.
void mark_batch_undone(Database& db, BatchId id, std::string_view at, std::string_view by, std::string_view reason);

void record_batch_enterprise(Database& db, BatchId batch, const BatchEnterprise& e);
std::vector<BatchEnterprise> list_batch_enterprises(Database& db, BatchId batch);

}  // namespace ankang::store
