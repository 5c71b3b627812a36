"""The container files CI cannot build (no Docker engine): they parse and keep their promises."""

from __future__ import annotations

import re

import yaml

from tests.support.paths import REPO


def make_install_command() -> str:
    """The pip command `make install` runs, without the venv's path."""
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    found = re.search(r"\$\(BIN\)/(pip install [^\n]*-e [^\n]+)", makefile)
    assert found, "make install's pip command not found"
    return found.group(1).strip()


def test_dockerfile_installs_like_make_install():
    dockerfile = (REPO / "Dockerfile").read_text(encoding="utf-8")
    assert make_install_command() in dockerfile


def test_dockerfile_runs_as_a_non_root_user():
    dockerfile = (REPO / "Dockerfile").read_text(encoding="utf-8")
    users = re.findall(r"^USER\s+(\S+)", dockerfile, flags=re.MULTILINE)
    assert users, "no USER instruction"
    assert users[-1] not in ("root", "0", "0:0")
    last_user = list(re.finditer(r"^USER\s", dockerfile, flags=re.MULTILINE))[-1].start()
    assert last_user > dockerfile.index(make_install_command())  # the install runs as root


def test_compose_has_the_bot_its_database_and_a_backup_job():
    compose = yaml.safe_load((REPO / "compose.yaml").read_text(encoding="utf-8"))
    services = compose["services"]
    assert {"dondoc", "postgres", "backup"} <= set(services)
    assert services["dondoc"]["command"] == ["run"]
    assert "dondoc backup -o" in " ".join(services["backup"]["command"])
    assert services["dondoc"]["environment"]["DATABASE_URL"].startswith("postgresql://")
    assert "healthcheck" in services["postgres"]
