#!/usr/bin/env bash
# The CI as it ran before it was cut (issue 19): the same tests as `.ci/run`, but as the old
# script ran them, one step after another in a single process each, after a virtualenv made by
# venv and pip. Run it and `.ci/run` one after the other, on clean clones of the same commit, on
# a machine doing nothing else: the ratio of their wall times is what the cut is worth for
# today's tests, whatever the machine's speed.
#
#   git clone -q . /tmp/serial && cd /tmp/serial && time bash bench/ci_serial.sh
#
# It needs what `.ci/run` needs (Chromium, Java, npm, Redis, PostgreSQL on 127.0.0.1:5432) and
# starts the same streaming replica on 127.0.0.1:5433 for the replica tests, at their turn.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV="$(mktemp -d)/venv"
REPLICA_DIR="$(mktemp -d)"
PGDB="meeting_archive_serial_$$"
export PYTHONUNBUFFERED=1 REQUIRE_BROWSER=1 REQUIRE_WORKER=1
step() { echo "== [${SECONDS}s] $*"; }
psql_() { psql -h 127.0.0.1 -U postgres -qc "$1" postgres; }
cleanup() {
  tests/replica.sh stop "$REPLICA_DIR" 2>/dev/null || true
  for db in $(psql -h 127.0.0.1 -U postgres -Atc \
      "SELECT datname FROM pg_database WHERE datname LIKE '%$PGDB%'" postgres); do
    psql_ "DROP DATABASE IF EXISTS \"$db\""
  done
}
trap cleanup EXIT

step "Python environment (venv and pip, as before)"
python3 -m venv "$VENV"
"$VENV/bin/pip" install -q --upgrade pip
"$VENV/bin/pip" install -q -e '.[dev]'
(cd tests/browser && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)

step "Lint, layers, migrations"
"$VENV/bin/ruff" check .
"$VENV/bin/ruff" format --check .
"$VENV/bin/lint-imports" >/dev/null
"$VENV/bin/python" manage.py makemigrations --check --dry-run

psql_ "CREATE DATABASE $PGDB ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8' TEMPLATE template0"
PG=(env "DATABASE_URL=postgres://postgres@127.0.0.1:5432/$PGDB")
PYTEST=("$VENV/bin/pytest" -q -p no:xdist --create-db)
status=0
for engine in PostgreSQL SQLite; do
  on=(env); [ "$engine" = PostgreSQL ] && on=("${PG[@]}")
  step "Tests on $engine"
  "${on[@]}" "${PYTEST[@]}" -m "not browser and not migration and not worker" || status=1
  if [ "$engine" = PostgreSQL ]; then
    "${on[@]}" "${PYTEST[@]}" -m browser || status=1
  fi
  "${on[@]}" "${PYTEST[@]}" -m worker || status=1
  "${on[@]}" "${PYTEST[@]}" -m migration || status=1
done
step "Read replica tests"
"${PG[@]}" "$VENV/bin/python" manage.py migrate --noinput -v0
tests/replica.sh start "$REPLICA_DIR" >/dev/null
"${PG[@]}" "DATABASE_REPLICA_URLS=postgres://postgres@127.0.0.1:5433/$PGDB" REQUIRE_REPLICA=1 \
  "${PYTEST[@]}" tests/test_replicas.py || status=1
step "Done (status $status)"
exit "$status"
