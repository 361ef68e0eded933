#!/bin/bash
# Entrypoint of the shopfloor image (docker/Dockerfile).
#  - waits for PostgreSQL;
#  - on first start, creates the database $SF_DB with the shopfloor addons (and the demo
#    factory unless odoo.conf says without_demo);
#  - then runs Odoo on that database.
# Environment: DB_HOST (db), DB_PORT (5432), DB_USER (odoo), DB_PASSWORD (odoo),
#   SF_DB (shopfloor_demo), SF_MODULES (the addons; planning, wages and the bridges follow
#   by auto-install), SF_INIT_DB (1; 0 skips the initialisation), SF_UPDATE (0; 1 upgrades the addons before starting, after a new image).
# Any other command (bash, odoo shell ...) is run as given.
set -euo pipefail

DB_HOST="${DB_HOST:-db}"
DB_PORT="${DB_PORT:-5432}"
DB_USER="${DB_USER:-odoo}"
DB_PASSWORD="${DB_PASSWORD:-odoo}"
SF_DB="${SF_DB:-shopfloor_demo}"
SF_MODULES="${SF_MODULES:-shopfloor_mp,shopfloor_oee,shopfloor_trace,shopfloor_material,shopfloor_andon,shopfloor_board}"
ODOO_RC="${ODOO_RC:-/etc/odoo/odoo.conf}"
export PGHOST="$DB_HOST" PGPORT="$DB_PORT" PGUSER="$DB_USER" PGPASSWORD="$DB_PASSWORD"
DB_ARGS=(--db_host="$DB_HOST" --db_port="$DB_PORT" --db_user="$DB_USER" --db_password="$DB_PASSWORD")

log() { printf '[shopfloor] %s\n' "$*" >&2; }

wait_for_postgres() {
    local i
    for i in $(seq 1 90); do
        pg_isready -q && return 0
        [ "$i" = 1 ] && log "waiting for PostgreSQL on $DB_HOST:$DB_PORT"
        sleep 2
    done
    log "PostgreSQL on $DB_HOST:$DB_PORT does not answer: check the db service and DB_* settings."
    exit 1
}

# Installed state of the last addon in the database ("" when the database does not exist).
addons_state() {
    psql -d "$SF_DB" -Atqc "select state from ir_module_module where name = 'shopfloor_trace'" 2>/dev/null || true
}

init_database() {
    if [ "$(addons_state)" = installed ]; then
        if [ "${SF_UPDATE:-0}" = 1 ]; then
            log "upgrading $SF_MODULES in $SF_DB"
            odoo -c "$ODOO_RC" "${DB_ARGS[@]}" -d "$SF_DB" -u "$SF_MODULES" \
                --stop-after-init --no-http --workers=0 --max-cron-threads=0
        fi
        return 0
    fi
    log "first start: creating $SF_DB with $SF_MODULES and the demo factory (a few minutes)"
    odoo -c "$ODOO_RC" "${DB_ARGS[@]}" -d "$SF_DB" -i "$SF_MODULES" \
        --stop-after-init --no-http --workers=0 --max-cron-threads=0
    [ "$(addons_state)" = installed ] || {
        log "installing the shopfloor addons into $SF_DB failed (see the log above)."
        exit 1
    }
    log "database $SF_DB is ready; demo logins: admin/admin, sf_manager/sf_manager, sf_leader/sf_leader, sf_accountant/sf_accountant"
}

# `docker run image --some-option` means `odoo --some-option`.
if [ $# -eq 0 ] || [ "${1#-}" != "$1" ]; then
    set -- odoo "$@"
fi

if [ "$1" = odoo ]; then
    shift
    wait_for_postgres
    if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then
        # an Odoo subcommand (shell, neutralize ...): run it on the shopfloor database
        sub="$1"
        shift
        exec odoo "$sub" -c "$ODOO_RC" "${DB_ARGS[@]}" -d "$SF_DB" "$@"
    fi
    [ "${SF_INIT_DB:-1}" = 1 ] && init_database
    exec odoo -c "$ODOO_RC" "${DB_ARGS[@]}" -d "$SF_DB" --db-filter="^${SF_DB}\$" "$@"
fi

exec "$@"
