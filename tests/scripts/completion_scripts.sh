#!/usr/bin/env bash
# Shell completion: the bash script from 'ankang completion bash' is loaded into a real bash and
# asked what a person's TAB would get; the zsh and fish scripts must at least parse.
set -euo pipefail
ankang=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$ankang" completion bash >"$work/ankang.bash"
"$ankang" completion zsh >"$work/_ankang"
"$ankang" completion fish >"$work/ankang.fish"

fail=0
# complete WORD... : what TAB offers after `WORD...` (the last word is the one being completed).
complete_words() {
  bash --norc --noprofile -c '
    source "$1"; shift
    complete -p ankang >/dev/null || { echo "no completion for ankang"; exit 1; }
    COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
    _ankang ankang "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
    printf "%s\n" "${COMPREPLY[@]}" | sort | tr "\n" " " | sed "s/ $//"' _ "$work/ankang.bash" "$@"
}
expect() {
  local want=$1
  shift
  local got
  got=$(complete_words "$@")
  if [ "$got" != "$want" ]; then
    echo "completing '$*': expected '$want', got '$got'"
    fail=1
  fi
}

expect "hazard" ankang haz
expect "general major" ankang hazard list --level ""
expect "major" ankang hazard list --level m
expect "add export import list show supervise unsupervise update void" ankang hazard ""
expect "open" ankang --db x.db hazard list --status o
expect "coal construction" ankang report weekly --sector co
expect "last-month last-quarter last-week last-year" ankang report weekly --period last
expect "csv" ankang report weekly --format c
expect "en" ankang --lang e
expect "bash" ankang completion ba
expect "list show undo" ankang batch ""
expect "--dry-run" ankang batch undo 3 --dr
expect "enterprise" ankang batch list --kind e
expect "--level" ankang hazard list --lev
# A flag takes no value: the word after it is still read.
expect "general major" ankang -q hazard list --overdue --level ""
expect "--lang" ankang hazard list --la
# An option's value is not taken for a command: 'list' after --desc is text, the path stays 'hazard add'.
expect "--deadline" ankang hazard add --desc list --dead

if command -v zsh >/dev/null; then
  zsh -n "$work/_ankang" || { echo "zsh: the script does not parse"; fail=1; }
fi
if command -v fish >/dev/null; then
  fish -n "$work/ankang.fish" || { echo "fish: the script does not parse"; fail=1; }
  got=$(HOME=$work fish -c "source $work/ankang.fish; complete -C 'ankang hazard list --level '" | cut -f1 | sort | tr '\n' ' ')
  [ "$got" = "general major " ] || { echo "fish: hazard list --level: got '$got'"; fail=1; }
fi
exit $fail
