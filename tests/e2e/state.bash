# Sourced by e2e cases that check a refusal or an all-or-nothing failure changed nothing:
#   keep FILE…        remembers each file: an SQLite database by its SQL dump (every row, so
#                     counts of rows and history events included), any other file by its bytes
#   kept FILE…        prints "FILE: unchanged", or "FILE: CHANGED" and the first lines that differ
keep() {
  mkdir -p "$HOME/.kept"
  local f
  for f in "$@"; do state_of "$f" >"$HOME/.kept/${f//\//_}"; done
}
kept() {
  local f
  for f in "$@"; do
    if state_of "$f" | cmp -s - "$HOME/.kept/${f//\//_}"; then
      echo "$f: unchanged"
    else
      echo "$f: CHANGED"
      state_of "$f" | diff "$HOME/.kept/${f//\//_}" - | head -5
    fi
  done
}
state_of() {  # FILE
  if [ "$(head -c 15 "$1" 2>/dev/null)" = "SQLite format 3" ]; then sqlite3 "$1" .dump; else cat "$1"; fi
}
