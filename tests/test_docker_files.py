"""Static checks of docker/ (no Docker engine needed): the compose file parses and
declares PostgreSQL 16 + Odoo with named volumes and health checks, the image is built on
the official odoo:18 image with the addons, and the entrypoint initialises the demo
database on first start."""

import configparser
import pathlib
import re
import shutil
import subprocess

import pytest
import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent
DOCKER = ROOT / "docker"
ADDONS = ("shopfloor_mp", "shopfloor_oee", "shopfloor_trace")


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((DOCKER / "docker-compose.yml").read_text(encoding="utf-8"))


def test_compose_services(compose):
    services = compose["services"]
    assert set(services) >= {"db", "odoo"}
    assert services["db"]["image"] == "postgres:16"
    odoo = services["odoo"]
    assert odoo["build"]["dockerfile"] == "docker/Dockerfile"
    assert (DOCKER / odoo["build"]["context"] / odoo["build"]["dockerfile"]).is_file()
    assert odoo["depends_on"]["db"]["condition"] == "service_healthy"
    assert odoo["environment"]["DB_HOST"] == "db"
    assert any(str(port).split(":")[-1] == "8069" for port in odoo["ports"])


def test_compose_named_volumes(compose):
    named = set(compose["volumes"])
    assert {"db-data", "odoo-data"} <= named
    mounts = {
        name: {str(v).split(":")[0]: str(v).split(":")[1] for v in service.get("volumes", [])}
        for name, service in compose["services"].items()
    }
    assert mounts["db"]["db-data"] == "/var/lib/postgresql/data"
    assert mounts["odoo"]["odoo-data"] == "/var/lib/odoo"
    for service in mounts.values():
        for source in service:
            assert source in named, f"{source} is not a declared named volume"


def test_compose_healthchecks(compose):
    db_check = compose["services"]["db"]["healthcheck"]
    assert "pg_isready" in " ".join(db_check["test"])
    odoo_check = compose["services"]["odoo"]["healthcheck"]
    assert "/web/health" in " ".join(odoo_check["test"])
    # the first start installs the addons with demo data before Odoo serves
    assert re.fullmatch(r"\d+m", odoo_check["start_period"])


def test_dockerfile():
    text = (DOCKER / "Dockerfile").read_text(encoding="utf-8")
    assert re.search(r"^FROM odoo:18(\.0)?\b", text, re.M)
    assert "COPY addons " in text
    assert "requirements.txt" in text and "pip3 install" in text
    assert "--break-system-packages" in text
    assert "ENTRYPOINT" in text and "entrypoint.sh" in text
    for path in re.findall(r"^COPY (\S+) ", text, re.M):
        assert (ROOT / path).exists(), f"COPY source {path} is missing"


def test_container_odoo_conf():
    conf = configparser.ConfigParser()
    conf.read(DOCKER / "odoo.conf", encoding="utf-8")
    options = conf["options"]
    assert "/opt/shopfloor/addons" in options["addons_path"]
    assert options["data_dir"] == "/var/lib/odoo"
    assert options["list_db"] == "False"
    for secret in ("admin_passwd", "db_password"):
        assert secret not in options, f"{secret} must not be written in docker/odoo.conf"


def test_entrypoint_initialises_the_demo_database():
    path = DOCKER / "entrypoint.sh"
    text = path.read_text(encoding="utf-8")
    assert path.stat().st_mode & 0o111, "entrypoint.sh must be executable"
    assert text.startswith("#!/bin/bash")
    assert "set -euo pipefail" in text
    for addon in ADDONS:
        assert addon in text
    assert "--stop-after-init" in text and "-i " in text
    assert subprocess.run(["bash", "-n", str(path)], check=False).returncode == 0
    if shutil.which("shellcheck"):
        result = subprocess.run(
            ["shellcheck", str(path)], capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, result.stdout
