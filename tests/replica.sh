#!/usr/bin/env bash
# A streaming replica of the local PostgreSQL, for the read replica tests (tests/test_replicas.py).
#
#   tests/replica.sh start DIR   copy the cluster on 127.0.0.1:$PRIMARY_PORT (5432) into DIR with
#                                `pg_basebackup -R` and serve it, read-only, on $REPLICA_PORT (5433)
#   tests/replica.sh stop DIR    stop that replica and delete DIR
#
# The replica streams the whole cluster, so the test databases pytest-django creates on the primary
# appear on it by themselves. Run as root (CI), the server runs as the `postgres` user; run as
# anyone else, as that user. The primary must accept replication connections from 127.0.0.1:
# on a Debian cluster run by root, a missing `host replication` line is added to its pg_hba.conf.
set -euo pipefail

PRIMARY_PORT="${PRIMARY_PORT:-5432}"
REPLICA_PORT="${REPLICA_PORT:-5433}"
PGUSER="${PGUSER:-postgres}"
ACTION="${1:?usage: tests/replica.sh start|stop DIR}"
DIR="${2:?usage: tests/replica.sh start|stop DIR}"

primary() { psql -h 127.0.0.1 -p "$PRIMARY_PORT" -U "$PGUSER" -XAtq "$@" postgres; }
as_server() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
# The server programs of a major version: Debian's layout, else the first on the PATH.
bindir() {
  if [ -x "/usr/lib/postgresql/$1/bin/pg_ctl" ]; then echo "/usr/lib/postgresql/$1/bin"; else pg_config --bindir; fi
}

allow_replication() {
  if psql "host=127.0.0.1 port=$PRIMARY_PORT user=$PGUSER replication=true" -XAtqc IDENTIFY_SYSTEM \
    >/dev/null 2>&1; then
    return
  fi
  local hba
  hba="$(primary -c 'SHOW hba_file')"
  if [ ! -w "$hba" ]; then
    echo "The primary refuses replication connections: add to $hba" >&2
    echo "  host replication $PGUSER 127.0.0.1/32 trust" >&2
    exit 1
  fi
  echo "host replication $PGUSER 127.0.0.1/32 trust" >>"$hba"
  primary -c 'SELECT pg_reload_conf()' >/dev/null
}

start() {
  local bin data
  bin="$(bindir "$(($(primary -c 'SHOW server_version_num') / 10000))")"
  allow_replication
  mkdir -p "$DIR"
  [ "$(id -u)" = 0 ] && chown postgres: "$DIR"
  data="$DIR/data"
  # --checkpoint=fast: the copy starts at once rather than after a spread checkpoint.
  as_server "$bin/pg_basebackup" -h 127.0.0.1 -p "$PRIMARY_PORT" -U "$PGUSER" -D "$data" \
    -R -X stream --checkpoint=fast
  # Debian keeps the configuration out of the data directory; a hot standby needs at least the
  # primary's values of these, or it refuses to start.
  {
    echo "listen_addresses = '127.0.0.1'"
    echo "port = $REPLICA_PORT"
    echo "unix_socket_directories = '$DIR'"
    echo "hot_standby = on"
    for name in max_connections max_worker_processes max_wal_senders \
      max_prepared_transactions max_locks_per_transaction; do
      echo "$name = $(primary -c "SHOW $name")"
    done
  } | as_server tee "$data/postgresql.conf" >/dev/null
  printf 'local all all trust\nhost all all 127.0.0.1/32 trust\n' |
    as_server tee "$data/pg_hba.conf" >/dev/null
  as_server "$bin/pg_ctl" -D "$data" -l "$DIR/replica.log" -w start >/dev/null
  # It replays the WAL written during the copy first: minutes' worth on a busy cluster.
  for _ in $(seq "${REPLICA_START_SECONDS:-30}"); do
    [ "$(psql -h 127.0.0.1 -p "$REPLICA_PORT" -U "$PGUSER" -XAtqc \
      'SELECT status FROM pg_stat_wal_receiver' postgres 2>/dev/null)" = streaming ] && return
    sleep 1
  done
  echo "The replica on port $REPLICA_PORT is not streaming; see $DIR/replica.log" >&2
  exit 1
}

stop() {
  if [ -f "$DIR/data/postmaster.pid" ]; then
    as_server "$(bindir "$(cat "$DIR/data/PG_VERSION")")/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null || true
  fi
  rm -rf "$DIR"
}

case "$ACTION" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: tests/replica.sh start|stop DIR" >&2; exit 2 ;;
esac
