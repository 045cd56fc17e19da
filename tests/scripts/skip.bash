# Sourced by every tests/scripts/*.sh (not a test itself: the suite runs *.sh only).
# A script test that cannot run its check fails; it is skipped only when the suite was told so by
# name: ANKANG_SKIP_TESTS="fuzz_smoke crash_import" (names of tests/scripts/*.sh without .sh). A
# skipped script exits 77, which ctest reports as "Skipped" in its summary (SKIP_RETURN_CODE in
# tests/CMakeLists.txt); scripts/test.sh prints the list at the end. CI sets nothing: it skips nothing.
skip_if_told() {  # NAME
  case " ${ANKANG_SKIP_TESTS:-} " in
    *" $1 "*) echo "$1: skipped: named in ANKANG_SKIP_TESTS"; exit 77 ;;
  esac
}
