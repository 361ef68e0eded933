# shellcheck shell=bash
# Shared setup for `make run`, `make test` and the bench scripts.
#
# Settings (environment variables, all optional):
#   ODOO_SRC      an Odoo 18.0 source checkout to use (must contain odoo-bin and addons/).
#   SF_PYTHON     a Python that can already `import odoo` (18.0); used as is, no virtualenv.
#   SF_VENV       the virtualenv to create/reuse     (default ~/.cache/shopfloor/venv-18.0)
#   SF_ODOO_HOME  default place of the Odoo checkout (default ~/.local/share/shopfloor/odoo-18.0)
#   ODOO_REPO     where to clone Odoo from when none is found
#                 (default https://github.com/odoo/odoo.git, branch 18.0)
#   PGHOST/PGPORT/PGUSER  PostgreSQL server (default 127.0.0.1:5432, current OS user)
#   SF_DATA_DIR   Odoo's data dir (filestore, sessions) (default <project>/.data)
#
# Odoo is found in this order: $ODOO_SRC, $SF_PYTHON, an `odoo` importable by
# python3, $SF_ODOO_HOME; if none, Odoo 18.0 is cloned into $SF_ODOO_HOME.

set -euo pipefail

SF_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SF_VENV="${SF_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/shopfloor/venv-18.0}"
SF_ODOO_HOME="${SF_ODOO_HOME:-${XDG_DATA_HOME:-$HOME/.local/share}/shopfloor/odoo-18.0}"
ODOO_REPO="${ODOO_REPO:-https://github.com/odoo/odoo.git}"
SF_DATA_DIR="${SF_DATA_DIR:-$SF_ROOT/.data}"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}"

sf_log() { printf '[shopfloor] %s\n' "$*" >&2; }
sf_die() { printf '[shopfloor] ERROR: %s\n' "$*" >&2; exit 1; }

_sf_is_odoo18_src() {
    [ -f "$1/odoo-bin" ] && [ -d "$1/addons/mrp" ] &&
        grep -qE "^version_info = \(18, 0," "$1/odoo/release.py" 2>/dev/null
}

_sf_as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi
}

