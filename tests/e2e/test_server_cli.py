"""The command line on a team server, as a user would run it: --db (or $REVIEWDESK_DB) given
a postgresql URL works as with a file; the commands that are about a file say so; no
password is ever printed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.e2e.test_cli import assert_one_line_error, run, test_import_briefs_show_annotate
from tests.e2e.test_search_cli import test_search_prints_matches_grouped_by_brief
from tests.support.postgres import PASSWORD


def test_import_show_and_annotate_on_a_server(pg_url: str, brief_file: Path) -> None:
    test_import_briefs_show_annotate(pg_url, brief_file)  # type: ignore[arg-type]


def test_search_on_a_server(pg_url: str, brief_file: Path) -> None:
    test_search_prints_matches_grouped_by_brief(pg_url, brief_file)  # type: ignore[arg-type]


def test_the_environment_may_name_the_server(pg_url: str, brief_file: Path) -> None:
    env = {**os.environ, "REVIEWDESK_DB": pg_url, "REVIEWDESK_REVIEWER": "Test Reviewer"}

    def reviewdesk(*args: str) -> str:
        result = subprocess.run([sys.executable, "-m", "reviewdesk", *args], env=env,
                                capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr
        return result.stdout

    [imported] = json.loads(reviewdesk("import", str(brief_file), "--json"))
    [listed] = json.loads(reviewdesk("briefs", "--json"))
    assert listed["id"] == imported["id"]
    about = reviewdesk("about")
    assert "Database:    the team server 127.0.0.1:" in about and PASSWORD not in about


def test_doctor_is_about_files(pg_url: str) -> None:
    result = run(pg_url, "doctor", ok=False)  # type: ignore[arg-type]
    assert_one_line_error(result, "doctor checks an SQLite file", "pg_dump")
    assert PASSWORD not in result.stderr


def test_an_unreachable_server_is_one_line(tmp_path: Path) -> None:
    url = "postgresql+psycopg://reviewer:secret-word@127.0.0.1:1/reviews"
    result = run(url, "briefs", ok=False)  # type: ignore[arg-type]
    assert_one_line_error(result, "cannot connect to the team server 127.0.0.1:1/reviews")
    assert "secret-word" not in result.stderr
    assert list(tmp_path.iterdir()) == [] and not Path("postgresql+psycopg:").exists()
