#include "io/temp_files.hpp"

#include <unistd.h>

#include <array>
#include <atomic>
#include <climits>
#include <cstring>

namespace ankang::io {

namespace {

struct Slot {
  std::atomic<bool> used{false};
  char path[PATH_MAX] = {};
};

std::array<Slot, 32> g_slots;
static_assert(std::atomic<bool>::is_always_lock_free, "the signal handler reads the slots");

}  // namespace

void track_temp_file(const std::string& path)
{
  if (path.size() >= PATH_MAX) return;
  for (auto& slot : g_slots) {
    if (slot.used.load(std::memory_order_acquire)) continue;
    std::memcpy(slot.path, path.c_str(), path.size() + 1);
    slot.used.store(true, std::memory_order_release);
    return;
  }
}

void untrack_temp_file(const std::string& path)
{
  for (auto& slot : g_slots)
    if (slot.used.load(std::memory_order_acquire) && path == slot.path) {
      slot.used.store(false, std::memory_order_release);
      return;
    }
}

void remove_all_temp_files() noexcept
{
  for (auto& slot : g_slots)
    if (slot.used.load(std::memory_order_acquire)) ::unlink(slot.path);
}

}  // namespace ankang::io
