# shellcheck shell=bash
# Shared by the bench scripts: environment, a database with the addons, a server.
source "$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/.ci/lib.sh"
sf_python_env
sf_postgres

# bench_db NAME MODULES: create the database with the modules (no demo) unless it exists.
bench_db() {
    local db="$1" modules="$2"
    if [ "$(psql -h "$PGHOST" -p "$PGPORT" -d "$db" -Atqc "select state from ir_module_module where name='${modules##*,}'" 2>/dev/null)" != installed ]; then
        dropdb -h "$PGHOST" -p "$PGPORT" --if-exists "$db" >/dev/null 2>&1 || true
        sf_log "bench: creating database $db with $modules"
        sf_odoo -d "$db" -i "$modules" --without-demo=all --stop-after-init --http-port=0 \
            --workers=0 --max-cron-threads=0 --log-level=warn || sf_die "could not create $db"
    else
        # the code may have changed since the database was made
        sf_odoo -d "$db" -u "$modules" --stop-after-init --http-port=0 --workers=0 \
            --max-cron-threads=0 --log-level=warn || sf_die "could not upgrade $db"
    fi
}

# bench_shell DB < script.py : run a Python script in `odoo shell` on DB.
bench_shell() {
    sf_odoo shell -d "$1" --no-http --max-cron-threads=0 --log-level=warn
}

free_port() {
    "$SF_PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}
