#!/usr/bin/env bash
# The weekly report a union office sends its leaders, as a cron job: last week's report, with
# charts, into a dated Markdown file such as weekly-2021-W38.md in OUT_DIR (default: here).
#
#   # every Monday at 08:00 (crontab -e)
#   0 8 * * 1  ANKANG_DB=/srv/ankang/ankang.db /srv/ankang/weekly.sh /srv/ankang/reports
#
# Like every ankang command it honours ANKANG_DB (the database) and ANKANG_TODAY (the date
# taken as today: "last week" is the week before it). ANKANG names the binary (default: ankang
# on PATH). Extra arguments after OUT_DIR go to `ankang report weekly` (e.g. --region 海北州).
set -euo pipefail
out_dir=${1:-.}
shift || true
ankang=${ANKANG:-ankang}

# The week's code (2021-W38) comes from the report itself, so the file name and the report agree
# on what "last week" means, whatever the machine's time zone.
week=$("$ankang" -q report weekly --period last-week --format json "$@" | sed -n 's/^  "period": "\(.*\)",$/\1/p')
if [ -z "$week" ]; then
  echo "weekly.sh: could not tell which week the report covers" >&2
  exit 1
fi
file="$out_dir/weekly-$week.md"
"$ankang" -q report weekly --period "$week" --charts "$@" -o "$file"
echo "$file"
