#pragma once
// Temporary files in progress (the *.tmp.XXXXXX of an -o write, a rejects file, a backup or a
// restore), so that a signal that ends the process removes them instead of leaving them behind.
// cli/ installs the handlers for SIGINT, SIGTERM and SIGHUP; it calls remove_all_temp_files().
#include <string>

namespace ankang::io {

// Records a temporary file. At most 32 at a time (more are simply not recorded).
void track_temp_file(const std::string& path);
// Forgets it (committed, or removed).
void untrack_temp_file(const std::string& path);
// Unlinks every recorded file. Async-signal-safe: only unlink(2) and lock-free atomics.
void remove_all_temp_files() noexcept;

}  // namespace ankang::io