# apt-get install the given Debian packages when they are missing (root or sudo only).
sf_apt_install() {
    local missing=()
    for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
    [ ${#missing[@]} -eq 0 ] && return 0
    command -v apt-get >/dev/null || sf_die "missing system packages: ${missing[*]}; install them with your package manager."
    sf_log "installing system packages: ${missing[*]}"
    _sf_as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null ||
        sf_die "apt-get update failed; install ${missing[*]} by hand."
    _sf_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null ||
        sf_die "apt-get install ${missing[*]} failed; install them by hand."
}

# Sets ODOO_SRC (may stay empty for a packaged odoo) and SF_PY.
sf_find_odoo() {
    SF_PY=""
    if [ -n "${ODOO_SRC:-}" ]; then
        _sf_is_odoo18_src "$ODOO_SRC" ||
            sf_die "ODOO_SRC=$ODOO_SRC is not an Odoo 18.0 source checkout (no odoo-bin, addons/mrp or version 18.0). Point ODOO_SRC at one, or unset it."
    elif [ -n "${SF_PYTHON:-}" ]; then
        "$SF_PYTHON" -c 'import odoo,sys; sys.exit(odoo.release.version_info[0] != 18)' 2>/dev/null ||
            sf_die "SF_PYTHON=$SF_PYTHON cannot import Odoo 18.0. Point it at a Python with Odoo 18.0, or unset it."
        SF_PY="$SF_PYTHON"
    elif python3 -c 'import odoo,sys; sys.exit(odoo.release.version_info[0] != 18)' 2>/dev/null; then
        SF_PY="$(command -v python3)"
    elif _sf_is_odoo18_src "$SF_ODOO_HOME"; then
        ODOO_SRC="$SF_ODOO_HOME"
    else
        if [ -e "$SF_ODOO_HOME" ] && [ -n "$(ls -A "$SF_ODOO_HOME" 2>/dev/null)" ]; then
            sf_die "$SF_ODOO_HOME exists but is not an Odoo 18.0 checkout. Remove it, or set ODOO_SRC to an Odoo 18.0 source checkout."
        fi
        command -v git >/dev/null || sf_die "Odoo 18.0 not found and git is missing to clone it. Install git, or set ODOO_SRC to an Odoo 18.0 source checkout."
        sf_log "Odoo 18.0 not found: cloning branch 18.0 of $ODOO_REPO into $SF_ODOO_HOME (about 1 GB)"
        mkdir -p "$(dirname "$SF_ODOO_HOME")"
        if ! git clone --quiet --depth 1 --branch 18.0 "$ODOO_REPO" "$SF_ODOO_HOME"; then
            rm -rf "$SF_ODOO_HOME"
            sf_die "could not clone Odoo 18.0 from $ODOO_REPO. Set ODOO_SRC to an Odoo 18.0 source checkout (or ODOO_REPO to a reachable mirror) and run again."
        fi
        ODOO_SRC="$SF_ODOO_HOME"
    fi
    export ODOO_SRC
}

# Creates or reuses the virtualenv with Odoo's and our requirements; sets SF_PY.
sf_python_env() {
    sf_find_odoo
    if [ -n "$SF_PY" ]; then
        "$SF_PY" -c 'import ortools, pytest, jsonschema' 2>/dev/null ||
            "$SF_PY" -m pip install -q -r "$SF_ROOT/requirements.txt" ||
            sf_die "could not install requirements.txt into $SF_PY."
        return 0
    fi
    local stamp want
    want="$(cat "$ODOO_SRC/requirements.txt" "$SF_ROOT/requirements.txt" "$SF_ROOT/.ci/build-constraints.txt" | sha1sum | cut -c1-16) $ODOO_SRC"
    stamp="$SF_VENV/.shopfloor-stamp"
    if [ -x "$SF_VENV/bin/python" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then
        SF_PY="$SF_VENV/bin/python"
        return 0
    fi
    sf_log "preparing the Python environment in $SF_VENV (first time: a few minutes)"
    # Headers for the packages Odoo builds from source (psycopg2, python-ldap).
    sf_apt_install python3-venv libpq-dev libldap2-dev libsasl2-dev libxml2-dev libxslt1-dev gcc
    [ -x "$SF_VENV/bin/python" ] || python3 -m venv "$SF_VENV" || sf_die "could not create a virtualenv in $SF_VENV (is python3-venv installed?)."
    local pip=("$SF_VENV/bin/python" -m pip install -q --disable-pip-version-check)
    "${pip[@]}" -U "pip>=25.3" wheel "setuptools<81" >/dev/null || sf_die "could not upgrade pip in $SF_VENV."
    # Odoo 18.0 pins cbor2 5.4.2, whose sdist only builds with setuptools < 81.
    "${pip[@]}" --build-constraint "$SF_ROOT/.ci/build-constraints.txt" \
        -r "$ODOO_SRC/requirements.txt" -r "$SF_ROOT/requirements.txt" ||
        sf_die "installing Odoo's and the project's requirements failed (see above)."
    "${pip[@]}" --no-deps -e "$ODOO_SRC" >/dev/null 2>&1 || sf_die "pip install -e $ODOO_SRC failed."
    echo "$want" >"$stamp"
    SF_PY="$SF_VENV/bin/python"
}

# The addons path: Odoo's own addons plus ours.
# Every addon of this repository (a directory of addons/ with a manifest), comma-separated:
# `make test` and `make run` install them all, so a new addon needs no edit here.
sf_modules() {
    local d names=()
    for d in "$SF_ROOT"/addons/*/__manifest__.py; do
        names+=("$(basename "$(dirname "$d")")")
    done
    (IFS=,; echo "${names[*]}")
}

sf_addons_path() {
    local odoo_root
    odoo_root="$("$SF_PY" -c 'import odoo, os; print(os.path.dirname(os.path.dirname(os.path.abspath(odoo.__file__))))')"
    if [ -d "$odoo_root/addons/mrp" ]; then
        echo "$odoo_root/addons,$SF_ROOT/addons"
    else
        echo "$SF_ROOT/addons"  # packaged Odoo: its addons live in odoo/addons
    fi
}

# Makes sure PostgreSQL answers; starts or installs it when it does not.
sf_postgres() {
    if ! command -v pg_isready >/dev/null; then
        sf_apt_install postgresql postgresql-client
    fi
    pg_isready -q -h "$PGHOST" -p "$PGPORT" && return 0
    if [ "$PGHOST" = 127.0.0.1 ] || [ "$PGHOST" = localhost ]; then
        if ! ls /etc/postgresql/*/main >/dev/null 2>&1; then
            sf_apt_install postgresql postgresql-client
        fi
        if command -v pg_ctlcluster >/dev/null; then
            sf_log "starting PostgreSQL"
            _sf_as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -1)" main start || true
        fi
        for _ in $(seq 1 30); do pg_isready -q -h "$PGHOST" -p "$PGPORT" && break; sleep 1; done
    fi
    pg_isready -q -h "$PGHOST" -p "$PGPORT" ||
        sf_die "PostgreSQL does not answer on $PGHOST:$PGPORT. Start it (or set PGHOST/PGPORT to a running server) and run again."
    # Odoo connects as the current OS user: make sure that role exists.
    local me
    me="${PGUSER:-$(id -un)}"
    if ! psql -h "$PGHOST" -p "$PGPORT" -U "$me" -d postgres -Atqc 'select 1' >/dev/null 2>&1; then
        sf_log "creating PostgreSQL role $me"
        _sf_as_root su postgres -c "createuser --createdb '$me'" 2>/dev/null ||
            sf_die "cannot connect to PostgreSQL as $me and cannot create that role. Create it (createuser --createdb $me) and run again."
    fi
}

# Runs odoo-bin with the project's configuration (SF_EXEC=1: replace the shell, so that a
# background server's $! is Odoo's own pid and killing it stops its workers too).
sf_odoo() {
    local bin=(-m odoo) sub=() run=()
    [ "${SF_EXEC:-0}" = 1 ] && run=(exec)
    [ -n "${ODOO_SRC:-}" ] && bin=("$ODOO_SRC/odoo-bin")
    case "${1:-}" in shell | server | populate) sub=("$1"); shift ;; esac
    "${run[@]}" "$SF_PY" "${bin[@]}" "${sub[@]}" -c "$SF_ROOT/odoo.conf" --addons-path="$(sf_addons_path)" \
        --data-dir="$SF_DATA_DIR" --db_host="$PGHOST" --db_port="$PGPORT" "$@"
}
