"""Production settings: the server refuses the public default key, the documented production
set passes `check --deploy`, and links signed with a key anyone can read are refused."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core import signing
from django.urls import reverse

from tests.conftest import Tenant

ROOT = Path(__file__).resolve().parent.parent
# The key the settings fell back to before production refused to start without one: public,
# in every clone of the repository.
OLD_PUBLIC_KEY = "django-insecure-dev-only-change-me-in-production"


def _manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS"}}
    return subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=ROOT, env={**base, **env}, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def test_server_refuses_to_start_without_secret_key(tmp_path: Path) -> None:
    result = _manage(
        {"DJANGO_DEBUG": "0", "ALLOWED_HOSTS": "jejak.example.id", "JEJAK_VAR_DIR": str(tmp_path)},
        "check",
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DJANGO_DEBUG is off" in result.stderr


def test_server_refuses_to_start_without_allowed_hosts(tmp_path: Path) -> None:
    result = _manage(
        {"DJANGO_DEBUG": "0", "SECRET_KEY": "k" * 60, "JEJAK_VAR_DIR": str(tmp_path)}, "check"
    )
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set when DJANGO_DEBUG is off" in result.stderr


def test_debug_mode_still_starts_with_nothing_set(tmp_path: Path) -> None:
    result = _manage({"DJANGO_DEBUG": "1", "JEJAK_VAR_DIR": str(tmp_path)}, "check")
    assert result.returncode == 0, result.stderr


def test_documented_production_settings_pass_check_deploy() -> None:
    """The security lines of .env.example with a random key: no warning at all (CI runs the
    same script)."""
    result = subprocess.run(  # noqa: S603 - the repository's own script
        ["bash", str(ROOT / "deploy" / "check-production")],  # noqa: S607
        cwd=ROOT, env={**os.environ, "PYTHON": sys.executable},
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_warns_without_the_documented_https_settings(tmp_path: Path) -> None:
    """The check above can fail: the same run without HSTS and the redirect warns."""
    result = _manage(
        {"DJANGO_DEBUG": "0", "SECRET_KEY": "x7" * 30 + "abcdefgh", "ALLOWED_HOSTS": "a.id",
         "JEJAK_VAR_DIR": str(tmp_path)},
        "check", "--deploy", "--fail-level", "WARNING",
    )  # fmt: skip
    assert result.returncode != 0
    assert "security.W004" in result.stderr + result.stdout


def test_survey_link_key_is_not_the_secret_key(settings: Any) -> None:
    assert settings.SURVEY_LINK_KEY
    assert settings.SURVEY_LINK_KEY != settings.SECRET_KEY


@pytest.mark.django_db
def test_unsubscribe_link_forged_with_the_old_public_key_is_not_found(
    client: Any, jember: Tenant
) -> None:
    forged = signing.dumps(jember.alumnus.code, key=OLD_PUBLIC_KEY, salt="jejak.jobs.unsubscribe")
    assert client.get(reverse("jobs:unsubscribe", args=[forged])).status_code == 404
