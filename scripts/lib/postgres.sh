# A throwaway PostgreSQL cluster for the tests. Sourced by scripts/run-tests.sh (and so by
# .ci/run); usable by hand too:
#
#     source scripts/lib/postgres.sh
#     fieldwork_postgres_start      # installs Debian's postgresql if missing, starts a cluster
#     ...                           # FIELDWORK_TEST_POSTGRES_URL and PGPASSFILE are exported
#     fieldwork_postgres_stop       # stops it and removes its files
#
# The cluster lives in a fresh temporary folder owned by the `postgres` user (the server refuses
# to run as root), listens on 127.0.0.1 on a free port and on a Unix socket in that folder, and is
# started with fsync on, as production would be. Authentication is set so that the tests go through
# libpq's usual password sources, as a deployment would:
#
#   - the superuser `postgres` logs in over TCP with a SCRAM password kept in a 0600 password
#     file named by PGPASSFILE (never in the URL);
#   - roles the tests create themselves (an interviewer's login, for example) log in over TCP
#     without a password (`trust`), only on this throwaway cluster.
#
# Starting again while a cluster of this shell is running changes nothing (idempotent).

fieldwork_postgres_bin() {
    local dir
    dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
    [ -n "$dir" ] && [ -x "$dir/initdb" ] && echo "$dir"
}

# Runs a command as the `postgres` user when we are root (the server refuses root), else as us.
fieldwork_postgres_as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        su postgres -s /bin/sh -c "$*"
    else
        sh -c "$*"
    fi
}

fieldwork_postgres_free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

fieldwork_postgres_start() {
    if [ -n "${FIELDWORK_POSTGRES_DIR:-}" ] && [ -f "$FIELDWORK_POSTGRES_DIR/data/postmaster.pid" ]; then
        return 0
    fi
    command -v apt-get >/dev/null 2>&1 && type fieldwork_apt_install >/dev/null 2>&1 \
        && fieldwork_apt_install postgresql libpq-dev
    local bin
    bin="$(fieldwork_postgres_bin)" || true
    if [ -z "$bin" ]; then
        echo "PostgreSQL: no server found under /usr/lib/postgresql (Debian package postgresql)" >&2
        return 1
    fi
    local root port owner
    root="$(mktemp -d /tmp/fieldwork-postgres.XXXXXX)"
    port="$(fieldwork_postgres_free_port)"
    owner="$(id -un)"
    [ "$(id -u)" -eq 0 ] && owner=postgres
    chmod 0755 "$root"
    mkdir -p "$root/data" "$root/socket"
    local password
    password="$(python3 -c 'import secrets; print(secrets.token_hex(16))')"
    # The superuser's password for initdb, readable by the cluster's owner only while initdb runs.
    printf '%s\n' "$password" > "$root/initdb-password"
    chown -R "$owner" "$root"
    chmod 0700 "$root/data" "$root/socket"
    chmod 0600 "$root/initdb-password"
    if ! fieldwork_postgres_as_owner "'$bin/initdb' -D '$root/data' -U postgres --pwfile='$root/initdb-password' \
            --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >'$root/initdb.log' 2>&1"; then
        echo "PostgreSQL: initdb failed; see $root/initdb.log" >&2
        cat "$root/initdb.log" >&2
        return 1
    fi
    rm -f "$root/initdb-password"
    # First matching line wins: the superuser needs its password, test roles do not.
    cat > "$root/pg_hba.conf" <<EOF
local all all trust
host all postgres 127.0.0.1/32 scram-sha-256
host all all 127.0.0.1/32 trust
EOF
    chown "$owner" "$root/pg_hba.conf"
    fieldwork_postgres_as_owner "cp '$root/pg_hba.conf' '$root/data/pg_hba.conf'"
    if ! fieldwork_postgres_as_owner "'$bin/pg_ctl' -D '$root/data' -l '$root/server.log' -w -t 60 \
            -o \"-p $port -k $root/socket -c listen_addresses=127.0.0.1 -c max_connections=300 -c synchronous_commit=on\" start >/dev/null"; then
        echo "PostgreSQL: the server did not start; see $root/server.log" >&2
        cat "$root/server.log" >&2 || true
        return 1
    fi
    # Password file for libpq (host:port:database:user:password), owner-only as libpq requires.
    printf '127.0.0.1:%s:*:postgres:%s\n' "$port" "$password" > "$root/pgpass"
    chmod 0600 "$root/pgpass"
    fieldwork_postgres_as_owner "'$bin/createdb' -h '$root/socket' -p $port -U postgres fieldwork_test" || return 1
    export FIELDWORK_POSTGRES_DIR="$root"
    export FIELDWORK_POSTGRES_BIN="$bin"
    export FIELDWORK_POSTGRES_PORT="$port"
    export PGPASSFILE="$root/pgpass"
    export FIELDWORK_TEST_POSTGRES_URL="postgresql://postgres@127.0.0.1:$port/fieldwork_test"
    echo "PostgreSQL test cluster: $FIELDWORK_TEST_POSTGRES_URL (files in $root)"
}

fieldwork_postgres_stop() {
    local root="${FIELDWORK_POSTGRES_DIR:-}"
    [ -n "$root" ] || return 0
    if [ -f "$root/data/postmaster.pid" ]; then
        fieldwork_postgres_as_owner "'$FIELDWORK_POSTGRES_BIN/pg_ctl' -D '$root/data' -m fast -w stop >/dev/null" \
            || fieldwork_postgres_as_owner "'$FIELDWORK_POSTGRES_BIN/pg_ctl' -D '$root/data' -m immediate stop >/dev/null" || true
    fi
    case "$root" in /tmp/fieldwork-postgres.*) rm -rf "$root" ;; esac
    unset FIELDWORK_POSTGRES_DIR FIELDWORK_TEST_POSTGRES_URL PGPASSFILE FIELDWORK_POSTGRES_PORT
}
