# Sourced by the hazard and inspection e2e cases: registers the enterprises of
# examples/enterprises.csv with 'ankang enterprise import'. Usage: seed_enterprises DB
seed_enterprises() {
  ankang --db "$1" -q --today 2021-08-01 enterprise import "$EXAMPLES/enterprises.csv" >/dev/null
}
