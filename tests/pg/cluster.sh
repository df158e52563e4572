#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for the tests:
#   tests/pg/cluster.sh start DIR [BINARY]
#                                   initdb DIR/data as the postgres user (the
#                                   server refuses to run as root), start it
#                                   on a Unix socket in DIR only (no TCP),
#                                   create the role "tracker" (superuser) and
#                                   the database "tracker"; with BINARY (the
#                                   dossier-tracker), also "tracker_template",
#                                   migrated, that tests clone
#   tests/pg/cluster.sh stop DIR    stop it (fast, then immediate) and remove DIR
# Clients connect with postgresql:///tracker?host=DIR&user=tracker (the
# socket's port is 5432 inside DIR). CTest runs start as a fixture set-up
# and stop as its clean-up, which runs also when tests fail.
set -euo pipefail
action=${1:?start or stop}
dir=${2:?a directory}
bin=/usr/lib/postgresql/15/bin
as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$action" in
  start)
    "$0" stop "$dir" >/dev/null 2>&1 || true
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
    as_postgres "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
      { cat "$dir/initdb.log"; exit 1; }
    # Durable as in production (fsync, synchronous_commit on): the tests
    # check what a 2xx means.
    as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses='' -k $dir -c max_connections=200 -c shared_buffers=128MB" start >/dev/null ||
      { cat "$dir/server.log"; exit 1; }
    as_postgres "$bin/psql" -h "$dir" -U postgres -d postgres -v ON_ERROR_STOP=1 -q \
      -c "CREATE ROLE tracker LOGIN SUPERUSER" -c "CREATE DATABASE tracker OWNER tracker" >/dev/null
    if [ -n "${3:-}" ]; then
      as_postgres "$bin/psql" -h "$dir" -U postgres -d postgres -v ON_ERROR_STOP=1 -q \
        -c "CREATE DATABASE tracker_template OWNER tracker" >/dev/null
      "$3" migrate --db "postgresql:///tracker_template?host=$dir&user=tracker" >/dev/null
    fi
    echo "postgresql:///tracker?host=$dir&user=tracker"
    ;;
  stop)
    if [ -f "$dir/data/postmaster.pid" ]; then
      as_postgres "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null 2>&1 ||
        as_postgres "$bin/pg_ctl" -D "$dir/data" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start|stop DIR" >&2
    exit 2
    ;;
esac
