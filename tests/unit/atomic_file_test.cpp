#include "error.hpp"
#include "io/atomic_file.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

using namespace ankang;
namespace fs = std::filesystem;

namespace {

// A fresh folder under the system's temporary folder, removed at the end of the test.
struct ScratchDir {
  fs::path path;
  ScratchDir()
  {
    std::string templ = (fs::temp_directory_path() / "ankang-atomic-XXXXXX").string();
    REQUIRE(::mkdtemp(templ.data()) != nullptr);
    path = templ;
  }
  ~ScratchDir() { fs::remove_all(path); }
  std::vector<std::string> files() const
  {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(path)) out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
  }
};

std::string read_all(const fs::path& p)
{
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("AtomicFile not committed removes its temporary file and leaves the target as it was")
{
  ScratchDir dir;
  const auto target = dir.path / "out.csv";
  {
    std::ofstream(target) << "old\n";
    io::AtomicFile f(target.string());
    f.stream() << "new, half written";
    CHECK(dir.files().size() == 2);  // the target and the temporary file beside it
  }
  CHECK(dir.files() == std::vector<std::string>{"out.csv"});
  CHECK(read_all(target) == "old\n");
}

TEST_CASE("AtomicFile commit replaces the target with mode 0600")
{
  ScratchDir dir;
  const auto target = dir.path / "out.csv";
  std::ofstream(target) << "old\n";
  fs::permissions(target, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read | fs::perms::others_read);
  {
    io::AtomicFile f(target.string());
    f.stream() << "new\n";
    f.commit();
  }
  CHECK(dir.files() == std::vector<std::string>{"out.csv"});
  CHECK(read_all(target) == "new\n");
  CHECK((fs::status(target).permissions() & fs::perms::all) == (fs::perms::owner_read | fs::perms::owner_write));
}

TEST_CASE("AtomicFile commit fails naming the file when the rename fails, and cleans up")
{
  ScratchDir dir;
  const auto target = dir.path / "out.csv";
  {
    io::AtomicFile f(target.string());
    f.stream() << "new\n";
    // The target became a non-empty folder after the file was opened: rename(2) cannot replace it.
    fs::create_directories(target / "inside");
    try {
      f.commit();
      FAIL("commit did not throw");
    } catch (const Error& e) {
      CHECK(e.kind() == ErrorKind::io);
      CHECK(std::string(e.what()).find("cannot write " + target.string() + ": ") == 0);
    }
  }
  CHECK(dir.files() == std::vector<std::string>{"out.csv"});
  CHECK(fs::is_directory(target));
}

TEST_CASE("AtomicFile commit fails when the write fails (a full device)")
{
  if (!fs::exists("/dev/full")) FAIL("no /dev/full on this system");
  io::AtomicFile f("/dev/full");
  f.stream() << std::string(1 << 16, 'x');
  try {
    f.commit();
    FAIL("commit did not throw");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::io);
    CHECK(std::string(e.what()) == "cannot write /dev/full: No space left on device");
  }
}

TEST_CASE("AtomicFile refuses a folder, a missing folder and an empty name")
{
  ScratchDir dir;
  CHECK_THROWS_WITH(io::AtomicFile(dir.path.string()), Catch::Contains("it is a directory"));
  CHECK_THROWS_WITH(io::AtomicFile((dir.path / "missing" / "out.csv").string()),
                    Catch::Contains("No such file or directory"));
  CHECK_THROWS_WITH(io::AtomicFile(""), "the output file name is empty");
  CHECK(dir.files().empty());
}
